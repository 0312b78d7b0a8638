"""The demo's participant has an email, and `demo_participant_link` prints a way into their page."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from demo.loader import load_demo
from editorial.invitations import RATE_LIMIT, invite, resolve_token
from participants.models import Participant

pytestmark = pytest.mark.django_db


def link_printed() -> str:
    out = io.StringIO()
    call_command("demo_participant_link", stdout=out)
    return out.getvalue()


def test_the_seed_participant_has_an_email_and_the_link_opens_their_page(client, settings):
    load_demo(with_pictures=False)
    andrew = Participant.objects.get(slug="andrew-wilesmith")
    assert andrew.email == "andrew.wilesmith@example.org"
    printed = link_printed()
    prefix = f"Try the participant's side: {settings.SITE_URL}/my/enter/"
    assert printed.startswith(prefix) and printed.count("\n") == 1
    token = printed.strip().removeprefix(prefix).rstrip("/")
    assert resolve_token(token).participant == andrew
    assert not mail.outbox  # no email is sent
    response = client.post(f"/my/enter/{token}/", follow=True)
    assert "Hello, Andrew Wilesmith" in response.content.decode()


def test_printing_links_at_every_run_never_blocks_inviting_them():
    load_demo(with_pictures=False)
    for _ in range(RATE_LIMIT + 1):
        link_printed()
    invite(participant=Participant.objects.get(slug="andrew-wilesmith"), by=None)


def test_without_the_demo_it_says_what_to_run():
    with pytest.raises(CommandError, match="load_demo"):
        link_printed()
