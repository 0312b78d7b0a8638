"""Pictures for the demo content, drawn here with Pillow (nothing is downloaded).

A story's picture is a cover for its leading theme: the theme's name set in bold type
beside that theme's illustration (motifs.py), in the theme's colours. An
organisation's logo is a wordmark: its name set in the colour of its kind. Demo
participants get no photo: a drawn face would claim to show what a real person
looks like, so the site shows its placeholder for people without a photo instead.

Each picture is drawn from a seed (the story's slug, the organisation's name), so the
same demo gets the same bytes, and each comes with alt text that says what is drawn,
words included: text inside a picture is not read out.
"""

import random

from demo import drawing, motifs

COVER_SIZE = (1600, 1000)
# The type's column: inside the 3:2 card crop (50 pixels off each side) with a margin.
TYPE_LEFT, TYPE_WIDTH = 120, 640

# A wordmark's colour says what kind of organisation it is: councils navy, NHS blue, …
KIND_COLOURS = {
    "local_authority": (30, 45, 95),
    "nhs": (0, 94, 184),
    "vcs": (112, 48, 110),
    "education": (0, 105, 112),
    "national": (160, 40, 50),
    "private": (70, 70, 80),
    "other": (70, 70, 80),
}
LOGO_TYPE, LOGO_LINE = 56, 440  # type size and longest line, in pixels
LOGO_INDENT, LOGO_PAD = 34, 12


def cover(*, seed: str, theme_slug: str, theme_name: str) -> tuple[bytes, str]:
    """A 1600 by 1000 cover for a story under `theme_name`, and its alt text."""
    motif = motifs.for_theme(theme_slug)
    palette = motif.palette
    canvas = drawing.Canvas.new(COVER_SIZE, palette.background)
    motif.draw(canvas, random.Random(seed), palette)
    lines, size = drawing.fitted(theme_name, TYPE_WIDTH, largest=100, most_lines=3)
    height = size * 1.12 * len(lines)
    top = (COVER_SIZE[1] - height) / 2
    canvas.rectangle(TYPE_LEFT, top - 64, TYPE_LEFT + 96, top - 44, fill=palette.accent)
    canvas.words(lines, TYPE_LEFT, top, size, fill=palette.ink)
    alt = f"Illustration: {motif.describe}, beside the words “{theme_name}”."
    return drawing.jpeg(canvas.finished()), alt


def logo(name: str, kind: str) -> tuple[bytes, str]:
    """A wordmark: the name stacked in short lines beside a bar, in the colour of the
    organisation's kind, on a transparent background; and its alt text.

    Pages show a logo 120 pixels wide, so the lines are kept short (LOGO_LINE) and the
    picture as narrow as its longest line: the name then reads at that width.
    """
    colour = (*KIND_COLOURS.get(kind, KIND_COLOURS["other"]), 255)
    lines = drawing.wrapped(name, LOGO_TYPE, LOGO_LINE)
    width = max(drawing.text_width(line, LOGO_TYPE) for line in lines) + LOGO_INDENT + LOGO_PAD
    height = LOGO_TYPE * 1.12 * len(lines)
    canvas = drawing.Canvas.new((width, height + 2 * LOGO_PAD), (0, 0, 0, 0), mode="RGBA")
    canvas.rectangle(0, LOGO_PAD, 12, LOGO_PAD + height - LOGO_TYPE * 0.12, fill=colour)
    canvas.words(lines, LOGO_INDENT, LOGO_PAD, LOGO_TYPE, fill=colour)
    return drawing.png(canvas.finished()), f"{name} logo"
