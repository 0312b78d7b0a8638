"""Inviting a participant to their page: who may, what they are sent, and the limits."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from editorial.approvals import request_approval
from editorial.invitations import (
    RATE_LIMIT,
    invite,
    request_new_link,
    resolve_token,
    revoke,
    revoke_all,
)
from participants.models import Invitation
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def amara():
    return make_participant(name="Amara Okafor", email="amara@example.org")


def test_an_editor_invites_and_the_participant_is_emailed_a_working_link(amara, editor, settings):
    editor.first_name, editor.last_name = "Erin", "Editor"
    editor.save()
    invitation, token = invite(participant=amara, by=editor)
    assert resolve_token(token) == invitation
    assert invitation.sent_to == "amara@example.org"
    assert invitation.created_by == editor
    [email] = mail.outbox
    assert email.to == ["amara@example.org"]
    assert "Erin Editor invites you" in email.subject
    link = f"{settings.SITE_URL}/my/enter/{token}/"
    assert link in email.body
    assert f"until {timezone.localtime(invitation.expires_at):%-d %B %Y}" in email.body
    assert "once, in one browser" in email.body
    html = email.alternatives[0][0]
    assert f'href="{link}"' in html
    assert "tell your story" in html and "consent" in html and "download everything" in html


def test_a_command_invites_in_the_teams_name(amara):
    invite(participant=amara, by=None)
    assert "team invites you" in mail.outbox[0].subject


def test_a_contributor_may_not_invite(amara, contributor):
    with pytest.raises(PermissionDenied):
        invite(participant=amara, by=contributor)
    assert not Invitation.objects.exists() and not mail.outbox


def test_no_email_address_is_refused_with_what_to_do(editor):
    nobody = make_participant(name="No Address")
    with pytest.raises(ValidationError, match="Add an email address first"):
        invite(participant=nobody, by=editor)
    assert not Invitation.objects.exists()


def test_a_sixth_invitation_in_a_day_is_refused(amara, editor):
    for _ in range(RATE_LIMIT):
        invite(participant=amara, by=editor)
    with pytest.raises(ValidationError, match="no more can be sent until"):
        invite(participant=amara, by=editor)
    assert len(mail.outbox) == RATE_LIMIT


def test_invitations_older_than_a_day_do_not_count(amara, editor):
    for _ in range(RATE_LIMIT):
        invite(participant=amara, by=editor)
    Invitation.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    invite(participant=amara, by=editor)


def test_a_new_invitation_shuts_earlier_links_never_opened_but_not_one_in_use(amara, editor):
    opened, _ = invite(participant=amara, by=editor)
    Invitation.objects.filter(pk=opened.pk).update(used_at=timezone.now())
    unopened, _ = invite(participant=amara, by=editor)
    latest, _ = invite(participant=amara, by=editor)
    opened.refresh_from_db(), unopened.refresh_from_db(), latest.refresh_from_db()
    assert opened.is_active  # a browser already in keeps its session
    assert not unopened.is_active
    assert latest.is_active


def test_revoke_and_revoke_all_shut_links_now(amara, editor):
    first, _ = invite(participant=amara, by=editor)
    Invitation.objects.filter(pk=first.pk).update(used_at=timezone.now())
    second, _ = invite(participant=amara, by=editor)
    assert revoke(invitation=second, by=editor) is True
    assert revoke(invitation=second, by=editor) is False
    assert revoke_all(participant=amara, by=editor) == 1
    assert not Invitation.objects.filter(revoked_at__isnull=True).exists()


def test_a_contributor_may_not_revoke(amara, editor, contributor):
    invitation, _ = invite(participant=amara, by=editor)
    with pytest.raises(PermissionDenied):
        revoke(invitation=invitation, by=contributor)
    with pytest.raises(PermissionDenied):
        revoke_all(participant=amara, by=contributor)


def test_a_new_link_request_matches_the_address_whatever_its_case(amara):
    assert request_new_link(email="  AMARA@Example.ORG ") == 1
    assert mail.outbox[0].to == ["amara@example.org"]
    assert request_new_link(email="someone@example.org") == 0


def test_names_in_the_subject_and_text_are_plain_text_and_in_the_html_escaped(amara, editor):
    editor.first_name, editor.last_name = "Siobhán", "O'Brien <b>"
    editor.save()
    invite(participant=amara, by=editor)
    [email] = mail.outbox
    assert email.subject.startswith("Siobhán O'Brien <b> invites you")
    assert "Siobhán O'Brien <b> invites you" in email.body
    assert "O&#x27;Brien &lt;b&gt;" in email.alternatives[0][0]


def test_strangers_asking_for_new_links_never_use_up_the_editors_invitations(amara, editor):
    for _ in range(RATE_LIMIT + 2):
        request_new_link(email="amara@example.org")
    # The participant's own requests stop at the limit...
    assert Invitation.objects.filter(participant=amara, created_by=None).count() == RATE_LIMIT
    # ...and an editor may still invite them.
    invitation, _ = invite(participant=amara, by=editor)
    assert invitation.is_active


def test_a_new_link_request_leaves_open_the_link_an_approval_request_carries(amara, editor):
    story = make_story(participant=amara, status="review")
    request_approval(story=story, by=editor)
    approval_link = Invitation.objects.get(participant=amara)
    request_new_link(email="amara@example.org")
    approval_link.refresh_from_db()
    assert approval_link.is_active
    assert approval_link.lands_on == f"/my/stories/{story.pk}/"
