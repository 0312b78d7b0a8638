"""The funder's view: how far the outcomes reached, how strongly each is evidenced, and
where on the programme's pathway of change they sit.

Every figure is an aggregate in the database (OutcomeQuerySet.grades, or for the whole
archive and a theme the same counts kept as stories change, stories.tallies.grades),
read in a fixed number of queries whatever the archive's size. Every figure links to
the ledger of /impact/ filtered to exactly the outcomes it counts (impact.filters).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from impact import charts
from impact import filters as impact_filters
from stories.models import BEYOND_THE_ROOM, Intended, PathwayStep, Verification


@dataclass
class StepFigures:
    """One step of a pathway: its outcomes, and how strongly they are evidenced."""

    step: PathwayStep
    outcomes: int = 0
    evidenced: int = 0  # with a public evidence item or an evidence link
    corroborated: int = 0
    independent: int = 0
    link: str = ""  # the public stories behind the figure
    # The ledger of each part: "self_reported", "corroborated", "independent", "evidenced".
    links: dict[str, str] = field(default_factory=dict)

    @property
    def checked(self) -> int:
        return self.corroborated + self.independent

    @property
    def self_reported(self) -> int:
        return self.outcomes - self.checked

    @property
    def gap(self) -> bool:
        """No outcome on this step is evidenced or checked by anyone."""
        return not (self.evidenced or self.checked)

    @property
    def name(self) -> str:
        """The stage and the programme's own words: "Short-term outcomes: Leaders meet"."""
        return f"{self.step.get_stage_display()}: {self.step.title}"

    @property
    def in_words(self) -> str:
        """The step's figures as a sentence, for the chart's description."""
        if not self.outcomes:
            return f"{self.name}: no outcome yet, a gap."
        said = f"{self.name}: {_count(self.outcomes, 'outcome')}"
        said += (
            f" ({self.independent:,} independently verified, {self.corroborated:,} "
            f"corroborated, {self.self_reported:,} self-reported; "
            f"{self.evidenced:,} with public evidence)"
        )
        return said + (", a gap: none evidenced or checked." if self.gap else ".")


@dataclass
class Pathway:
    programme: object  # participants.models.Programme
    steps: list[StepFigures]

    @property
    def gaps(self) -> int:
        return sum(1 for step in self.steps if step.gap)


@dataclass
class FunderView:
    outcomes: int = 0
    beyond_the_room: int = 0  # at behaviour or results level
    independent: int = 0
    corroborated: int = 0
    unexpected: int = 0
    evidenced: int = 0
    off_pathway: int = 0  # on no step
    pathways: list[Pathway] = field(default_factory=list)
    # Figure name ("outcomes", "beyond_the_room", "independent", "corroborated",
    # "unexpected", "evidenced"): the ledger of the outcomes it counts ("" for none).
    links: dict[str, str] = field(default_factory=dict)
    verified_only: bool = False  # counts only corroborated or independently verified ones

    def share(self, count: int) -> int:
        """`count` as a whole percentage of the outcomes (0 with none)."""
        return round(100 * count / self.outcomes) if self.outcomes else 0

    @property
    def beyond_share(self) -> int:
        return self.share(self.beyond_the_room)

    @property
    def independent_share(self) -> int:
        return self.share(self.independent)

    @property
    def checked(self) -> int:
        return self.independent + self.corroborated


def from_rows(rows, steps) -> FunderView:
    """The view of grade rows (as OutcomeQuerySet.grades gives them) over `steps` (the
    pathway steps of the programmes concerned, in order)."""
    view = FunderView()
    by_step = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        n = row["outcomes"]
        view.outcomes += n
        view.evidenced += row["evidenced"]
        if row["level"] in BEYOND_THE_ROOM:
            view.beyond_the_room += n
        if row["verification"] == Verification.INDEPENDENT:
            view.independent += n
        elif row["verification"] == Verification.CORROBORATED:
            view.corroborated += n
        if row["intended"] == Intended.NO:
            view.unexpected += n
        if row["pathway_step_id"] is None:
            view.off_pathway += n
        else:
            figures = by_step[row["pathway_step_id"]]
            figures[0] += n
            figures[1] += row["evidenced"]
            if row["verification"] == Verification.CORROBORATED:
                figures[2] += n
            elif row["verification"] == Verification.INDEPENDENT:
                figures[3] += n
    pathways: dict[int, Pathway] = {}
    for step in steps:
        pathway = pathways.setdefault(step.programme_id, Pathway(step.programme, []))
        pathway.steps.append(StepFigures(step, *by_step.get(step.pk, (0, 0, 0, 0))))
    view.pathways = list(pathways.values())
    return view


