"""Every email the site sends: who it goes to, and whether a person may turn it off.

Each event's words are templates: notifications/<event>/subject.txt, body.txt
and body.html, given the context the sender passes plus `site_name`, `site_url`
and `recipient_name`.
"""

from dataclasses import dataclass

EDITORS = "editors"
PARTICIPANT = "participant"
USER = "user"  # one member of staff, e.g. the editor who asked


@dataclass(frozen=True)
class Event:
    name: str
    label: str  # as a member of staff reads it on their preferences page
    audience: frozenset[str]
    # Optional emails carry a one-click unsubscribe; the others are a part of a
    # process the person started (an invitation, an answer they asked for).
    optional: bool


EVENTS = {
    event.name: event
    for event in [
        Event(
            "invitation", "An invitation to a participant's page", frozenset({PARTICIPANT}), False
        ),
        Event("story_submitted", "A participant submitted their story", frozenset({EDITORS}), True),
        Event("sent_for_review", "A story was sent for review", frozenset({EDITORS}), True),
        Event(
            "approval_requested",
            "A participant is asked to approve their story",
            frozenset({PARTICIPANT}),
            False,
        ),
        Event(
            "approval_answered",
            "A participant approved or asked for changes (to the editor who asked)",
            frozenset({USER}),
            True,
        ),
        Event("published", "A participant's story was published", frozenset({PARTICIPANT}), False),
        Event(
            "consent_changed",
            "A participant changed or withdrew consent",
            frozenset({EDITORS}),
            True,
        ),
        Event(
            "consent_ending",
            "A participant's consent ends within 30 days",
            frozenset({EDITORS, PARTICIPANT}),
            True,
        ),
        Event(
            "story_chosen",
            "A selection panel chose a participant's story",
            frozenset({PARTICIPANT}),
            True,
        ),
        Event(
            "approval_reminder",
            "A reminder of a story waiting 7 days for approval",
            frozenset({PARTICIPANT}),
            True,
        ),
    ]
}
