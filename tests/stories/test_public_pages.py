"""The first public pages: only public stories reach them."""

import pytest
from django.utils import timezone

from tests.factories import make_outcome, make_participant, make_partner, make_story, make_theme

pytestmark = pytest.mark.django_db


def test_home_shows_public_stories_and_not_drafts(client):
    make_story(title="Visible story")
    make_story(title="Draft story", status="draft", published_at=None)
    page = client.get("/").content.decode()
    assert "Visible story" in page
    assert "Draft story" not in page


def test_story_page_shows_quote_partners_and_outcomes(client):
    story = make_story(title="Section 75 in Ipswich", pull_quote="It isn't rocket science")
    make_partner(story, role="Section 75 funder")
    make_outcome(story, description="A multi-year health and wellbeing programme")
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Section 75 in Ipswich" in page
    assert "It isn&#x27;t rocket science" in page
    assert "Section 75 funder" in page
    assert "A multi-year health and wellbeing programme" in page


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "draft", "published_at": None},
        {"status": "review", "published_at": None},
        {"status": "archived"},
        {"published_at": timezone.now() + timezone.timedelta(days=3)},
    ],
    ids=["draft", "review", "archived", "future"],
)
def test_non_public_story_is_a_404(client, fields):
    story = make_story(**fields)
    assert client.get(story.get_absolute_url()).status_code == 404


def test_story_of_participant_who_withdrew_consent_is_a_404(client):
    story = make_story(participant=make_participant(consent_withdrawn_at=timezone.now()))
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(story.participant.get_absolute_url()).status_code == 404


def test_theme_page_lists_only_its_public_stories(client):
    theme = make_theme(name="Health inequalities")
    on_theme = make_story(title="On theme")
    on_theme.themes.add(theme)
    hidden = make_story(title="Hidden on theme", status="review", published_at=None)
    hidden.themes.add(theme)
    make_story(title="Elsewhere")
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "On theme" in page
    assert "Hidden on theme" not in page
    assert "Elsewhere" not in page


def test_story_list_runs_the_same_queries_for_3_or_30_stories(client, django_assert_num_queries):
    theme = make_theme()

    def add(count):
        for _ in range(count):
            story = make_story()
            story.themes.add(theme)
            story.tags.add("covid-19", "housing")

    add(3)
    with django_assert_num_queries(8):
        client.get("/stories/")
    add(27)
    with django_assert_num_queries(8):
        client.get("/stories/")
