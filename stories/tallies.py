"""Counts of public stories kept as stories change, so no page counts the archive.

Each story's entry (TallyEntry) lists the keys it is counted under now: none
unless it is public; else `stories`, its themes, every pair of its themes, its
tags, its participant, their cohorts and programmes. `refresh(story_ids)` works
out each story's keys again, compares them with its entry and moves the counts
(Tally) by the difference, so it can be called any number of times for a story
and never counts it twice. It is called:

- for every story a write touched, once as the write ends (pagecache.renewal), or
  at once for a write outside one (stories.tally_signals);
- by `sweep(now)` for the stories whose publication time, end or consent's last
  day passed since the last sweep (pagecache.versions, as it makes a new token);
- in full by `recount()` after writes that send no signals (generate_stories,
  restoring a backup) and the first time a database is read.

Entries are locked while their story is worked out again, and the counts in
key order, so two writers to one story wait for each other and never deadlock.
"""

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import combinations

from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from participants.models import Participant
from stories.models import (
    Outcome,
    Story,
    StoryPartner,
    TaggedStory,
    Tally,
    TallyClock,
    TallyEntry,
    Theme,
)

STORIES = "stories"
ALL = "all"  # the scope of the whole archive's outcome totals
OUTCOMES = "outcomes"
OUTCOME_STORIES = "outcome-stories"
PARTICIPANTS = "participants"  # how many people have at least one public story
ORGANISATIONS = "organisations"  # named on one as the employer or a partner
# The count of those with at least one, kept for each kind of key.
HOW_MANY = {"participant": PARTICIPANTS, "organisation": ORGANISATIONS}
CHUNK = 500
_built = False  # this process has seen the tallies made once


def key(kind: str, *pks) -> str:
    return ":".join([kind, *map(str, pks)])


def _keys_of(story_ids) -> tuple[dict[int, set[str]], dict[int, dict[str, list]]]:
    """The keys each public story among `story_ids` is counted under (others: none),
    and what its outcomes add to the outcome totals of the archive and its themes."""
    public = Story.objects.public().filter(pk__in=story_ids)
    rows = public.values_list("pk", "participant_id", "participant__organisation_id")
    public = {pk: person for pk, person, _ in rows}
    keys = {pk: {STORIES, key("participant", person)} for pk, person, _ in rows}
    for pk, _, employer in rows:
        if employer:
            keys[pk].add(key("organisation", employer))
    partners = StoryPartner.objects.filter(story_id__in=public)
    for story, partner in partners.values_list("story_id", "organisation_id"):
        keys[story].add(key("organisation", partner))
    themes = defaultdict(list)
    for story, theme in Story.themes.through.objects.filter(story_id__in=public).values_list(
        "story_id", "theme_id"
    ):
        themes[story].append(theme)
    for story, own in themes.items():
        keys[story] |= {key("theme", theme) for theme in own}
        for first, second in combinations(sorted(own), 2):
            keys[story] |= {key("themes", first, second), key("themes", second, first)}
    for story, tag in TaggedStory.objects.filter(content_object_id__in=public).values_list(
        "content_object_id", "tag_id"
    ):
        keys[story].add(key("tag", tag))
    groups = defaultdict(set)
    memberships = Participant.cohorts.through.objects.filter(
        participant_id__in=set(public.values())
    ).values_list("participant_id", "cohort_id", "cohort__programme_id")
    for person, cohort, programme in memberships:
        groups[person] |= {key("cohort", cohort), key("programme", programme)}
    for pk, person in public.items():
        keys[pk] |= groups[person]
    measures = defaultdict(dict)
    outcomes = Outcome.objects.filter(story_id__in=public).values_list(
        "story_id", "kind", "unit", "value"
    )
    for story, kind, unit, value in outcomes.values_list("story_id", "kind", "unit", "value"):
        for scope in [ALL, *(key("theme", theme) for theme in themes.get(story, ()))]:
            keys[story].add(f"{OUTCOME_STORIES}|{scope}")
            added = measures[story].setdefault(f"{OUTCOMES}|{scope}|{kind}|{unit}", [0, 0, "0"])
            added[0] += 1
            if value is not None:
                added[1] += 1
                added[2] = str(Decimal(added[2]) + value)
    return keys, measures


