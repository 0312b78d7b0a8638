"""Who wants which optional email. STUB: everyone wants everything until built."""

from notifications.events import EVENTS


def wants(event: str, *, user=None, participant=None) -> bool:
    """Whether the person gets this event's email: always for a required event."""
    return not EVENTS[event].optional or True
