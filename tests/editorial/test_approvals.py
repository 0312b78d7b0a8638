"""Asking a participant to approve their story, their answer, and the workflow's emails."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editorial import services
from editorial.approvals import STALE, answer, request_approval
from editorial.sharing import sign_off_warning
from participants.models import Invitation
from stories.models import ApprovalRequest, SignOff, Story
from tests.factories import make_participant, make_staff, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_emails(editor, contributor):
    for user in (editor, contributor):
        user.email = f"{user.username}@example.org"
        user.save()


@pytest.fixture
def draft():
    return make_story(
        title="Leisure centres and community health",
        status="draft",
        published_at=None,
        participant=make_participant(name="Andrew Wilesmith", email="andrew@example.org"),
    )


def edit(story):
    Story.objects.filter(pk=story.pk).update(edit_version=F("edit_version") + 1)
    story.refresh_from_db()


def test_an_editor_asks_and_the_participant_is_emailed_a_link_to_the_story(draft, editor):
    asked = request_approval(story=draft, by=editor)
    assert asked.edit_version == draft.edit_version and asked.asked_by == editor
    [email] = mail.outbox
    assert email.to == ["andrew@example.org"]
    assert "Leisure centres and community health" in email.subject
    invitation = Invitation.objects.get(participant=draft.participant)
    assert invitation.lands_on == f"/my/stories/{draft.pk}/"
    assert "/my/enter/" in email.body and email.body.count("http") >= 1


def test_asking_locks_the_story_row_alone(draft, editor):
    """PostgreSQL refuses FOR UPDATE on the nullable side of the outer join to the
    participant: asking failed there with a server error."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        request_approval(story=draft, by=editor)
    locks = [
        query["sql"]
        for query in queries
        if "FOR UPDATE" in query["sql"] and 'FROM "stories_story"' in query["sql"]
    ]
    assert all('FOR UPDATE OF "stories_story"' in sql for sql in locks), locks
    assert ApprovalRequest.objects.filter(story=draft).count() == 1


def test_a_contributor_who_may_edit_the_draft_may_ask(draft, contributor):
    request_approval(story=draft, by=contributor)
    assert ApprovalRequest.objects.filter(story=draft, asked_by=contributor).exists()


@pytest.mark.parametrize("status", ["published", "archived"])
def test_a_published_or_archived_story_is_not_asked_about(draft, editor, status):
    Story.objects.filter(pk=draft.pk).update(status=status, published_at=timezone.now())
    with pytest.raises(PermissionDenied, match="nothing left to approve"):
        request_approval(story=draft, by=editor)
    assert not mail.outbox and not ApprovalRequest.objects.exists()


def test_a_viewer_may_not_ask(draft):
    viewer = make_staff("vic-viewer", "Viewers")
    with pytest.raises(PermissionDenied, match="view stories but not change"):
        request_approval(story=draft, by=viewer)


def test_no_email_or_withdrawn_consent_is_refused_clearly(draft, editor):
    draft.participant.email = ""
    draft.participant.save()
    with pytest.raises(PermissionDenied, match="has no email address"):
        request_approval(story=draft, by=editor)
    draft.participant.email = "andrew@example.org"
    draft.participant.consent_withdrawn_at = timezone.now()
    draft.participant.save()
    with pytest.raises(PermissionDenied, match="withdrew consent"):
        request_approval(story=draft, by=editor)
    assert not mail.outbox and not ApprovalRequest.objects.exists()


def test_an_answer_is_recorded_for_the_version_and_goes_to_the_editor_who_asked(
    draft, editor, contributor
):
    request_approval(story=draft, by=contributor)
    mail.outbox.clear()
    sign_off = answer(
        story=draft,
        participant=draft.participant,
        decision="approved",
        comment="",
        version=draft.edit_version,
    )
    assert sign_off.share_link is None and sign_off.edit_version == draft.edit_version
    assert ApprovalRequest.objects.get().answered_at is not None
    [email] = mail.outbox
    assert email.to == [contributor.email]
    assert "Andrew Wilesmith approved" in email.subject
    assert sign_off_warning(draft) is None
    edit(draft)
    assert "approved an earlier version" in sign_off_warning(draft)


def test_an_answer_nobody_asked_for_goes_to_the_editors(draft, editor):
    answer(
        story=draft,
        participant=draft.participant,
        decision="changes",
        comment="<script>alert(1)</script> Please fix my title",
        version=draft.edit_version,
    )
    [email] = mail.outbox
    assert email.to == [editor.email]
    assert "asked for changes" in email.subject
    assert "&lt;script&gt;" in email.alternatives[0][0]
    assert "<script>" not in email.alternatives[0][0]


def test_a_stale_answer_records_nothing(draft, editor):
    request_approval(story=draft, by=editor)
    read = draft.edit_version
    edit(draft)
    with pytest.raises(ValidationError, match=STALE):
        answer(
            story=draft,
            participant=draft.participant,
            decision="approved",
            comment="",
            version=read,
        )
    assert not SignOff.objects.exists()
    assert ApprovalRequest.objects.get().answered_at is None


def test_changes_need_a_comment_and_another_participant_cannot_answer(draft):
    with pytest.raises(ValidationError, match="Say what you would like changed"):
        answer(
            story=draft,
            participant=draft.participant,
            decision="changes",
            comment=" ",
            version=draft.edit_version,
        )
    with pytest.raises(PermissionDenied):
        answer(
            story=draft,
            participant=make_participant(),
            decision="approved",
            comment="",
            version=draft.edit_version,
        )
    assert not SignOff.objects.exists()


# --- The workflow's emails -----------------------------------------------------------


def test_sent_for_review_tells_the_editors_but_not_the_one_who_sent_it(draft, editor):
    other = make_staff("olly-editor", "Editors")
    other.email = "olly@example.org"
    other.save()
    services.send_for_review(story=draft, by=editor)
    assert [email.to for email in mail.outbox] == [["olly@example.org"]]
    assert "Sent for review: Leisure centres" in mail.outbox[0].subject


def test_a_contributor_sending_for_review_in_the_form_tells_the_editors(draft, contributor, editor):
    draft.status = Story.Status.REVIEW
    services.save_edit(story=draft, from_status=Story.Status.DRAFT, by=contributor)
    assert [email.to for email in mail.outbox] == [[editor.email]]
    mail.outbox.clear()
    services.save_edit(story=draft, from_status=Story.Status.REVIEW, by=contributor)
    assert not mail.outbox


def test_publishing_tells_the_participant_with_the_public_link_once(draft, editor, settings):
    services.publish_story(story=draft, by=editor)
    [email] = mail.outbox
    assert email.to == ["andrew@example.org"]
    assert settings.SITE_URL + draft.get_absolute_url() in email.body
    assert "is now published" in email.body
    mail.outbox.clear()
    draft.title = "A typo fixed"
    services.save_edit(story=draft, from_status=Story.Status.PUBLISHED, by=editor)
    assert not mail.outbox


def test_a_scheduled_story_says_when_it_will_appear(draft, editor):
    draft.status = Story.Status.PUBLISHED
    draft.published_at = timezone.now() + dt.timedelta(days=3)
    services.save_edit(story=draft, from_status=Story.Status.DRAFT, by=editor)
    [email] = mail.outbox
    assert "will appear" in email.body
    assert f"{timezone.localtime(draft.published_at):%-d %B %Y}" in email.body
