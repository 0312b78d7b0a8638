"""Emails that were queued but not sent: enqueued again, so none is stranded.

A worker that died mid-send, or a backend that cannot defer a retry, leaves a
Notification QUEUED or FAILED; the scheduled `send_reminders` command calls
`requeue_unsent` each time it runs.
"""

from datetime import datetime, timedelta

from notifications.models import Notification
from notifications.tasks import send_notification

# Younger ones may still be on their way (a worker busy, a first retry pending).
GRACE = timedelta(minutes=10)


def unsent(now: datetime):
    return Notification.objects.filter(
        status__in=[Notification.Status.QUEUED, Notification.Status.FAILED],
        created_at__lte=now - GRACE,
    ).order_by("created_at", "id")


def requeue_unsent(now: datetime) -> int:
    """Enqueue again every unsent notification older than GRACE; return how many."""
    ids = list(unsent(now).values_list("pk", flat=True))
    for notification_id in ids:
        send_notification.enqueue(notification_id)
    return len(ids)


def send_again(notification_ids) -> int:
    """Enqueue these notifications to be sent now (a superuser's "Try sending again"),
    whatever their retries were waiting for; the sent ones are left alone."""
    ids = list(
        Notification.objects.filter(pk__in=notification_ids)
        .exclude(status=Notification.Status.SENT)
        .values_list("pk", flat=True)
    )
    for notification_id in ids:
        send_notification.enqueue(notification_id)
    return len(ids)
