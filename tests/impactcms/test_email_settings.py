"""Email settings from the environment: EMAIL_URL, else EMAIL_HOST and its friends,
else the development outbox; a clear error for a value that cannot work."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from impactcms.email import OUTBOX_BACKEND, SMTP_BACKEND, email_settings, parse_email_url

EMAIL_VARIABLES = [
    "EMAIL_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
]


@pytest.fixture(autouse=True)
def no_email_environment(monkeypatch):
    for name in EMAIL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_smtp_means_starttls_on_587():
    assert parse_email_url("smtp://mailer:secret@mail.example.org") == {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 20,
    }


def test_smtps_means_tls_from_the_first_byte_on_465():
    settings = parse_email_url("smtps://mailer:secret@mail.example.org")
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"], settings["EMAIL_USE_SSL"]) == (
        465,
        False,
        True,
    )


def test_smtp_plain_is_neither_and_on_loopback_only():
    settings = parse_email_url("smtp+plain://127.0.0.1:1025")
    assert settings["EMAIL_HOST"] == "127.0.0.1"
    assert settings["EMAIL_PORT"] == 1025
    assert (settings["EMAIL_USE_TLS"], settings["EMAIL_USE_SSL"]) == (False, False)
    assert (settings["EMAIL_HOST_USER"], settings["EMAIL_HOST_PASSWORD"]) == ("", "")
    assert parse_email_url("smtp+plain://localhost")["EMAIL_PORT"] == 25
    with pytest.raises(ImproperlyConfigured, match="this machine only"):
        parse_email_url("smtp+plain://mail.example.org:25")


def test_a_given_port_and_timeout_are_kept(monkeypatch):
    monkeypatch.setenv("EMAIL_TIMEOUT", "7")
    settings = parse_email_url("smtp://mail.example.org:2525")
    assert (settings["EMAIL_PORT"], settings["EMAIL_TIMEOUT"]) == (2525, 7)


def test_a_quoted_user_and_password_are_unquoted():
    settings = parse_email_url("smtp://apikey%40example.org:p%40ss%3Aw%2Fo%23rd@mail.example.org")
    assert settings["EMAIL_HOST_USER"] == "apikey@example.org"
    assert settings["EMAIL_HOST_PASSWORD"] == "p@ss:w/o#rd"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://mail.example.org", "must start with smtp://"),
        ("mail.example.org:587", "must start with"),
        ("smtp://", "names no host"),
        ("smtp://user:pw@:587", "names no host"),
        ("smtp://mail.example.org:port", "port is not a number"),
        ("smtp://mail.example.org:99999", "port is not a number"),
    ],
)
def test_a_bad_email_url_is_a_clear_error(url, words):
    with pytest.raises(ImproperlyConfigured, match=words):
        parse_email_url(url)


def test_email_url_wins_over_email_host(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtps://mail.example.org")
    monkeypatch.setenv("EMAIL_HOST", "other.example.org")
    assert email_settings()["EMAIL_HOST"] == "mail.example.org"


def test_email_host_reads_its_neighbours(monkeypatch):
    monkeypatch.setenv("EMAIL_HOST", "mail.example.org")
    monkeypatch.setenv("EMAIL_HOST_USER", "mailer")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "secret")
    settings = email_settings()
    assert settings["EMAIL_BACKEND"] == SMTP_BACKEND
    assert settings["EMAIL_HOST"] == "mail.example.org"
    assert settings["EMAIL_PORT"] == 587
    assert (settings["EMAIL_HOST_USER"], settings["EMAIL_HOST_PASSWORD"]) == ("mailer", "secret")
    assert (settings["EMAIL_USE_TLS"], settings["EMAIL_USE_SSL"]) == (True, False)

    monkeypatch.setenv("EMAIL_USE_SSL", "1")
    settings = email_settings()
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"], settings["EMAIL_USE_SSL"]) == (
        465,
        False,
        True,
    )

    monkeypatch.setenv("EMAIL_PORT", "2465")
    assert email_settings()["EMAIL_PORT"] == 2465


def test_email_host_with_both_tls_and_ssl_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("EMAIL_HOST", "mail.example.org")
    monkeypatch.setenv("EMAIL_USE_TLS", "1")
    monkeypatch.setenv("EMAIL_USE_SSL", "1")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        email_settings()


def test_email_host_with_a_bad_port_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("EMAIL_HOST", "mail.example.org")
    monkeypatch.setenv("EMAIL_PORT", "five-eight-seven")
    with pytest.raises(ValueError, match="EMAIL_PORT must be a whole number"):
        email_settings()


def test_with_neither_emails_go_to_the_outbox():
    assert email_settings() == {"EMAIL_BACKEND": OUTBOX_BACKEND}
