"""Email settings from the environment: SMTP in production, an outbox in development.

`EMAIL_URL` names the server in one value (smtp://user:password@host:587 with
STARTTLS, smtps://… for TLS from the first byte, smtp+plain://… for neither, on
loopback only); `EMAIL_HOST`, `EMAIL_PORT`, `EMAIL_HOST_USER`,
`EMAIL_HOST_PASSWORD`, `EMAIL_USE_TLS` and `EMAIL_USE_SSL` are read when it is not
set. With neither, emails are printed and kept under var/mail/ (notifications.outbox).
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from impactcms.env import envbool, envint, envstr

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
OUTBOX_BACKEND = "notifications.outbox.OutboxBackend"
SCHEMES = {"smtp": (True, False), "smtps": (False, True), "smtp+plain": (False, False)}
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def parse_email_url(url: str) -> dict:
    """Django's SMTP settings from one address; a clear error for one that is not."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with {', '.join(s + '://' for s in SCHEMES)}, "
            f"not {parts.scheme or 'nothing'}://"
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no host, e.g. smtp://user:pass@mail:587.")
    use_tls, use_ssl = SCHEMES[parts.scheme]
    if parts.scheme == "smtp+plain" and parts.hostname not in LOOPBACK:
        raise ImproperlyConfigured(
            "EMAIL_URL: smtp+plain:// (no encryption) is for a server on this machine only; "
            "use smtp:// (STARTTLS) or smtps:// for another host."
        )
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL's port is not a number.") from None
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if use_ssl else 587 if use_tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": envint("EMAIL_TIMEOUT", 20),
    }


def email_settings() -> dict:
    if url := envstr("EMAIL_URL"):
        return parse_email_url(url)
    if host := envstr("EMAIL_HOST"):
        use_ssl = envbool("EMAIL_USE_SSL", False)
        use_tls = envbool("EMAIL_USE_TLS", not use_ssl)
        if use_tls and use_ssl:
            raise ImproperlyConfigured(
                "Set one of EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL "
                "(TLS from the first byte, port 465), not both."
            )
        return {
            "EMAIL_BACKEND": SMTP_BACKEND,
            "EMAIL_HOST": host,
            "EMAIL_PORT": envint("EMAIL_PORT", 465 if use_ssl else 587),
            "EMAIL_HOST_USER": envstr("EMAIL_HOST_USER"),
            "EMAIL_HOST_PASSWORD": envstr("EMAIL_HOST_PASSWORD"),
            "EMAIL_USE_TLS": use_tls,
            "EMAIL_USE_SSL": use_ssl,
            "EMAIL_TIMEOUT": envint("EMAIL_TIMEOUT", 20),
        }
    return {"EMAIL_BACKEND": OUTBOX_BACKEND}
