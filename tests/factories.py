"""Small factory functions: each makes one valid row, with overrides."""

import datetime as dt
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone

from participants.models import Cohort, Organisation, Participant, Programme
from stories.models import (
    Consideration,
    Evidence,
    Outcome,
    PanelMember,
    PathwayStep,
    SelectionRound,
    Story,
    StoryPartner,
    Theme,
)

_numbers = itertools.count(1)


def _n() -> int:
    return next(_numbers)


def make_organisation(**fields) -> Organisation:
    n = _n()
    defaults = {"name": f"Organisation {n}", "slug": f"organisation-{n}", "kind": "nhs"}
    return Organisation.objects.create(**defaults | fields)


def make_programme(**fields) -> Programme:
    n = _n()
    return Programme.objects.create(**{"name": f"Programme {n}", "slug": f"programme-{n}"} | fields)


def make_cohort(**fields) -> Cohort:
    n = _n()
    defaults = {"name": f"Cohort {n}", "slug": f"cohort-{n}", "start_date": dt.date(2020, 3, 2)}
    if "programme" not in fields:
        defaults["programme"] = make_programme()
    return Cohort.objects.create(**defaults | fields)


def make_participant(**fields) -> Participant:
    n = _n()
    defaults = {
        "name": f"Participant {n}",
        "slug": f"participant-{n}",
        "job_title": "Operations Manager",
        "consent_given": True,
        "consent_scope": Participant.ConsentScope.WEB_AND_PRINT,
    }
    return Participant.objects.create(**defaults | fields)


def make_theme(**fields) -> Theme:
    n = _n()
    return Theme.objects.create(**{"name": f"Theme {n}", "slug": f"theme-{n}", "order": n} | fields)


def make_story(**fields) -> Story:
    """A published, public story unless told otherwise."""
    n = _n()
    defaults = {
        "title": f"Story {n}",
        "slug": f"story-{n}",
        "summary": f"Summary of story {n}.",
        "body": f"<p>Body of story {n}.</p>",
        "status": Story.Status.PUBLISHED,
        "published_at": timezone.now() - dt.timedelta(days=1),
    }
    if "participant" not in fields:
        defaults["participant"] = make_participant()
    return Story.objects.create(**defaults | fields)


def make_partner(story: Story, organisation: Organisation | None = None, role="Funder"):
    return StoryPartner.objects.create(
        story=story, organisation=organisation or make_organisation(), role=role
    )


def make_outcome(story: Story, **fields) -> Outcome:
    return Outcome.objects.create(**{"story": story, "description": "Funding secured"} | fields)


def make_evidence(outcome: Outcome, **fields) -> Evidence:
    defaults = {
        "outcome": outcome,
        "description": "Board paper agreeing the award",
        "url": "https://example.org/board-paper.pdf",
        "public": True,
    }
    return Evidence.objects.create(**defaults | fields)


def make_pathway_step(programme: Programme, **fields) -> PathwayStep:
    defaults = {"programme": programme, "stage": "short_term", "title": "Leaders act together"}
    return PathwayStep.objects.create(**defaults | fields)


def make_selection_round(programme: Programme, **fields) -> SelectionRound:
    today = timezone.localdate()
    defaults = {
        "programme": programme,
        "title": "Spring panel",
        "period_start": today - dt.timedelta(days=365),
        "period_end": today,
        "decided_on": today,
    }
    return SelectionRound.objects.create(**defaults | fields)


def make_panel_member(selection_round: SelectionRound, **fields) -> PanelMember:
    defaults = {"selection_round": selection_round, "name": "Amira Haddad", "role": "Funder"}
    return PanelMember.objects.create(**defaults | fields)


def make_consideration(selection_round, theme, story, **fields) -> Consideration:
    defaults = {"selection_round": selection_round, "theme": theme, "story": story}
    return Consideration.objects.create(**defaults | fields)


def make_staff(username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username=username, password="pw-for-tests-only", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def picture_of(row, field: str, spec: str, name: str) -> str:
    """Record a picture and one rendition on `row`, as an upload would (the page only
    names the file, so none is made); the address the page links it at."""
    rendition = f"renditions/{row._meta.label_lower}/{row.pk}/{field}-x/{name}.jpg"
    type(row).objects.filter(pk=row.pk).update(
        **{field: f"uploads/{name}.jpg"},
        renditions={field: {spec: [{"w": 400, "h": 267, "jpeg": rendition}]}},
    )
    return f"/pictures/{rendition}"
