"""Signing a test client in as a participant, as their invitation link would."""

from editorial.invitations import create_invitation, invitation_path


def sign_in_as(client, participant, *, lands_on: str = ""):
    """Open the participant's page in `client` through a fresh invitation; return it."""
    invitation, token = create_invitation(participant=participant, by=None, lands_on=lands_on)
    response = client.post(invitation_path(token))
    assert response.status_code == 302, response.status_code
    return invitation
