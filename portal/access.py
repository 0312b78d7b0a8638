"""The participant's session: who is signed in to /my/, and the rule that every page asks.

A participant is never a Django user: the admin and everything behind a staff
login stay out of reach whatever a participant's session holds. The session
names the participant and the invitation it was opened with; each request checks
that the invitation still stands (not revoked, not expired) and that it still
belongs to that participant, so revoking a link ends the session it opened.
"""

from functools import wraps

from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from participants.models import Invitation, Participant

SESSION_KEY = "portal"


def sign_in(request, invitation: Invitation) -> None:
    """Open a participant session for the invitation's participant in this browser.

    A new session key: a key planted before (session fixation) never carries it.
    """
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"p": invitation.participant_id, "i": invitation.pk}


def sign_out(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def session_invitation_id(request) -> int | None:
    held = request.session.get(SESSION_KEY)
    return held.get("i") if isinstance(held, dict) else None


def signed_in_participant(request) -> Participant | None:
    """The participant this browser is signed in as, or None (and the session is cleared).

    None in a browser signed in as staff: the two never share a session.
    """
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A staff login made in this browser after the participant came in keeps the
        # session's data (Django only cycles its key): the participant is signed out.
        request.session.pop(SESSION_KEY, None)
        return None
    invitation = (
        Invitation.objects.select_related("participant")
        .filter(
            pk=held.get("i"),
            participant_id=held.get("p"),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if invitation is None:
        request.session.pop(SESSION_KEY, None)
        return None
    return invitation.participant


def keep_private(response):
    """A participant's page is theirs: never kept by a shared cache, never indexed.

    Its address (a link's token) never leaves in a Referer for another site; to our
    own it does. Not "no-referrer": browsers then send `Origin: null` with a form's
    POST, which Django's CSRF check refuses, so no button on these pages would work.
    """
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def participant_required(view):
    """The view runs only for a signed-in participant, as `request.participant`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        participant = signed_in_participant(request)
        if participant is None:
            return keep_private(render(request, "portal/signed_out.html", status=403))
        request.participant = participant
        return keep_private(view(request, *args, **kwargs))

    return wrapper
