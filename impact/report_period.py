"""The period an impact report covers (`?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional),
read once for the page cache's key and again by the view, and what falls in it.

An outcome falls in the period by its own date; one with no date by its story's
publication date. A date that is not a calendar date, or a period that ends before it
starts, is the reader's mistake: a 400 with the reason, never a server error.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q
from django.http import QueryDict
from django.utils.formats import date_format

from pagecache.queries import Pairs

NAMES = ("from", "to")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadPeriod(ValueError):
    """What is wrong with the period asked for, in words for the reader."""


@dataclass(frozen=True)
class Period:
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.start is None and self.end is None

    def __str__(self) -> str:
        start = self.start and date_format(self.start, "j F Y")
        end = self.end and date_format(self.end, "j F Y")
        if start and end:
            return f"{start} to {end}"
        if start:
            return f"From {start}"
        if end:
            return f"Up to {end}"
        return "All outcomes to date"

    def outcomes(self, outcomes):
        """`outcomes` (a queryset) dated in the period, or undated with their story
        published in it."""
        dated, undated = Q(achieved_on__isnull=False), Q(achieved_on__isnull=True)
        for lookup, day in (("gte", self.start), ("lte", self.end)):
            if day is not None:
                dated &= Q(**{f"achieved_on__{lookup}": day})
                undated &= Q(**{f"story__published_at__date__{lookup}": day})
        return outcomes if self.open else outcomes.filter(dated | undated)

    def overlaps(self, rounds_field: str = "selection_round") -> Q:
        """Selection rounds (through `rounds_field`) whose period meets this one."""
        found = Q()
        if self.end is not None:
            found &= Q(**{f"{rounds_field}__period_start__lte": self.end})
        if self.start is not None:
            found &= Q(**{f"{rounds_field}__period_end__gte": self.start})
        return found


def _day(name: str, value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    label = "start" if name == "from" else "end"
    if not _ISO_DATE.fullmatch(value):
        raise BadPeriod(f"The {label} date must be written YYYY-MM-DD, for example 2021-04-01.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadPeriod(f"The {label} date {value} is not a date on the calendar.") from None


def read_period(params: QueryDict) -> Period:
    """The period `params` ask for; BadPeriod says what is wrong with it."""
    start, end = (_day(name, params.get(name, "")) for name in NAMES)
    if start and end and end < start:
        raise BadPeriod("The period ends before it starts: put the earlier date first.")
    return Period(start, end)


def reads(params: QueryDict) -> Pairs:
    """The page cache's reader: each date in one spelling; a bad one kept as sent (its
    answer is a 400, which is never kept)."""
    pairs = []
    for name in NAMES:
        value = params.get(name, "").strip()
        if not value:
            continue
        try:
            day = _day(name, value)
        except BadPeriod:
            pairs.append((name, value[:40]))
        else:
            pairs.append((name, day.isoformat()))
    return pairs
