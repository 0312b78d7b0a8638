"""Invitations: the links that let a participant into their own pages (/my/).

`invite` (an editor's act, or a command's) makes a link and emails it; `revoke`
and `revoke_all` shut links at once, ending the sessions they opened
(portal.access checks the invitation on every request).

A link's address carries a token signed for this purpose alone (its own salt: a
share link's or an unsubscribe token never opens a participant's page) naming the
invitation and its secret; only a hash of the secret is kept. `resolve_token`
finds the invitation a token names, whatever state it is in, so the page can say
why a link no longer works (expired, revoked, used elsewhere); a forged or altered
token finds nothing.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from common import signed_tokens
from editorial.people_services import can_change_consent
from notifications import send
from participants.models import Invitation, Participant

TOKEN_SALT = "portal.invitation"
DEFAULT_DAYS = 14
# At most this many invitations to their page for one participant in RATE_WINDOW
# from editors, and as many again from commands and their own requests (counted
# apart, see recent_invitations): enough for a mistyped address, too few to flood
# an inbox.
RATE_LIMIT = 5
RATE_WINDOW = dt.timedelta(hours=24)

NO_EMAIL = "{name} has no email address. Add an email address first, then invite them."
RATE_LIMITED = (
    "{name} has been sent {limit} links in the last 24 hours: no more can be sent until "
    "{retry}. The latest link still works."
)
INVITE_REFUSAL = "Only an editor can invite a participant to their page."


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_invitation(
    *, participant: Participant, by, lands_on: str = "", days: int = DEFAULT_DAYS
) -> tuple[Invitation, str]:
    """A new link for the participant; returns the invitation and its token.

    The token exists only here (and in the email it is put in): the database keeps
    its hash.
    """
    key = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        participant=participant,
        key_hash=_hash(key),
        sent_to=participant.email,
        lands_on=lands_on,
        created_by=by if by is not None and by.is_authenticated else None,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return invitation, signed_tokens.sign(TOKEN_SALT, {"i": invitation.pk, "k": key})


def invitation_path(token: str) -> str:
    return reverse("portal:enter", kwargs={"token": token})


def invitation_url(token: str) -> str:
    """The link as an email carries it: absolute, on the site's public address."""
    return settings.SITE_URL + invitation_path(token)


def resolve_token(token) -> Invitation | None:
    """The invitation a genuine token names (active or not), or None for anything else."""
    if (payload := signed_tokens.unsign(TOKEN_SALT, token)) is None:
        return None
    pk, key = payload.get("i"), payload.get("k")
    if type(pk) is not int or not isinstance(key, str):
        return None
    return (
        Invitation.objects.select_related("participant").filter(pk=pk, key_hash=_hash(key)).first()
    )


def _staff(by):
    return by if by is not None and by.is_authenticated else None


def _may_invite(by) -> bool:
    return by is None or can_change_consent(by)


def recent_invitations(participant: Participant, *, by_staff: bool = True):
    """Invitations to their page (not the links other emails carry) made in the window,
    by members of staff, or else by a command or the participant's own request.

    Counted apart, so that strangers asking for new links for someone's address
    (each goes to that person's own inbox) never use up the editors' invitations."""
    return Invitation.objects.filter(
        participant=participant,
        lands_on="",
        created_by__isnull=not by_staff,
        created_at__gt=timezone.now() - RATE_WINDOW,
    )


def inviter_name(by) -> str:
    staff = _staff(by)
    if staff is None:
        return f"The {settings.SITE_NAME} team"
    return staff.get_full_name() or staff.get_username()


@transaction.atomic
def invite(*, participant: Participant, by, days: int = DEFAULT_DAYS) -> tuple[Invitation, str]:
    """Invite the participant to their page: a new link, emailed to them.

    `by` is an editor (one who may change consent) or None (a command, or the
    participant's own request for a new link). Refused with a ValidationError when
    they have no email address, or after RATE_LIMIT invitations in RATE_WINDOW.

    Side effects: earlier invitations of theirs never opened are revoked (one live
    invitation in their inbox; a browser already signed in keeps its session; links
    that other emails carry stay open); the
    `invitation` email is queued (notifications.send) with the absolute link and
    when it expires.
    """
    if not _may_invite(by):
        raise PermissionDenied(INVITE_REFUSAL)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if not participant.email:
        raise ValidationError(NO_EMAIL.format(name=participant.name), code="no_email")
    by_staff = _staff(by) is not None
    recent = recent_invitations(participant, by_staff=by_staff).order_by("created_at")
    recent = list(recent[:RATE_LIMIT])
    if len(recent) >= RATE_LIMIT:
        retry = timezone.localtime(recent[0].created_at + RATE_WINDOW)
        raise ValidationError(
            RATE_LIMITED.format(
                name=participant.name, limit=RATE_LIMIT, retry=f"{retry:%-d %B %Y at %H:%M}"
            ),
            code="rate_limited",
        )
    now = timezone.now()
    # Only plain invitations: a link another email carries (a request to approve a
    # story) stays open, whoever asks for a new link.
    Invitation.objects.filter(
        participant=participant, lands_on="", used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation, token = create_invitation(participant=participant, by=by, days=days)
    send.to_participant(
        "invitation",
        participant,
        {
            "inviter": inviter_name(by),
            "link": invitation_url(token),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation, token


@transaction.atomic
def revoke(*, invitation: Invitation, by) -> bool:
    """Shut one link now; return whether it was open.

    Side effects: the session it opened ends at its next request (portal.access).
    """
    if not _may_invite(by):
        raise PermissionDenied("Only an editor can revoke a participant's link.")
    return bool(
        Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


@transaction.atomic
def revoke_all(*, participant: Participant, by) -> int:
    """Shut every link of the participant's now; return how many were open.

    Side effects: every session those links opened ends at its next request.
    """
    if not _may_invite(by):
        raise PermissionDenied("Only an editor can revoke a participant's links.")
    return Invitation.objects.filter(
        participant=participant, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).update(revoked_at=timezone.now())


# A request for a new link invites at most this many records sharing one address.
MOST_PEOPLE_PER_ADDRESS = 3


def request_new_link(*, email: str) -> int:
    """A participant's own request for a new link: invite whoever has this address.

    Returns how many were invited, for tests and logs only: the person asking is
    told the same words whether or not the address is known. A participant with
    no email, or past the rate limit, is quietly skipped.

    Side effects: those of `invite` (earlier unopened links revoked, the
    `invitation` email queued), for each participant with this address.
    """
    address = email.strip()
    if not address:
        return 0
    invited = 0
    people = Participant.objects.filter(email__iexact=address).order_by("pk")
    for participant in people[:MOST_PEOPLE_PER_ADDRESS]:
        try:
            invite(participant=participant, by=None)
        except ValidationError:
            continue
        invited += 1
    return invited


@task()
def request_new_link_later(email: str) -> int:
    """`request_new_link`, in the background (notifications' worker; at once in tests).

    The page that asks for a new link only enqueues this, the same for every
    address: looking the address up and writing an invitation and its email in the
    request would take measurably longer for a participant's address than for any
    other, telling a stranger who is on the programme.
    """
    return request_new_link(email=email)
