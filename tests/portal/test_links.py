"""Opening a link: a GET never uses it, a POST does, and every bad link has its own page."""

import datetime as dt

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial.invitations import create_invitation, invitation_path, invite
from editorial.sharing import create_share_link, share_token
from participants.models import Invitation
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


@pytest.fixture
def link(participant):
    return create_invitation(participant=participant, by=None)


def page(response) -> str:
    return response.content.decode()


def test_opening_the_link_shows_a_button_and_leaves_it_unused(client, link, participant):
    invitation, token = link
    for method in (client.get, client.head):
        response = method(invitation_path(token))
        assert response.status_code == 200
    assert "Continue to your page" in page(client.get(invitation_path(token)))
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert client.get(HOME).status_code == 403  # not signed in by a GET


def test_the_button_signs_the_browser_in(client, link, participant):
    invitation, token = link
    response = client.post(invitation_path(token))
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    invitation.refresh_from_db()
    assert invitation.used_at is not None


def test_the_browser_already_in_goes_straight_in(client, link):
    _, token = link
    client.post(invitation_path(token))
    for method in (client.get, client.post):
        response = method(invitation_path(token))
        assert response.status_code == 302 and response["Location"] == HOME


def test_a_link_used_in_another_browser_is_refused(client, link):
    _, token = link
    client.post(invitation_path(token))
    other = Client()
    for method in (other.get, other.post):
        response = method(invitation_path(token))
        assert response.status_code == 410
        assert "already been used in another browser" in page(response)
        assert "Ask for a new link" in page(response)
    assert other.get(HOME).status_code == 403


def test_an_expired_link(client, link):
    invitation, token = link
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    for method in (client.get, client.post):
        response = method(invitation_path(token))
        assert response.status_code == 410
        assert "This link has expired" in page(response)
        assert 'action="/my/new-link/"' in page(response)
    assert client.get(HOME).status_code == 403


def test_a_revoked_link(client, link):
    invitation, token = link
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    response = client.post(invitation_path(token))
    assert response.status_code == 410
    assert "This link has been withdrawn" in page(response)


def test_a_link_replaced_by_a_newer_one(client, participant):
    _, old = invite(participant=participant, by=None)
    invite(participant=participant, by=None)
    response = client.get(invitation_path(old))
    assert response.status_code == 410
    assert "replaced by a newer one" in page(response)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"), id="tampered"),
        pytest.param(lambda token: token[: len(token) // 2], id="truncated"),
        pytest.param(lambda token: token + "x" * 5000, id="absurdly-long"),
        pytest.param(lambda token: "not-a-token", id="unknown"),
        pytest.param(
            lambda token: signing.Signer(salt="portal.invitation").sign_object(
                {"i": 999, "k": "x"}
            ),
            id="signed-but-no-such-invitation",
        ),
    ],
)
def test_a_spoilt_link_is_a_404_with_a_way_to_a_new_one(client, link, spoil):
    _, token = link
    for method in (client.get, client.post):
        response = method(invitation_path(spoil(token)))
        assert response.status_code == 404
        assert "This link does not work" in page(response)
        assert "Ask for a new link" in page(response)
    assert client.get(HOME).status_code == 403


def test_a_share_links_token_never_opens_a_participants_page(client, editor, participant):
    story = make_story(participant=participant)
    share = create_share_link(story=story, by=editor, label="", sent_to="")
    response = client.post(invitation_path(share_token(share)))
    assert response.status_code == 404
    assert client.get(HOME).status_code == 403


def test_a_member_of_staff_is_told_to_use_a_private_window(editor_client, link):
    invitation, token = link
    response = editor_client.get(invitation_path(token))
    assert response.status_code == 200
    assert "private" in page(response)
    response = editor_client.post(invitation_path(token))
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert editor_client.get(HOME).status_code == 403


def test_sign_out_ends_the_participant_session(participant_client):
    response = participant_client.post(reverse("portal:sign_out"))
    assert response.status_code == 200
    assert "You are signed out" in page(response)
    assert participant_client.get(HOME).status_code == 403


def test_sign_out_is_a_post(participant_client):
    assert participant_client.get(reverse("portal:sign_out")).status_code == 405
    assert participant_client.get(HOME).status_code == 200


def test_a_session_never_reaches_the_admin_nor_another_participants_things(
    participant_client, participant
):
    mine = make_story(participant=participant, title="My own ward story")
    someone = make_participant(name="Someone Else", email="someone@example.org")
    make_story(participant=someone, title="Someone else's clinic story")
    home = page(participant_client.get(HOME))
    assert mine.title in home
    assert "Someone else" not in home and "clinic" not in home
    for address in ("/admin/", reverse("admin:participants_participant_changelist")):
        response = participant_client.get(address)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_session_ends_when_its_link_expires(client, participant):
    invitation, token = create_invitation(participant=participant, by=None, days=1)
    client.post(invitation_path(token))
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get(HOME).status_code == 403
    response = client.get(invitation_path(token))
    assert response.status_code == 410


def test_a_links_address_never_leaves_for_another_site_yet_its_button_posts(client, link):
    # "no-referrer" would make browsers send Origin: null, which the CSRF check refuses.
    _, token = link
    response = client.get(invitation_path(token))
    assert response["Referrer-Policy"] == "same-origin"


def test_an_older_used_link_takes_the_browser_in_through_a_newer_one_straight_in(
    client, participant
):
    _, older = create_invitation(participant=participant, by=None)
    client.post(invitation_path(older))
    other = Client()
    _, newer = create_invitation(participant=participant, by=None)
    other.post(invitation_path(newer))
    response = other.get(invitation_path(older))
    assert response.status_code == 302 and response["Location"] == HOME


def test_link_pages_take_few_queries(client, link, django_assert_max_num_queries):
    invitation, token = link
    with django_assert_max_num_queries(3):
        client.get(invitation_path(token))
    with django_assert_max_num_queries(3):
        client.get(invitation_path("not-a-token"))
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    with django_assert_max_num_queries(4):
        client.get(invitation_path(token))
    with django_assert_max_num_queries(3):
        client.get(reverse("portal:new_link"))
