"""In development each email is printed and kept as a readable .eml under var/mail/."""

import email
from email import policy

import pytest

from notifications import send

pytestmark = pytest.mark.django_db


def test_an_email_lands_in_the_outbox_folder_and_on_the_console(
    participant, settings, tmp_path, capsys
):
    settings.EMAIL_BACKEND = "notifications.outbox.OutboxBackend"
    settings.EMAIL_OUTBOX_DIR = tmp_path / "mail"

    send.to_participant("invitation", participant, {"story_title": "Clean water"})
    send.to_participant("invitation", participant, {"story_title": "Second story"})

    first, second = sorted((tmp_path / "mail").glob("*.eml"))
    message = email.message_from_bytes(first.read_bytes(), policy=policy.default)
    assert message["To"] == "amara@example.org"
    assert message["Subject"] == "Clean water on Stories of Impact"
    assert "Hello Amara Okafor," in message.get_body(("plain",)).get_content()
    assert "<b>Clean water</b>" in message.get_body(("html",)).get_content()
    assert "Second story" in second.read_text()
    # Text a person can read in any editor, lines ending as the machine's do.
    assert "\r\n" not in first.read_text()

    printed = capsys.readouterr().out
    assert "Subject: Clean water on Stories of Impact" in printed
    assert "Subject: Second story on Stories of Impact" in printed
