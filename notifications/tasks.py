"""Background work: sending one queued Notification.

`manage.py db_worker` runs these (django-tasks' database queue); tests run them at
once. A failed send is kept, counted and tried again later, never raised: the row is
the record of the email until it is sent or given up on.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from notifications.models import Notification

# After the first, second, third and fourth failure; the fifth gives up.
RETRY_AFTER = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(minutes=120),
]
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
ERROR_LENGTH = 500
LINK_REMOVED = "link-removed-once-sent"


def without_sign_in_links(text: str) -> str:
    """`text` with the secret of every link to a participant's page taken out.

    Kept once sent, a link would let whoever reads the stored email (a superuser in
    the admin, a database backup) into that participant's page: the database keeps
    only a hash of a link's secret, and the stored email must not undo that.
    """
    prefix = reverse("portal:enter", kwargs={"token": "x"})[:-2]
    return re.sub(re.escape(prefix) + r"[^/\s\"'<>]+/", f"{prefix}{LINK_REMOVED}/", text)


def message_for(notification: Notification) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to_address],
        headers=dict(notification.headers or {}),
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    return message


@task()
def send_notification(notification_id: int) -> str:
    """Send one notification unless it was sent already; say what became of it."""
    # The row stays locked while it is sent, so two workers given the same row (a
    # retry and a requeue) send it once: the second finds it sent.
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            return "gone"  # erased with its participant
        if notification.status == Notification.Status.SENT:
            return "already sent"
        try:
            message_for(notification).send()
        except Exception as error:  # any failure of the mail server, the network, the backend
            return _failed(notification, error)
        notification.status = Notification.Status.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        fields = ["status", "sent_at", "last_error"]
        if not settings.DEBUG:  # in development the admin's outbox shows working links
            notification.body_text = without_sign_in_links(notification.body_text)
            notification.body_html = without_sign_in_links(notification.body_html)
            fields += ["body_text", "body_html"]
        notification.save(update_fields=fields)
        return "sent"


def _failed(notification: Notification, error: Exception) -> str:
    notification.attempts += 1
    notification.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    if notification.attempts >= MAX_ATTEMPTS:
        notification.status = Notification.Status.GAVE_UP
    else:
        notification.status = Notification.Status.FAILED
    notification.save(update_fields=["attempts", "last_error", "status"])
    # Without a deferred queue (the immediate backend) the scheduled `send_reminders`
    # picks it up instead (notifications.sending.requeue_unsent).
    if (
        notification.status == Notification.Status.FAILED
        and send_notification.get_backend().supports_defer
    ):
        send_notification.using(
            run_after=timezone.now() + RETRY_AFTER[notification.attempts - 1]
        ).enqueue(notification.pk)
    return notification.status
