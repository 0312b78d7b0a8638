"""An address with nothing behind it: the site's own page with a search box, never
Django's list of URL patterns, under DEBUG too (what `make run` serves)."""

import pytest
from django.test import override_settings

from tests.factories import make_story

pytestmark = pytest.mark.django_db

SEARCH_BOX = '<label for="not-found-q">'
TECHNICAL = "Using the URLconf"


def _not_found_page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 404, address
    html = response.content.decode()
    assert TECHNICAL not in html and "urlpatterns" not in html, address
    assert "<h1>Page not found</h1>" in html, address
    assert SEARCH_BOX in html and 'action="/search/"' in html and 'name="q"' in html
    return html


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    "address",
    [
        "/no-such-page/",  # no URL pattern matches
        "/stories/no-such-story/",  # the view says there is no such story (Http404)
        "/themes/no-such-theme/",
    ],
)
def test_a_missing_page_is_the_sites_own_with_a_search_box(client, address, debug):
    with override_settings(DEBUG=debug):
        _not_found_page(client, address)


@override_settings(DEBUG=True)
def test_an_unpublished_story_is_the_same_page_under_debug(client):
    draft = make_story(status="draft", published_at=None)
    _not_found_page(client, draft.get_absolute_url())


@override_settings(DEBUG=True)
def test_an_address_missing_its_final_slash_still_redirects(client):
    response = client.get("/accessibility")
    assert response.status_code == 301
    assert response["Location"] == "/accessibility/"
    assert client.get("/admin")["Location"] == "/admin/"


@override_settings(DEBUG=True)
def test_the_admin_still_works_under_debug(admin_client):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/sitepages/sitepage/").status_code == 200
    # The admin's own answer for an address of its own it does not know: to its index.
    assert admin_client.get("/admin/no-such-app/").status_code in (302, 404)
