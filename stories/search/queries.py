"""Turning what a reader typed into a query each database understands safely.

Readers may type phrases in double quotes and `-word` to exclude a word, as on
the big search engines. Anything else is just words: no character a reader
types can become query syntax.
"""

import re
from dataclasses import dataclass

MAX_TERMS = 24
MAX_NAME_WORDS = 1
# A word, a "quoted phrase" (closing quote optional), either with a minus before it.
PIECE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ParsedQuery:
    wanted: tuple[tuple[str, ...], ...]  # each a word or a phrase of words
    excluded: tuple[tuple[str, ...], ...]
    # Each wanted and excluded item as typed, for PostgreSQL to parse as it
    # parses documents ("covid-19" keeps its "-19"); never used as syntax.
    wanted_text: tuple[str, ...]
    excluded_text: tuple[str, ...]
    # For each wanted item typed as one hyphenated word ("well-being"), the
    # same letters run together ("wellbeing"), which also counts as a match.
    joined: tuple[str | None, ...]

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
    wanted, excluded, joined, wanted_text, excluded_text = [], [], [], [], []
    for match in PIECE.finditer(text):
        quoted = match.group(2) is not None
        minus, piece = (match.group(1), match.group(2)) if quoted else match.group(3, 4)
        words = tuple(_WORD.findall(piece))
        if not words:
            continue
        if minus:
            excluded.append(words)
            excluded_text.append(piece)
        else:
            wanted.append(words)
            wanted_text.append(piece)
            joined.append("".join(words) if len(words) > 1 and not quoted else None)
    cap = slice(MAX_TERMS)
    return ParsedQuery(
        wanted=tuple(wanted[cap]),
        excluded=tuple(excluded[cap]),
        joined=tuple(joined[cap]),
        wanted_text=tuple(wanted_text[cap]),
        excluded_text=tuple(excluded_text[cap]),
    )


def fts5_expression(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression. Every term is a quoted string of word characters."""

    def quoted(words):
        return '"' + " ".join(words) + '"'

    def term(words, joined):
        return f"({quoted(words)} OR {quoted([joined])})" if joined else quoted(words)

    expression = " AND ".join(
        term(words, joined) for words, joined in zip(query.wanted, query.joined, strict=True)
    )
    for words in query.excluded:
        expression = f"({expression}) NOT {quoted(words)}"
    return expression
