"""The one way the site sends email: name the event, the recipients and what to say.

Callers (editorial's services, the reminder command) call these inside their own
transaction. Each email is written as a Notification row and its sending task is
enqueued in that same transaction: an event that rolls back sends nothing, and one
that commits is never lost. Nothing is sent inside a request (notifications.tasks
sends it; in tests the task runs at once).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template, render_to_string

from notifications import preferences, unsubscribe
from notifications.events import EVENTS
from notifications.models import Notification
from notifications.tasks import send_notification

EDITOR_PERMISSION = "stories.publish_story"
# Where rights are kept (the other backend, django-axes, only refuses logins).
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def editors():
    """Active staff who may publish (through a group, their own rights, or as superusers)
    and have an email address: one query, however many staff there are."""
    users = get_user_model().objects.with_perm(EDITOR_PERMISSION, backend=PERMISSION_BACKEND)
    return list(users.filter(is_staff=True).exclude(email="").order_by("pk"))


def render_text(name: str, context: dict) -> str:
    """A plain-text template, not HTML-escaped: "Tom & Jerry's" stays as written."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render(event: str, context: dict) -> tuple[str, str, str]:
    """The event's subject (one line), text body and HTML body for this context."""
    subject = " ".join(render_text(f"notifications/{event}/subject.txt", context).split())
    body_text = render_text(f"notifications/{event}/body.txt", context)
    body_html = render_to_string(f"notifications/{event}/body.html", context)
    return subject, body_text, body_html


def _queue(
    event: str,
    address: str,
    name: str,
    context: dict,
    *,
    once_key: str,
    user=None,
    participant=None,
) -> bool:
    """Write one Notification and enqueue its sending; False when it was not written
    (the person turned the event off, or the once_key already reached this address)."""
    definition = EVENTS[event]
    if not preferences.wants(event, user=user, participant=participant):
        return False
    if once_key and Notification.objects.filter(once_key=once_key, to_address=address).exists():
        return False
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "recipient_name": name,
    }
    headers = {}
    if definition.optional:
        context["unsubscribe_url"] = unsubscribe.unsubscribe_url(
            event, user=user, participant=participant
        )
        headers = unsubscribe.unsubscribe_headers(event, user=user, participant=participant)
    subject, body_text, body_html = render(event, context)
    try:
        # A savepoint: another process writing the same once_key first must not
        # break the caller's transaction, only skip this email.
        with transaction.atomic():
            notification = Notification.objects.create(
                event=event,
                to_address=address,
                to_user=user,
                to_participant=participant,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                headers=headers,
                once_key=once_key,
            )
    except IntegrityError:
        if once_key:
            return False
        raise
    send_notification.enqueue(notification.pk)
    return True


def _user_name(user) -> str:
    return user.get_full_name() or user.username


def to_editors(event: str, context: dict, *, once_key: str = "", exclude=None) -> int:
    """Tell every editor who has not turned this event off; return how many were told.

    `once_key`: an event with the same key is never sent twice to the same person
    (reminders); `exclude`: the member of staff whose own act it was.
    """
    sent = 0
    for user in editors():
        if exclude is not None and user.pk == exclude.pk:
            continue
        sent += _queue(event, user.email, _user_name(user), context, once_key=once_key, user=user)
    return sent


def to_user(event: str, user, context: dict, *, once_key: str = "") -> bool:
    """Email one member of staff (active, with an address, who has not turned the event
    off); return whether one was queued."""
    if user is None or not user.is_active or not user.email:
        return False
    return _queue(event, user.email, _user_name(user), context, once_key=once_key, user=user)


def to_participant(event: str, participant, context: dict, *, once_key: str = "") -> bool:
    """Email the participant, if they have an address; return whether one was queued."""
    if not participant.email:
        return False
    return _queue(
        event,
        participant.email,
        participant.name,
        {**context, "participant": participant},
        once_key=once_key,
        participant=participant,
    )
