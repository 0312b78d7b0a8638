"""The words of the stories' search text, kept for correcting a reader's misspelt word."""

import re
import unicodedata
from collections.abc import Iterable

from stories.models import SearchWord

SHORTEST = 3  # shorter words are too many alike to correct one into another
LONGEST = 40
_WORD = re.compile(r"\w+")


def normalise(word: str) -> str:
    """Lower case without accents, as both databases' indexes compare words ("Zoë" is "zoe")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words_of(text: str) -> set[str]:
    """The words of `text` worth correcting to: letters, of a sensible length."""
    words = (normalise(word) for word in _WORD.findall(text))
    return {
        word
        for word in words
        if SHORTEST <= len(word) <= LONGEST and not any(char.isdigit() for char in word)
    }


def record(texts: Iterable[str]) -> None:
    """Add the words of these texts to the vocabulary (those already in it stay as they are)."""
    words = set().union(*(words_of(text) for text in texts))
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, initial=word[0], length=len(word)) for word in sorted(words)],
        ignore_conflicts=True,
        batch_size=500,
    )


def known(words: Iterable[str]) -> set[str]:
    """Those of these (normalised) words that some story's text has."""
    return set(SearchWord.objects.filter(word__in=set(words)).values_list("word", flat=True))


def near(words: dict[str, int]) -> list[str]:
    """Vocabulary words that could be each of `words` misspelt (word: edits allowed):
    the same first letter, a length within the edits. One query, over an index."""
    condition = None
    for word, edits in words.items():
        this = SearchWord.objects.filter(
            initial=word[0], length__range=(len(word) - edits, len(word) + edits)
        )
        condition = this if condition is None else condition | this
    if condition is None:
        return []
    return list(condition.values_list("word", flat=True))
