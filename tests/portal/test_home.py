"""The participant's own page: what is theirs, in plain words, in a fixed number of queries."""

from django.urls import reverse

from editorial.approvals import answer, request_approval
from stories.models import Story, StoryDraft
from tests.factories import make_participant, make_story
from tests.portal.helpers import sign_in_as


def test_the_page_lists_their_stories_drafts_consent_and_data(
    participant_client, participant, editor, django_assert_max_num_queries
):
    participant.consent_given = True
    participant.save()
    waiting = make_story(title="Waiting for you", participant=participant, status="review")
    request_approval(story=waiting, by=editor)
    make_story(title="Already out", participant=participant, status="published")
    make_story(title="Someone else's", participant=make_participant())
    StoryDraft.objects.create(participant=participant, answers={"title": "Half told"})
    with django_assert_max_num_queries(8):
        response = participant_client.get(reverse("portal:home"))
    page = response.content.decode()
    assert "Waiting for your approval." in page
    assert "Already out" in page and "everyone can read it" in page
    assert "Someone else" not in page
    assert "Half told" in page and "Carry on" in page
    assert reverse("portal:consent") in page and reverse("portal:data") in page


def test_an_answered_request_no_longer_asks(client, participant, editor):
    story = make_story(participant=participant, status="review")
    request_approval(story=story, by=editor)
    answer(
        story=story,
        participant=participant,
        decision="approved",
        comment="",
        version=Story.objects.get(pk=story.pk).edit_version,
    )
    sign_in_as(client, participant)
    assert "Waiting for your approval." not in client.get(reverse("portal:home")).content.decode()
