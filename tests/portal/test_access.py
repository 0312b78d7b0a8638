from django.urls import reverse

from editorial.invitations import create_invitation, invitation_path


def test_a_signed_in_participant_sees_their_own_page(participant_client, participant):
    response = participant_client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert f"Hello, {participant.name}" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_without_a_session_the_page_asks_for_the_email_link(client, db):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 403
    assert "Open your page from your email" in response.content.decode()


def test_a_participant_session_never_reaches_the_admin(participant_client):
    response = participant_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_revoking_the_invitation_ends_the_session(client, participant):
    invitation, token = create_invitation(participant=participant, by=None)
    client.post(invitation_path(token))
    assert client.get(reverse("portal:home")).status_code == 200
    invitation.revoked_at = invitation.expires_at
    invitation.save()
    assert client.get(reverse("portal:home")).status_code == 403
