"""A programme's pathway of change drawn as a chart: its steps in order, each with how
many outcomes sit on it and how strongly they are evidenced; a step with no evidence
drawn as a gap.

Each step is a row: its number, stage and the programme's own words on the line(s)
above, then a bar stacked by verification (independently verified, corroborated,
self-reported, strongest first) scaled so the busiest step fills the width, and its
figures in words under the bar. A gap (no outcome evidenced or checked) is an outlined,
hatched box across the width with the word "Gap" in it, so it reads as a gap without
colour and in print.
"""

from dataclasses import dataclass

from .frame import EMPTY_HEIGHT, EMPTY_WIDTH, Frame
from .text import LINE_HEIGHT, wrap

# Narrow, so that on a phone (about 360 px across) the labels stay near their size.
WIDTH = 420.0
PAD = 8.0
FONT = 16.0
SMALL = 14.0  # the figures under each bar
BAR_HEIGHT = 28.0
LABEL_GAP = 6.0
NOTE_GAP = 6.0  # between a bar and its figures
ROW_GAP = 18.0
SLIVER = 2.0
# Strongest first: the bar reads from what was checked to what was only said.
PARTS = (
    ("independent", "independently verified", "part-independent"),
    ("corroborated", "corroborated", "part-corroborated"),
    ("self_reported", "self-reported", "part-self-reported"),
)


@dataclass(frozen=True)
class Segment:
    part: str  # "independent", "corroborated", "self_reported"
    css_class: str
    x: float
    width: float
    count: int
    title: str  # "2 independently verified"


@dataclass(frozen=True)
class DrawnStep:
    figures: object  # impact.funders.StepFigures
    number: int
    lines: tuple[str, ...]  # "1. Short-term outcomes: Leaders meet as peers", wrapped
    label_y: float
    y: float  # top of the bar
    segments: list[Segment]
    note_lines: tuple[str, ...]  # the figures in words, wrapped
    note_y: float
    gap_text_x: float  # where "Gap" is written, after any bar

    @property
    def label_lines(self) -> list[tuple[str, str]]:
        return [
            (line, f"{0 if n == 0 else LINE_HEIGHT:.2f}em") for n, line in enumerate(self.lines)
        ]

    @property
    def note_line_dys(self) -> list[tuple[str, str]]:
        return [
            (line, f"{0 if n == 0 else LINE_HEIGHT:.2f}em")
            for n, line in enumerate(self.note_lines)
        ]

    @property
    def middle_y(self) -> float:
        return round(self.y + BAR_HEIGHT / 2, 1)


@dataclass(frozen=True)
class PathwayChart(Frame):
    steps: list  # impact.funders.StepFigures, in order
    drawn: list[DrawnStep] = ()
    plot_x: float = PAD
    plot_width: float = 0.0
    bar_height: float = BAR_HEIGHT
    small_font: float = SMALL

    @property
    def is_empty(self) -> bool:
        return not self.steps

    @property
    def pattern_id(self) -> str:
        return f"{self.chart_id}-hatch"

    @property
    def gaps(self) -> int:
        return sum(1 for step in self.steps if step.gap)


def _note(figures) -> str:
    if not figures.outcomes:
        return "No outcome yet"
    said = f"{figures.outcomes:,} outcome{'' if figures.outcomes == 1 else 's'}: "
    said += ", ".join(
        f"{getattr(figures, part):,} {words}" for part, words, _ in PARTS if getattr(figures, part)
    )
    return said + f"; {figures.evidenced:,} with public evidence"


def _segments(figures, largest: int, plot_width: float) -> list[Segment]:
    segments, x = [], PAD
    for part, words, css_class in PARTS:
        count = getattr(figures, part)
        if count <= 0:
            continue
        width = max(round(plot_width * count / largest, 1), SLIVER)
        segments.append(Segment(part, css_class, round(x, 1), width, count, f"{count:,} {words}"))
        x += width
    return segments


def pathway_chart(pathway, *, chart_id: str, title: str, description: str) -> PathwayChart:
    """`pathway`: an impact.funders.Pathway."""
    steps = list(pathway.steps)
    if not steps:
        return PathwayChart(chart_id, title, description, EMPTY_WIDTH, EMPTY_HEIGHT, FONT, steps)
    plot_width = WIDTH - 2 * PAD
    largest = max((figures.outcomes for figures in steps), default=0) or 1
    drawn, top = [], PAD
    for number, figures in enumerate(steps, start=1):
        lines = tuple(wrap(f"{number}. {figures.name}", plot_width, FONT))
        label_height = FONT + (len(lines) - 1) * FONT * LINE_HEIGHT
        bar_y = round(top + label_height + LABEL_GAP, 1)
        segments = _segments(figures, largest, plot_width)
        note = _note(figures) + (". A gap: none evidenced or checked" if figures.gap else "")
        note_lines = tuple(wrap(note, plot_width, SMALL))
        note_y = round(bar_y + BAR_HEIGHT + NOTE_GAP + SMALL, 1)
        bar_end = segments[-1].x + segments[-1].width if segments else PAD
        drawn.append(
            DrawnStep(
                figures=figures,
                number=number,
                lines=lines,
                label_y=round(top + FONT, 1),
                y=bar_y,
                segments=segments,
                note_lines=note_lines,
                note_y=note_y,
                gap_text_x=round(bar_end + PAD, 1),
            )
        )
        top = note_y + (len(note_lines) - 1) * SMALL * LINE_HEIGHT + ROW_GAP
    height = round(top - ROW_GAP + PAD, 1)
    return PathwayChart(
        chart_id,
        title,
        description,
        WIDTH,
        height,
        FONT,
        steps,
        drawn,
        PAD,
        round(plot_width, 1),
    )
