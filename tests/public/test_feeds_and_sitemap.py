"""What feed readers and crawlers get: the RSS feeds, the sitemap and robots.txt."""

import calendar
import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.conf import settings
from django.utils import timezone

from public.feeds import FEED_LENGTH
from stories.models import Story
from tests.factories import (
    make_organisation,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LONG_TITLE = (
    "From a leisure centre car park to a Section 75 agreement: how Ipswich turned "
    "health inequalities into a multi-year programme with the CCG, two NHS trusts & a university"
)


def days_ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"malformed feed: {feed.get('bozo_exception')}"
    return feed


def titles(feed) -> list[str]:
    """The entries' titles as a reader sees them: feeds send titles as HTML."""
    return [html.unescape(entry.title) for entry in feed.entries]


def when(entry) -> int:
    """An entry's publication time, in seconds since the epoch."""
    return calendar.timegm(entry.published_parsed)


@pytest.fixture
def themed():
    """Two themes; public stories on each, and hidden ones on the first."""
    health = make_theme(name="Health inequalities", slug="health-inequalities")
    housing = make_theme(name="Housing", slug="housing")
    stories = {
        "older": make_story(title="Older health story", published_at=days_ago(9)),
        "long": make_story(
            title=LONG_TITLE,
            summary="Andrew brought partners together around one shared plan for Ipswich.",
            published_at=days_ago(1),
        ),
        "housing": make_story(title="Housing story", published_at=days_ago(4)),
        "draft": make_story(title="Draft health story", status="draft", published_at=None),
        "scheduled": make_story(title="Scheduled health story", published_at=days_ago(-2)),
        "withdrawn": make_story(
            title="Withdrawn health story",
            participant=make_participant(consent_withdrawn_at=timezone.now()),
        ),
    }
    for key in ("older", "long", "draft", "scheduled", "withdrawn"):
        stories[key].themes.add(health)
    stories["housing"].themes.add(housing)
    return {"health": health, "housing": housing, **stories}


def test_story_feed_is_titled_for_the_site(client, themed):
    feed = read_feed(client, "/feeds/stories/")
    assert feed.feed.title == f"{settings.SITE_NAME}: latest stories"
    assert feed.feed.link == f"{SERVER}/stories/"


def test_story_feed_lists_public_stories_newest_first(client, themed):
    feed = read_feed(client, "/feeds/stories/")
    assert titles(feed) == [
        LONG_TITLE,
        "Housing story",
        "Older health story",
    ]
    times = [when(entry) for entry in feed.entries]
    assert times == sorted(times, reverse=True)


def test_feed_entry_has_full_title_summary_link_and_date(client, themed):
    story = themed["long"]
    entry = read_feed(client, "/feeds/stories/").entries[0]
    assert html.unescape(entry.title) == LONG_TITLE
    assert entry.summary == story.summary
    assert entry.link == f"{SERVER}{story.get_absolute_url()}"
    assert entry.link.startswith(("http://", "https://"))
    assert entry.link.endswith(f"/stories/{story.slug}/")
    assert when(entry) == int(story.published_at.timestamp())


def test_story_feed_stops_at_the_newest_twenty(client):
    assert FEED_LENGTH == 20
    participant = make_participant()
    stories = [
        make_story(title=f"Numbered story {n}", participant=participant, published_at=days_ago(n))
        for n in range(1, 26)
    ]
    feed = read_feed(client, "/feeds/stories/")
    assert titles(feed) == [story.title for story in stories[:20]]


def test_theme_feed_has_only_that_themes_public_stories(client, themed):
    feed = read_feed(client, "/feeds/themes/health-inequalities/")
    assert feed.feed.title == f"{settings.SITE_NAME}: Health inequalities"
    assert feed.feed.link == f"{SERVER}/themes/health-inequalities/"
    assert titles(feed) == [LONG_TITLE, "Older health story"]
    assert [entry.link for entry in feed.entries] == [
        f"{SERVER}{themed['long'].get_absolute_url()}",
        f"{SERVER}{themed['older'].get_absolute_url()}",
    ]

    housing = read_feed(client, "/feeds/themes/housing/")
    assert titles(housing) == ["Housing story"]


def test_theme_feed_of_a_theme_without_public_stories_is_a_404(client, themed):
    # A theme is public only through a public story (tests/stories/test_theme_visibility.py).
    make_theme(name="Community development", slug="community-development")
    assert client.get("/feeds/themes/community-development/").status_code == 404


def test_feed_of_an_unknown_theme_is_a_404(client, themed):
    assert client.get("/feeds/themes/no-such-theme/").status_code == 404


# The accessibility statement, privacy notice and contact page: on every site, stories or not.
SITE_PAGES = ["/accessibility/", "/privacy/", "/contact/"]


def read_sitemap(client) -> dict[str, str]:
    """Each URL in the sitemaps /sitemap.xml indexes, with its <lastmod>."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    found = {}
    for section in index.findall("sm:sitemap", SITEMAP_NS):
        address = section.findtext("sm:loc", namespaces=SITEMAP_NS)
        assert address.startswith(SERVER), address
        page = client.get(address.removeprefix(SERVER))
        assert page.status_code == 200, address
        root = ET.fromstring(page.content)
        assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
        for url in root.findall("sm:url", SITEMAP_NS):
            location = url.findtext("sm:loc", namespaces=SITEMAP_NS)
            assert location not in found, f"{location} is listed twice"
            found[location] = url.findtext("sm:lastmod", default="", namespaces=SITEMAP_NS)
    return found


def test_each_sitemap_file_stays_within_its_limit(client, monkeypatch):
    from public.sitemaps import StorySitemap

    monkeypatch.setattr(StorySitemap, "limit", 2)
    for _ in range(5):
        make_story()
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [
        loc.text
        for loc in index.iterfind("sm:sitemap/sm:loc", SITEMAP_NS)
        if "sitemap-stories" in loc.text
    ]
    assert len(pages) == 3  # 5 stories, 2 a page
    assert len(read_sitemap(client)) >= 5


def test_sitemap_lists_every_public_page_and_nothing_else(client):
    employer = make_organisation(name="Ipswich Borough Council", slug="ipswich-borough-council")
    partner = make_organisation(name="Suffolk CCG", slug="suffolk-ccg")
    andrew = make_participant(name="Andrew", slug="andrew", organisation=employer)
    public = make_story(participant=andrew)
    make_partner(public, partner)
    second = make_story()  # a participant with no organisation
    make_story(participant=andrew, status="draft", published_at=None)
    theme = make_theme()
    public.themes.add(theme)
    make_theme()  # no story: not public

    # Hidden stories bring no participant or organisation into the sitemap.
    hidden_employer = make_organisation(slug="hidden-employer")
    hidden_partner = make_organisation(slug="hidden-partner")
    for fields in [
        {"status": "draft", "published_at": None},
        {"status": "review", "published_at": None},
        {"status": "archived"},
        {"published_at": days_ago(-1)},
    ]:
        story = make_story(participant=make_participant(organisation=hidden_employer), **fields)
        make_partner(story, hidden_partner)
    withdrawn = make_participant(consent_withdrawn_at=timezone.now(), organisation=hidden_employer)
    make_partner(make_story(participant=withdrawn), hidden_partner)

    expected = {
        *SITE_PAGES,
        public.get_absolute_url(),
        second.get_absolute_url(),
        theme.get_absolute_url(),
        andrew.get_absolute_url(),
        second.participant.get_absolute_url(),
        employer.get_absolute_url(),
        partner.get_absolute_url(),
    }
    listed = read_sitemap(client)
    assert set(listed) == {f"{SERVER}{path}" for path in expected}
    for location, lastmod in listed.items():
        assert lastmod, f"{location} has no <lastmod>"
        assert re.match(r"^\d{4}-\d{2}-\d{2}", lastmod), lastmod
        dt.datetime.fromisoformat(lastmod)  # a W3C date or date-time


def test_sitemap_lastmod_is_when_the_story_last_changed(client):
    story = make_story()
    Story.objects.filter(pk=story.pk).update(
        updated_at=dt.datetime(2024, 5, 6, 7, 8, tzinfo=dt.UTC)
    )
    listed = read_sitemap(client)
    assert listed[f"{SERVER}{story.get_absolute_url()}"].startswith("2024-05-06")


def test_sitemap_of_a_site_with_no_stories_is_valid_and_lists_only_its_own_pages(client):
    assert set(read_sitemap(client)) == {f"{SERVER}{path}" for path in SITE_PAGES}


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    sitemap_lines = [line for line in lines if line.startswith("Sitemap:")]
    assert len(sitemap_lines) == 1
    assert re.fullmatch(r"Sitemap: https?://[^/\s]+/sitemap\.xml", sitemap_lines[0])
    assert sitemap_lines[0] == f"Sitemap: {SERVER}/sitemap.xml"
