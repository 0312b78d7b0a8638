"""Correcting a misspelt word: "helth" finds the stories about health, on either database.

A word of the reader's that no story's text has (stories.search.vocabulary) is
replaced by the nearest word that does: one or two letters added, dropped,
changed or swapped, the same first letter. Among the nearest, the one that
finds most of the stories searched is chosen, and only if it finds some: the
vocabulary holds every story's words, drafts' too, so a word is offered only
once the public stories searched are seen to have it, as it is (not a word of
the same stem). Words in "quotes" are
taken as typed.
"""

import re
from dataclasses import dataclass

from django.db.models import Count

from stories.search import service as search
from stories.search import vocabulary
from stories.search.queries import PIECE

MAX_CORRECTED = 3  # words corrected in one query at most
CHOICES = 3  # nearest words weighed for each
SHORT = 6  # words up to this long are corrected by one edit, longer ones by two
SHORTEST = 4  # shorter ones are left alone: too many words are one edit from them
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Suggestion:
    text: str  # the reader's words, the misspelt ones corrected
    exact: str  # the reader's words, the misspelt ones in quotes: searched as typed
    count: int  # how many of the stories searched it finds


def suggest(stories, text: str) -> Suggestion | None:
    """The reader's `text` with its misspelt words corrected, if that finds any of
    `stories` (public ones, already filtered); else None.

    Four queries at most: which words are known, the words near the others, how
    many stories each of those finds, and how many the corrected words find.
    """
    spans = _correctable(text)
    typed = {vocabulary.normalise(text[start:end]) for start, end in spans}
    unknown = sorted(typed - vocabulary.known(typed))[:MAX_CORRECTED]
    if not unknown:
        return None
    allowed = {word: 1 if len(word) <= SHORT else 2 for word in unknown}
    candidates = vocabulary.near(allowed)
    nearest = {word: _nearest(word, allowed[word], candidates) for word in unknown}
    found = _counts(stories, {choice for choices in nearest.values() for choice in choices})
    corrections = {}
    for word, choices in nearest.items():
        # The fewest edits away, then the one that finds most; never one that finds none.
        finding = [choice for choice in choices if found[choice]]
        if finding:
            corrections[word] = min(finding, key=lambda c: (choices[c], -found[c], c))
    if not corrections:
        return None
    corrected, exact = _rewrite(text, corrections)
    count = search.matching(stories, corrected).count()
    return Suggestion(corrected, exact, count) if count else None


def _rewrite(text: str, corrections: dict[str, str]) -> tuple[str, str]:
    """`text` with the corrections made (a capital kept), and with each word or hyphenated
    word that has one put in quotes instead, to be searched as typed."""
    corrected, exact, last = [], [], 0
    for piece_start, piece_end, words in _pieces(text):
        between = text[last:piece_start]
        piece = typed = text[piece_start:piece_end]
        for start, end in reversed(words):  # from the end, so earlier offsets hold
            better = corrections.get(vocabulary.normalise(text[start:end]))
            if better:
                better = better.capitalize() if text[start].isupper() else better
                piece = piece[: start - piece_start] + better + piece[end - piece_start :]
        corrected += [between, piece]
        exact += [between, f'"{typed}"' if piece != typed else typed]
        last = piece_end
    return "".join(corrected) + text[last:], "".join(exact) + text[last:]


def _pieces(text: str):
    """Each word or hyphenated word typed outside quotes and not excluded (`-word`):
    its span, and the spans of its words long enough to correct."""
    for match in PIECE.finditer(text):
        if match.group(4) is None or match.group(3):
            continue
        start = match.start(4)
        words = [
            (start + word.start(), start + word.end())
            for word in _WORD.finditer(match.group(4))
            if len(vocabulary.normalise(word.group())) >= SHORTEST
        ]
        if words:
            yield match.start(4), match.end(4), words


def _correctable(text: str) -> list[tuple[int, int]]:
    return [span for _, _, words in _pieces(text) for span in words]


def _nearest(word: str, edits: int, candidates: list[str]) -> dict[str, int]:
    """The CHOICES candidates fewest edits from `word` (at most `edits`), with how many."""
    close = {}
    for candidate in candidates:
        distance = edit_distance(word, candidate, edits)
        if distance <= edits:
            close[candidate] = distance
    return dict(sorted(close.items(), key=lambda item: (item[1], item[0]))[:CHOICES])


def _counts(stories, words: set[str]) -> dict[str, int]:
    """How many of `stories` have each word, as it is, in one query.

    The search matches stems ("walling" finds "walls"), so a word only a draft or a
    withdrawn person's story has could seem found; it must be there as it is.
    """
    if not words:
        return {}

    def found(word):
        return search.matching_condition(word) & search.has_word(word)

    counted = stories.aggregate(
        **{f"w{index}": Count("pk", filter=found(word)) for index, word in enumerate(sorted(words))}
    )
    return {word: counted[f"w{index}"] for index, word in enumerate(sorted(words))}


def edit_distance(first: str, second: str, limit: int) -> int:
    """Letters added, dropped, changed or two swapped to turn one word into the other
    (optimal string alignment), or `limit + 1` once it is plainly more than `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before, row = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            cost = a != b
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]
