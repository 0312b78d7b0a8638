"""An outcome a participant reports through their page is their own word, not yet
assessed; an editor's grading of it later stands while the participant changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from stories.models import Outcome, Story, StoryDraft
from tests.admin_posts import change_url, edit_form
from tests.portal.helpers import sign_in_as

pytestmark = pytest.mark.django_db

ANSWERS = {
    "title": "Y gampfa gymunedol",
    "challenge": "Roedd y ganolfan hamdden ar gau.",
    "what_i_did": "Fe wnes i adeiladu partneriaeth.",
    "outcomes": [
        {"description": "Cyllid Adran 75", "value": "250000", "unit": "pounds"},
        {"description": "Swyddogion ymgysylltu", "value": "4", "unit": "posts"},
    ],
}


def submit(client, participant) -> Story:
    draft = StoryDraft.objects.create(participant=participant, answers=ANSWERS)
    response = client.post(
        reverse("portal:draft_check", args=[draft.pk]), {"version": draft.version}
    )
    assert response.status_code == 302
    return Story.objects.get(draft=draft)


def grades(story) -> list[tuple]:
    return [
        (o.level, o.verification, o.verified_by, o.who_changed, o.intended)
        for o in story.outcomes.order_by("order")
    ]


def test_outcomes_reported_by_the_participant_are_self_reported_and_not_yet_assessed(
    participant_client, participant
):
    story = submit(participant_client, participant)
    assert grades(story) == [
        ("not_assessed", "self_reported", "", "", "not_known"),
        ("not_assessed", "self_reported", "", "", "not_known"),
    ]


def test_an_editors_grading_stands_while_the_participant_changes_nothing(
    client, participant, editor
):
    editor_client = Client()
    editor_client.force_login(editor)
    sign_in_as(client, participant)
    story = submit(client, participant)
    funding, officers = story.outcomes.order_by("order")
    graded = {
        "id": str(funding.pk),
        "story": str(story.pk),
        "kind": "funding",
        "description": funding.description,
        "value": "250000",
        "unit": "GBP",
        "level": "results",
        "verification": "corroborated",
        "verified_by": "Finance lead, Suffolk CCG",
        "who_changed": "system",
        "intended": "yes",
        "order": "0",
    }
    kept = {
        "id": str(officers.pk),
        "story": str(story.pk),
        "description": officers.description,
        "value": "4",
        "unit": "posts",
        "order": "1",
    }
    data = edit_form(story, outcomes=[graded, kept])
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 302, response.content[:2000]
    expected = [
        ("results", "corroborated", "Finance lead, Suffolk CCG", "system", "yes"),
        ("not_assessed", "self_reported", "", "", "not_known"),
    ]
    assert grades(story) == expected

    # The participant reads their pages and approves the story as the editor left it.
    for address in [reverse("portal:home"), reverse("portal:story", kwargs={"pk": story.pk})]:
        assert client.get(address).status_code == 200
    story.refresh_from_db()
    response = client.post(
        reverse("portal:story", kwargs={"pk": story.pk}),
        {"decision": "approved", "comment": "", "version": story.edit_version},
    )
    assert response.status_code == 302
    assert grades(story) == expected
    assert Outcome.objects.filter(story=story, verification="corroborated").count() == 1
