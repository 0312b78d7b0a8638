"""Who a login attempt came from, as the login throttle (django-axes) counts it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# AccessAttempt.username is 255 characters; a login form can be sent anything.
USERNAME_LENGTH = 150  # Django's own limit for a username


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address our own proxies saw, when TRUSTED_PROXY_COUNT says so.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N
    proxies of ours the N-th entry from the right is the client; anything to its left
    was written by the client and can be forged. What is not an address is not used
    (PostgreSQL keeps these in an inet column).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if hops <= 0 or len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username typed, cut to what a username can be, for the attempt's record."""
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = (credentials or {}).get(field) or request.POST.get(field)
    return None if typed is None else str(typed)[:USERNAME_LENGTH]
