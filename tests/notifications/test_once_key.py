"""An event with a once_key reaches each address once, however often it is raised."""

import pytest
from django.core import mail
from django.db import transaction

from notifications import send
from notifications.models import Notification

pytestmark = pytest.mark.django_db

CONTEXT = {"story_title": "Clean water in Kisumu"}


def test_the_same_key_reaches_a_participant_once(participant):
    key = "approval_reminder:request-7"
    assert send.to_participant("approval_reminder", participant, CONTEXT, once_key=key) is True
    assert send.to_participant("approval_reminder", participant, CONTEXT, once_key=key) is False
    assert send.to_participant("approval_reminder", participant, CONTEXT, once_key="other")

    assert len(mail.outbox) == 2
    assert Notification.objects.filter(once_key=key).count() == 1


def test_each_editor_gets_a_keyed_email_once(editor_with_email, second_editor):
    assert send.to_editors("consent_changed", CONTEXT, once_key="ending:5") == 2
    assert send.to_editors("consent_changed", CONTEXT, once_key="ending:5") == 0
    assert len(mail.outbox) == 2


def test_a_failed_keyed_email_is_not_written_again(participant, failing_mail):
    key = "approval_reminder:request-7"
    send.to_participant("approval_reminder", participant, CONTEXT, once_key=key)
    assert send.to_participant("approval_reminder", participant, CONTEXT, once_key=key) is False
    assert Notification.objects.get().status == Notification.Status.FAILED


def test_losing_a_race_for_the_key_leaves_the_callers_transaction_working(participant, monkeypatch):
    key = "approval_reminder:request-7"
    send.to_participant("approval_reminder", participant, CONTEXT, once_key=key)
    # Another process wrote the same key between this one's look and its insert.
    manager = Notification.objects
    monkeypatch.setattr(manager, "filter", lambda **lookups: manager.none())

    with transaction.atomic():
        assert send.to_participant("approval_reminder", participant, CONTEXT, once_key=key) is (
            False
        )
        participant.name = "Amara O."
        participant.save()  # the caller's own write still works

    participant.refresh_from_db()
    assert participant.name == "Amara O."
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
