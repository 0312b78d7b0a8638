"""The funder's view: how far the outcomes reached, how strongly each is evidenced, and
where on the programme's pathway of change they sit.

Every figure is an aggregate in the database (OutcomeQuerySet.grades), read in a fixed
number of queries whatever the archive's size.
"""

from collections import defaultdict
from dataclasses import dataclass, field

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

    @property
    def checked(self) -> int:
        return self.corroborated + self.independent

    @property
    def gap(self) -> bool:
        """No outcome on this step is evidenced or checked by anyone."""
        return not (self.evidenced or self.checked)


@dataclass
class Pathway:
    programme: object  # participants.models.Programme
    steps: list[StepFigures]


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
    links: dict[str, str] = field(default_factory=dict)  # figure name: its stories

    def share(self, count: int) -> int:
        """`count` as a whole percentage of the outcomes (0 with none)."""
        return round(100 * count / self.outcomes) if self.outcomes else 0


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


def funder_view(outcomes, programmes) -> FunderView:
    """The view of `outcomes` (public ones, already filtered) on the pathways of
    `programmes` (a queryset): two queries."""
    steps = PathwayStep.objects.filter(programme__in=programmes).select_related("programme")
    return from_rows(
        list(outcomes.grades()), list(steps.order_by("programme__name", "order", "id"))
    )
