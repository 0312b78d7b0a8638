"""How wide a label will be, and how to shorten one to fit.

The charts are laid out in Python, without a browser to measure text, so widths are
estimates. They err on the wide side: a label a little shorter than it could have been
is better than one that runs off the chart or into its neighbour.
"""

import unicodedata

ELLIPSIS = "…"
# Average advance of a character in a system sans-serif, as a fraction of the font size.
NARROW = 0.62
# CJK characters and most emoji take a full em or more (East Asian width "wide" or "full").
WIDE = 1.1
ZWJ = "\u200d"  # joins emoji into one picture (👩‍🔬): never cut beside it


def _char_width(char: str) -> float:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0.0
    if unicodedata.east_asian_width(char) in {"W", "F"}:
        return WIDE
    return NARROW


def text_width(text: str, font_size: float) -> float:
    """The estimated width of `text` set at `font_size`, in the same units."""
    return font_size * sum(_char_width(char) for char in text)


def _is_regional_indicator(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def _clings_to_previous(char: str) -> bool:
    """Whether `char` belongs to the character before it (an accent, a variation, a skin tone)."""
    return _char_width(char) == 0 or "\U0001f3fb" <= char <= "\U0001f3ff"


def _splits_a_picture(text: str, cut: int) -> bool:
    if cut == 0 or cut >= len(text):
        return False
    if _clings_to_previous(text[cut]) or text[cut - 1] == ZWJ:
        return True
    # A flag is two regional indicators; an odd number of them before the cut splits one.
    leading = 0
    while leading < cut and _is_regional_indicator(text[cut - 1 - leading]):
        leading += 1
    return _is_regional_indicator(text[cut]) and leading % 2 == 1


def fit(text: str, max_width: float, font_size: float) -> str:
    """`text` on one line, shortened with an ellipsis if it would be wider than `max_width`."""
    text = " ".join(text.split())  # a newline or tab in a name would not show in SVG anyway
    if text_width(text, font_size) <= max_width:
        return text
    budget = max_width / font_size - NARROW  # room left once the ellipsis is drawn
    used, cut = 0.0, 0
    for char in text:
        used += _char_width(char)
        if used > budget:
            break
        cut += 1
    while _splits_a_picture(text, cut):
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


LINE_HEIGHT = 1.2  # of a wrapped label's lines, in ems


def _split_word(word: str, max_width: float, font_size: float) -> list[str]:
    """A word too wide for a line, in pieces that fit (never splitting an accent or a
    picture from its character): a long name is broken rather than cut short."""
    pieces, start, used = [], 0, 0.0
    for index, char in enumerate(word):
        width = _char_width(char) * font_size
        if used + width > max_width and index > start and not _splits_a_picture(word, index):
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += width
    return [*pieces, word[start:]]


def wrap(text: str, max_width: float, font_size: float) -> list[str]:
    """`text` whole, on as many lines as it needs to be no wider than `max_width`,
    broken between words where it can be."""
    lines: list[str] = []
    for word in text.split():
        for piece in _split_word(word, max_width, font_size):
            joined = f"{lines[-1]} {piece}" if lines else piece
            if lines and text_width(joined, font_size) <= max_width:
                lines[-1] = joined
            else:
                lines.append(piece)
    return lines or [""]


def wrap_within(text: str, max_width: float, font_size: float, max_lines: int) -> list[str]:
    """`text` whole on at most `max_lines` lines: `max_width` wide if that is enough, else
    as much wider as it takes (the chart grows; the name is never cut)."""
    max_lines = max(max_lines, 1)
    width = max_width
    while len(lines := wrap(text, width, font_size)) > max_lines:
        width = max(width + font_size, text_width(text, font_size) / max_lines)
    return lines


def lines_width(lines: list[str], font_size: float) -> float:
    return max((text_width(line, font_size) for line in lines), default=0.0)


def centred(lines) -> list[tuple[str, str]]:
    """Each line with the `dy` of its <tspan>, so the lines sit centred on the text's y."""
    first = 0.35 - LINE_HEIGHT * (len(lines) - 1) / 2
    return [(line, f"{first if n == 0 else LINE_HEIGHT:.2f}em") for n, line in enumerate(lines)]


class CentredLines:
    """A label drawn whole on its `lines`, centred on its y (a mixin for the charts' rows)."""

    lines: tuple[str, ...]

    @property
    def label(self) -> str:
        return " ".join(self.lines)

    @property
    def label_lines(self) -> list[tuple[str, str]]:
        return centred(self.lines)
