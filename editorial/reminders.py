"""Reminders that wait for a day to come: run daily by `manage.py send_reminders` (cron).

Three kinds:
- a story waiting 7 days for its participant's approval: one reminder to the
  participant, with a fresh link to the story, then never again for that request;
- consent that ends within 30 days: the editors and the participant are told once
  for that end date (a new end date, once extended, is told about again);
- a story a selection panel chose, in a round decided for a day that has now come:
  its participant is told once (editorial.selection.tell_chosen).

Running it twice, or two runs at once, sends nothing twice: an approval request is
claimed by setting its `reminded_at` before its email is written, and a consent
ending is skipped once a notification with its `once_key` exists (notifications.send
also writes each `once_key` once per address).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone

from editorial.invitations import create_invitation, invitation_url
from editorial.selection import tell_chosen
from notifications.models import Notification
from notifications.preferences import wants
from notifications.send import to_editors, to_participant
from notifications.sending import requeue_unsent
from participants.models import Participant
from stories.models import ApprovalRequest, SignOff, Story

REMIND_AFTER = dt.timedelta(days=7)
CONSENT_WARNING_DAYS = 30


@dataclass
class Summary:
    """What one run did, in words for the person who reads the command's output."""

    approval_reminders: list[str] = field(default_factory=list)
    consent_endings: list[str] = field(default_factory=list)
    chosen_told: list[str] = field(default_factory=list)
    # Emails left unsent (a worker that died, a retry a queue could not defer).
    requeued: int = 0

    @property
    def sent_anything(self) -> bool:
        return bool(self.approval_reminders or self.consent_endings or self.chosen_told)


def approvals_to_remind(now):
    """Approval requests unanswered for 7 days and not yet reminded, whose story still
    waits at the very edit that was asked about, for a participant who can be told."""
    answered = SignOff.objects.filter(
        story=OuterRef("story"), edit_version=OuterRef("edit_version")
    )
    asked_again = ApprovalRequest.objects.filter(
        story=OuterRef("story"), asked_at__gt=OuterRef("asked_at")
    )
    return (
        ApprovalRequest.objects.filter(
            answered_at__isnull=True,
            reminded_at__isnull=True,
            asked_at__lte=now - REMIND_AFTER,
            story__status__in=[Story.Status.DRAFT, Story.Status.REVIEW],
            story__edit_version=F("edit_version"),
            story__participant__consent_withdrawn_at__isnull=True,
        )
        .exclude(story__participant__email="")
        .exclude(Exists(answered))
        .exclude(Exists(asked_again))
        .select_related("story__participant", "asked_by")
        .order_by("asked_at", "pk")
    )


def consent_endings(today):
    """Participants whose consent stands and ends between today and 30 days from today."""
    return Participant.objects.filter(
        consent_given=True,
        consent_withdrawn_at__isnull=True,
        consent_expires_on__gte=today,
        consent_expires_on__lte=today + dt.timedelta(days=CONSENT_WARNING_DAYS),
    ).order_by("consent_expires_on", "pk")


def consent_ending_key(participant: Participant) -> str:
    return f"consent-ending:{participant.pk}:{participant.consent_expires_on.isoformat()}"


def remind_approval(request: ApprovalRequest, *, now) -> bool:
    """Remind the participant of one approval request; return whether it was theirs to send.

    Side effects, in one transaction: sets the request's `reminded_at` (first, as a
    claim: a run at the same moment finds it taken and sends nothing); unless the
    participant turned these reminders off, creates a sign-in link (an Invitation
    landing on the story's page) and queues the "approval_reminder" email.
    """
    story, participant = request.story, request.story.participant
    with transaction.atomic():
        claimed = ApprovalRequest.objects.filter(pk=request.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed or not wants("approval_reminder", participant=participant):
            return False
        invitation, token = create_invitation(
            participant=participant, by=None, lands_on=f"/my/stories/{story.pk}/"
        )
        context = {
            "participant": participant,
            "story": story,
            "asked_by": _name(request.asked_by),
            "asked_at": request.asked_at,
            "link": invitation_url(token),
            "link_expires_at": invitation.expires_at,
        }
        return to_participant(
            "approval_reminder", participant, context, once_key=f"approval-reminder:{request.pk}"
        )


def tell_consent_ending(participant: Participant, *, today) -> tuple[int, bool] | None:
    """Tell the editors and the participant that their consent ends soon, once for that
    end date; return (editors told, whether the participant was), or None if it was told.

    Side effects, in one transaction: queues "consent_ending" to each editor who has
    not turned it off and, if the participant has an address and has not turned it
    off, creates a sign-in link (an Invitation landing on their consent page) and
    queues their own "consent_ending" email, all under one `once_key`.
    """
    key = consent_ending_key(participant)
    with transaction.atomic():
        if Notification.objects.filter(once_key=key).exists():
            return None
        ends = participant.consent_expires_on
        about = {"participant": participant, "expires_on": ends, "when": _when(ends, today)}
        emailed = bool(participant.email) and wants("consent_ending", participant=participant)
        admin_path = reverse("admin:participants_participant_change", args=[participant.pk])
        told_editors = to_editors(
            "consent_ending",
            {
                **about,
                "for_editors": True,
                "participant_name": participant.name,
                "participant_emailed": emailed,
                "admin_url": settings.SITE_URL + admin_path,
            },
            once_key=key,
        )
        told_participant = False
        if emailed:
            invitation, token = create_invitation(
                participant=participant, by=None, lands_on="/my/consent/"
            )
            told_participant = to_participant(
                "consent_ending",
                participant,
                {
                    **about,
                    "for_editors": False,
                    "link": invitation_url(token),
                    "link_expires_at": invitation.expires_at,
                },
                once_key=key,
            )
    return told_editors, told_participant


def send_reminders(now=None) -> Summary:
    """Find and send every reminder due at `now` (default: this moment); say what was sent.

    Side effects: those of remind_approval, tell_consent_ending and tell_chosen, for
    each one due; and every email left unsent for a while is enqueued again
    (requeue_unsent).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    summary = Summary()
    for request in approvals_to_remind(now):
        if remind_approval(request, now=now):
            participant = request.story.participant
            summary.approval_reminders.append(
                f"Reminded {participant.name} ({participant.email}) that “{request.story.title}” "
                f"has waited since {timezone.localtime(request.asked_at):%-d %B %Y} "
                "for their approval."
            )
    for participant in consent_endings(today):
        try:
            told = tell_consent_ending(participant, today=today)
        except IntegrityError:
            # A run at the same moment wrote this once_key first: it is theirs to tell.
            continue
        if told is None or told == (0, False):
            continue
        editors, told_participant = told
        whom = [f"{editors} editor{'s' if editors != 1 else ''}"] if editors else []
        if told_participant:
            whom.append(f"{participant.name} ({participant.email})")
        summary.consent_endings.append(
            f"Told {' and '.join(whom)} that {participant.name}'s consent ends on "
            f"{participant.consent_expires_on:%-d %B %Y}."
        )
    for choice in tell_chosen(now=now):
        participant = choice.story.participant
        summary.chosen_told.append(
            f"Told {participant.name} ({participant.email}) that “{choice.story.title}” was "
            f"chosen by {choice.selection_round.title} in {choice.theme.name}."
        )
    summary.requeued = requeue_unsent(now)
    return summary


def _name(user) -> str:
    if user is None:
        return "The programme team"
    return user.get_full_name() or user.get_username()


def _when(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"