def steps_of(programmes):
    """The pathway steps of `programmes` (a queryset), each programme's in order."""
    steps = PathwayStep.objects.filter(programme__in=programmes).select_related("programme")
    return steps.order_by("programme__name", "programme_id", "order", "id")


def funder_view(
    outcomes, programmes, *, rows=None, filters=(), verified_only: bool = False
) -> FunderView:
    """The view of `outcomes` (public ones, already filtered) on the pathways of
    `programmes` (a queryset): two queries. `rows`: the grades already counted (the kept
    ones, stories.tallies.grades), so `outcomes` is not read. `filters`: the query-string
    pairs that picked `outcomes` (impact.filters), which every figure's link keeps."""
    if rows is None:
        rows = list(outcomes.grades())
    view = from_rows(rows, list(steps_of(programmes)))
    view.verified_only = verified_only
    link_figures(view, list(filters))
    return view


# --- Links to the outcomes behind each figure ---------------------------------------------


def ledger_link(filters: list[tuple[str, str]], count: int, **grades) -> str:
    """The ledger of /impact/ showing the outcomes `filters` pick that also have `grades`
    (level=[...], verification=..., step=...): "" when it would be empty (`count` none).

    A grade already among the filters is narrowed, not replaced: levels are intersected,
    and a different single value means no outcome has both."""
    if not count:
        return ""
    pairs = list(filters)
    for name, wanted in grades.items():
        wanted = [wanted] if isinstance(wanted, str) else list(wanted)
        had = [value for key, value in pairs if key == name]
        if had:
            wanted = [value for value in wanted if value in had]
            if not wanted:
                return ""
        pairs = [pair for pair in pairs if pair[0] != name] + [(name, value) for value in wanted]
    # In the order the report reads them: the address of the page the cache keeps.
    canonical = impact_filters.reads(QueryDict(urlencode(pairs)))
    return f"{reverse('impact:index')}?{urlencode(canonical)}#ledger"


def link_figures(view: FunderView, filters: list[tuple[str, str]]) -> None:
    view.links = {
        "outcomes": ledger_link(filters, view.outcomes),
        "beyond_the_room": ledger_link(filters, view.beyond_the_room, level=BEYOND_THE_ROOM),
        "independent": ledger_link(filters, view.independent, verification="independent"),
        "corroborated": ledger_link(filters, view.corroborated, verification="corroborated"),
        "unexpected": ledger_link(filters, view.unexpected, intended=Intended.NO),
        "evidenced": ledger_link(filters, view.evidenced, evidenced="1"),
    }
    for pathway in view.pathways:
        for figures in pathway.steps:
            step = str(figures.step.pk)
            figures.link = ledger_link(filters, figures.outcomes, step=step)
            figures.links = {
                part: ledger_link(filters, getattr(figures, part), step=step, verification=part)
                for part in ("self_reported", "corroborated", "independent")
            }
            figures.links["evidenced"] = ledger_link(
                filters, figures.evidenced, step=step, evidenced="1"
            )


# --- The charts ---------------------------------------------------------------------------


@dataclass
class PathwayFigure:
    pathway: Pathway
    chart: object  # an impact.charts.PathwayChart


def pathway_figures(view: FunderView, *, prefix: str) -> list[PathwayFigure]:
    """A chart for each pathway of `view`, its ids starting `prefix` (`chart-pathway`)."""
    return [
        PathwayFigure(
            pathway,
            charts.pathway_chart(
                pathway,
                chart_id=f"{prefix}-{pathway.programme.pk}",
                title=f"Pathway of change: {pathway.programme.name}",
                description=describe(pathway, verified_only=view.verified_only),
            ),
        )
        for pathway in view.pathways
    ]


def describe(pathway: Pathway, *, verified_only: bool = False) -> str:
    """Each step's figures in words, in order: what the chart shows."""
    counted = "verified outcomes" if verified_only else "outcomes"
    said = f"The {len(pathway.steps)} steps of the pathway, with the {counted} on each. "
    said += " ".join(step.in_words for step in pathway.steps)
    if pathway.gaps:
        said += f" {_count(pathway.gaps, 'gap')} in all."
    return said


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
