"""A horizontal bar chart: each bar's label on the line(s) above it, its value after its end.

A label too long for one line wraps onto more (its row grows), never cut short; a bar
for nothing (zero) is not drawn at all, only its value ("0 outcomes") is.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from .frame import EMPTY_HEIGHT, EMPTY_WIDTH, Frame
from .text import LINE_HEIGHT, fit, text_width, wrap

WIDTH = 640.0
PAD = 8.0
FONT = 16.0
BAR_HEIGHT = 24.0
LABEL_GAP = 6.0  # between a label's baseline and the top of its bar
ROW_GAP = 14.0  # between one bar and the next label
VALUE_GAP = 8.0  # between the end of a bar and its value
# The values' column may take up to this share of the width; a longer value is shortened
# in the picture (the table beside it has it whole).
VALUE_SHARE = 0.45
# A value too small to see next to the largest is still drawn, as a sliver.
SLIVER = 2.0


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float | Decimal | None  # None, negative or not-a-number values draw as zero
    value_text: str  # the value as a reader should see it: "£1,340,000", "12 outcomes"
    href: str = ""


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    lines: tuple[str, ...]  # the whole label, wrapped to the chart's width
    label_y: float  # baseline of the label's first line
    y: float  # top of the bar
    width: float
    value_text: str  # the value, shortened to fit its column
    value_x: float
    value_y: float  # middle of the bar: the value is centred on it

    @property
    def label_text(self) -> str:
        return " ".join(self.lines)

    @property
    def label_lines(self) -> list[tuple[str, str]]:
        """Each line of the label with its `dy` (the first sits on label_y)."""
        return [
            (line, f"{0 if n == 0 else LINE_HEIGHT:.2f}em") for n, line in enumerate(self.lines)
        ]

    @property
    def is_drawn(self) -> bool:
        """A bar of no length is left out: a sliver would read as "some"."""
        return self.width > 0


@dataclass(frozen=True)
class BarChart(Frame):
    bars: list[DrawnBar]
    plot_x: float  # where every bar starts
    plot_width: float  # how long the largest bar is
    bar_height: float
    label_heading: str  # the table's column headings
    value_heading: str

    @property
    def is_empty(self) -> bool:
        return not self.bars


def _drawable(value) -> float:
    number = 0.0 if value is None else float(value)
    return number if math.isfinite(number) and number > 0 else 0.0


def _length(value: float, largest: float, plot_width: float) -> float:
    if value <= 0:
        return 0.0
    return max(round(plot_width * value / largest, 1), SLIVER)


def bar_chart(
    bars: list[Bar],
    *,
    chart_id: str,
    title: str,
    description: str,
    label_heading: str = "Name",
    value_heading: str = "Value",
) -> BarChart:
    """The bars, in the order given, scaled so the largest value fills the width."""
    headings = {"label_heading": label_heading, "value_heading": value_heading}
    if not bars:
        return BarChart(
            chart_id, title, description, EMPTY_WIDTH, EMPTY_HEIGHT, FONT, [], PAD, 0, 0, **headings
        )
    widest_value = max(text_width(bar.value_text, FONT) for bar in bars)
    value_room = min(widest_value, WIDTH * VALUE_SHARE)
    plot_width = round(WIDTH - 2 * PAD - VALUE_GAP - value_room, 1)
    values = [_drawable(bar.value) for bar in bars]
    largest = max(values)
    drawn = []
    top = PAD
    for bar, value in zip(bars, values, strict=True):
        lines = tuple(wrap(bar.label, WIDTH - 2 * PAD, FONT))
        label_height = FONT + (len(lines) - 1) * FONT * LINE_HEIGHT
        bar_y = round(top + label_height + LABEL_GAP, 1)
        width = _length(value, largest, plot_width)
        drawn.append(
            DrawnBar(
                bar=bar,
                lines=lines,
                label_y=round(top + FONT, 1),
                y=bar_y,
                width=width,
                value_text=fit(bar.value_text, value_room, FONT),
                value_x=round(PAD + width + VALUE_GAP, 1),
                value_y=bar_y + BAR_HEIGHT / 2,
            )
        )
        top = bar_y + BAR_HEIGHT + ROW_GAP
    height = round(top - ROW_GAP + PAD, 1)
    return BarChart(
        chart_id,
        title,
        description,
        WIDTH,
        height,
        FONT,
        drawn,
        PAD,
        plot_width,
        BAR_HEIGHT,
        **headings,
    )


def bars_from_kinds(kinds) -> list[Bar]:
    """A bar for each `KindCount` with outcomes: how many of each type, linked to the ledger.

    A type with none has no bar (an empty row reads as a bar too small to see); the page
    names those types in words.
    """
    return [
        Bar(
            label=kind.label,
            value=kind.outcomes,
            value_text=f"{kind.outcomes:,} {'outcome' if kind.outcomes == 1 else 'outcomes'}",
            href=kind.href,
        )
        for kind in kinds
        if kind.outcomes > 0
    ]
