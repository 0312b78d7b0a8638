"""What /impact/ leads with: one sentence in plain words and three headline figures.

A funder should read what the programme did before any chart: how many stories, from
how many people and organisations, how many outcomes on how many themes, and the money
secured. The other totals follow, in a compact table.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from impact import reports
from impact.figures import POUNDS, figure
from pagecache.data import remember
from stories import tallies
from stories.models import OutcomeKind


@dataclass(frozen=True)
class Reach:
    """How far a set of public stories goes."""

    stories: int
    people: int  # participants telling them
    organisations: int  # named on one: a participant's employer or a partner
    themes: int  # programme themes they illustrate


# What the whole archive's reach is read from (stories.tallies), with the outcome totals.
KEPT = (tallies.STORIES, tallies.PARTICIPANTS, tallies.ORGANISATIONS)


def kept_reach(kept: dict[str, int], *, themes: int) -> Reach:
    """The reach of every public story, from the kept counts (`KEPT`)."""
    return Reach(
        stories=kept[tallies.STORIES],
        people=kept[tallies.PARTICIPANTS],
        organisations=kept[tallies.ORGANISATIONS],
        themes=themes,
    )


def reach(stories, *, scope: str, organisations: int) -> Reach:
    """The reach of `stories` (a filtered public queryset): one aggregate query, kept for
    `scope`. `organisations` comes counted with the partner network, which names them."""
    counted = remember(
        f"impact:reach:{scope}",
        lambda: stories.order_by().aggregate(
            stories=Count("pk", distinct=True),
            people=Count("participant", distinct=True),
            themes=Count("themes", distinct=True),
        ),
    )
    return Reach(organisations=organisations, **counted)


def pounds(amount: Decimal) -> str:
    """£1,340,000; pence only where there are some (£12.50)."""
    return figure(amount, POUNDS)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


@dataclass(frozen=True)
class Figure:
    value: str  # as shown: "14", "£1,340,000"
    label: str  # what it counts: "stories", "funding secured"
    note: str = ""  # a word of context: "from 12 people"


@dataclass(frozen=True)
class Headline:
    reach: Reach
    outcomes: int
    funding: Decimal | None  # pounds secured, None when no funding outcome has a figure
    rest: list[reports.Total]  # every other total with a figure, for the table below
    filtered: bool  # narrowed by the report's filters

    @property
    def sentence(self) -> str:
        """What these stories report, in words, read correctly for none, one and many."""
        reach = self.reach
        if not reach.stories:
            if self.filtered:
                return "No public story matches these filters."
            return "No story has been published yet."
        told = _count(reach.stories, "story", "stories")
        told += f" from {_count(reach.people, 'person', 'people')}"
        if reach.organisations:
            told += f", involving {_count(reach.organisations, 'organisation', 'organisations')},"
        verb = "reports" if reach.stories == 1 else "report"
        if self.outcomes:
            told += f" {verb} {_count(self.outcomes, 'outcome', 'outcomes')}"
        else:
            told += f" {verb} no outcome yet"
        if reach.themes:
            told += f" across {_count(reach.themes, 'theme', 'themes')}"
        if self.funding:
            told += f", including {pounds(self.funding)} of funding secured"
        told += "."
        return f"With these filters: {told}" if self.filtered else told

    @property
    def figures(self) -> list[Figure]:
        """The three figures the page leads with (none when there is no story)."""
        reach = self.reach
        if not reach.stories:
            return []
        stories = Figure(
            f"{reach.stories:,}",
            "story" if reach.stories == 1 else "stories",
            f"from {_count(reach.people, 'person', 'people')}",
        )
        if self.funding:
            middle = Figure(pounds(self.funding), "funding secured")
        else:
            middle = Figure(
                f"{self.outcomes:,}",
                "outcome reported" if self.outcomes == 1 else "outcomes reported",
            )
        organisations = Figure(
            f"{reach.organisations:,}",
            "organisation involved" if reach.organisations == 1 else "organisations involved",
            "as employers or partners",
        )
        return [stories, middle, organisations]


def headline(reach: Reach, totals: list[reports.Total], *, filtered: bool) -> Headline:
    """The headline of stories with this `reach` and these outcome `totals`."""
    funding = [
        total
        for total in totals
        if total.kind == OutcomeKind.FUNDING
        and total.unit.upper() == POUNDS
        and total.total is not None
    ]
    return Headline(
        reach=reach,
        outcomes=sum(total.outcomes for total in totals),
        funding=sum((total.total for total in funding), Decimal(0)) if funding else None,
        rest=[total for total in totals if total.total is not None and total not in funding],
        filtered=filtered,
    )
