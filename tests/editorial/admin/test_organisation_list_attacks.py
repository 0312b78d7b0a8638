"""The organisation list's new website column, fed a stored address no form would accept
(an archive restore, a shell, a fixture): it must not become a script link for staff."""

import pytest

from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "website", ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>"]
)
def test_a_stored_script_address_is_not_a_link_in_the_organisation_list(editor_client, website):
    make_organisation(name="Hostile org", website=website)
    page = editor_client.get("/admin/participants/organisation/").content.decode()
    assert 'href="javascript:' not in page and 'href="data:' not in page


def test_a_hostile_website_host_is_escaped(editor_client):
    make_organisation(name="Markup org", website='https://"><script>alert(1)</script>.example/')
    page = editor_client.get("/admin/participants/organisation/").content.decode()
    assert "<script>alert(1)</script>" not in page
