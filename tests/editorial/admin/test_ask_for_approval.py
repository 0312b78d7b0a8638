"""The story admin's "Ask … to approve" button."""

import pytest
from django.core import mail
from django.utils import timezone

from stories.models import ApprovalRequest
from tests.admin_posts import ADD_URL, change_url, story_form
from tests.factories import make_participant, make_staff, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_story(
        title="Green spaces",
        status="draft",
        published_at=None,
        participant=make_participant(name="Bea Jones", email="bea@example.org"),
    )


def ask_url(story):
    return f"/admin/stories/story/{story.pk}/ask-approval/"


def test_the_button_shows_and_asks(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()
    assert "Ask Bea Jones to approve" in page
    assert "Not asked from their page yet." in page
    response = editor_client.post(ask_url(draft), follow=True)
    page = response.content.decode()
    assert "Bea Jones has been emailed" in page
    assert "Last asked on" in page and "(no answer yet)" in page
    assert "Bea Jones has not approved this story yet." in page
    assert [email.to for email in mail.outbox] == [["bea@example.org"]]


def test_a_contributor_may_ask_about_a_draft_they_can_edit(contributor_client, draft):
    contributor_client.post(ask_url(draft))
    assert ApprovalRequest.objects.count() == 1


def test_a_get_asks_nothing(editor_client, draft):
    assert editor_client.get(ask_url(draft)).status_code == 405
    assert not ApprovalRequest.objects.exists()


def test_refusals_are_messages(editor_client, draft):
    draft.participant.consent_withdrawn_at = timezone.now()
    draft.participant.save()
    page = editor_client.post(ask_url(draft), follow=True).content.decode()
    assert "Not asked: Bea Jones withdrew consent" in page
    assert not mail.outbox and not ApprovalRequest.objects.exists()


def test_a_viewer_cannot_ask(client, draft):
    viewer = make_staff("vic-viewer", "Viewers")
    client.force_login(viewer)
    assert client.post(ask_url(draft)).status_code == 403
    assert not ApprovalRequest.objects.exists()


def test_a_published_story_has_no_button(editor_client):
    story = make_story(participant=make_participant(name="Cal Published", email="c@example.org"))
    assert (
        "Ask Cal Published to approve" not in editor_client.get(change_url(story)).content.decode()
    )


def test_a_contributor_adding_a_story_for_review_tells_the_editors(contributor_client, editor):
    editor.email = "erin@example.org"
    editor.save()
    response = contributor_client.post(ADD_URL, story_form(status="review"))
    assert response.status_code == 302
    assert [email.to for email in mail.outbox] == [["erin@example.org"]]
    assert "Sent for review: A new story" in mail.outbox[0].subject
    assert "casey-contributor sent" in mail.outbox[0].body
