"""Synthetic but realistic stories in bulk, for benchmarks.

Rows are built in memory a chunk at a time and written with `bulk_create`, so
100,000 stories take seconds, not hours, and memory stays flat.
"""

import datetime as dt
import random
import secrets
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from demo.loader import load_taxonomy
from demo.words import (
    FIRST_NAMES,
    JOB_TITLES,
    ORGANISATION_PATTERNS,
    OUTCOME_PATTERNS,
    PARAGRAPHS,
    PLACES,
    QUOTES,
    ROLES,
    SURNAMES,
    TAGS,
    TITLE_PATTERNS,
)
from pagecache.versions import bump
from participants.models import Cohort, Organisation, Participant
from stories import tallies
from stories.models import Outcome, SearchDocument, Story, StoryPartner, TaggedStory, Theme
from stories.search.documents import build_document, vectorise

CHUNK = 5_000
STATUS_WEIGHTS = {
    Story.Status.PUBLISHED: 90,
    Story.Status.DRAFT: 5,
    Story.Status.REVIEW: 3,
    Story.Status.ARCHIVED: 2,
}
EARLIEST = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)


@dataclass
class Pools:
    themes: list[Theme]
    cohorts: list[Cohort]
    organisations: list[Organisation]
    participants: list[Participant]
    tags: list[Tag]


def generate_stories(count: int, *, seed: int | None = None) -> int:
    """Create `count` stories with their participants, partners, tags and outcomes."""
    rng = random.Random(seed)
    # Slugs carry a token of their own run, so runs never clash, even with one seed.
    token = secrets.token_hex(3)
    with transaction.atomic():
        pools = _build_pools(rng, token, count)
    made = 0
    while made < count:
        size = min(CHUNK, count - made)
        with transaction.atomic():
            _write_chunk(rng, token, pools, start=made, size=size)
        made += size
    # Fresh statistics, so the planners pick the indexes for tables that just grew.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # Bulk writes send no signals: the public counts are made again, cached pages go.
    tallies.recount()
    bump()
    return made


