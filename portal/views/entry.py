"""Coming in through a link, asking for a new one, and signing out.

A link is used only by a POST (the "Continue to your page" button): email
scanners and link previews open links with GET or HEAD, and must not use them
up. Each way a link can fail has its own page, and every one offers a new link.
"""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from editorial.invitations import DEFAULT_DAYS, request_new_link_later, resolve_token
from participants.models import Invitation
from portal import new_links
from portal.access import (
    keep_private,
    session_invitation_id,
    sign_in,
    sign_out,
    signed_in_participant,
)

GONE, UNKNOWN = 410, 404


def _bad_link(request, reason: str, status: int):
    context = {"reason": reason, "form": new_links.NewLinkForm()}
    return keep_private(render(request, "portal/bad_link.html", context, status=status))


def _why_not(invitation: Invitation) -> str | None:
    if invitation.revoked_at is not None:
        replaced = Invitation.objects.filter(
            participant_id=invitation.participant_id, created_at__gt=invitation.created_at
        ).exists()
        return "replaced" if replaced else "revoked"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return None


def _signed_in_as(request, participant_id: int) -> bool:
    participant = signed_in_participant(request)
    return participant is not None and participant.pk == participant_id


@require_http_methods(["GET", "HEAD", "POST"])
def enter(request, token):
    invitation = resolve_token(token)
    if invitation is None:
        return _bad_link(request, "unknown", UNKNOWN)
    if reason := _why_not(invitation):
        return _bad_link(request, reason, GONE)
    landing = invitation.lands_on or "portal:home"
    if session_invitation_id(request) == invitation.pk:
        return keep_private(redirect(landing))
    if invitation.used_at is not None and _signed_in_as(request, invitation.participant_id):
        # An older link of theirs, in the browser they came in with through a newer one.
        return keep_private(redirect(landing))
    if request.user.is_authenticated:
        # Staff testing a link in their own browser would otherwise use it up, and
        # the participant's page would sit beside their staff login.
        status = 403 if request.method == "POST" else 200
        return keep_private(render(request, "portal/staff_browser.html", status=status))
    if invitation.used_at is not None:
        return _bad_link(request, "used", GONE)
    if request.method == "POST":
        # One browser only: of two racing POSTs, the one that marks it used gets in.
        taken = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not taken:
            return _bad_link(request, "used", GONE)
        sign_in(request, invitation)
        return keep_private(redirect(landing))
    return keep_private(render(request, "portal/enter.html", {"invitation": invitation}))


@require_http_methods(["GET", "POST"])
def new_link(request):
    form = new_links.NewLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not new_links.allowed(request, email):
            response = render(request, "portal/new_link_too_many.html", status=429)
            response["Retry-After"] = str(new_links.WINDOW_SECONDS)
            return keep_private(response)
        # The same work for any address, known or not (see request_new_link_later).
        request_new_link_later.enqueue(email)
        return keep_private(
            render(request, "portal/new_link_sent.html", {"email": email, "days": DEFAULT_DAYS})
        )
    status = 400 if form.is_bound else 200
    return keep_private(render(request, "portal/new_link.html", {"form": form}, status=status))


@require_POST
def leave(request):
    """Sign the participant out of this browser; the link stays used."""
    sign_out(request)
    return keep_private(render(request, "portal/signed_out_now.html"))
