"""The one search service: what matches, in what order, with what snippet.

`?q=` on /search/, /stories/ and theme pages all come here. Callers pass a
story queryset that already starts from `Story.objects.public()`; search only
narrows and orders it, so nothing non-public is ever found.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
)
from django.db import connection
from django.db.models import Exists, F, FloatField, OuterRef, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from stories.models import SearchDocument, SqliteSearchIndex
from stories.search.documents import HIGHLIGHT_END, HIGHLIGHT_START, SEARCH_CONFIG
from stories.search.queries import fts5_expression, parse

# PostgreSQL ranks weights D, C, B, A (body is C, context B, names A).
RANK_WEIGHTS = [0.05, 0.2, 0.5, 1.0]
# How many matches are ranked at most: the most recently added ones (see `ranked`).
SEARCH_WINDOW = 500
SNIPPET_WORDS = 28


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _ts_query(text: str) -> SearchQuery:
    """The reader's words as a tsquery built from the same parse SQLite uses.

    Each word or quoted phrase must match (a phrase in order), a hyphenated
    word also matches run together, and `-word` excludes.
    """
    query = parse(text)

    def phrase(text):
        return SearchQuery(text, search_type="phrase", config=SEARCH_CONFIG)

    combined = None
    for typed, together in zip(query.wanted_text, query.joined, strict=True):
        term = phrase(typed) | phrase(together) if together else phrase(typed)
        combined = term if combined is None else combined & term
    for typed in query.excluded_text:
        combined &= ~phrase(typed)
    return combined


def matching(stories, text: str):
    """`stories` narrowed to those that match `text`."""
    if parse(text).is_empty:
        return stories.none()
    return stories.filter(matching_condition(text))


def matching_condition(text: str) -> Q:
    """The condition a story matching `text` (not empty) meets, for a filter or a count."""
    query = parse(text)
    if _postgres():
        condition = Q(search_document__vector=_ts_query(text))
        if query.tolerates_typos:  # a misspelt name still finds its person or organisation
            condition |= Q(search_document__names__trigram_word_similar=text)
        return condition
    # A subquery read once: the planner then probes it, rather than matching per story.
    found = SqliteSearchIndex.objects.filter(query__fts5_match=fts5_expression(query))
    return Q(pk__in=found.values("story_id"))


def has_word(word: str) -> Q:
    """Stories whose search text has `word` (letters only, lower case) as a whole word,
    not a word of the same stem: read only among those a search has already found."""
    boundary = r"\y" if _postgres() else r"\b"
    pattern = f"{boundary}{re.escape(word)}{boundary}"
    return (
        Q(search_document__names__iregex=pattern)
        | Q(search_document__context__iregex=pattern)
        | Q(search_document__body__iregex=pattern)
    )


def ranked(stories, text: str, *, window: int | None = None) -> list[int]:
    """The ids of matching `stories` (see `matching`), best first, newest first among equals.

    Every match is ranked when there are at most `window` (SEARCH_WINDOW) of
    them; past that, only the `window` most recently added are, so a common
    word costs the same in an archive of a thousand stories or a million. Each
    database walks its matches from the newest id down and stops there; scoring
    all 78,000 matches of a common word took 0.5 s (SQLite) to 1.5 s
    (PostgreSQL) at 100,000 stories.
    """
    query = parse(text)
    if query.is_empty:
        return []
    window = window or SEARCH_WINDOW
    if _postgres():
        rank = Coalesce(
            SearchRank(F("search_document__vector"), _ts_query(text), weights=RANK_WEIGHTS),
            Value(0.0),
            output_field=FloatField(),
        )
        # Matches found only through a typo rank 0: after exact ones, newest first.
        rows = matching(stories, text).annotate(score=rank).order_by("-pk")
        rows = rows.values_list("pk", "score", "published_at")[:window]
        return _best_first(rows, higher_is_better=True)
    # FTS5 walks its index from the highest rowid down, scoring only what it returns;
    # its rank is bm25 with our column weights (migration 0003), lower for a better match.
    found = SqliteSearchIndex.objects.filter(query__fts5_match=fts5_expression(query))
    rows = found.filter(Exists(stories.filter(pk=OuterRef("story_id")))).order_by("-story_id")
    rows = rows.values_list("story_id", "rank", "story__published_at")[:window]
    return _best_first(rows, higher_is_better=False)


def _best_first(rows, *, higher_is_better: bool) -> list[int]:
    sign = -1 if higher_is_better else 1
    ordered = sorted(rows, key=lambda row: (sign * row[1], -row[2].timestamp(), -row[0]))
    return [pk for pk, _, _ in ordered]


def snippets(story_ids: list[int], text: str) -> dict[int, SafeString]:
    """Highlighted extracts for these stories (the ones on the page), escaped but for <mark>."""
    query = parse(text)
    if query.is_empty or not story_ids:
        return {}
    if _postgres():
        rows = (
            SearchDocument.objects.filter(pk__in=story_ids)
            .annotate(
                extract=SearchHeadline(
                    Concat("context", Value(" \n"), "body", output_field=TextField()),
                    _ts_query(text),
                    config=SEARCH_CONFIG,
                    start_sel=HIGHLIGHT_START,
                    stop_sel=HIGHLIGHT_END,
                    max_words=SNIPPET_WORDS,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "extract")
        )
    else:
        placeholders = ", ".join(["%s"] * len(story_ids))
        marks = [HIGHLIGHT_START, HIGHLIGHT_END]
        with connection.cursor() as cursor:
            # Columns 1 and 2 are the summary-and-quote and the body: the extract is
            # taken from whichever has a match, the summary first.
            cursor.execute(
                "SELECT rowid, snippet(story_search_fts, 1, %s, %s, ' … ', %s), "
                "snippet(story_search_fts, 2, %s, %s, ' … ', %s) "
                "FROM story_search_fts WHERE story_search_fts MATCH %s "
                f"AND rowid IN ({placeholders})",
                [*marks, SNIPPET_WORDS, *marks, SNIPPET_WORDS, fts5_expression(query), *story_ids],
            )
            rows = [
                (pk, context if HIGHLIGHT_START in context or HIGHLIGHT_START not in body else body)
                for pk, context, body in cursor.fetchall()
            ]
    return {pk: _marked(extract) for pk, extract in rows if extract}


def _marked(extract: str) -> SafeString:
    escaped = escape(" ".join(extract.split()))
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>"))
