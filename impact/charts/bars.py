"""A horizontal bar chart: each bar's label on the line above it, its value after its end."""

import math
from dataclasses import dataclass
from decimal import Decimal

from .frame import EMPTY_HEIGHT, EMPTY_WIDTH, Frame
from .text import fit, text_width

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
    label_text: str  # the label, shortened to fit the chart
    label_y: float  # baseline of the label
    y: float  # top of the bar
    width: float
    value_text: str  # the value, shortened to fit its column
    value_x: float
    value_y: float  # middle of the bar: the value is centred on it


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
    row = FONT + LABEL_GAP + BAR_HEIGHT + ROW_GAP
    drawn = []
    for index, (bar, value) in enumerate(zip(bars, values, strict=True)):
        top = PAD + index * row
        bar_y = top + FONT + LABEL_GAP
        width = _length(value, largest, plot_width)
        drawn.append(
            DrawnBar(
                bar=bar,
                label_text=fit(bar.label, WIDTH - 2 * PAD, FONT),
                label_y=top + FONT,
                y=bar_y,
                width=width,
                value_text=fit(bar.value_text, value_room, FONT),
                value_x=round(PAD + width + VALUE_GAP, 1),
                value_y=bar_y + BAR_HEIGHT / 2,
            )
        )
    height = 2 * PAD + len(bars) * row - ROW_GAP
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
    """A bar for each `KindCount`: how many outcomes of each type, linked to the ledger."""
    return [
        Bar(
            label=kind.label,
            value=kind.outcomes,
            value_text=f"{kind.outcomes:,} {'outcome' if kind.outcomes == 1 else 'outcomes'}",
            href=kind.href,
        )
        for kind in kinds
    ]
