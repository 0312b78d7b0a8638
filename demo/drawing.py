"""What the demo's drawn pictures share: a canvas drawn at twice the size, type, encoding.

Pillow draws shapes without anti-aliasing, so a canvas is drawn at twice its size and
halved at the end (`Image.reduce`, a cheap box filter): edges come out smooth at a
fraction of the cost of a blur. Type is DejaVu Sans Condensed Bold when the system has it, and
otherwise the font Pillow ships; the layout engine is fixed, so the same machine
always draws the same pixels.
"""

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SCALE = 2  # drawn at twice the size, then halved: smooth edges without a blur
BOLD_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSansCondensed-Bold.ttf"),
)

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Canvas:
    """An image being drawn at SCALE times its final size; coordinates are final pixels."""

    image: Image.Image
    draw: ImageDraw.ImageDraw
    origin: tuple[float, float] = (0, 0)  # where this canvas's corner lies on the picture

    @classmethod
    def new(cls, size, background, mode: str = "RGB", origin=(0, 0)) -> "Canvas":
        image = Image.new(mode, (round(size[0] * SCALE), round(size[1] * SCALE)), background)
        return cls(image, ImageDraw.Draw(image), origin)

    def box(self, left: float, top: float, right: float, bottom: float) -> list[int]:
        (left, top), (right, bottom) = self.scaled([(left, top), (right, bottom)])
        return [left, top, right, bottom]

    def scaled(self, points) -> list[tuple[int, int]]:
        x0, y0 = self.origin
        return [(round((x - x0) * SCALE), round((y - y0) * SCALE)) for x, y in points]

    def circle(self, x: float, y: float, radius: float, fill=None, outline=None, width=0):
        self.draw.ellipse(
            self.box(x - radius, y - radius, x + radius, y + radius),
            fill=fill,
            outline=outline,
            width=round(width * SCALE),
        )

    def circle_in(self, bounds, fill):
        self.draw.ellipse(self.box(*bounds), fill=fill)

    def polygon(self, points, fill):
        self.draw.polygon(self.scaled(points), fill=fill)

    def line(self, points, fill, width: float):
        scaled = self.scaled(points)
        self.draw.line(scaled, fill=fill, width=round(width * SCALE), joint="curve")
        radius = width * SCALE / 2
        for x, y in (scaled[0], scaled[-1]):  # round the two ends as well as the joints
            self.draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)

    def rectangle(self, left, top, right, bottom, fill, radius: float = 0):
        self.draw.rounded_rectangle(
            self.box(left, top, right, bottom), radius=round(radius * SCALE), fill=fill
        )

    def words(self, lines: list[str], x: float, y: float, size: int, fill, spacing: float = 1.12):
        """Lines of bold type, the first line's top at (x, y)."""
        font = bold_font(size * SCALE)
        for number, line in enumerate(lines):
            (corner,) = self.scaled([(x, y + number * size * spacing)])
            self.draw.text(corner, line, font=font, fill=fill, anchor="la")

    def finished(self) -> Image.Image:
        return self.image.reduce(SCALE)


@cache
def bold_font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans Condensed Bold at `size` pixels, or Pillow's own scalable font."""
    for path in BOLD_FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    return ImageFont.load_default(size=size)


def text_width(text: str, size: int) -> float:
    return bold_font(size * SCALE).getlength(text) / SCALE


def wrapped(text: str, size: int, width: float) -> list[str]:
    """`text` broken between words into lines no wider than `width` where a word allows."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def fitted(text: str, width: float, largest: int, most_lines: int) -> tuple[list[str], int]:
    """The largest type size (in steps of 4 from `largest`) setting `text` within `width`
    in at most `most_lines` lines, and those lines."""
    size = largest
    while size > 12:
        lines = wrapped(text, size, width)
        if len(lines) <= most_lines and all(text_width(line, size) <= width for line in lines):
            return lines, size
        size -= 4
    return wrapped(text, size, width), size


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=88)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
