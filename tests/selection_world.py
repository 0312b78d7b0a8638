"""A programme whose panel chooses stories (selection rounds), for the tests of the
admin, the notification and the public marks: people with Welsh, Arabic and Chinese
names, two themes, and a story from another programme."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from editorial.selection import save_round
from participants.models import Participant, Programme
from stories.models import Consideration, SelectionRound, Story, Theme
from tests.factories import make_cohort, make_participant, make_programme, make_story, make_theme

REASON = "It changed how a whole system commissions health services, not one team."


@dataclass
class World:
    programme: Programme
    other_programme: Programme
    housing: Theme
    health: Theme
    sian: Participant
    layla: Participant
    wang: Participant
    ward: Story  # Siân's, in housing
    clinic: Story  # Layla's, in health and housing
    elsewhere: Story  # Wang's, in housing, from the other programme


def make_world() -> World:
    programme = make_programme(name="Leadership Essentials", slug="le")
    cohort = make_cohort(programme=programme, name="March 2020", slug="le-march-2020")
    other_programme = make_programme(name="Another Programme", slug="another")
    other_cohort = make_cohort(programme=other_programme)
    housing = make_theme(name="Housing", slug="housing")
    health = make_theme(name="Health", slug="health")
    sian = make_participant(name="Siân Llewelyn-ap-Rhys", slug="sian", email="sian@example.org")
    layla = make_participant(name="ليلى حداد", slug="layla", email="layla@example.org")
    wang = make_participant(name="王芳", slug="wang", email="wang@example.org")
    sian.cohorts.add(cohort)
    layla.cohorts.add(cohort)
    wang.cohorts.add(other_cohort)
    ward = make_story(title="A ward that listened", slug="ward", participant=sian)
    ward.themes.add(housing)
    clinic = make_story(title="Y clinig ar y gornel", slug="clinic", participant=layla)
    clinic.themes.add(health, housing)
    elsewhere = make_story(title="Somewhere else", slug="elsewhere", participant=wang)
    elsewhere.themes.add(housing)
    return World(
        programme, other_programme, housing, health, sian, layla, wang, ward, clinic, elsewhere
    )


def choose(
    programme: Programme,
    *picks: tuple[Story, Theme],
    reason: str = REASON,
    decided_on: dt.date | str | None = "today",
    title: str = "Spring panel",
) -> SelectionRound:
    """A round of `programme` that chose each (story, theme), through the service."""
    today = timezone.localdate()
    selection_round = SelectionRound(
        programme=programme,
        title=title,
        period_start=today - dt.timedelta(days=180),
        period_end=today - dt.timedelta(days=1),
        decided_on=today if decided_on == "today" else decided_on,
    )
    considerations = [
        Consideration(story=story, theme=theme, chosen=True, reason=reason)
        for story, theme in picks
    ]
    return save_round(selection_round=selection_round, considerations=considerations, by=None)


def decide(selection_round: SelectionRound, day: dt.date | None) -> SelectionRound:
    selection_round.decided_on = day
    return save_round(selection_round=selection_round, by=None)
