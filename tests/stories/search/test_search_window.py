"""A common word ranks the most recently added matches, and the page says so."""

import pytest

from stories.models import Story
from stories.search import service as search
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_matches():
    person = make_participant()
    stories = [
        make_story(participant=person, title=f"Allotment story {n}", summary="A garden.")
        for n in range(5)
    ]
    make_story(participant=person, title="Nothing to find here")
    return stories


def test_every_match_is_ranked_within_the_window(five_matches):
    found = search.ranked(Story.objects.public(), "allotment")
    assert sorted(found) == sorted(story.pk for story in five_matches)


def test_past_the_window_only_the_most_recently_added_are_ranked(five_matches):
    found = search.ranked(Story.objects.public(), "allotment", window=3)
    assert sorted(found) == sorted(story.pk for story in five_matches[-3:])


def test_a_title_match_outranks_a_body_match_inside_the_window():
    person = make_participant()
    in_title = make_story(participant=person, title="Allotments for the ward", summary="")
    in_body = make_story(participant=person, title="Another", body="<p>allotments</p>")
    assert search.ranked(Story.objects.public(), "allotments")[:2] == [in_title.pk, in_body.pk]


def test_the_page_says_how_many_matched_and_how_many_are_shown(client, five_matches, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_WINDOW", 3)
    body = client.get("/search/?q=allotment").text
    assert "5 stories match: the best of the 3 most recently added." in body
    assert body.count('class="card-title"') == 3


def test_a_draft_never_enters_the_window(five_matches, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_WINDOW", 3)
    draft = five_matches[-1]
    draft.status = Story.Status.DRAFT
    draft.save()
    found = search.ranked(Story.objects.public(), "allotment", window=3)
    assert draft.pk not in found
    assert len(found) == 3
