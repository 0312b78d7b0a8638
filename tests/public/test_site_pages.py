"""The accessibility statement, privacy notice and contact page: what a reader finds, as
the editors wrote it, reachable from every page's footer and listed in the sitemap."""

import pytest

from editorial.site_page_services import save_site_page
from sitepages.models import SitePage
from tests.factories import make_story

pytestmark = pytest.mark.django_db

ADDRESSES = ["/accessibility/", "/privacy/", "/contact/"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_each_page_shows_its_text_as_editors_left_it(client, address):
    page = SitePage.objects.get(slug=address.strip("/"))
    page.title = "Words from the programme team"
    page.body = "<h2>Our promise</h2><p>We answer within a week.</p>"
    save_site_page(page=page, by=None)

    shown = client.get(address)

    assert shown.status_code == 200
    html = shown.content.decode()
    assert "<h1>Words from the programme team</h1>" in html
    assert "<h2>Our promise</h2><p>We answer within a week.</p>" in html
    assert "Last reviewed" in html


# What a fresh site says from the start: the parts gov.uk's sample accessibility statement
# asks for, and what UK GDPR asks a privacy notice to say.
FRESH_SITE_SAYS = {
    "/accessibility/": [
        "partially compliant with the",
        "WCAG 2.2",
        "Non-accessible content",
        "in a different format",
        "within 5 working days",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "Equality Advisory and Support",
        "Preparation of this accessibility statement",
        "axe",
    ],
    "/privacy/": [
        "controller",
        "consent",
        "a copy of the information we hold about you",
        "erase",
        "withdraw your consent",
        "Information Commissioner",
        "How long we keep it",
        "sets no cookies for readers",
        "csrftoken",
        "sessionid",
    ],
    "/contact/": ["Email the programme team", "mailto:"],
}


@pytest.mark.parametrize("address", FRESH_SITE_SAYS)
def test_a_fresh_site_has_each_page_with_what_it_must_say(client, address):
    html = client.get(address).content.decode()
    missing = [part for part in FRESH_SITE_SAYS[address] if part not in html]
    assert missing == []


def test_hostile_markup_in_a_page_never_reaches_a_reader(client):
    page = SitePage.objects.get(slug="contact")
    page.body = (
        '<p onclick="steal()">Write to us</p><script>alert(1)</script>'
        '<p><a href="javascript:alert(2)">click</a><img src=x onerror="alert(3)"></p>'
    )
    save_site_page(page=page, by=None)

    html = client.get("/contact/").content.decode()

    assert "Write to us" in html
    for hostile in ["<script>alert(1)", "onclick", "javascript:", "onerror", "<img"]:
        assert hostile not in html, hostile


def test_an_edit_shows_at_once_on_the_cached_page_and_leaves_other_pages_cached(client):
    make_story(slug="kept")
    assert client.get("/privacy/")["X-Page-Cache"] == "miss"
    assert client.get("/privacy/")["X-Page-Cache"] == "hit"
    client.get("/stories/kept/")
    client.get("/contact/")

    page = SitePage.objects.get(slug="privacy")
    page.body = "<p>We changed how long we keep sign-off records.</p>"
    save_site_page(page=page, by=None)

    renewed = client.get("/privacy/")
    assert renewed["X-Page-Cache"] == "miss"
    assert "We changed how long we keep sign-off records." in renewed.content.decode()
    # Only that page was renewed: a story and the other site pages stay cached.
    assert client.get("/stories/kept/")["X-Page-Cache"] == "hit"
    assert client.get("/contact/")["X-Page-Cache"] == "hit"


def test_every_page_links_to_the_three_from_its_footer_beside_the_feed_and_sitemap(client):
    for address in ["/", "/stories/", "/no-such-page/"]:
        html = client.get(address).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        for link in [*ADDRESSES, "/feeds/stories/", "/sitemap.xml"]:
            assert f'href="{link}"' in footer, (address, link)


def test_the_sitemap_lists_the_pages_and_is_renewed_when_one_is_saved(client):
    assert "/sitemap-pages.xml" in client.get("/sitemap.xml").content.decode()
    listed = client.get("/sitemap-pages.xml").content.decode()
    for address in ADDRESSES:
        assert f"<loc>http://testserver{address}</loc>" in listed
    assert client.get("/sitemap-pages.xml")["X-Page-Cache"] == "hit"

    page = SitePage.objects.get(slug="contact")
    page.summary = "Write to the programme team."
    save_site_page(page=page, by=None)

    # Its last change (the date a crawler reads) is worked out again.
    assert client.get("/sitemap-pages.xml")["X-Page-Cache"] == "miss"
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "miss"


def test_a_page_that_was_deleted_by_hand_is_a_404_not_a_500(client):
    SitePage.objects.filter(slug="contact").delete()
    assert client.get("/contact/").status_code == 404
