"""Asking a participant to approve their story, and their answer from their own page.

An editor (or a contributor who may edit the story) asks; the participant reads the
story on /my/stories/<pk>/ exactly as it will be published and answers about the
version they read. An answer about a version edited since is refused, so an approval
always names the text that was approved (`editorial.sharing.sign_off_warning` then
tells an editor when the story changed after it).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from editorial.invitations import create_invitation, invitation_url
from editorial.sharing import sign_off_problem
from editorial.workflow import EDITOR_ONLY_STATUSES, edit_refusal
from notifications import send
from participants.models import Participant
from stories.models import ApprovalRequest, SignOff, Story

STALE = "The story changed while you were reading: here is the new version."
ANSWERABLE = frozenset({Story.Status.DRAFT, Story.Status.REVIEW})


def story_path(story: Story) -> str:
    return reverse("portal:story", kwargs={"pk": story.pk})


def approval_refusal(story: Story, by) -> str | None:
    """Why `by` may not ask the story's participant to approve it now, or None."""
    if story.participant_id is None:
        return "Choose the story's participant before asking them to approve it."
    if story.status in EDITOR_ONLY_STATUSES:
        label = Story.Status(story.status).label.lower()
        return f"This story is {label}: there is nothing left to approve."
    if refusal := edit_refusal(by, story.status):
        return refusal
    participant = story.participant
    if not participant.email:
        return f"{participant.name} has no email address: add one to ask them."
    if participant.consent_withdrawn_at is not None:
        return f"{participant.name} withdrew consent: they cannot be asked to approve a story."
    return None


@transaction.atomic
def request_approval(*, story: Story, by) -> ApprovalRequest:
    """Ask the story's participant to approve the story as it stands now.

    Side effects: an `ApprovalRequest` for this edit, a fresh sign-in link for the
    participant that lands on the story, and the `approval_requested` email with it.
    Refused (PermissionDenied) as `approval_refusal` says.
    """
    # The story's row alone: PostgreSQL refuses to lock the nullable side of the
    # outer join to its participant.
    story = (
        Story.objects.select_for_update(of=("self",)).select_related("participant").get(pk=story.pk)
    )
    if refusal := approval_refusal(story, by):
        raise PermissionDenied(refusal)
    request = ApprovalRequest.objects.create(
        story=story,
        asked_by=by if by is not None and by.is_authenticated else None,
        edit_version=story.edit_version,
    )
    invitation, token = create_invitation(
        participant=story.participant, by=by, lands_on=story_path(story)
    )
    send.to_participant(
        "approval_requested",
        story.participant,
        {
            "story": story,
            "asked_by": _name(by),
            "link": invitation_url(token),
            "link_expires_at": invitation.expires_at,
        },
    )
    return request


def _name(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "The programme team"
    return user.get_full_name() or user.username


def latest_request(story: Story) -> ApprovalRequest | None:
    return story.approval_requests.select_related("asked_by").first() if story.pk else None


@transaction.atomic
def answer(
    *, story: Story, participant: Participant, decision: str, comment: str, version
) -> SignOff:
    """Record the participant's answer about the version of the story they read.

    Refused (ValidationError) when the story is not theirs to answer, is no longer
    a draft or in review, the answer is incomplete, or the story was edited since
    `version` (the message says so, and nothing is recorded). Side effects: a
    `SignOff` for that version, the open requests for it marked answered, and the
    `approval_answered` email to the editor who asked (to the editors if nobody did).
    """
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.participant_id != participant.pk:
        raise PermissionDenied("This story is not yours to answer.")
    if story.status not in ANSWERABLE:
        raise ValidationError("This story can no longer be answered here.")
    if str(version) != str(story.edit_version):
        raise ValidationError(STALE)
    comment = (comment or "").replace("\r\n", "\n").strip()
    if problem := sign_off_problem(decision, comment):
        raise ValidationError(problem)
    sign_off = SignOff.objects.create(
        story=story,
        share_link=None,
        decision=decision,
        comment=comment,
        edit_version=story.edit_version,
        participant=participant,
        sent_to=participant.email,
    )
    open_requests = list(
        story.approval_requests.filter(
            edit_version=story.edit_version, answered_at__isnull=True
        ).select_related("asked_by")
    )
    ApprovalRequest.objects.filter(pk__in=[r.pk for r in open_requests]).update(
        answered_at=sign_off.at
    )
    context = {
        "story": story,
        "participant_name": participant.name,
        "sign_off": sign_off,
        "approved": decision == SignOff.Decision.APPROVED,
        "admin_url": settings.SITE_URL + reverse("admin:stories_story_change", args=[story.pk]),
    }
    askers = {r.asked_by_id: r.asked_by for r in open_requests if r.asked_by is not None}
    told = [send.to_user("approval_answered", user, context) for user in askers.values()]
    if not any(told):
        send.to_editors("approval_answered", context)
    return sign_off
