"""Taking out of the search vocabulary the words no story has any more (an erasure)."""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, Q

from stories.models import SearchWord, SqliteSearchIndex, Story
from stories.search.documents import SEARCH_CONFIG
from stories.search.vocabulary import words_of

# Words checked against the stories in one query.
BATCH = 100


def forget(texts: Iterable[str]) -> int:
    """Take out of the vocabulary the words of these texts that no story's search text
    has any more; returns how many went.

    For an erasure: a person's name, or any word only their stories had, must not stay
    behind in the vocabulary once their stories are gone (the vocabulary otherwise only
    grows, stories.models.SearchWord). Each batch of words is one query, each word an
    indexed match, as the search itself matches.
    """
    words = sorted(set().union(*(words_of(text) for text in texts)))
    gone = []
    for start in range(0, len(words), BATCH):
        batch = words[start : start + BATCH]
        found = Story.objects.aggregate(
            **{f"w{index}": Count("pk", filter=_has(word)) for index, word in enumerate(batch)}
        )
        gone += [word for index, word in enumerate(batch) if not found[f"w{index}"]]
    return SearchWord.objects.filter(word__in=gone).delete()[0]


def _has(word: str) -> Q:
    """Stories whose search text has `word`: letters only (words_of), so no query syntax."""
    if connection.vendor == "postgresql":
        query = SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")
        return Q(search_document__vector=query)
    found = SqliteSearchIndex.objects.filter(query__fts5_match=f'"{word}"')
    return Q(pk__in=found.values("story_id"))
