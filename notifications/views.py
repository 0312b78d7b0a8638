"""The page an optional email's unsubscribe link opens, and the one-click POST (RFC 8058).

GET shows what will stop, with a button; a POST turns it off (from that button, or
straight from a mail program's own "Unsubscribe" button, which sends no CSRF
token: the signed token in the address is the authority, and all it can do is
turn one optional email off or back on for one person). A bad token is a 404 page
that says so, never an error.
"""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications.preferences import turn_off, turn_on, wants
from notifications.unsubscribe import resolve_token

TURN_BACK_ON = "turn-back-on"
# The events' labels are written for staff; a participant reads these words instead.
FOR_PARTICIPANTS = {
    "consent_ending": "reminders that your consent is coming to an end",
    "approval_reminder": "reminders of a story waiting for your approval",
}


def _private(response):
    """Each page names a person's email: never kept by a shared cache, never indexed, and
    its address (which holds the token) never sent on as a Referer."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    found = resolve_token(token)
    if found is None:
        return _private(render(request, "notifications/unsubscribe_bad_link.html", status=404))
    if request.method == "POST":
        if request.POST.get(TURN_BACK_ON):
            turn_on(found.event.name, **found.person)
        else:
            turn_off(found.event.name, **found.person)
    context = {
        "event": found.event,
        "about": found.event.label
        if found.user is not None
        else FOR_PARTICIPANTS.get(found.event.name, found.event.label),
        "is_staff": found.user is not None,
        "stopped": not wants(found.event.name, **found.person),
        "just_changed": request.method == "POST",
        "turn_back_on": TURN_BACK_ON,
    }
    return _private(render(request, "notifications/unsubscribe.html", context))
