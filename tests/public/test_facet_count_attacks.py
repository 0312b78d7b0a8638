"""Attacks: each filter choice's number equals what the page it links to shows."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from stories.models import Story
from tests.factories import make_cohort, make_participant, make_programme, make_story, make_theme
from tests.public.test_filter_choices import choices, filter_bar, shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def awkward(db):
    """Hidden stories carrying themes, tags and cohorts; a person in two cohorts of one
    programme and in cohorts of two programmes."""
    housing, health = (
        make_theme(name="Housing", slug="housing"),
        make_theme(name="Health", slug="health"),
    )
    first, second = make_programme(slug="first"), make_programme(slug="second")
    march = make_cohort(slug="march", programme=first)
    june = make_cohort(slug="june", programme=first)
    autumn = make_cohort(slug="autumn", programme=second)
    both = make_participant()
    both.cohorts.add(march, june, autumn)
    gone = make_participant(consent_withdrawn_at=timezone.now())
    gone.cohorts.add(autumn)
    for n in range(4):
        story = make_story(
            body="<p>Leisure centres.</p>", participant=both if n % 2 else make_participant()
        )
        story.themes.add(housing, *([health] if n < 2 else []))
        story.tags.add(f"tag {n % 2}")
    hidden = [
        make_story(body="<p>Leisure.</p>", participant=gone),
        make_story(body="<p>Leisure.</p>", status=Story.Status.DRAFT, published_at=None),
        make_story(body="<p>Leisure.</p>", published_at=timezone.now() + dt.timedelta(days=2)),
    ]
    for story in hidden:
        story.themes.add(housing, health)
        story.tags.add("tag 0", "secret tag")
        story.participant.cohorts.add(autumn)


@pytest.mark.parametrize(
    "url",
    [
        "/stories/",
        "/stories/?programme=first",
        "/stories/?programme=second&theme=health",
        "/stories/?cohort=autumn",
        "/stories/?theme=housing&theme=housing",
        "/stories/?theme=housing&theme=health&tag=tag-0",
        "/themes/housing/?programme=first",
        "/themes/health/?cohort=march",
        "/themes/housing/?tag=tag-0&programme=second",
        "/tags/tag-0/",
        "/search/?q=leisur",
        "/search/?q=leisure&programme=first",
        "/themes/housing/?q=leisur",
        "/stories/?tag=tag-0&tag=tag-1",
        "/stories/?programme=first&programme=second",
        "/themes/housing/?cohort=march&cohort=autumn",
        "/stories/?tag=secret-tag",
        "/stories/?theme=health&theme=nonexistent",
        "/search/?q=leisure&q=zzz",
    ],
)
def test_every_choice_shows_as_many_stories_as_it_says_with_hidden_stories_about(
    client, awkward, url
):
    page = client.get(url).content.decode()
    assert "secret" not in filter_bar(page)
    for address, count in choices(url, page):
        assert count > 0, address
        assert shown(client, address) == count, (url, address)


def test_a_corrected_search_counts_a_theme_as_its_link_shows(client):
    """Overall "bakr" is corrected to "bark" (most stories); within Bread it would be
    corrected to "baker": the Bread choice must count what its own page shows."""
    bread, trees = make_theme(name="Bread", slug="bread"), make_theme(name="Trees", slug="trees")
    for _ in range(3):
        make_story(body="<p>The baker.</p>").themes.add(bread)
    make_story(body="<p>The bark.</p>").themes.add(bread)
    for _ in range(5):
        make_story(body="<p>The bark.</p>").themes.add(trees)
    page = client.get("/search/?q=bakr").content.decode()
    # The filters narrow the corrected search, so their form sends the corrected word.
    sent = re.search(r'name="q" value="([^"]*)"', filter_bar(page)).group(1)
    assert sent == "bark"
    offered = choices(f"/search/?q={sent}", page)
    assert offered
    for address, count in offered:
        assert shown(client, address) == count, (address, count)


def test_index_counts_equal_the_pages_they_link_to(client, awkward):
    import re

    themes = client.get("/themes/").content.decode()
    cards = re.findall(r'href="(/themes/[^"]+/)">[^<]*</a>.*?(\d+) stor', themes, re.S)
    assert cards
    for address, count in cards:
        assert shown(client, address) == int(count), address
    people = client.get("/participants/").content.decode()
    rows = re.findall(
        r'class="index-name" href="([^"]+)">.*?<p class="count">(\d+) stor', people, re.S
    )
    assert rows
    for address, count in rows:
        page = client.get(address).content.decode()
        assert page.count('class="card-title"') == int(count) or f"{count} stor" in page, address
    sitemap = client.get("/sitemap.xml").content.decode()
    for part in re.findall(r"<loc>[^<]*?(/sitemap-[^<]+)</loc>", sitemap):
        text = client.get(part).content.decode()
        assert "secret" not in text