def refresh(story_ids) -> None:
    """Count these stories (present or deleted) as they stand now, once each."""
    story_ids = sorted(set(story_ids))
    for start in range(0, len(story_ids), CHUNK):
        _refresh(story_ids[start : start + CHUNK])


@transaction.atomic
def _refresh(story_ids: list[int]) -> None:
    entries = {
        entry.story_id: entry
        for entry in TallyEntry.objects.select_for_update()
        .filter(story_id__in=story_ids)
        .order_by("story_id")
    }
    now, now_measures = _keys_of(story_ids)
    moves = Counter()
    measured = defaultdict(lambda: [0, 0, Decimal(0)])
    made, changed, gone = [], [], []
    for pk in story_ids:
        entry, keys, measures = entries.get(pk), now.get(pk, set()), now_measures.get(pk, {})
        counted = set(entry.keys) if entry else set()
        added = entry.measures if entry else {}
        if keys == counted and measures == added:
            continue
        moves.update(keys - counted)
        moves.subtract(counted - keys)
        for sign, side in ((1, measures), (-1, added)):
            for name, (outcomes, with_figure, total) in side.items():
                move = measured[name]
                move[0] += sign * outcomes
                move[1] += sign * with_figure
                move[2] += sign * Decimal(total)
        if entry is None:
            made.append(TallyEntry(story_id=pk, keys=sorted(keys), measures=measures))
        elif keys:
            entry.keys, entry.measures = sorted(keys), measures
            changed.append(entry)
        else:
            gone.append(pk)
    TallyEntry.objects.bulk_create(made)
    TallyEntry.objects.bulk_update(changed, ["keys", "measures"])
    TallyEntry.objects.filter(story_id__in=gone).delete()
    _move({name: by for name, by in moves.items() if by})
    _measure({name: move for name, move in measured.items() if any(move)})


def _move(moves: dict[str, int]) -> None:
    """Add each move to its count; a person or organisation going from none to some (or
    back) moves `participants` or `organisations` too."""
    if not moves:
        return
    moves |= {total: 0 for total in HOW_MANY.values()}
    Tally.objects.bulk_create([Tally(key=name) for name in moves], ignore_conflicts=True)
    # Locked in key order before any is written: two writers never wait on each other.
    before = dict(
        Tally.objects.select_for_update()
        .filter(key__in=sorted(moves))
        .order_by("key")
        .values_list("key", "count")
    )
    for name, by in list(moves.items()):
        if (total := HOW_MANY.get(name.split(":")[0])) and ":" in name:
            was = before.get(name, 0)
            moves[total] += (was + by > 0) - (was > 0)
    by_amount = defaultdict(list)
    for name, by in moves.items():
        if by:
            by_amount[by].append(name)
    for by, names in sorted(by_amount.items()):
        Tally.objects.filter(key__in=names).update(count=F("count") + by)


def _measure(moves: dict[str, list]) -> None:
    """Add each story's outcomes to the totals they count in (or take them off)."""
    if not moves:
        return
    made = [Tally(key=name, group="|".join(name.split("|", 2)[:2])) for name in moves]
    Tally.objects.bulk_create(made, ignore_conflicts=True)
    list(Tally.objects.select_for_update().filter(key__in=sorted(moves)).order_by("key"))
    for name in sorted(moves):
        outcomes, with_figure, total = moves[name]
        Tally.objects.filter(key=name).update(
            count=F("count") + outcomes,
            with_figure=F("with_figure") + with_figure,
            total=F("total") + total,
        )


@transaction.atomic
def recount() -> None:
    """Every count made again from the stories themselves (after writes that send no
    signals, and on a database whose tallies were never made)."""
    now = timezone.now()
    TallyEntry.objects.all().delete()
    Tally.objects.all().delete()
    ids = list(Story.objects.public().order_by("pk").values_list("pk", flat=True))
    refresh(ids)
    TallyClock.objects.update_or_create(pk=1, defaults={"swept_until": now})
    transaction.on_commit(_made)


