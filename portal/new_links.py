"""Asking for a new link: the form, and how often one address or one client may ask.

The counts live in Django's cache, in fixed windows: a refusal says when to try
again. The address is counted whether or not it is a participant's, so the
answer never tells who is on the programme.
"""

import hashlib

from django import forms
from django.core.cache import cache

from common.login_throttle import client_ip

WINDOW_SECONDS = 60 * 60
PER_ADDRESS = 3
PER_CLIENT = 10


class NewLinkForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="The address the programme team has for you.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address, like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        # Upper then lower: a dotless i (U+0131) and a long s (U+017F) become "i" and
        # "s", as PostgreSQL's case-insensitive match (UPPER) takes them, so no
        # spelling of a known address escapes its count.
        return self.cleaned_data["email"].strip().upper().lower()


def _counted(key: str, limit: int) -> bool:
    """Count one more request under `key`; whether it is still within `limit`."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit


def allowed(request, email: str) -> bool:
    """Whether this client may ask again, and for this address; each ask is counted."""
    address = hashlib.sha256(email.encode()).hexdigest()
    client_ok = _counted(f"portal:new-link:client:{client_ip(request)}", PER_CLIENT)
    address_ok = _counted(f"portal:new-link:address:{address}", PER_ADDRESS)
    return client_ok and address_ok
