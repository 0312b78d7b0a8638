"""A failed send is kept, counted and tried again; after five tries it is given up on,
still kept. Nothing a mail server does breaks the write that raised the event."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications import send
from notifications.models import Notification
from notifications.sending import requeue_unsent
from notifications.tasks import send_notification

pytestmark = pytest.mark.django_db

CONTEXT = {"story_title": "Clean water in Kisumu"}


def test_a_failed_send_is_kept_and_does_not_break_the_write(participant, failing_mail):
    with transaction.atomic():
        assert send.to_participant("invitation", participant, CONTEXT) is True
        participant.name = "Amara O."
        participant.save()

    participant.refresh_from_db()
    assert participant.name == "Amara O."
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1
    assert notification.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert notification.sent_at is None
    assert mail.outbox == []


def test_a_long_error_is_kept_short(participant, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def refuse(self, fail_silently=False):
        raise OSError("x" * 5000)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    send.to_participant("invitation", participant, CONTEXT)
    assert len(Notification.objects.get().last_error) == 500


def test_five_failures_give_up_and_keep_the_email(participant, failing_mail):
    send.to_participant("invitation", participant, CONTEXT)
    notification = Notification.objects.get()
    for _ in range(4):
        send_notification.call(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.GAVE_UP
    assert notification.attempts == 5
    assert notification.last_error
    # Given up on: the scheduled requeue leaves it for a superuser to retry by hand.
    assert requeue_unsent(timezone.now() + timedelta(days=1)) == 0


def test_with_a_deferring_queue_each_failure_is_retried_later_and_later(
    participant, failing_mail, database_queue
):
    send.to_participant("invitation", participant, CONTEXT)
    notification = Notification.objects.get()
    expected = [timedelta(minutes=m) for m in (1, 5, 30, 120)]

    for attempt, delay in enumerate(expected, start=1):
        before = timezone.now()
        assert send_notification.call(notification.pk) == Notification.Status.FAILED
        retry = DBTaskResult.objects.exclude(run_after=None).latest("enqueued_at")
        assert before + delay <= retry.run_after <= timezone.now() + delay
        notification.refresh_from_db()
        assert notification.attempts == attempt

    assert send_notification.call(notification.pk) == Notification.Status.GAVE_UP
    # No retry after giving up: the first enqueue and the four retries.
    assert DBTaskResult.objects.count() == 5


def test_the_scheduled_requeue_sends_what_failed(participant, failing_mail):
    send.to_participant("invitation", participant, CONTEXT)
    failing_mail.stop()

    # Younger than ten minutes: perhaps still on its way.
    assert requeue_unsent(timezone.now()) == 0
    assert mail.outbox == []

    assert requeue_unsent(timezone.now() + timedelta(minutes=11)) == 1
    assert [message.to for message in mail.outbox] == [["amara@example.org"]]
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1  # the failure stays counted
    assert notification.last_error == ""

    assert requeue_unsent(timezone.now() + timedelta(minutes=11)) == 0


def test_a_queued_email_a_lost_worker_left_is_sent(participant, database_queue, settings):
    send.to_participant("invitation", participant, CONTEXT)
    DBTaskResult.objects.all().delete()  # the worker took it and died
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    assert requeue_unsent(timezone.now() + timedelta(minutes=11)) == 1
    assert len(mail.outbox) == 1


def test_an_email_already_sent_is_not_sent_again(participant):
    send.to_participant("invitation", participant, CONTEXT)
    notification = Notification.objects.get()

    assert send_notification.call(notification.pk) == "already sent"
    assert len(mail.outbox) == 1


def test_an_email_erased_with_its_participant_is_skipped(participant, database_queue):
    send.to_participant("invitation", participant, CONTEXT)
    notification_id = Notification.objects.get().pk
    participant.delete()

    assert send_notification.call(notification_id) == "gone"
    assert mail.outbox == []