def sweep(now: dt.datetime) -> None:
    """Count again the stories whose publication time, end or consent's last day came
    since the last sweep: they changed in public with no write."""
    with transaction.atomic():
        clock = TallyClock.objects.select_for_update().filter(pk=1).first()
        if clock is None:
            recount()
            return
        since = clock.swept_until
        if now <= since:
            return
        published = Story.objects.filter(status=Story.Status.PUBLISHED)
        # A consent stands to the end of its last day: those whose last day ended since.
        first_day = timezone.localdate(since) - dt.timedelta(days=1)
        passed = [
            published.filter(published_at__gt=since, published_at__lte=now),
            published.filter(expires_at__gt=since, expires_at__lte=now),
            published.filter(
                participant__consent_expires_on__gte=first_day,
                participant__consent_expires_on__lt=timezone.localdate(now),
            ),
        ]
        refresh({pk for stories in passed for pk in stories.values_list("pk", flat=True)})
        clock.swept_until = now
        clock.save(update_fields=["swept_until"])


def counts(*keys: str) -> dict[str, int]:
    """The counts under these keys (none counted: 0), made first if they never were."""
    ensure_made()
    found = dict(Tally.objects.filter(key__in=keys).values_list("key", "count"))
    return {name: found.get(name, 0) for name in keys}


def count(name: str) -> int:
    return counts(name)[name]


def ensure_made() -> None:
    """Made once for a database that has stories but never had its tallies made
    (one query a process)."""
    if not _built:
        if not TallyClock.objects.exists():
            recount()
        # Only once it is committed: made in a transaction rolled back, it must be made again.
        transaction.on_commit(_made)


def _made() -> None:
    global _built
    _built = True


def _kept_for(kind: str):
    """The count kept for each row of an outer query of themes, tags, cohorts..."""
    return Tally.objects.filter(
        key=Concat(Value(f"{kind}:"), Cast(OuterRef("pk"), output_field=CharField()))
    )


def counted(labels, kind: str):
    """Those of `labels` (tags, cohorts...) with at least one public story: a probe of
    its count for each, so as many probes as labels, whatever the archive's size."""
    ensure_made()
    return labels.filter(Exists(_kept_for(kind).filter(count__gt=0)))


# --- What pages read -------------------------------------------------------------------


def with_counts(themes, prefix: str):
    """`themes` (a queryset) each with `story_count`, the count kept under `prefix` + pk:
    `theme:` for all public stories, `themes:7:` for those that also have theme 7."""
    ensure_made()
    kept = _kept_for(prefix.removesuffix(":")).values("count")
    return themes.annotate(story_count=Coalesce(Subquery(kept[:1]), 0))


def public_themes_counted() -> list:
    """The themes of public stories, in their order, with how many each has."""
    return list(with_counts(Theme.objects.public(), "theme:").order_by(*Theme._meta.ordering))


def occurring_with(theme, *, limit: int = 5) -> list:
    """The themes found most often on the public stories of `theme`, with how often."""
    others = with_counts(Theme.objects.exclude(pk=theme.pk), key("themes", theme.pk, ""))
    return list(others.filter(story_count__gt=0).order_by("-story_count", "order", "name")[:limit])


def headline_figures() -> dict[str, int]:
    kept = counts(STORIES, PARTICIPANTS, ORGANISATIONS)
    return {
        "stories": kept[STORIES],
        "participants": kept[PARTICIPANTS],
        "organisations": kept[ORGANISATIONS],
    }


def outcome_totals(scope: str = ALL) -> tuple[list[dict], int]:
    """The outcomes of public stories (all, or a theme's: `theme:7`) added up by type and
    unit, as `OutcomeQuerySet.sums_by_kind_and_unit` gives them, and how many stories
    have one: read from an index range, whatever the archive's size."""
    ensure_made()
    rows = [
        {
            "kind": name.split("|", 3)[2],
            "unit": name.split("|", 3)[3],
            "total": total if with_figure else None,
            "outcomes": outcomes,
            "with_figure": with_figure,
        }
        for name, outcomes, with_figure, total in Tally.objects.filter(
            group=f"{OUTCOMES}|{scope}", count__gt=0
        ).values_list("key", "count", "with_figure", "total")
    ]
    return rows, count(f"{OUTCOME_STORIES}|{scope}")
