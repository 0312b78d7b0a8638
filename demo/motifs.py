"""One simple illustration for each demo theme, in the theme's own colours.

Each motif draws into the right-hand part of a cover (AREA, in final pixels) from a
random generator seeded by the story, so stories under one theme share a look but
not a picture. `describe` says in words what was drawn, for the alt text.
"""

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import ImageChops

from demo.drawing import RGB, Canvas

# The part of a 1600 by 1000 cover a motif fills: inside every crop the site makes
# (3:2 cards lose 50 pixels a side, 1200:630 sharing images 80 at top and bottom).
AREA = (800, 120, 1500, 880)


@dataclass(frozen=True)
class Palette:
    background: RGB
    ink: RGB  # the type
    main: RGB
    second: RGB
    accent: RGB


@dataclass(frozen=True)
class Motif:
    palette: Palette
    draw: Callable[[Canvas, random.Random, Palette], None]
    describe: str  # what is drawn, in words, colours included


def _centre() -> tuple[float, float]:
    return (AREA[0] + AREA[2]) / 2, (AREA[1] + AREA[3]) / 2


def _heart(cx: float, cy: float, size: float) -> list[tuple[float, float]]:
    """The outline of a heart about 32 * `size` wide, centred near (cx, cy)."""
    return [
        (
            cx + size * 16 * math.sin(t) ** 3,
            cy
            - size
            * (13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)),
        )
        for t in (step * math.tau / 160 for step in range(160))
    ]


