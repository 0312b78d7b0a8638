"""A common filter walks the newest stories testing each; a rare one lists its stories.

Both ways must show the same stories in the same order; only the cost differs.
"""

import pytest
from django.core.cache import cache

from public import story_views as views
from tests.factories import make_participant, make_story, make_theme

pytestmark = pytest.mark.django_db

URLS = [
    "/stories/?theme=housing",
    "/stories/?theme=housing&theme=health",
    "/stories/?theme=housing&tag=covid-19",
    "/themes/health/",
    "/themes/health/?tag=covid-19",
    "/tags/covid-19/",
    "/tags/covid-19/?theme=housing&page=2",
]


@pytest.fixture
def stories():
    housing, health = make_theme(slug="housing"), make_theme(slug="health")
    person = make_participant()
    for n in range(30):
        story = make_story(participant=person)
        if n % 2:
            story.themes.add(housing)
        if n % 3:
            story.themes.add(health)
        if n % 5 != 1:
            story.tags.add("covid-19")


def shown(client, url):
    return client.get(url).text.split('id="results"', 1)[1]


@pytest.mark.parametrize("url", URLS)
def test_walking_and_listing_show_the_same_page(client, stories, monkeypatch, url):
    monkeypatch.setattr(views, "WALK_WHEN_ONE_IN", 10**9)  # every filter counts as common
    walked = shown(client, url)
    cache.clear()  # render afresh
    monkeypatch.setattr(views, "WALK_WHEN_ONE_IN", 0)  # every filter counts as rare
    listed = shown(client, url)
    assert walked == listed
    assert "card-title" in walked
