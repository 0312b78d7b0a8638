"""Invitations: the links that let a participant into their own pages (/my/).

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
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from participants.models import Invitation, Participant

TOKEN_SALT = "portal.invitation"
# A real token is about 90 characters; anything much longer is not ours.
MAX_TOKEN_LENGTH = 300
DEFAULT_DAYS = 14


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _signer() -> signing.Signer:
    return signing.Signer(salt=TOKEN_SALT)


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
    return invitation, _signer().sign_object({"i": invitation.pk, "k": key})


def invitation_path(token: str) -> str:
    return reverse("portal:enter", kwargs={"token": token})


def invitation_url(token: str) -> str:
    """The link as an email carries it: absolute, on the site's public address."""
    return settings.SITE_URL + invitation_path(token)


def resolve_token(token) -> Invitation | None:
    """The invitation a genuine token names (active or not), or None for anything else."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    pk, key = payload.get("i"), payload.get("k")
    if type(pk) is not int or not isinstance(key, str):
        return None
    return (
        Invitation.objects.select_related("participant").filter(pk=pk, key_hash=_hash(key)).first()
    )
