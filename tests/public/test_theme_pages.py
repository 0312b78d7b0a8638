import datetime as dt

import pytest
from django.utils import timezone

from stories import querysets
from tests.factories import make_cohort, make_participant, make_story, make_theme, picture_of

pytestmark = pytest.mark.django_db


def test_themes_page_lists_public_themes_with_description_and_public_count(client):
    health = make_theme(
        name="Health inequalities", summary="Fairer health.", description="Longer text."
    )
    make_theme(name="Community development")
    make_story().themes.add(health)
    make_story(status="draft", published_at=None).themes.add(health)
    page = client.get("/themes/").content.decode()
    assert "Health inequalities</a>" in page and "Fairer health." in page and "Longer text." in page
    assert "1 story" in page
    assert "Community development" not in page  # public only through a public story


def test_theme_page_shows_description_and_only_its_public_stories(client):
    theme = make_theme(name="Health inequalities", description="Why it matters.")
    make_story(title="On theme").themes.add(theme)
    make_story(title="Hidden on theme", status="review", published_at=None).themes.add(theme)
    make_story(title="Elsewhere")
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "<h1>Health inequalities</h1>" in page and "Why it matters." in page
    assert "On theme" in page
    assert "Hidden on theme" not in page
    assert "Elsewhere" not in page


def test_theme_page_filters_further_by_tag_programme_and_cohort(client):
    theme = make_theme(slug="health")
    cohort = make_cohort(slug="march-2020")
    person = make_participant()
    person.cohorts.add(cohort)
    tagged = make_story(title="Tagged", participant=person)
    tagged.themes.add(theme)
    tagged.tags.add("covid-19")
    make_story(title="Untagged").themes.add(theme)

    def titles(query):
        response = client.get(f"/themes/health/?{query}")
        return [s.title for s in response.context["page"].object_list]

    assert titles("tag=covid-19") == ["Tagged"]
    assert titles("cohort=march-2020") == ["Tagged"]
    assert titles(f"programme={cohort.programme.slug}") == ["Tagged"]
    assert titles("") == ["Untagged", "Tagged"]


def test_theme_page_shows_themes_that_most_often_occur_with_it(client):
    health, system, community, lonely = (
        make_theme(name=n) for n in ["Health", "System", "Community", "Lonely"]
    )
    for others in [(system, community), (system,), (system,)]:
        make_story().themes.add(health, *others)
    make_story().themes.add(lonely)
    related = client.get(health.get_absolute_url()).context["related_themes"]
    assert [(t.name, t.story_count) for t in related] == [("System", 3), ("Community", 1)]


def test_unknown_theme_is_a_404_in_the_site_look(client):
    response = client.get("/themes/no-such-theme/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Skip to main content" in response.content.decode()


def test_themes_index_pictures_each_theme_by_its_newest_public_story_or_a_plain_tile(client):
    pictured, plain = make_theme(name="Pictured"), make_theme(name="Plain")
    now = timezone.now()
    older = make_story(published_at=now - dt.timedelta(days=9))
    newer = make_story(published_at=now - dt.timedelta(days=2))
    draft = make_story(status="draft", published_at=None)
    stories = (older, newer, draft)
    for story in stories:
        story.themes.add(pictured)
    make_story(published_at=now - dt.timedelta(days=1)).themes.add(pictured)  # no picture
    addresses = {story: picture_of(story, "hero_image", "card", story.slug) for story in stories}
    make_story().themes.add(plain)
    page = client.get("/themes/").content.decode()
    assert addresses[newer] in page
    assert addresses[older] not in page
    assert addresses[draft] not in page  # a draft's picture is not public
    assert '<div class="placeholder theme-tile"></div>' in page  # Plain: a tile, no picture


def test_a_themes_picture_is_looked_for_among_the_newest_public_stories_only(client, monkeypatch):
    """A theme whose only pictured story is older than the pool gets its plain tile: the
    index never walks the whole archive for a theme without pictures."""
    monkeypatch.setattr(querysets, "COVER_POOL", 2)
    theme = make_theme(name="Old pictures")
    now = timezone.now()
    old = make_story(published_at=now - dt.timedelta(days=30))
    old.themes.add(theme)
    address = picture_of(old, "hero_image", "card", old.slug)
    for days in (2, 1):
        make_story(published_at=now - dt.timedelta(days=days))
    page = client.get("/themes/").content.decode()
    assert address not in page
    assert '<div class="placeholder theme-tile"></div>' in page
