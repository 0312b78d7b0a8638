"""A participant's admin page: editors see their email and invite them; contributors cannot."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from editorial.invitations import RATE_LIMIT, invite
from participants.models import Invitation
from tests.factories import make_participant
from tests.markup import form_data, parse

pytestmark = pytest.mark.django_db

EMAIL = "amara.private@example.org"


@pytest.fixture
def amara():
    return make_participant(name="Amara Okafor", email=EMAIL)


def change_page(participant):
    return reverse("admin:participants_participant_change", args=[participant.pk])


def invite_url(participant):
    return reverse("admin:participants_participant_invite", args=[participant.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def submitted(client, participant, **changes):
    """Send the participant's change form as the browser would, with `changes` typed in."""
    page = parse(client.get(change_page(participant)).content.decode())
    sent = form_data(page.one("form", id="participant_form")) | {
        name: [value] for name, value in changes.items()
    }
    return client.post(change_page(participant), sent)


def test_an_editor_sees_and_edits_the_email(editor_client, amara):
    page = editor_client.get(change_page(amara)).content.decode()
    assert f'value="{EMAIL}"' in page
    assert "Invite to their page" in page
    response = submitted(editor_client, amara, email="amara.new@example.org")
    assert response.status_code == 302
    amara.refresh_from_db()
    assert amara.email == "amara.new@example.org"


def test_a_contributor_never_sees_the_email_nor_the_invitations(contributor_client, amara):
    invite(participant=amara, by=None)
    response = contributor_client.get(change_page(amara))
    assert response.status_code == 200
    page = response.content.decode()
    assert EMAIL not in page
    assert "Invite to their page" not in page
    assert "invitations to their page" not in page.lower()
    assert "email" not in response.context["adminform"].form.fields


def test_a_contributor_cannot_invite(contributor_client, amara):
    response = contributor_client.post(invite_url(amara))
    assert response.status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox


def test_an_editor_invites_from_the_change_page(editor_client, amara):
    response = editor_client.post(invite_url(amara), follow=True)
    assert response.redirect_chain[-1][0] == change_page(amara)
    assert any(f"Invitation emailed to {EMAIL}" in m for m in messages_of(response))
    assert mail.outbox[0].to == [EMAIL]
    page = response.content.decode()
    assert "Open: not used yet" in page and ">Revoke</button>" in page


def test_inviting_is_a_post_with_csrf(editor, amara):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.get(invite_url(amara)).status_code == 405
    assert strict.post(invite_url(amara)).status_code == 403
    assert not Invitation.objects.exists()


def test_refusals_come_back_as_messages(editor_client, editor):
    nobody = make_participant(name="No Address")
    response = editor_client.post(invite_url(nobody), follow=True)
    assert any("Add an email address first" in m for m in messages_of(response))
    someone = make_participant(name="Often Asked", email="often@example.org")
    for _ in range(RATE_LIMIT):
        invite(participant=someone, by=editor)
    response = editor_client.post(invite_url(someone), follow=True)
    assert any("no more can be sent until" in m for m in messages_of(response))


def test_an_editor_revokes_one_link_or_all(editor_client, amara, editor):
    used, _ = invite(participant=amara, by=editor)
    Invitation.objects.filter(pk=used.pk).update(used_at=timezone.now())
    fresh, _ = invite(participant=amara, by=editor)
    revoke_one = reverse(
        "admin:participants_participant_invitation_revoke", args=[amara.pk, fresh.pk]
    )
    response = editor_client.post(revoke_one, follow=True)
    assert any("Link revoked" in m for m in messages_of(response))
    fresh.refresh_from_db()
    assert fresh.revoked_at is not None
    page = response.content.decode()
    assert "Open: in use in one browser" in page and "Shut (revoked or replaced)" in page
    revoke_all = reverse("admin:participants_participant_invitation_revoke_all", args=[amara.pk])
    response = editor_client.post(revoke_all, follow=True)
    assert any("1 open link revoked" in m for m in messages_of(response))
    assert not Invitation.objects.filter(revoked_at__isnull=True).exists()


def test_a_contributor_cannot_revoke(contributor_client, amara):
    invitation, _ = invite(participant=amara, by=None)
    for url in (
        reverse("admin:participants_participant_invitation_revoke", args=[amara.pk, invitation.pk]),
        reverse("admin:participants_participant_invitation_revoke_all", args=[amara.pk]),
    ):
        assert contributor_client.post(url).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_contributors_save_leaves_the_email_alone(contributor_client, amara):
    response = submitted(contributor_client, amara, job_title="Ward Manager", email="x@example.org")
    assert response.status_code == 302
    amara.refresh_from_db()
    assert amara.job_title == "Ward Manager"
    assert amara.email == EMAIL
