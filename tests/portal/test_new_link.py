"""Asking for a new link: the same answer for anyone, a link only for a participant, and limits."""

import pytest
from django.core import mail
from django.urls import reverse

from participants.models import Invitation
from portal.new_links import PER_ADDRESS, PER_CLIENT

pytestmark = pytest.mark.django_db

NEW_LINK = reverse("portal:new_link")


def ask(client, email, **extra):
    return client.post(NEW_LINK, {"email": email}, **extra)


def test_the_form_is_labelled(client):
    response = client.get(NEW_LINK)
    assert response.status_code == 200
    assert '<label for="id_email">Your email address</label>' in response.content.decode()


def test_a_participants_address_gets_a_fresh_link(client, participant):
    response = ask(client, "  Amara@Example.org ")
    assert response.status_code == 200
    [email] = mail.outbox
    assert email.to == ["amara@example.org"]
    assert "/my/enter/" in email.body
    assert Invitation.objects.filter(participant=participant).count() == 1


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client, participant):
    known = ask(client, "amara@example.org").content.decode()
    unknown = ask(client, "nobody@example.org").content.decode()
    assert known.replace("amara@example.org", "X") == unknown.replace("nobody@example.org", "X")
    assert "Check your email" in unknown
    assert len(mail.outbox) == 1


def test_not_an_address_is_an_error_linked_to_the_field(client):
    response = ask(client, "not an address")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_email"' in page and 'aria-invalid="true"' in page
    assert "Enter an email address" in page


def test_one_address_may_ask_only_a_few_times_an_hour(client, participant):
    for _ in range(PER_ADDRESS):
        assert ask(client, "amara@example.org").status_code == 200
    response = ask(client, "AMARA@example.org")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert response["Retry-After"]
    assert len(mail.outbox) == PER_ADDRESS


def test_one_client_may_ask_only_so_often_whatever_the_address(client, participant):
    for n in range(PER_CLIENT):
        assert ask(client, f"someone{n}@example.org").status_code == 200
    assert ask(client, "amara@example.org").status_code == 429
    assert not mail.outbox
    # Another client is not held back for it.
    assert ask(client, "amara@example.org", REMOTE_ADDR="203.0.113.9").status_code == 200