def heart_and_pulse(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    """A heart crossed by the trace of a heartbeat."""
    cx, cy = _centre()
    canvas.polygon(_heart(cx, cy - 20, rng.uniform(17, 20)), fill=palette.main)
    beat = rng.uniform(-40, 40)
    y = cy + 10
    points = [(AREA[0] - 40, y), (cx - 200 + beat, y), (cx - 150 + beat, y - 70)]
    points += [(cx - 90 + beat, y + 150), (cx - 10 + beat, y - 240), (cx + 60 + beat, y + 60)]
    points += [(cx + 110 + beat, y), (1600, y)]
    canvas.line(points, fill=palette.second, width=22)


def connected_nodes(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    left, top, right, bottom = AREA
    nodes = []
    for row in range(3):
        for column in range(3):
            x = left + 110 + column * (right - left - 220) / 2 + rng.uniform(-60, 60)
            y = top + 110 + row * (bottom - top - 220) / 2 + rng.uniform(-60, 60)
            nodes.append((x, y))
    links = set()
    for index, (x, y) in enumerate(nodes):
        nearest = sorted((math.dist((x, y), other), number) for number, other in enumerate(nodes))
        for _, other in nearest[1:3]:
            links.add(tuple(sorted((index, other))))
    links.add(tuple(sorted((4, rng.choice([0, 2, 6, 8])))))
    for one, two in sorted(links):
        canvas.line([nodes[one], nodes[two]], fill=palette.second, width=12)
    for index, (x, y) in enumerate(nodes):
        if index == 4:
            canvas.circle(x, y, 78, fill=palette.accent)
        else:
            canvas.circle(x, y, rng.choice((34, 44, 54)), fill=palette.main)


def growing_dots(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    """Dots for everyone, larger where the need is: growing across or down the grid."""
    left, top, right, bottom = AREA
    count = 6
    step_x, step_y = (right - left) / count, (bottom - top) / count
    across = rng.random() < 0.5
    golden = rng.choice((3, 4))  # from which step on the dots are gold
    for row in range(count):
        for column in range(count):
            need = column if across else row
            colour = palette.accent if need >= golden else palette.main
            x, y = left + step_x * (column + 0.5), top + step_y * (row + 0.5)
            canvas.circle(x, y, min(10 + need * 8, step_y / 2 - 4), fill=colour)


def overlapping_shapes(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    """A circle, a square and a triangle printed over each other as inks do; which
    colour each takes and which side the circle is on vary from story to story."""
    cx, cy = _centre()
    shift = rng.uniform(-30, 30)
    side = rng.choice((1, -1))
    one, two, three = rng.sample([palette.main, palette.second, palette.accent], 3)

    def across(*offsets: float) -> tuple[float, ...]:
        return tuple(cx + side * offset for offset in offsets)

    (x,) = across(-110 + shift)
    circle = (x - 230, cy - 320, x + 230, cy + 140)
    near, far = sorted(across(-20, 340))
    square = (near, cy - 120 - shift, far, cy + 240 - shift)
    base_one, apex, base_two = across(-300, 60 + shift, 260)
    top, bottom = cy - 40, cy + 330
    triangle = [(base_one, bottom), (apex, top), (base_two, bottom)]
    _print_over(canvas, circle, lambda layer: layer.circle_in(circle, fill=one))
    _print_over(canvas, square, lambda layer: layer.rectangle(*square, two, 24))
    _print_over(
        canvas,
        (min(base_one, base_two), top, max(base_one, base_two), bottom),
        lambda layer: layer.polygon(triangle, three),
    )


def _print_over(canvas: Canvas, bounds, paint) -> None:
    """What `paint` draws within `bounds`, multiplied into the picture: where two shapes
    overlap, a third, darker colour, as where two inks print over each other."""
    left, top, right, bottom = bounds
    layer = Canvas.new((right - left, bottom - top), "white", origin=(left, top))
    paint(layer)
    region = canvas.box(*bounds)
    canvas.image.paste(ImageChops.multiply(canvas.image.crop(region), layer.image), region[:2])


def houses_and_people(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    """Three houses on a street, and neighbours standing in front of them."""
    left, bottom = AREA[0], AREA[3]
    street = bottom - 150
    colours = [palette.main, palette.second, palette.accent]
    rng.shuffle(colours)
    x = left + 30
    for colour, (width, height) in zip(colours, ((190, 300), (170, 430), (200, 250)), strict=True):
        roof = street - height - rng.randint(0, 40)
        canvas.rectangle(x, roof, x + width, street, fill=colour)
        canvas.polygon(
            [(x - 20, roof + 1), (x + width / 2, roof - 110), (x + width + 20, roof + 1)],
            fill=colour,
        )
        middle = x + width / 2
        for row in range(2 if height > 280 else 1):
            window_top = roof + 40 + row * 100
            canvas.rectangle(
                middle - 28, window_top, middle + 28, window_top + 56, fill=palette.background
            )
        x += width + 45
    canvas.rectangle(left - 60, street, 1600, street + 12, fill=palette.second)
    for number in range(4):
        px = left + 110 + number * 165 + rng.uniform(-15, 15)
        head = street - rng.choice((10, 30, 50))
        colour = palette.ink if number % 2 else palette.main
        # A ring of background colour first, so each figure stands clear of the houses.
        canvas.circle(px, head, 44, fill=palette.background)
        canvas.rectangle(px - 50, head + 34, px + 50, 1100, fill=palette.background, radius=50)
        canvas.circle(px, head, 32, fill=colour)
        canvas.rectangle(px - 38, head + 46, px + 38, 1100, fill=colour, radius=38)


def ripples(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    """Rings spreading from a small heart: care that reaches out."""
    cx, cy = _centre()
    cx += rng.uniform(-40, 40)
    spacing = rng.choice((58, 64, 70))
    for ring in range(6, 0, -1):
        colour = palette.main if ring % 2 else palette.background
        canvas.circle(cx, cy, spacing * ring, fill=colour)
    canvas.polygon(_heart(cx, cy - 8, 6.5), fill=palette.accent)


def population(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    """A crowd of small figures, a few picked out: a population and those kept well."""
    left, top, right, bottom = AREA
    columns, rows = 7, 5
    step_x, step_y = (right - left) / columns, (bottom - top) / rows
    picked = set(rng.sample(range(columns * rows), 8))
    for row in range(rows):
        for column in range(columns):
            x, y = left + step_x * (column + 0.5), top + step_y * (row + 0.5)
            colour = palette.accent if row * columns + column in picked else palette.main
            canvas.circle(x, y - 34, 19, fill=colour)
            canvas.rectangle(x - 30, y - 8, x + 30, y + 56, fill=colour, radius=28)


def stripes(canvas: Canvas, rng: random.Random, palette: Palette) -> None:
    """For a theme the demo does not know: bold diagonal bands."""
    left, top, _, bottom = AREA
    colours = [palette.main, palette.second, palette.accent]
    for band in range(6):
        x = left + band * 130 + rng.uniform(-10, 10)
        canvas.polygon(
            [(x, bottom), (x + 80, bottom), (x + 80 + 300, top), (x + 300, top)],
            fill=colours[band % 3],
        )


MOTIFS = {
    "health-inequalities": Motif(
        Palette((253, 236, 231), (74, 20, 40), (214, 64, 76), (74, 20, 40), (240, 160, 60)),
        heart_and_pulse,
        "a coral heart crossed by a dark pulse line, on pale pink",
    ),
    "system-leadership": Motif(
        Palette((0, 78, 88), (255, 255, 255), (140, 214, 210), (70, 150, 155), (244, 190, 70)),
        connected_nodes,
        "circles joined by lines into a network, in pale teal and gold, on dark teal",
    ),
    "proportionate-universalism": Motif(
        Palette((247, 239, 221), (30, 45, 95), (30, 45, 95), (30, 45, 95), (226, 150, 30)),
        growing_dots,
        "a grid of navy dots growing larger, the largest gold, on cream",
    ),
    "co-design-and-co-production": Motif(
        Palette((255, 250, 240), (70, 30, 90), (240, 120, 170), (110, 200, 230), (255, 205, 70)),
        overlapping_shapes,
        "a circle, a square and a triangle overlapping, in pink, blue and yellow, on white",
    ),
    "community-development": Motif(
        Palette((226, 241, 221), (24, 70, 40), (60, 140, 80), (24, 70, 40), (240, 170, 60)),
        houses_and_people,
        "a row of houses with people in front, in greens and orange, on pale green",
    ),
    "compassionate-leadership": Motif(
        Palette((110, 30, 70), (255, 255, 255), (170, 60, 110), (110, 30, 70), (255, 200, 200)),
        ripples,
        "rings spreading out from a small pink heart, on deep berry",
    ),
    "population-health-and-prevention": Motif(
        Palette((22, 44, 88), (255, 255, 255), (110, 160, 220), (110, 160, 220), (250, 200, 60)),
        population,
        "rows of small blue figures with a few in yellow, on navy",
    ),
}
UNKNOWN = Motif(
    Palette((40, 40, 48), (255, 255, 255), (230, 100, 80), (86, 160, 214), (240, 190, 70)),
    stripes,
    "diagonal bands in coral, blue and gold, on charcoal",
)


def for_theme(slug: str) -> Motif:
    return MOTIFS.get(slug, UNKNOWN)
