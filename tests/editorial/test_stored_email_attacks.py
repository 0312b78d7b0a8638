"""Attacks on the stored emails."""

import re

import pytest
from django.core import mail

from editorial.invitations import invite, resolve_token
from notifications.models import Notification
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def test_a_sent_invitation_keeps_no_working_link_in_the_database(editor):
    """Only a hash of a link's secret is kept: the stored copy of the email (read by
    superusers in the admin, kept in backups) must not hold the link itself."""
    person = make_participant(name="Amara Okafor", email="amara@example.org")
    invite(participant=person, by=editor)
    [sent] = mail.outbox
    token = re.search(r"/my/enter/([^/\s]+)/", sent.body).group(1)
    assert resolve_token(token) is not None  # the email itself works
    stored = Notification.objects.get(event="invitation")
    assert stored.status == Notification.Status.SENT
    assert token not in stored.body_text
    assert token not in stored.body_html
    assert "/my/enter/" in stored.body_text  # says a link was there


def test_in_development_the_outbox_keeps_the_working_link(editor, settings):
    settings.DEBUG = True
    person = make_participant(name="Amara Okafor", email="amara@example.org")
    invite(participant=person, by=editor)
    token = re.search(r"/my/enter/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert token in Notification.objects.get(event="invitation").body_text
