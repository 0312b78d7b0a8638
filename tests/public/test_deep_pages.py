"""Deep pages of a listing start from a remembered story, and show what OFFSET would."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stories import pagination
from stories.models import Story
from tests.factories import make_participant, make_story, make_theme

pytestmark = pytest.mark.django_db

PER_PAGE = pagination.STORIES_PER_PAGE


@pytest.fixture
def archive(monkeypatch):
    """Eight pages of stories, a mark every two pages, and ties on publication time."""
    monkeypatch.setattr(pagination, "PAGES_BETWEEN_MARKS", 2)
    theme = make_theme(slug="housing")
    person = make_participant()
    base = timezone.now() - dt.timedelta(days=400)
    for n in range(PER_PAGE * 8 - 5):
        # Every third story shares its time with the one before: ties are broken by id.
        published = base + dt.timedelta(hours=n - n // 3)
        story = make_story(participant=person, published_at=published, slug=f"story-{n:03}")
        if n % 2:
            story.themes.add(theme)
    return theme


def slugs_on(client, url):
    return re.findall(r'<h3 class="card-title"><a href="/stories/([^/]+)/"', client.get(url).text)


def newest_first():
    return list(Story.objects.public().latest_first().values_list("slug", flat=True))


def test_every_page_shows_what_an_offset_would(client, archive):
    expected = newest_first()
    for number in range(1, 9):
        start = (number - 1) * PER_PAGE
        assert slugs_on(client, f"/stories/?page={number}") == expected[start : start + PER_PAGE]


def test_deep_pages_of_a_theme_follow_the_theme(client, archive):
    expected = list(
        Story.objects.public().for_theme(archive).latest_first().values_list("slug", flat=True)
    )
    pages = -(-len(expected) // PER_PAGE)
    for number in range(1, pages + 1):
        start = (number - 1) * PER_PAGE
        shown = slugs_on(client, f"/themes/housing/?page={number}")
        assert shown == expected[start : start + PER_PAGE], number


def test_a_deep_page_runs_the_queries_of_page_one(client, archive, settings):
    settings.PAGE_CACHE_SECONDS = 0  # each page rendered afresh
    for url in ("/stories/?page=1", "/stories/?page=7"):
        client.get(url)  # the counts and the marks are kept from here on
    with CaptureQueriesContext(connection) as first:
        client.get("/stories/?page=1")
    with CaptureQueriesContext(connection) as deep:
        client.get("/stories/?page=7")
    assert len(deep) == len(first)
    # Six pages in, it starts at a mark rather than skipping 72 stories.
    assert not any("OFFSET 72" in query["sql"] for query in deep.captured_queries)


def test_a_new_story_moves_every_deep_page_at_once(client, archive):
    client.get("/stories/?page=7")
    make_story(participant=make_participant(), slug="brand-new")
    expected = newest_first()
    assert expected[0] == "brand-new"
    assert slugs_on(client, "/stories/?page=7") == expected[PER_PAGE * 6 : PER_PAGE * 7]


def test_page_links_stay_plain_numbers(client, archive):
    body = client.get("/stories/?page=7").text
    assert 'href="?page=6"' in body
    assert 'href="?page=8"' in body
    assert "Page 7 of 8" in body


def test_past_the_last_page_shows_the_last(client, archive):
    assert slugs_on(client, "/stories/?page=99") == newest_first()[PER_PAGE * 7 :]
