"""Tokens signed for one purpose, carrying a small dict: share links, invitations and
unsubscribe links each sign with a salt of their own, so a token made for one never
opens another."""

from django.core import signing

# Our tokens are at most about 130 characters; anything much longer is not ours, and
# is refused before any signature is computed over it.
MAX_TOKEN_LENGTH = 300


def sign(salt: str, payload: dict) -> str:
    return signing.Signer(salt=salt).sign_object(payload)


def unsign(salt: str, token) -> dict | None:
    """The dict a genuine token of this purpose carries, or None for anything else:
    not text, over-long, forged, altered, made for another purpose, or not a dict.

    No timestamp: each token's own row (its expiry, its revocation) decides how long
    it works.
    """
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError):
        # ValueError (UnicodeDecodeError among them): text that cannot even be checked.
        return None
    return payload if isinstance(payload, dict) else None
