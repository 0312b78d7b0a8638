"""The page an unsubscribe link opens, and the one-click POST a mail program sends."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from editorial.invitations import create_invitation
from notifications.models import TurnedOff
from notifications.preferences import turn_off, wants
from notifications.unsubscribe import TOKEN_SALT, make_token
from tests.factories import make_participant


@pytest.fixture
def amara(db):
    return make_participant(name="Amara Okafor", email="amara@example.org")


@pytest.fixture
def mail_program():
    """A client that sends no CSRF token and holds no session, as a mail program's POST."""
    return Client(enforce_csrf_checks=True)


def address(event, **person):
    return reverse("notifications:unsubscribe", kwargs={"token": make_token(event, **person)})


def assert_private(response):
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_opening_the_link_names_what_will_stop_and_changes_nothing(client, amara):
    response = client.get(address("approval_reminder", participant=amara))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stop these emails?" in page
    assert "reminders of a story waiting for your approval" in page
    assert '<button type="submit">Stop these emails</button>' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert_private(response)
    assert wants("approval_reminder", participant=amara)


def test_a_mail_programs_one_click_post_turns_it_off(mail_program, amara):
    response = mail_program.post(
        address("consent_ending", participant=amara),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You will no longer get these emails" in response.content.decode()
    assert_private(response)
    assert not wants("consent_ending", participant=amara)


def test_the_confirmation_offers_to_turn_it_back_on(mail_program, amara):
    url = address("consent_ending", participant=amara)
    page = mail_program.post(url).content.decode()
    assert "Turn these emails back on" in page

    response = mail_program.post(url, {"turn-back-on": "1"})
    assert "These emails are turned back on" in response.content.decode()
    assert wants("consent_ending", participant=amara)


def test_pressing_stop_twice_keeps_it_off(mail_program, amara):
    url = address("approval_reminder", participant=amara)
    mail_program.post(url)
    response = mail_program.post(url)
    assert response.status_code == 200
    assert TurnedOff.objects.filter(participant=amara).count() == 1


def test_opening_the_link_again_says_it_is_already_off(client, amara):
    turn_off("approval_reminder", participant=amara)
    page = client.get(address("approval_reminder", participant=amara)).content.decode()
    assert "These emails are already turned off" in page
    assert "Turn these emails back on" in page


def test_a_member_of_staff_is_pointed_to_their_preferences(mail_program, editor):
    response = mail_program.post(address("story_submitted", user=editor))
    page = response.content.decode()
    assert "A participant submitted their story" in page
    assert reverse("admin:notification_preferences") in page
    assert not wants("story_submitted", user=editor)


def test_the_link_turns_off_only_its_own_event_for_its_own_person(mail_program, amara, editor):
    other = make_participant(email="other@example.org")
    mail_program.post(address("consent_ending", participant=amara))
    assert wants("approval_reminder", participant=amara)
    assert wants("consent_ending", participant=other)
    assert wants("consent_ending", user=editor)


def signed(payload, salt=TOKEN_SALT):
    return signing.Signer(salt=salt).sign_object(payload)


def hostile_tokens(amara):
    good = make_token("consent_ending", participant=amara)
    value, signature = good.rsplit(":", 1)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    _, invitation_token = create_invitation(participant=amara, by=None)
    return {
        "tampered signature": f"{value}:{flipped}",
        "truncated": good[: len(good) // 2],
        "signature cut off": value,
        "no signature": value + ":",
        "garbage": "not-a-token",
        "long": "a" * 5000,
        "percent junk": "%00%ff",
        "invitation token": invitation_token,
        "another salt": signed({"e": "consent_ending", "p": amara.pk}, salt="other"),
        "unknown event": signed({"e": "no_such_event", "p": amara.pk}),
        "required event": signed({"e": "invitation", "p": amara.pk}),
        "event not a string": signed({"e": ["consent_ending"], "p": amara.pk}),
        "id as text": signed({"e": "consent_ending", "p": str(amara.pk)}),
        "id as true": signed({"e": "consent_ending", "p": True}),
        "both people": signed({"e": "consent_ending", "p": amara.pk, "u": 1}),
        "no person": signed({"e": "consent_ending"}),
        "not a dict": signed(["consent_ending", amara.pk]),
        "nobody with that id": signed({"e": "consent_ending", "p": amara.pk + 1000}),
        "no user with that id": signed({"e": "story_submitted", "u": 987654}),
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_link_gets_a_clear_page_and_changes_nothing(mail_program, amara, method):
    for name, token in hostile_tokens(amara).items():
        url = reverse("notifications:unsubscribe", kwargs={"token": token})
        response = getattr(mail_program, method)(url)
        assert response.status_code == 404, name
        assert "This unsubscribe link does not work" in response.content.decode(), name
        assert_private(response)
    assert not TurnedOff.objects.exists()


def test_a_token_with_a_slash_is_not_found(client, db):
    assert client.get("/notifications/unsubscribe/abc/def/").status_code == 404


def test_the_link_of_a_person_since_erased_does_not_work(mail_program, amara):
    url = address("consent_ending", participant=amara)
    amara.delete()
    response = mail_program.post(url)
    assert response.status_code == 404
    assert "This unsubscribe link does not work" in response.content.decode()
    assert not TurnedOff.objects.exists()


def test_other_methods_are_refused(client, amara):
    assert client.put(address("consent_ending", participant=amara)).status_code == 405


def test_the_page_reads_little(client, amara, django_assert_max_num_queries):
    url = address("consent_ending", participant=amara)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200
