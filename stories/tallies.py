"""Counts of public stories kept as stories change, so no page counts the archive.

Each story's entry (TallyEntry) lists the keys it is counted under now: none
unless it is public; else `stories`, its themes and every pair of them, its
tags, each theme with each tag and each programme (what a theme page's filters
count), its participant, their cohorts and programmes, its coverage-grid cells,
the organisations it names and every pair of them; and what it adds to the
totals counted with repeats (its outcomes' figures, its organisations' pairings
by kind). `refresh(story_ids)` works
out each story's keys again, compares them with its entry and moves the counts
(Tally) by the difference, so it can be called any number of times for a story
and never counts it twice. It is called:

- for every story a write touched, once as the write ends (pagecache.renewal), or
  at once for a write outside one (stories.tally_signals);
- by `sweep(now)` for the stories whose publication time, end or consent's last
  day passed since the last sweep (pagecache.versions, whenever it works out the
  next scheduled moment: one reached, after an edit, a schedule moved);
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

from participants.models import ConsentScope, Organisation, Participant
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
# The outcomes' grades (the funder's view, impact.funders): `grades|<scope>|<level>|
# <verification>|<intended>|<pathway step id, 0 for none>` counts [outcomes, evidenced, 0].
GRADES = "grades"
KINDS = "kinds"  # pairings of organisations on one story, by their kinds
CENTS = Decimal("0.01")
PRINTED = "printed"  # stories of a cohort whose participant agreed to print
PARTICIPANTS = "participants"  # how many people have at least one public story
ORGANISATIONS = "organisations"  # named on one as the employer or a partner
# The count of those with at least one, kept for each kind of key.
HOW_MANY = {"participant": PARTICIPANTS, "organisation": ORGANISATIONS}
THEME_TAG = "theme-tag"  # `theme-tag:7:12`: stories with theme 7 and tag 12
THEME_PROGRAMME = "theme-programme"  # `theme-programme:7:1`: with theme 7, in programme 1
CHUNK = 500
_built = False  # this process has seen the tallies made once


def key(kind: str, *pks) -> str:
    return ":".join([kind, *map(str, pks)])


def _keys_of(story_ids) -> tuple[dict[int, set[str]], dict[int, dict[str, list]]]:
    """The keys each public story among `story_ids` is counted under (others: none),
    and what it adds to the totals counted with repeats: its outcomes' figures, and
    the pairings of the organisations it names by their kinds."""
    rows = list(
        Story.objects.public()
        .filter(pk__in=story_ids)
        .values_list(
            "pk", "participant_id", "participant__organisation_id", "participant__consent_scope"
        )
    )
    public = {pk: person for pk, person, _, _ in rows}
    printed = {pk for pk, _, _, scope in rows if scope == ConsentScope.WEB_AND_PRINT}
    keys = {pk: {STORIES, key("participant", person)} for pk, person, _, _ in rows}
    measures = defaultdict(dict)
    themes = _themes_of(public)
    for story, own in themes.items():
        keys[story] |= {key("theme", theme) for theme in own}
        for first, second in combinations(sorted(own), 2):
            keys[story] |= {key("themes", first, second), key("themes", second, first)}
    for story, tag in TaggedStory.objects.filter(content_object_id__in=public).values_list(
        "content_object_id", "tag_id"
    ):
        keys[story].add(key("tag", tag))
        # What a theme page's tag filter offers, and a tag page's theme filter.
        keys[story] |= {key(THEME_TAG, theme, tag) for theme in themes.get(story, ())}
    cohorts = _cohorts_of(set(public.values()))
    for pk, person in public.items():
        for cohort, programme in cohorts.get(person, ()):
            keys[pk] |= {key("cohort", cohort), key("programme", programme)}
            keys[pk] |= {key("grid", theme, cohort) for theme in themes.get(pk, ())}
            keys[pk] |= {key(THEME_PROGRAMME, theme, programme) for theme in themes.get(pk, ())}
            if pk in printed:  # in the cohort's printed brochure
                keys[pk].add(key(PRINTED, cohort))
    _add_organisations(rows, keys, measures)
    _add_outcomes(public, themes, keys, measures)
    return keys, measures


def _themes_of(story_ids) -> dict[int, list[int]]:
    themes = defaultdict(list)
    links = Story.themes.through.objects.filter(story_id__in=story_ids)
    for story, theme in links.values_list("story_id", "theme_id"):
        themes[story].append(theme)
    return themes


def _cohorts_of(people) -> dict[int, list[tuple[int, int]]]:
    cohorts = defaultdict(list)
    memberships = Participant.cohorts.through.objects.filter(participant_id__in=people)
    for person, cohort, programme in memberships.values_list(
        "participant_id", "cohort_id", "cohort__programme_id"
    ):
        cohorts[person].append((cohort, programme))
    return cohorts


def _add_organisations(rows, keys, measures) -> None:
    """The organisations each story names (its participant's employer and its partners),
    each once; every two of them, as a pair and as a pairing of their kinds."""
    named = defaultdict(set)
    for pk, _, employer, _ in rows:
        if employer:
            named[pk].add(employer)
    partners = StoryPartner.objects.filter(story_id__in=[pk for pk, *_ in rows])
    for story, partner in partners.values_list("story_id", "organisation_id"):
        named[story].add(partner)
    every = {pk for organisations in named.values() for pk in organisations}
    kinds = dict(Organisation.objects.filter(pk__in=every).values_list("pk", "kind"))
    for story, organisations in named.items():
        keys[story] |= {key("organisation", pk) for pk in organisations}
        for first, second in combinations(sorted(organisations), 2):
            keys[story].add(key("organisations", first, second))
            pairing = "|".join([KINDS, ALL, *sorted((kinds[first], kinds[second]))])
            measures[story].setdefault(pairing, [0, 0, 0])[0] += 1


def _add_outcomes(public, themes, keys, measures) -> None:
    """What each story's outcomes add to the totals of the archive and of its themes, and
    to the counts of their grades (how far each reached, how well it is evidenced)."""
    outcomes = Outcome.objects.filter(story_id__in=public).with_evidenced()
    rows = outcomes.values_list(
        "story_id",
        "kind",
        "unit",
        "value",
        "level",
        "verification",
        "intended",
        "pathway_step_id",
        "is_evidenced",
    )
    for story, kind, unit, value, level, checked, intended, step, evidenced in rows:
        grade = f"{level}|{checked}|{intended}|{step or 0}"
        for scope in [ALL, *(key("theme", theme) for theme in themes.get(story, ()))]:
            keys[story].add(f"{OUTCOME_STORIES}|{scope}")
            added = measures[story].setdefault(f"{OUTCOMES}|{scope}|{kind}|{unit}", [0, 0, 0])
            added[0] += 1
            if value is not None:
                added[1] += 1
                added[2] += int(value * 100)  # in hundredths: whole numbers add up exactly
            graded = measures[story].setdefault(f"{GRADES}|{scope}|{grade}", [0, 0, 0])
            graded[0] += 1
            graded[1] += int(bool(evidenced))


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
    measured = defaultdict(lambda: [0, 0, 0])
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
                move[2] += sign * total
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
    made = [Tally(key=name, group=name.split(":")[0], ref=_ref(name)) for name in moves]
    Tally.objects.bulk_create(made, ignore_conflicts=True)
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


def _ref(name: str) -> int | None:
    """The id a key such as `organisation:9` counts for (None for `themes:3:7` and such)."""
    _, _, rest = name.partition(":")
    return int(rest) if rest.isdigit() else None


def _measure(moves: dict[str, list]) -> None:
    """Add each story's outcomes to the totals they count in (or take them off)."""
    if not moves:
        return
    made = [Tally(key=name, group="|".join(name.split("|", 2)[:2])) for name in moves]
    Tally.objects.bulk_create(made, ignore_conflicts=True)
    list(Tally.objects.select_for_update().filter(key__in=sorted(moves)).order_by("key"))
    # One update per distinct move, not per key: a recount moves thousands of grade keys
    # (stories.tallies.GRADES) each by a few outcomes, mostly by the same few amounts.
    by_move = defaultdict(list)
    for name in sorted(moves):
        by_move[tuple(moves[name])].append(name)
    for (outcomes, with_figure, total), names in sorted(by_move.items()):
        for start in range(0, len(names), CHUNK):
            Tally.objects.filter(key__in=names[start : start + CHUNK]).update(
                count=F("count") + outcomes,
                with_figure=F("with_figure") + with_figure,
                hundredths=F("hundredths") + total,
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


def public_themes():
    """The themes of public stories (those with a kept count): a probe of its count per
    theme. PostgreSQL answered `Theme.objects.public()`'s probe of the stories with a
    join over every public story (60 ms at 100,000)."""
    return counted(Theme.objects.all(), "theme")


def public_themes_counted() -> list:
    """The themes of public stories, in their order, with how many each has."""
    return list(with_counts(public_themes(), "theme:").order_by(*Theme._meta.ordering))


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
    return outcome_sums(scope), count(outcome_stories(scope))


def outcome_stories(scope: str = ALL) -> str:
    """The key of how many public stories (all, or a theme's) have an outcome."""
    return f"{OUTCOME_STORIES}|{scope}"


def outcome_sums(scope: str = ALL) -> list[dict]:
    """`outcome_totals` without the count of stories: for a page that reads that count
    with others (`counts`) in one query."""
    ensure_made()
    return [
        {
            "kind": name.split("|", 3)[2],
            "unit": name.split("|", 3)[3],
            "total": (Decimal(hundredths) / 100).quantize(CENTS) if with_figure else None,
            "outcomes": outcomes,
            "with_figure": with_figure,
        }
        for name, outcomes, with_figure, hundredths in Tally.objects.filter(
            group=f"{OUTCOMES}|{scope}", count__gt=0
        ).values_list("key", "count", "with_figure", "hundredths")
    ]


def grades(scope: str = ALL) -> list[dict]:
    """The outcomes of public stories (all, or a theme's: `theme:7`) counted by grade, as
    `OutcomeQuerySet.grades` gives them: read from an index range, whatever the size."""
    ensure_made()
    rows = Tally.objects.filter(group=f"{GRADES}|{scope}", count__gt=0)
    graded = []
    for name, outcomes, evidenced in rows.values_list("key", "count", "with_figure"):
        level, verification, intended, step = name.split("|")[2:6]
        graded.append(
            {
                "level": level,
                "verification": verification,
                "intended": intended,
                "pathway_step_id": int(step) or None,
                "outcomes": outcomes,
                "evidenced": evidenced,
            }
        )
    return graded


def coverage(themes, cohorts) -> dict[tuple[int, int], int]:
    """How many public stories each theme has in each cohort (a story counts in every
    cohort of its participant's)."""
    names = {
        key("grid", theme.pk, cohort.pk): (theme.pk, cohort.pk)
        for theme in themes
        for cohort in cohorts
    }
    return {names[name]: n for name, n in counts(*names).items() if n}


def most_named_organisations(size: int) -> dict[int, int]:
    """The `size` organisations named on most public stories, with how many."""
    ensure_made()
    top = Tally.objects.filter(group="organisation", count__gt=0).order_by("-count", "ref")
    return {int(name.split(":")[1]): n for name, n in top.values_list("key", "count")[:size]}


def named_together(organisations) -> dict[tuple[int, int], int]:
    """How many public stories name each two of these organisations."""
    names = {
        key("organisations", first, second): (first, second)
        for first, second in combinations(sorted(organisations), 2)
    }
    # Read with the count of stories, so that there is one query even with no pair to read.
    found = counts(*names, STORIES)
    return {names[name]: found[name] for name in names if found[name]}


def kind_pairings() -> dict[tuple[str, str], int]:
    """Pairings of organisations named on one public story, by their kinds (unordered)."""
    ensure_made()
    rows = Tally.objects.filter(group=f"{KINDS}|{ALL}", count__gt=0)
    return {tuple(name.split("|")[2:4]): n for name, n in rows.values_list("key", "count")}


def printed_cohorts() -> set[int]:
    """The cohorts with a public story whose participant agreed to print."""
    ensure_made()
    rows = Tally.objects.filter(group=PRINTED, count__gt=0).values_list("key", flat=True)
    return {int(name.split(":")[1]) for name in rows}
