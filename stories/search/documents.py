"""Gathering the text each story is found by, and keeping it current."""

import html
import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.utils.html import strip_tags

from stories.models import SearchDocument, Story
from stories.search import vocabulary

BATCH = 2_000
# A copy of "english" that also removes accents (migration 0003).
SEARCH_CONFIG = "impact_english"
# Private-use characters mark highlights in snippets; they must never come from text.
HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"
_PRIVATE_MARKS = re.compile(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]")

WEIGHTED_VECTOR = (
    SearchVector("names", weight="A", config=SEARCH_CONFIG)
    + SearchVector("context", weight="B", config=SEARCH_CONFIG)
    + SearchVector("body", weight="C", config=SEARCH_CONFIG)
)


def _text(*parts: str) -> str:
    joined = " \n".join(part for part in parts if part)
    return _PRIVATE_MARKS.sub(" ", joined)


def build_document(*, story: Story, partners, themes, tags) -> SearchDocument:
    """The search text of `story`, given the organisations, themes and tags it shows."""
    participant = story.participant
    organisation = participant.organisation if participant else None
    return SearchDocument(
        story_id=story.pk,
        # Names of every kind rank highest: who, where, and what it is about.
        names=_text(
            story.title,
            participant.name if participant else "",
            participant.job_title if participant else "",
            organisation.name if organisation else "",
            *(partner.name for partner in partners),
            *(theme.name for theme in themes),
            *(tag.name for tag in tags),
        ),
        # A quote is searchable only where it may be shown.
        context=_text(
            story.summary, story.pull_quote if participant and participant.consent_quotes else ""
        ),
        body=_text(html.unescape(strip_tags(story.body.replace("<", " <")))),
    )


def document_for(story: Story) -> SearchDocument:
    """The search text of one story whose relations are already fetched."""
    return build_document(
        story=story,
        partners=story.partners.all(),
        themes=story.themes.all(),
        tags=story.tags.all(),
    )


def vectorise(story_ids) -> None:
    """Compute the weighted vectors (PostgreSQL only; SQLite's triggers index on write)."""
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk__in=story_ids).update(vector=WEIGHTED_VECTOR)


def refresh_documents(story_ids: Iterable[int]) -> int:
    """Rebuild the search text of these stories, in batches. Returns how many."""
    ids = sorted(set(story_ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        stories = (
            Story.objects.filter(pk__in=batch)
            .select_related("participant__organisation")
            .prefetch_related("partners", "themes", "tags")
        )
        documents = [document_for(story) for story in stories]
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["story"],
            update_fields=["names", "context", "body"],
        )
        vectorise(batch)
        vocabulary.record(text for doc in documents for text in (doc.names, doc.context, doc.body))
    return len(ids)


def refresh_all(*, only_missing: bool = False) -> int:
    stories = Story.objects.all()
    if only_missing:
        stories = stories.filter(search_document__isnull=True)
    return refresh_documents(stories.values_list("pk", flat=True).iterator())
