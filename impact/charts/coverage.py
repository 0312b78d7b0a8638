"""The theme coverage grid as a heat map: a square per theme and cohort, darker for more stories.

A pair with no story is a gap, drawn as an outlined, unfilled square, so that it cannot
be mistaken for the palest shade. Names are never cut: a long theme name wraps onto a
second line (its row grows to hold it), a cohort's slanted name runs as long as it is.
"""

import itertools
import math
from dataclasses import dataclass

from .frame import EMPTY_HEIGHT, EMPTY_WIDTH, Frame
from .text import LINE_HEIGHT, CentredLines, lines_width, text_width, wrap_within

PAD = 8.0
FONT = 14.0
CELL = 28.0
# One cell and its gutter. Column labels slant at ANGLE, so neighbours sit STEP * sin(ANGLE)
# (28 units) apart: more than a line of text.
STEP = 32.0
ANGLE = 60
LABEL_GAP = 8.0  # between a label and the grid
ROW_LABEL_MAX = 220.0  # a line of a theme's name; two lines at most (wider if need be)
ROW_LABEL_LINES = 2
LEVELS = 4  # shades cell-1 (fewest stories) to cell-4 (most); cell-0 is a gap


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    count: int
    css_class: str
    # Shown on hover. Only the count: the row and column say which pair it is, and a
    # 50 by 40 grid would carry every name two thousand times.
    title: str

    @property
    def is_gap(self) -> bool:
        return self.count <= 0


@dataclass(frozen=True)
class Row(CentredLines):
    name: str  # the theme's full name
    href: str
    lines: tuple[str, ...]  # the whole name, wrapped
    label_x: float  # the label ends here (text-anchor: end)
    label_y: float  # the middle of the row: the lines are centred on it
    cells: list[Cell]


@dataclass(frozen=True)
class Column:
    name: str  # the cohort's full name
    programme: str
    label: str  # the whole name, on one slanted line
    x: float
    y: float
    transform: str  # slants the label about (x, y)


@dataclass(frozen=True)
class ProgrammeSpan:
    """Consecutive cohorts of one programme: a group of columns in the table."""

    name: str
    span: int


@dataclass(frozen=True)
class Shade:
    css_class: str
    text: str  # the counts it stands for: "1 story", "2 to 3 stories"


@dataclass(frozen=True)
class CoverageChart(Frame):
    rows: list[Row]
    columns: list[Column]
    programmes: list[ProgrammeSpan]
    shades: list[Shade]
    cell_size: float
    gaps: int

    @property
    def is_empty(self) -> bool:
        return not self.rows or not self.columns


def _stories(n: int) -> str:
    return f"{n:,} {'story' if n == 1 else 'stories'}"


def _level(count: int, largest: int) -> int:
    """1 to LEVELS by the count's share of the largest (rounded up); 0 for none."""
    return -(-LEVELS * count // largest) if count > 0 else 0


def _shades(largest: int) -> list[Shade]:
    """What each shade means: the counts that _level puts in it (skipping any none can reach)."""
    shades = []
    for level in range(1, LEVELS + 1):
        low, high = largest * (level - 1) // LEVELS + 1, largest * level // LEVELS
        if low <= high:
            counts = _stories(low) if low == high else f"{low:,} to {_stories(high)}"
            shades.append(Shade(f"cell-{level}", counts))
    return shades


def coverage_chart(grid, *, chart_id: str, title: str, description: str) -> CoverageChart:
    """The grid's themes as rows and cohorts as columns, each cell shaded by its count."""
    if not grid.themes or not grid.cohorts:
        return CoverageChart(
            chart_id, title, description, EMPTY_WIDTH, EMPTY_HEIGHT, FONT, [], [], [], [], CELL, 0
        )
    largest = grid.largest
    row_labels = [
        tuple(wrap_within(theme.name, ROW_LABEL_MAX, FONT, ROW_LABEL_LINES))
        for theme in grid.themes
    ]
    column_labels = [" ".join(cohort.name.split()) for cohort in grid.cohorts]
    row_label_width = max(lines_width(lines, FONT) for lines in row_labels)
    column_label_width = max(text_width(label, FONT) for label in column_labels)
    # A row is as tall as its tallest name, and never shorter than a column is wide.
    most_lines = max(len(lines) for lines in row_labels)
    row_step = max(STEP, round(most_lines * FONT * LINE_HEIGHT + (STEP - CELL), 1))
    slant = math.radians(ANGLE)
    grid_x = round(PAD + row_label_width + LABEL_GAP, 1)
    grid_y = round(PAD + FONT / 2 + column_label_width * math.sin(slant) + LABEL_GAP, 1)

    columns = []
    for index, (cohort, label) in enumerate(zip(grid.cohorts, column_labels, strict=True)):
        x, y = round(grid_x + index * STEP + CELL / 2, 1), round(grid_y - LABEL_GAP, 1)
        columns.append(
            Column(cohort.name, cohort.programme.name, label, x, y, f"rotate(-{ANGLE} {x} {y})")
        )
    rows = []
    for (theme, counts), label, y_index in zip(grid.rows, row_labels, itertools.count()):
        y = round(grid_y + y_index * row_step + (row_step - STEP) / 2, 1)
        cells = [
            Cell(
                x=round(grid_x + x_index * STEP, 1),
                y=y,
                count=count,
                css_class=f"cell-{_level(count, largest)}",
                title=_stories(count) if count > 0 else "No stories",
            )
            for x_index, count in enumerate(counts)
        ]
        rows.append(
            Row(
                theme.name,
                theme.get_absolute_url(),
                label,
                label_x=round(grid_x - LABEL_GAP, 1),
                label_y=round(y + CELL / 2, 1),
                cells=cells,
            )
        )
    # The last column's label slants out to the right of the grid.
    right = max(
        grid_x + len(columns) * STEP,
        columns[-1].x + column_label_width * math.cos(slant) + FONT / 2,
    )
    programmes = [
        ProgrammeSpan(name, len(list(group)))
        for name, group in itertools.groupby(column.programme for column in columns)
    ]
    return CoverageChart(
        chart_id,
        title,
        description,
        width=round(right + PAD, 1),
        height=round(grid_y + len(rows) * row_step + PAD, 1),
        font_size=FONT,
        rows=rows,
        columns=columns,
        programmes=programmes,
        shades=_shades(largest),
        cell_size=CELL,
        gaps=sum(cell.is_gap for row in rows for cell in row.cells),
    )
