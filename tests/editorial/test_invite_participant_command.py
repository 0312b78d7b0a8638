"""`manage.py invite_participant SLUG [--days N]`."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from editorial.invitations import RATE_LIMIT, invite, resolve_token
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("invite_participant", *args, stdout=out)
    return out.getvalue()


def test_it_invites_and_prints_the_link(settings):
    make_participant(name="Amara Okafor", slug="amara", email="amara@example.org")
    printed = run("amara", "--days", "3")
    link = next(word for word in printed.split() if word.startswith(settings.SITE_URL))
    invitation = resolve_token(link.rstrip("/").rsplit("/", 1)[-1])
    assert invitation is not None and invitation.participant.slug == "amara"
    assert 2 < (invitation.expires_at - invitation.created_at).days + 1 <= 3
    assert "email to amara@example.org is queued" in printed
    assert mail.outbox[0].to == ["amara@example.org"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nobody"], "No participant has the slug"),
        (["quiet"], "Add an email address first"),
        (["amara", "--days", "0"], "--days must be between"),
    ],
)
def test_refusals_are_clear_errors(args, words):
    make_participant(name="Quiet One", slug="quiet")
    make_participant(name="Amara Okafor", slug="amara", email="amara@example.org")
    with pytest.raises(CommandError, match=words):
        run(*args)


def test_a_rate_limited_invitation_is_an_error():
    amara = make_participant(name="Amara Okafor", slug="amara", email="amara@example.org")
    for _ in range(RATE_LIMIT):
        invite(participant=amara, by=None)
    with pytest.raises(CommandError, match="no more can be sent until"):
        run("amara")
