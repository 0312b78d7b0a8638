"""Guessing an admin password: a handful of wrong tries pauses that login, an admin unlocks it."""

import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RIGHT = "pw-for-tests-only"


def try_login(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def guess_until_locked(client: Client, username: str, address: str = "203.0.113.7"):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = try_login(client, username, f"wrong-{attempt}", address)
    return response


def test_a_few_wrong_passwords_only_ask_again(client):
    make_staff("erin-editor", "Editors")
    response = try_login(client, "erin-editor", "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert try_login(client, "erin-editor", RIGHT).status_code == 302


def test_the_limit_of_wrong_passwords_pauses_even_the_right_one(client, caplog):
    make_staff("erin-editor", "Editors")
    with caplog.at_level(logging.WARNING, logger="axes"):
        locked = guess_until_locked(client, "erin-editor")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Signing in is paused" in page
    assert f"{settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in page
    assert any("Locking out" in record.getMessage() for record in caplog.records)

    response = try_login(client, "erin-editor", RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_that_address_so_a_stranger_cannot_lock_an_editor_out(client):
    make_staff("erin-editor", "Editors")
    guess_until_locked(client, "erin-editor", address="198.51.100.66")
    response = try_login(Client(), "erin-editor", RIGHT, address="203.0.113.7")
    assert response.status_code == 302


def test_a_successful_login_starts_the_count_again(client):
    make_staff("erin-editor", "Editors")
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        try_login(client, "erin-editor", f"wrong-{attempt}")
    assert try_login(client, "erin-editor", RIGHT).status_code == 302
    client.logout()
    assert try_login(client, "erin-editor", "wrong-again").status_code == 200


def test_an_admin_unlocks_the_login_by_deleting_its_access_attempt(client):
    make_staff("erin-editor", "Editors")
    guess_until_locked(client, "erin-editor")
    attempt = AccessAttempt.objects.get(username="erin-editor")

    admin = Client()
    admin.force_login(User.objects.create_superuser("ada-admin", password="x-" * 10))
    listing = admin.get("/admin/axes/accessattempt/")
    assert "erin-editor" in listing.content.decode()
    deleted = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302

    assert try_login(client, "erin-editor", RIGHT).status_code == 302


def test_editors_cannot_see_or_clear_the_lockouts(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403


def test_the_address_counted_is_the_one_our_proxy_saw(client, settings):
    """Behind one proxy, X-Forwarded-For's last entry is the client; the rest can be forged."""
    settings.TRUSTED_PROXY_COUNT = 1
    make_staff("erin-editor", "Editors")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "erin-editor", "password": f"wrong-{attempt}"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 198.51.100.66",
        )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"
    elsewhere = Client().post(
        LOGIN,
        {"username": "erin-editor", "password": RIGHT},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert elsewhere.status_code == 302


def test_a_forwarded_address_that_is_no_address_counts_as_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_staff("erin-editor", "Editors")
    response = client.post(
        LOGIN,
        {"username": "erin-editor", "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="unknown, 1.2.3.4:80",
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "10.0.0.2"


def test_a_username_longer_than_any_is_recorded_cut_short(client):
    typed = "ŵ" * 300
    response = try_login(client, typed, "wrong")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == typed[:150]
