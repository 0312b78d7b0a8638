"""Where each story of a printed brochure starts, worked out before it is printed.

Chromium's print has no `target-counter()`, so the contents cannot ask the printer
on which page a story landed. Instead every story is laid out on a known number of
A4 pages and the contents count them: the cover is page 1, the contents page 2,
and story k (from 0) opens on page 3 + 2k.

Each story takes two pages by construction (static/css/brochure.css): its opening
page (who, the title, the picture, the quote, the summary and the outcomes; for a
long story its themes too) and its narrative page (the body, then the partners and
themes), which starts a new page.
So a short story never ends on its first page, and a long one is kept to its
second by a smaller type scale (and two columns), picked here from the length of
its body and its lists. A body longer than the smallest scale holds runs on: its extra pages
are estimated from its length, the one place a number may be off (no demo story
comes near it; see TIGHT below).
"""

import math
import re
from dataclasses import dataclass

from django.utils.html import strip_tags

FRONT_PAGES = 2  # the cover and the contents
STORY_PAGES = 2  # the opening page and the narrative page

# A block (paragraph, heading, list item, quote) ends in a part-empty line and a
# margin: about this many characters of the page each, whatever its length.
BLOCK_ALLOWANCE = 70
_BLOCK = re.compile(r"<(p|li|h[2-6]|blockquote)[\s>]", re.IGNORECASE)

# How much body (characters, with BLOCK_ALLOWANCE per block) each type scale fits
# on one A4 narrative page, with a margin: measured by printing with Chromium
# (tests/e2e/test_brochure_pdf.py prints the demo; its longest story, at 6,355, fills
# 96% of a tight page).
SCALES = [("regular", 2900), ("snug", 4300), ("tight", 6400)]
TIGHT = SCALES[-1][1]
# The room a partner (one line, perhaps two) and the themes (a row of labels, with
# the headings) take after the body, in the same characters.
PARTNER_ALLOWANCE = 110
THEMES_ALLOWANCE = 220
# The opening page holds this many outcomes, and this much of the quote, summary and
# outcomes' words, at its usual size; more, and it is set closer with a smaller
# picture. (Its longest demo story has about 600 characters; every field at its
# longest, a 400-character quote and 3 outcomes of 300, still fits set closer:
# tests/e2e/test_brochure_pdf.py prints it.)
OPENER_OUTCOMES = 3
OPENER_WORDS = 900


@dataclass(frozen=True)
class Fit:
    scale: str  # the narrative's type scale: regular, snug or tight
    pages: int  # how many pages the story takes
    compact: bool  # the opening page set closer, to hold many outcomes
    themes_first: bool  # the themes on the opening page, to leave the narrative room


def body_length(body: str) -> int:
    """The room a body takes, in characters of text plus an allowance per block."""
    return len(" ".join(strip_tags(body).split())) + BLOCK_ALLOWANCE * len(_BLOCK.findall(body))


def fit(story) -> Fit:
    """How `story` (with its outcomes, partnerships and themes prefetched) is laid out."""
    narrative = body_length(story.body) + PARTNER_ALLOWANCE * len(story.partnerships.all())
    themes = THEMES_ALLOWANCE if story.themes.all() else 0
    outcomes = story.outcomes.all()
    words = len(story.pull_quote) + len(story.summary) + sum(len(o.description) for o in outcomes)
    compact = len(outcomes) > OPENER_OUTCOMES or words > OPENER_WORDS
    for scale, fits in SCALES[:-1]:
        if narrative + themes <= fits:
            return Fit(scale=scale, pages=STORY_PAGES, compact=compact, themes_first=False)
    # The smallest scale, with the themes moved to the opening page to make room.
    pages = STORY_PAGES if narrative <= TIGHT else 1 + math.ceil(narrative / TIGHT)
    return Fit(scale=SCALES[-1][0], pages=pages, compact=compact, themes_first=True)


def number_pages(stories) -> None:
    """Give each story its `brochure_fit` and `brochure_page` (where it opens)."""
    page = FRONT_PAGES + 1
    for story in stories:
        story.brochure_fit = fit(story)
        story.brochure_page = page
        page += story.brochure_fit.pages
