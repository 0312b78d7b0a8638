"""One-click unsubscribe for optional emails. STUB: signatures only until built."""


def unsubscribe_headers(event: str, *, user=None, participant=None) -> dict:
    """The List-Unsubscribe headers for an optional email to this person ({} for none)."""
    return {}


def unsubscribe_url(event: str, *, user=None, participant=None) -> str:
    """An absolute one-click address that turns this event off for this person ("" for none)."""
    return ""
