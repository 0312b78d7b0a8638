"""Opening an invitation link. FOUNDATION: the first cut; bad-link pages and new links to come."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from editorial.invitations import resolve_token
from portal.access import keep_private, session_invitation_id, sign_in


@require_http_methods(["GET", "HEAD", "POST"])
def enter(request, token):
    invitation = resolve_token(token)
    if invitation is None or not invitation.is_active:
        return keep_private(render(request, "portal/bad_link.html", status=404))
    if session_invitation_id(request) == invitation.pk:
        return keep_private(redirect(invitation.lands_on or "portal:home"))
    if invitation.used_at is not None:
        return keep_private(render(request, "portal/bad_link.html", status=404))
    if request.method == "POST":
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        sign_in(request, invitation)
        return keep_private(redirect(invitation.lands_on or "portal:home"))
    # Email scanners open links: only the button, a POST, uses it.
    return keep_private(render(request, "portal/enter.html", {"invitation": invitation}))
