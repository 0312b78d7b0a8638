"""One-click unsubscribe for optional emails (RFC 8058), and the tokens its links carry.

A link's token is signed for this purpose alone (its own salt: an invitation's or a
share link's token is refused here, and an unsubscribe token opens nothing else)
and names the event and the person: {"e": event, "u": user id} for a member of
staff, {"e": event, "p": participant id} for a participant. It does not expire: an
old email's link still works. It only ever turns off (or back on) one optional
email for one person, so the token alone is the authority, without a sign-in.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from common import signed_tokens
from notifications.events import EVENTS, Event
from participants.models import Participant

TOKEN_SALT = "notifications.unsubscribe"


def _payload(event: str, user, participant) -> dict:
    if (user is None) == (participant is None):
        raise ValueError("Name one person: a user or a participant.")
    if user is not None:
        return {"e": event, "u": user.pk}
    return {"e": event, "p": participant.pk}


def make_token(event: str, *, user=None, participant=None) -> str:
    return signed_tokens.sign(TOKEN_SALT, _payload(event, user, participant))


def unsubscribe_url(event: str, *, user=None, participant=None) -> str:
    """An absolute one-click address that turns this event off for this person ("" for none)."""
    if event not in EVENTS or not EVENTS[event].optional:
        return ""
    token = make_token(event, user=user, participant=participant)
    return settings.SITE_URL + reverse("notifications:unsubscribe", kwargs={"token": token})


def unsubscribe_headers(event: str, *, user=None, participant=None) -> dict:
    """The List-Unsubscribe headers for an optional email to this person ({} for none).

    With List-Unsubscribe-Post, a mail program's own "Unsubscribe" button POSTs to
    the address at once (RFC 8058) rather than opening a page.
    """
    url = unsubscribe_url(event, user=user, participant=participant)
    if not url:
        return {}
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@dataclass(frozen=True)
class Unsubscription:
    """What a genuine token names: an optional event and the one person it reaches."""

    event: Event
    user: object = None
    participant: Participant | None = None

    @property
    def person(self) -> dict:
        return {"user": self.user} if self.user is not None else {"participant": self.participant}


def resolve_token(token) -> Unsubscription | None:
    """The event and person a genuine token names, or None for anything else.

    None for a forged, altered, cut-short or over-long token, one from another
    purpose, an event that is unknown or required, or a person no longer here
    (erased, deleted).
    """
    payload = signed_tokens.unsign(TOKEN_SALT, token)
    if payload is None or set(payload) not in ({"e", "u"}, {"e", "p"}):
        return None
    event = EVENTS.get(payload["e"]) if isinstance(payload["e"], str) else None
    if event is None or not event.optional:
        return None
    if "u" in payload:
        pk = payload["u"]
        if type(pk) is not int:
            return None
        user = get_user_model().objects.filter(pk=pk).first()
        return Unsubscription(event, user=user) if user is not None else None
    pk = payload["p"]
    if type(pk) is not int:
        return None
    participant = Participant.objects.filter(pk=pk).first()
    return Unsubscription(event, participant=participant) if participant is not None else None
