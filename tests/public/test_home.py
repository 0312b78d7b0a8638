import pytest

from tests.factories import (
    make_organisation,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db


def test_home_shows_featured_and_latest_public_stories(client):
    make_story(title="A featured story", featured=True)
    make_story(title="An ordinary story")
    make_story(title="A featured draft", featured=True, status="draft", published_at=None)
    page = client.get("/").content.decode()
    featured, latest = page.split('id="featured-heading"')[1].split('id="latest-heading"')
    assert "A featured story" in featured
    assert "An ordinary story" in latest
    assert "A featured story" not in latest, "a featured story is not repeated under latest"
    assert "A featured draft" not in page


def test_home_lists_public_themes_with_public_story_counts(client):
    theme = make_theme(name="System leadership")
    make_theme(name="Empty theme")
    make_story().themes.add(theme)
    make_story(status="review", published_at=None).themes.add(theme)
    page = client.get("/").content.decode()
    assert (
        f'href="{theme.get_absolute_url()}">System leadership</a> <span class="count">1 story'
        in page
    )
    assert "Empty theme" not in page  # public only through a public story


def test_home_headline_figures_count_only_public_things(client):
    council = make_organisation(name="Council")
    charity = make_organisation(name="Charity")
    theme = make_theme()
    person = make_participant(organisation=council)
    story = make_story(participant=person)
    story.themes.add(theme)
    make_partner(story, charity)
    make_story(participant=person)
    make_story(
        status="draft",
        published_at=None,
        participant=make_participant(organisation=make_organisation()),
    )
    response = client.get("/")
    assert response.context["figures"] == {
        "stories": 2,
        "participants": 1,
        "organisations": 2,
        "themes": 1,
    }
    assert "<strong>2</strong> stories" in response.content.decode()


def test_home_says_when_nothing_is_published_yet(client):
    assert "No stories have been published yet." in client.get("/").content.decode()
