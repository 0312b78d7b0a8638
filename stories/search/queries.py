"""Turning what a reader typed into a query each database understands safely.

Readers may type phrases in double quotes and `-word` to exclude a word, as on
the big search engines. Anything else is just words: no character a reader
types can become query syntax.
"""

import re
from dataclasses import dataclass

MAX_TERMS = 24
MAX_NAME_WORDS = 1
_PIECE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ParsedQuery:
    wanted: tuple[tuple[str, ...], ...]  # each a word or a phrase of words
    excluded: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.wanted

    @property
    def tolerates_typos(self) -> bool:
        """One word of some length, as a surname or a place is typed.

        Short words are left out (their trigrams match almost anything), and so
        are several words: "mental health" must not fuzzily match every name
        that holds "health".
        """
        return (
            not self.excluded
            and len(self.wanted) <= MAX_NAME_WORDS
            and all(len(words) == 1 and len(words[0]) >= 4 for words in self.wanted)
        )


def parse(text: str) -> ParsedQuery:
    wanted, excluded = [], []
    for match in _PIECE.finditer(text):
        minus, phrase = (
            (match.group(1), match.group(2))
            if match.group(2) is not None
            else (
                match.group(3),
                match.group(4),
            )
        )
        words = tuple(_WORD.findall(phrase))
        if not words:
            continue
        (excluded if minus else wanted).append(words)
    return ParsedQuery(tuple(wanted[:MAX_TERMS]), tuple(excluded[:MAX_TERMS]))


def fts5_expression(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression. Every term is a quoted string of word characters."""

    def quoted(words):
        return '"' + " ".join(words) + '"'

    expression = " AND ".join(quoted(words) for words in query.wanted)
    for words in query.excluded:
        expression = f"({expression}) NOT {quoted(words)}"
    return expression
