"""Who wants which optional email: a TurnedOff row for each one a person turned off.

A required event (an invitation, a request to approve: part of a process the
person is in) is always wanted and cannot be turned off. A person is a member of
staff (`user=`) or a participant (`participant=`), never both.

These small writes are the notifications app's own (the staff preferences page and
the unsubscribe link call them); they touch nothing but TurnedOff rows.
"""

from django.db import IntegrityError, transaction

from notifications.events import EDITORS, EVENTS, USER
from notifications.models import TurnedOff


def _person(user, participant) -> dict:
    if (user is None) == (participant is None):
        raise ValueError("Name one person: a user or a participant.")
    return {"user": user} if user is not None else {"participant": participant}


def _optional(event: str) -> bool:
    if event not in EVENTS:
        raise ValueError(f"No such event: {event!r}.")
    return EVENTS[event].optional


def wants(event: str, *, user=None, participant=None) -> bool:
    """Whether the person gets this event's email: always for a required event."""
    if not _optional(event):
        return True
    return not TurnedOff.objects.filter(event=event, **_person(user, participant)).exists()


def turn_off(event: str, *, user=None, participant=None) -> bool:
    """Stop this optional event's emails to the person; return whether it was on.

    Side effects: writes one TurnedOff row (none if there is one already: running it
    twice, or two clicks at once, leave one). A required event cannot be turned off
    (ValueError).
    """
    if not _optional(event):
        raise ValueError(f"{event!r} cannot be turned off.")
    person = _person(user, participant)
    if TurnedOff.objects.filter(event=event, **person).exists():
        return False
    try:
        with transaction.atomic():
            TurnedOff.objects.create(event=event, **person)
    except IntegrityError:
        # Another request turned it off between the check and the write.
        return False
    return True


def turn_on(event: str, *, user=None, participant=None) -> bool:
    """Send this event's emails to the person again; return whether it was off.

    Side effects: deletes the person's TurnedOff row for the event, if any.
    """
    _optional(event)
    deleted, _ = TurnedOff.objects.filter(event=event, **_person(user, participant)).delete()
    return bool(deleted)


def turned_off_events(user) -> set[str]:
    """The names of the events this member of staff turned off."""
    return set(TurnedOff.objects.filter(user=user).values_list("event", flat=True))


def staff_events(user) -> list:
    """The optional events that may reach this member of staff, in the order of EVENTS.

    Editors' events (to everyone who may publish) only for those who may publish;
    an event addressed to one member of staff (the editor who asked) for anyone.
    """
    # The same permission notifications.send uses to find editors.
    is_editor = user.has_perm("stories.publish_story")
    return [
        event
        for event in EVENTS.values()
        if event.optional and (USER in event.audience or (is_editor and EDITORS in event.audience))
    ]


def choose(user, *, wanted: set[str]) -> None:
    """Save a member of staff's choices: every staff event not in `wanted` is turned off.

    Side effects: creates and deletes the user's own TurnedOff rows (nobody else's),
    in one transaction; events outside `staff_events(user)` are left as they are.
    """
    with transaction.atomic():
        for event in staff_events(user):
            if event.name in wanted:
                turn_on(event.name, user=user)
            else:
                turn_off(event.name, user=user)
