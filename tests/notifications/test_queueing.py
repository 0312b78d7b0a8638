"""An email is written as a Notification and its sending queued in the caller's own
transaction: a write that rolls back sends nothing."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from notifications import send
from notifications.models import Notification

pytestmark = pytest.mark.django_db

CONTEXT = {"story_title": "Clean water in Kisumu"}


class Rollback(Exception):
    pass


def test_an_email_to_a_member_of_staff_is_sent_and_kept(editor_with_email, settings):
    assert send.to_user("approval_answered", editor_with_email, CONTEXT) is True

    [message] = mail.outbox
    assert message.to == ["erin@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "Clean water in Kisumu on Stories of Impact"
    assert "Hello Erin Editor," in message.body
    [(html, kind)] = message.alternatives
    assert kind == "text/html" and "<b>Clean water in Kisumu</b>" in html
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None
    assert notification.to_user == editor_with_email
    assert notification.to_participant is None
    assert (notification.event, notification.attempts) == ("approval_answered", 0)


def test_an_email_to_a_participant_names_them(participant):
    assert send.to_participant("invitation", participant, CONTEXT) is True

    [message] = mail.outbox
    assert message.to == ["amara@example.org"]
    assert "Hello Amara Okafor," in message.body
    assert Notification.objects.get().to_participant == participant


def test_nobody_without_an_address_is_emailed(editor, participant):
    participant.email = ""
    assert send.to_participant("invitation", participant, CONTEXT) is False
    assert send.to_user("approval_answered", editor, CONTEXT) is False
    assert send.to_user("approval_answered", None, CONTEXT) is False
    assert mail.outbox == [] and not Notification.objects.exists()


def test_every_editor_but_the_one_who_acted_is_told(editor_with_email, second_editor, contributor):
    contributor.email = "casey@example.org"
    contributor.save()

    assert send.to_editors("consent_changed", CONTEXT, exclude=second_editor) == 1
    assert [message.to for message in mail.outbox] == [["erin@example.org"]]

    assert send.to_editors("consent_changed", CONTEXT) == 2
    assert Notification.objects.count() == 3


def test_a_person_who_turned_an_event_off_is_not_emailed(
    editor_with_email, second_editor, monkeypatch
):
    def wants(event, *, user=None, participant=None):
        return user != editor_with_email

    monkeypatch.setattr("notifications.preferences.wants", wants)

    assert send.to_user("approval_answered", editor_with_email, CONTEXT) is False
    assert send.to_editors("consent_changed", CONTEXT) == 1
    assert [message.to for message in mail.outbox] == [["ed@example.org"]]


def test_an_optional_email_carries_its_unsubscribe_link_and_headers(
    editor_with_email, participant, monkeypatch
):
    calls = []

    def url(event, *, user=None, participant=None):
        calls.append((event, user, participant))
        return "https://stories.example.org/unsubscribe/abc/"

    def headers(event, *, user=None, participant=None):
        return {
            "List-Unsubscribe": "<https://stories.example.org/unsubscribe/abc/>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }

    monkeypatch.setattr("notifications.unsubscribe.unsubscribe_url", url)
    monkeypatch.setattr("notifications.unsubscribe.unsubscribe_headers", headers)

    send.to_user("approval_answered", editor_with_email, CONTEXT)
    [message] = mail.outbox
    assert calls == [("approval_answered", editor_with_email, None)]
    assert "Stop these emails: https://stories.example.org/unsubscribe/abc/" in message.body
    assert 'href="https://stories.example.org/unsubscribe/abc/"' in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get().headers == headers("approval_answered")

    # A required email (an invitation the participant's editor sent) has neither.
    mail.outbox.clear()
    send.to_participant("invitation", participant, CONTEXT)
    [message] = mail.outbox
    assert "Stop these emails" not in message.body
    assert "Stop these emails" not in message.alternatives[0][0]
    assert "List-Unsubscribe" not in message.extra_headers
    assert len(calls) == 1


def test_an_unknown_event_is_a_programming_error(editor_with_email):
    with pytest.raises(KeyError):
        send.to_user("no_such_event", editor_with_email, CONTEXT)


# Committed for real: the worker, as it wakes, closes a connection left inside a
# transaction (as every test that does not commit runs), which on PostgreSQL is the
# test's own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_email_is_queued_in_the_callers_transaction(editor_with_email, database_queue):
    with transaction.atomic():
        send.to_user("approval_answered", editor_with_email, CONTEXT)
        notification = Notification.objects.get()
        [queued] = DBTaskResult.objects.all()
        assert queued.args_kwargs["args"] == [notification.pk]
        assert queued.task_path == "notifications.tasks.send_notification"

    # Nothing is sent in the request; the worker sends it.
    assert mail.outbox == []
    assert notification.status == Notification.Status.QUEUED
    call_command("db_worker", "--batch", "--no-reload", verbosity=0)
    assert [message.to for message in mail.outbox] == [["erin@example.org"]]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


# Committed for real: the worker, as it wakes, closes a connection left inside a
# transaction (as every test that does not commit runs), which on PostgreSQL is the
# test's own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_that_rolls_back_sends_nothing(editor_with_email, database_queue):
    with pytest.raises(Rollback), transaction.atomic():
        send.to_user("approval_answered", editor_with_email, CONTEXT)
        raise Rollback

    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()
    call_command("db_worker", "--batch", "--no-reload", verbosity=0)
    assert mail.outbox == []


def test_text_is_sent_as_written_and_html_escaped(participant):
    send.to_participant("invitation", participant, {"story_title": "Tom & Jerry's <story>"})

    [message] = mail.outbox
    assert message.subject == "Tom & Jerry's <story> on Stories of Impact"
    assert "Something happened to Tom & Jerry's <story>:" in message.body
    html = message.alternatives[0][0]
    assert "<b>Tom &amp; Jerry&#x27;s &lt;story&gt;</b>" in html
