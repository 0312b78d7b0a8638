"""Saving a site page: only editors, by any door (the service, the admin form)."""

import pytest
from django.core.exceptions import PermissionDenied

from editorial.site_page_services import save_site_page
from pagecache.models import ContentVersion
from pagecache.versions import current_token
from sitepages.models import SitePage
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

CHANGE = "/admin/sitepages/sitepage/{pk}/change/"


def _accessibility():
    return SitePage.objects.get(slug="accessibility")


@pytest.mark.parametrize("group", ["Viewers", "Contributors", None])
def test_no_one_below_editor_changes_a_page_through_the_service(group):
    page = _accessibility()
    page.body = "<p>We make no promises.</p>"
    with pytest.raises(PermissionDenied, match="Only an editor"):
        save_site_page(page=page, by=make_staff(f"staff-{group}", group))
    assert "We make no promises" not in _accessibility().body


def test_an_editor_changes_a_page_in_the_admin_and_readers_see_it(editor_client, client):
    page = _accessibility()
    client.get("/accessibility/")  # cached before the edit
    form = editor_client.get(CHANGE.format(pk=page.pk))
    assert form.status_code == 200 and 'name="_save"' in form.content.decode()

    saved = editor_client.post(
        CHANGE.format(pk=page.pk),
        {
            "title": "Accessibility statement for our stories",
            "summary": "",
            "body": "<p>Tested with a screen reader in May.</p><script>x()</script>",
            "last_reviewed_on": "2027-05-01",
        },
    )

    assert saved.status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>Tested with a screen reader in May.</p>"
    html = client.get("/accessibility/").content.decode()
    assert "Accessibility statement for our stories" in html
    assert "Tested with a screen reader in May." in html and "x()" not in html
    assert '<time datetime="2027-05-01">1 May 2027</time>' in html


def test_a_save_renews_the_page_not_the_whole_site():
    before = current_token()
    page = _accessibility()
    page.title = "Renewed alone"
    save_site_page(page=page, by=None)
    assert ContentVersion.objects.values_list("token", flat=True).first() == before


def test_the_set_of_pages_is_fixed_even_for_a_superuser(admin_client):
    page = _accessibility()
    assert admin_client.get("/admin/sitepages/sitepage/add/").status_code == 403
    assert admin_client.get(f"/admin/sitepages/sitepage/{page.pk}/delete/").status_code == 403
    listed = admin_client.get("/admin/sitepages/sitepage/").content.decode()
    for title in ["Accessibility statement", "Privacy notice", "Contact us"]:
        assert title in listed
