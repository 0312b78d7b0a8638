"""The check every test of the kept public counts ends with: they equal a recount."""

from stories import tallies
from stories.models import Tally


def kept() -> dict[str, int]:
    return {row.key: row.count for row in Tally.objects.all() if row.count}


def kept_totals() -> dict[str, tuple]:
    """The outcome totals and the grades' counts (the funder's view)."""
    rows = Tally.objects.filter(count__gt=0, key__regex=r"^(outcomes|grades)\|")
    return {row.key: (row.count, row.with_figure, row.hundredths) for row in rows}


def made_afresh() -> dict[str, int]:
    """What a recount makes: the truth the kept counts are held to."""
    before, totals_before = kept(), kept_totals()
    tallies.recount()
    after = kept()
    assert before == after, "the kept counts drifted from the stories"
    assert totals_before == kept_totals(), "the kept outcome totals drifted"
    return after
