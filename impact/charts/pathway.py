"""A programme's pathway of change drawn as a chart: its steps in order, each with how
many outcomes sit on it and how strongly they are evidenced; a step with no evidence
drawn as a gap. (First cut: the layout is filled in by the funder's-view work.)"""

from dataclasses import dataclass

from .frame import EMPTY_HEIGHT, EMPTY_WIDTH, Frame

FONT = 16.0


@dataclass(frozen=True)
class PathwayChart(Frame):
    steps: list  # impact.funders.StepFigures, in order

    @property
    def is_empty(self) -> bool:
        return not self.steps


def pathway_chart(pathway, *, chart_id: str, title: str, description: str) -> PathwayChart:
    """`pathway`: an impact.funders.Pathway."""
    return PathwayChart(
        chart_id, title, description, EMPTY_WIDTH, EMPTY_HEIGHT, FONT, list(pathway.steps)
    )