def _build_pools(rng: random.Random, token: str, count: int) -> Pools:
    themes, cohorts = load_taxonomy()
    organisations = Organisation.objects.bulk_create(
        _organisation(rng, token, i) for i in range(max(20, count // 40))
    )
    participants = Participant.objects.bulk_create(
        (_participant(rng, token, i, organisations) for i in range(max(10, count // 2))),
        batch_size=CHUNK,
    )
    Participant.cohorts.through.objects.bulk_create(
        (
            Participant.cohorts.through(participant_id=p.pk, cohort_id=rng.choice(cohorts).pk)
            for p in participants
        ),
        batch_size=CHUNK,
    )
    # Found by slug: the demo names its tags "mental-health", and taggit slugs are unique.
    names = {slugify(name): name for name in TAGS}
    existing = set(Tag.objects.filter(slug__in=names).values_list("slug", flat=True))
    Tag.objects.bulk_create(
        Tag(name=name, slug=slug) for slug, name in names.items() if slug not in existing
    )
    tags = list(Tag.objects.filter(slug__in=names))
    return Pools(themes, cohorts, organisations, participants, tags)


def _write_chunk(rng: random.Random, token: str, pools: Pools, *, start: int, size: int) -> None:
    stories = Story.objects.bulk_create(_story(rng, token, start + i, pools) for i in range(size))
    theme_links, tag_links, partners, outcomes, documents = [], [], [], [], []
    for story in stories:
        themes = rng.sample(pools.themes, rng.randint(1, 3))
        tags = rng.sample(pools.tags, rng.randint(1, 4))
        organisations = rng.sample(pools.organisations, rng.randint(0, 3))
        theme_links += [Story.themes.through(story_id=story.pk, theme_id=t.pk) for t in themes]
        tag_links += [TaggedStory(content_object_id=story.pk, tag_id=t.pk) for t in tags]
        partners += [
            StoryPartner(story_id=story.pk, organisation_id=o.pk, role=rng.choice(ROLES), order=n)
            for n, o in enumerate(organisations)
        ]
        moment = story.published_at or timezone.now()
        outcomes += [_outcome(rng, story.pk, n, moment) for n in range(rng.randint(0, 3))]
        # bulk_create sends no signals: the search text is built here from what is at hand.
        documents.append(
            build_document(story=story, partners=organisations, themes=themes, tags=tags)
        )
    Story.themes.through.objects.bulk_create(theme_links)
    TaggedStory.objects.bulk_create(tag_links)
    StoryPartner.objects.bulk_create(partners)
    Outcome.objects.bulk_create(outcomes)
    SearchDocument.objects.bulk_create(documents)
    vectorise([story.pk for story in stories])


def _organisation(rng: random.Random, token: str, index: int) -> Organisation:
    place = rng.choice(PLACES)
    kind, pattern = rng.choice(ORGANISATION_PATTERNS)
    name = pattern.format(place=place)
    return Organisation(
        name=name,
        slug=f"{slugify(name)[:150]}-{token}-{index}",
        kind=kind,
        description=f"{name} works with partners across {place} and beyond.",
    )


def _participant(
    rng: random.Random, token: str, index: int, organisations: list[Organisation]
) -> Participant:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    return Participant(
        name=name,
        slug=f"{slugify(name)[:150]}-{token}-{index}",
        job_title=rng.choice(JOB_TITLES),
        organisation=rng.choice(organisations),
        consent_given=True,
        consent_given_at=dt.date(2022, 1, 1),
        consent_scope=Participant.ConsentScope.WEB_AND_PRINT,
    )


def _story(rng: random.Random, token: str, index: int, pools: Pools) -> Story:
    participant = rng.choice(pools.participants)
    theme = rng.choice(pools.themes).name.lower()
    place = rng.choice(PLACES)
    words = {"name": participant.name, "theme": theme, "place": place}
    title = rng.choice(TITLE_PATTERNS).format(**words)
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    published = status in (Story.Status.PUBLISHED, Story.Status.ARCHIVED)
    paragraphs = rng.sample(PARAGRAPHS, 4)
    body = "".join(
        [
            f"<p>{paragraphs[0].format(**words)}</p>",
            f"<p>{paragraphs[1].format(**words)}</p>",
            "<h2>What changed</h2>",
            f"<p>{paragraphs[2].format(**words)}</p>",
            f"<blockquote><p>{rng.choice(QUOTES)}</p></blockquote>",
            f"<p>{paragraphs[3].format(**words)}</p>",
        ]
    )
    return Story(
        title=title,
        slug=f"{slugify(title)[:150]}-{token}-{index}",
        participant=participant,
        summary=paragraphs[0].format(**words)[:380],
        pull_quote=rng.choice(QUOTES),
        body=body,
        status=status,
        published_at=_random_moment(rng) if published else None,
        featured=published and rng.random() < 0.02,
    )


def _outcome(rng: random.Random, story_id: int, order: int, published: dt.datetime) -> Outcome:
    description, kind, low, high, unit = rng.choice(OUTCOME_PATTERNS)
    value = rng.randrange(low, high, max(1, (high - low) // 50)) if unit else None
    verified = rng.random() < 0.4
    return Outcome(
        story_id=story_id,
        kind=kind,
        description=description,
        value=value,
        unit=unit,
        achieved_on=(published - dt.timedelta(days=rng.randint(30, 400))).date(),
        verified_by="Programme evaluation team" if verified else "",
        verified_on=published.date() if verified else None,
        order=order,
    )


def _random_moment(rng: random.Random) -> dt.datetime:
    span = (timezone.now() - dt.timedelta(days=1) - EARLIEST).total_seconds()
    return EARLIEST + dt.timedelta(seconds=rng.uniform(0, span))
