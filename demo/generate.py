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
from stories.models import (
    Evidence,
    Outcome,
    PathwayStep,
    SearchDocument,
    Story,
    StoryPartner,
    TaggedStory,
    Theme,
)
from stories.search.documents import build_document, vectorise

CHUNK = 5_000
STATUS_WEIGHTS = {
    Story.Status.PUBLISHED: 90,
    Story.Status.DRAFT: 5,
    Story.Status.REVIEW: 3,
    Story.Status.ARCHIVED: 2,
}
EARLIEST = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
# The grades of generated outcomes, as programmes report them: most reach learning or
# behaviour, few are checked by anyone, fewer still independently (weights).
LEVEL_WEIGHTS = {
    Outcome.Level.NOT_ASSESSED: 20,
    Outcome.Level.REACTION: 12,
    Outcome.Level.LEARNING: 28,
    Outcome.Level.BEHAVIOUR: 26,
    Outcome.Level.RESULTS: 14,
}
INTENDED_WEIGHTS = {
    Outcome.Intended.YES: 70,
    Outcome.Intended.NO: 10,
    Outcome.Intended.NOT_KNOWN: 20,
}
ON_A_STEP = 0.8  # of the outcomes, placed on a step of their programme's pathway
WITH_EVIDENCE = 0.3  # given an evidence item; most of those public
# A programme with no pathway of its own gets this one (stage, the programme's words).
PATHWAY = [
    (PathwayStep.Stage.ACTIVITIES, "Leaders meet as peers across organisations"),
    (PathwayStep.Stage.OUTPUTS, "Each leader agrees a change to lead at home"),
    (PathwayStep.Stage.SHORT_TERM, "Leaders work differently with partners"),
    (PathwayStep.Stage.LONG_TERM, "Services are planned and funded together"),
    (PathwayStep.Stage.IMPACT, "Residents are healthier and better supported"),
]


@dataclass
class Pools:
    themes: list[Theme]
    cohorts: list[Cohort]
    organisations: list[Organisation]
    participants: list[Participant]
    tags: list[Tag]
    steps: dict[int, list[int]]  # a participant's id: the steps of their programme's pathway


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
    joined = {p.pk: rng.choice(cohorts) for p in participants}
    Participant.cohorts.through.objects.bulk_create(
        (
            Participant.cohorts.through(participant_id=pk, cohort_id=cohort.pk)
            for pk, cohort in joined.items()
        ),
        batch_size=CHUNK,
    )
    pathways = _pathways({cohort.programme for cohort in cohorts})
    steps = {pk: pathways[cohort.programme_id] for pk, cohort in joined.items()}
    # Found by slug: the demo names its tags "mental-health", and taggit slugs are unique.
    names = {slugify(name): name for name in TAGS}
    existing = set(Tag.objects.filter(slug__in=names).values_list("slug", flat=True))
    Tag.objects.bulk_create(
        Tag(name=name, slug=slug) for slug, name in names.items() if slug not in existing
    )
    tags = list(Tag.objects.filter(slug__in=names))
    return Pools(themes, cohorts, organisations, participants, tags, steps)


def _pathways(programmes) -> dict[int, list[int]]:
    """Each programme's pathway steps in order, made for those with none."""
    have = set(PathwayStep.objects.values_list("programme_id", flat=True))
    PathwayStep.objects.bulk_create(
        PathwayStep(programme=programme, stage=stage, title=title, order=n)
        for programme in programmes
        if programme.pk not in have
        for n, (stage, title) in enumerate(PATHWAY)
    )
    steps = {programme.pk: [] for programme in programmes}
    for pk, programme in PathwayStep.objects.order_by("order", "id").values_list(
        "pk", "programme_id"
    ):
        steps.setdefault(programme, []).append(pk)
    return steps


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
        steps = pools.steps.get(story.participant_id, [])
        outcomes += [_outcome(rng, story.pk, n, moment, steps) for n in range(rng.randint(0, 3))]
        # bulk_create sends no signals: the search text is built here from what is at hand.
        documents.append(
            build_document(story=story, partners=organisations, themes=themes, tags=tags)
        )
    Story.themes.through.objects.bulk_create(theme_links)
    TaggedStory.objects.bulk_create(tag_links)
    StoryPartner.objects.bulk_create(partners)
    Outcome.objects.bulk_create(outcomes)
    Evidence.objects.bulk_create(
        _evidence(rng, outcome) for outcome in outcomes if rng.random() < WITH_EVIDENCE
    )
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


def _outcome(
    rng: random.Random, story_id: int, order: int, published: dt.datetime, steps: list[int]
) -> Outcome:
    description, kind, low, high, unit = rng.choice(OUTCOME_PATTERNS)
    value = rng.randrange(low, high, max(1, (high - low) // 50)) if unit else None
    verified = rng.random() < 0.4
    level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
    # Outcomes gather on the early steps; the later ones are reached less often.
    step = None
    if steps and rng.random() < ON_A_STEP:
        step = rng.choices(steps, weights=[len(steps) - n for n in range(len(steps))])[0]
    return Outcome(
        level=level,
        intended=rng.choices(list(INTENDED_WEIGHTS), weights=list(INTENDED_WEIGHTS.values()))[0],
        verification=(
            (
                Outcome.Verification.INDEPENDENT
                if rng.random() < 0.25
                else Outcome.Verification.CORROBORATED
            )
            if verified
            else Outcome.Verification.SELF_REPORTED
        ),
        verifier_relationship="Commissioner" if verified else "",
        pathway_step_id=step,
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


def _evidence(rng: random.Random, outcome: Outcome) -> Evidence:
    kind = rng.choice(Evidence.Kind.values)
    return Evidence(
        outcome_id=outcome.pk,
        kind=kind,
        description=f"{Evidence.Kind(kind).label} showing: {outcome.description}"[:300],
        url=f"https://example.org/evidence/{outcome.pk}",
        public=rng.random() < 0.8,
    )


def _random_moment(rng: random.Random) -> dt.datetime:
    span = (timezone.now() - dt.timedelta(days=1) - EARLIEST).total_seconds()
    return EARLIEST + dt.timedelta(seconds=rng.uniform(0, span))
