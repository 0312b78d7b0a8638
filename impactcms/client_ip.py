"""The address a request came from, as the login throttle counts it."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address our own proxies saw, when TRUSTED_PROXY_COUNT says so.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N
    proxies of ours the N-th entry from the right is the client; anything to its left
    was written by the client and can be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-hops] if len(forwarded) >= hops else remote
