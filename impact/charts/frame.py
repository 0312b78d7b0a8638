"""What every chart shares: an id, a title and description, and the box it is drawn in."""

import math
import re
from dataclasses import dataclass

# A chart's id prefixes every id in its markup, so it must be a valid, plain HTML id.
_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
NOTHING_YET = "Nothing to show yet"
# The box an empty chart draws its "nothing to show" note in.
EMPTY_WIDTH, EMPTY_HEIGHT = 640.0, 64.0
# An SVG with no width attribute stretches to fill its container, so a small chart would
# be blown up to giant text. A class (static/css/impact.css) caps its width instead, in
# steps of 5rem: a viewBox unit is then about one CSS pixel, never less.
SIZE_STEP = 80
SIZE_STEPS = range(2, 17)  # chart-max-2 (10rem) to chart-max-16 (80rem)


@dataclass(frozen=True)
class Frame:
    chart_id: str
    title: str
    description: str
    width: float  # of the viewBox, in the units every coordinate uses
    height: float
    font_size: float  # the labels' size, which the layout measured them at

    def __post_init__(self):
        if not _CHART_ID.match(self.chart_id):
            raise ValueError(f"chart_id must be a plain HTML id, not {self.chart_id!r}")

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def size_class(self) -> str:
        steps = math.ceil(self.width / SIZE_STEP)
        return f"chart-max-{min(max(steps, SIZE_STEPS.start), SIZE_STEPS.stop - 1)}"

    @property
    def title_id(self) -> str:
        return f"{self.chart_id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.chart_id}-desc"

    @property
    def table_id(self) -> str:
        return f"{self.chart_id}-table"

    @property
    def labelledby(self) -> str:
        return f"{self.title_id} {self.desc_id}"

    @property
    def nothing_yet(self) -> str:
        return NOTHING_YET

    @property
    def middle_x(self) -> float:
        return round(self.width / 2, 1)

    @property
    def middle_y(self) -> float:
        return round(self.height / 2, 1)
