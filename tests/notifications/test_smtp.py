"""Through a real SMTP server on loopback (aiosmtpd, started by the test): the headers
and both bodies arrive; a server that is down fails the email, kept, and sent later."""

import email
from datetime import timedelta
from email import policy

import pytest
from django.utils import timezone

from notifications import send
from notifications.models import Notification
from notifications.sending import requeue_unsent
from tests.notifications.smtp_server import Controller, Inbox, free_port

pytestmark = pytest.mark.django_db

UNSUBSCRIBE = {
    "List-Unsubscribe": "<https://stories.example.org/unsubscribe/abc/>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
}


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_settings(settings, smtp_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Stories of Impact <stories@example.org>"


@pytest.fixture
def smtp_server(smtp_settings, smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


def parsed(envelope):
    return email.message_from_bytes(envelope.original_content, policy=policy.default)


def test_an_email_arrives_with_its_headers_and_both_bodies(
    smtp_server, editor_with_email, monkeypatch
):
    monkeypatch.setattr(
        "notifications.unsubscribe.unsubscribe_headers", lambda event, **person: UNSUBSCRIBE
    )
    monkeypatch.setattr(
        "notifications.unsubscribe.unsubscribe_url",
        lambda event, **person: "https://stories.example.org/unsubscribe/abc/",
    )

    assert send.to_user("approval_answered", editor_with_email, {"story_title": "Clean water"})

    [envelope] = smtp_server.received
    assert envelope.mail_from == "stories@example.org"
    assert envelope.rcpt_tos == ["erin@example.org"]
    message = parsed(envelope)
    assert message["From"] == "Stories of Impact <stories@example.org>"
    assert message["To"] == "erin@example.org"
    assert message["Subject"] == "Clean water on Stories of Impact"
    assert message["Date"]
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
    assert message["List-Unsubscribe"] == UNSUBSCRIBE["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hello Erin Editor," in text
    assert "Stop these emails: https://stories.example.org/unsubscribe/abc/" in text
    assert "<b>Clean water</b>" in html
    assert 'href="https://stories.example.org/unsubscribe/abc/"' in html
    assert Notification.objects.get().status == Notification.Status.SENT


def test_a_required_email_has_no_unsubscribe_header(smtp_server, participant):
    send.to_participant("invitation", participant, {"story_title": "Clean water"})

    message = parsed(smtp_server.received[0])
    assert message["To"] == "amara@example.org"
    assert message["List-Unsubscribe"] is None


def test_a_server_that_is_down_fails_the_email_and_it_is_sent_once_it_is_up(
    smtp_settings, smtp_port, participant
):
    # Nothing listens on the port yet.
    assert send.to_participant("invitation", participant, {"story_title": "Clean water"})
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1
    assert notification.last_error.startswith("ConnectionRefusedError")

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert requeue_unsent(timezone.now() + timedelta(minutes=11)) == 1
    finally:
        controller.stop()

    [envelope] = inbox.received
    assert parsed(envelope)["Subject"] == "Clean water on Stories of Impact"
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
