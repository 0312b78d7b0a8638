"""The admin home's editorial dashboard: what waits for whom, as short lists with counts.

Each list is a queryset method read twice (its count, and its first few rows), so the
page costs the same number of queries however many stories there are. Each links to
the admin list filtered to exactly its rows.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from editorial.todo import CONSENT_ENDING_DAYS, RECENT, ToDoFilter
from participants.models import Participant
from stories.models import Story

SHOWN = 5  # rows a list shows; "see all" leads to the rest


@dataclass(frozen=True)
class Row:
    label: str
    href: str
    note: str = ""


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    count: int
    rows: list[Row]
    href: str  # the admin list of all of them
    empty: str  # what an empty list says
    more: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "more", self.count - len(self.rows))


def _changelist(model, **query) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(query)}"


def _story_rows(stories, note) -> list[Row]:
    return [
        Row(
            label=story.title,
            href=reverse("admin:stories_story_change", args=[story.pk]),
            note=note(story),
        )
        for story in stories.select_related("participant")[:SHOWN]
    ]


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y, %H:%M}" if moment else ""


def _person(story) -> str:
    return story.participant.name if story.participant else "No participant yet"


def story_panels(user) -> list[Panel]:
    now = timezone.now()
    stories = Story.objects.all()
    lists = [
        (
            "mine",
            "My drafts",
            stories.drafts_of(user).order_by("-updated_at", "-id"),
            _changelist(Story, status__exact=Story.Status.DRAFT, todo=ToDoFilter.MINE),
            lambda s: f"{_person(s)}; last saved {_when(s.updated_at)}",
            "No drafts of yours.",
        ),
        (
            "review",
            "Waiting for review",
            stories.filter(status=Story.Status.REVIEW).order_by("updated_at", "id"),
            _changelist(Story, status__exact=Story.Status.REVIEW),
            lambda s: f"{_person(s)}; sent {_when(s.updated_at)}",
            "Nothing waits for review.",
        ),
        (
            "sign-off",
            "Waiting for the participant's approval",
            stories.awaiting_sign_off(now).order_by("updated_at", "id"),
            _changelist(Story, todo=ToDoFilter.SIGN_OFF),
            lambda s: f"shared with {_person(s)}",
            "No story waits for a participant's answer.",
        ),
        (
            "scheduled",
            "Scheduled",
            stories.scheduled(now),
            _changelist(Story, todo=ToDoFilter.SCHEDULED),
            lambda s: f"goes live {_when(s.published_at)}",
            "Nothing is scheduled.",
        ),
        (
            "recent",
            "Recent changes",
            stories.changed_since(now - RECENT),
            _changelist(Story, todo=ToDoFilter.RECENT),
            lambda s: f"{s.get_status_display()}; saved {_when(s.updated_at)}",
            "No story changed in the last 7 days.",
        ),
    ]
    return [
        Panel(key, title, rows.count(), _story_rows(rows, note), href, empty)
        for key, title, rows, href, note, empty in lists
    ]


def consent_panel() -> Panel:
    people = Participant.objects.consent_ending(
        timezone.localdate(), within_days=CONSENT_ENDING_DAYS
    )
    return Panel(
        "consent",
        f"Consent ending within {CONSENT_ENDING_DAYS} days",
        people.count(),
        [
            Row(
                label=person.name,
                href=reverse("admin:participants_participant_change", args=[person.pk]),
                note=f"ends {person.consent_expires_on:%-d %b %Y}",
            )
            for person in people[:SHOWN]
        ],
        _changelist(Participant, consent="ending"),
        f"No one's consent ends in the next {CONSENT_ENDING_DAYS} days.",
    )


def dashboard(user) -> list[Panel]:
    """The lists this user may read, in the order an editor's day takes them."""
    panels = []
    if user.has_perm("stories.view_story"):
        panels += story_panels(user)
    if user.has_perm("participants.view_participant"):
        panels.insert(min(len(panels), 4), consent_panel())
    return panels
