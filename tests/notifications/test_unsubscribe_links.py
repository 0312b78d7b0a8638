"""An optional email's unsubscribe address and headers (RFC 8058)."""

import pytest
from django.core import signing

from notifications.unsubscribe import (
    TOKEN_SALT,
    resolve_token,
    unsubscribe_headers,
    unsubscribe_url,
)
from tests.factories import make_participant


@pytest.fixture
def amara(db):
    return make_participant(name="Amara Okafor", email="amara@example.org")


def test_the_address_is_absolute_and_names_the_event_and_person(settings, amara, editor):
    settings.SITE_URL = "https://stories.example.org"
    url = unsubscribe_url("consent_ending", participant=amara)
    assert url.startswith("https://stories.example.org/notifications/unsubscribe/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert signing.Signer(salt=TOKEN_SALT).unsign_object(token) == {
        "e": "consent_ending",
        "p": amara.pk,
    }
    found = resolve_token(token)
    assert found.participant == amara and found.event.name == "consent_ending"

    staff_token = unsubscribe_url("story_submitted", user=editor).rstrip("/").rsplit("/", 1)[1]
    assert resolve_token(staff_token).user == editor


def test_optional_emails_carry_one_click_headers(amara):
    headers = unsubscribe_headers("approval_reminder", participant=amara)
    url = unsubscribe_url("approval_reminder", participant=amara)
    assert headers == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@pytest.mark.parametrize("event", ["invitation", "approval_requested", "published"])
def test_required_emails_carry_no_unsubscribe(amara, event):
    assert unsubscribe_headers(event, participant=amara) == {}
    assert unsubscribe_url(event, participant=amara) == ""
