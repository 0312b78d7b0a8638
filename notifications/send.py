"""The one way the site sends email: name the event, the recipients and what to say.

Callers (editorial's services, the reminder command) call these inside their own
transaction; nothing is sent inside a request (notifications.tasks sends it).

FOUNDATION STUB: renders and sends at once. Replaced by a queued Notification
and a background task; the signatures stay.

PREFS STAND-IN (the queue part's send.py replaces this file whole): honours
turned-off events and `once_key` (a Notification row per key and address), as the
real one does, so that the reminders' tests hold here and there.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from notifications.events import EVENTS
from notifications.models import Notification
from notifications.preferences import wants

EDITOR_PERMISSION = "stories.publish_story"


def editors():
    """Active staff who may publish and have an email address."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return [user for user in users if user.has_perm(EDITOR_PERMISSION)]


def _send(event: str, address: str, name: str, context: dict, once_key: str = "", **to) -> bool:
    assert event in EVENTS, event
    if once_key:
        if Notification.objects.filter(once_key=once_key, to_address=address).exists():
            return False
        Notification.objects.create(
            event=event, to_address=address, once_key=once_key, status="sent", **to
        )
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "recipient_name": name,
    }
    subject = " ".join(render_to_string(f"notifications/{event}/subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/{event}/body.txt", context),
        to=[address],
    )
    message.attach_alternative(
        render_to_string(f"notifications/{event}/body.html", context), "text/html"
    )
    message.send()
    return True


def to_editors(event: str, context: dict, *, once_key: str = "", exclude=None) -> int:
    """Tell every editor who has not turned this event off; return how many were told.

    `once_key`: an event with the same key is never sent twice to the same person
    (reminders); `exclude`: the member of staff whose own act it was.
    """
    sent = 0
    for user in editors():
        if exclude is not None and user.pk == exclude.pk:
            continue
        if not wants(event, user=user):
            continue
        sent += _send(
            event,
            user.email,
            user.get_full_name() or user.username,
            context,
            once_key,
            to_user=user,
        )
    return sent


def to_user(event: str, user, context: dict, *, once_key: str = "") -> bool:
    if user is None or not user.is_active or not user.email or not wants(event, user=user):
        return False
    name = user.get_full_name() or user.username
    return _send(event, user.email, name, context, once_key, to_user=user)


def to_participant(event: str, participant, context: dict, *, once_key: str = "") -> bool:
    """Email the participant, if they have an address; return whether one was queued."""
    if not participant.email or not wants(event, participant=participant):
        return False
    context = {**context, "participant": participant}
    return _send(
        event, participant.email, participant.name, context, once_key, to_participant=participant
    )
