"""What a listing's filters offer: only choices that find something, each with how many.

Themes are ticked together (a story must have every one), so each theme counts the
stories on the page that also have it. A tag, programme or cohort is picked from a
list and replaces the one picked before, so each counts the stories the page would
show with it instead: the filters without their own. Either way the number is the
number of stories the page it leads to shows, and a choice that would show none is
not offered.

Counts come from the kept counts (stories.tallies) when the stories counted are all
public ones or one theme's, else from one counting query for every filter at once.
"""

from django.db.models import CharField, Count, Value

from stories import options, tallies
from stories.models import Story, TaggedStory
from stories.search import service as search

FACETS = ("theme", "tag", "programme", "cohort")
CHOICES = {
    "theme": options.public_themes,
    "tag": options.public_tags,
    "programme": options.public_programmes,
    "cohort": options.public_cohorts,
}


def offered(filters, names, *, stories, within_key: str | None, words: str) -> dict:
    """For each filter of `names` this listing shows, its choices that find stories, each
    with `story_count` (the one picked is kept, whatever it counts).

    `stories` are the public stories of the page before any filter (a theme page's own),
    `within_key` their kept count's key, `words` what the page searched for (corrected,
    if it was). Two queries at most: the kept counts, and one that counts.
    """
    shown = [name for name in FACETS if name in names]
    if not filters.all_found:  # they find nothing, whatever else is chosen
        return {name: [] for name in shown}
    kept_keys, counting = {}, {}
    for name in shown:
        # A theme is added to the others; any other choice takes the place of its own.
        narrowed = filters if name == "theme" else filters.without(name)
        tallied = None if words else narrowed.tallied(within_key)
        keys = _kept_keys(name, tallied, CHOICES[name]())
        if keys is not None:
            kept_keys[name] = keys
        else:
            chosen = narrowed.apply(stories, with_words=False)
            counting[name] = search.matching(chosen, words) if words else chosen
    kept = tallies.counts(*{k for keys in kept_keys.values() for k in keys.values()})
    counted = {name: {pk: kept[k] for pk, k in keys.items()} for name, keys in kept_keys.items()}
    counted |= _count(counting)
    result = {}
    for name in shown:
        picked = {theme.pk for theme in filters.themes} if name == "theme" else set()
        if name != "theme" and (chosen := filters.objects.get(name)) is not None:
            picked.add(chosen.pk)
        result[name] = []
        for choice in CHOICES[name]():
            count = counted[name].get(choice.pk, 0)
            if count or choice.pk in picked:
                choice.story_count = count
                result[name].append(choice)
    return result


def _kept_keys(name: str, tallied: str | None, choices: list) -> dict[int, str] | None:
    """The kept count's key for each choice, when the stories counted have kept counts."""
    key = tallies.key
    if tallied == tallies.STORIES:
        return {choice.pk: key(name, choice.pk) for choice in choices}
    kind, _, rest = (tallied or "").partition(":")
    if kind == "theme":
        theme = int(rest)
        within = {
            "theme": lambda pk: key("themes", theme, pk) if pk != theme else tallied,
            "tag": lambda pk: key(tallies.THEME_TAG, theme, pk),
            "programme": lambda pk: key(tallies.THEME_PROGRAMME, theme, pk),
            "cohort": lambda pk: key("grid", theme, pk),
        }[name]
        return {choice.pk: within(choice.pk) for choice in choices}
    if kind == "tag" and name == "theme":
        return {choice.pk: key(tallies.THEME_TAG, choice.pk, rest) for choice in choices}
    return None


def _count(counting: dict) -> dict[str, dict[int, int]]:
    """How many of each filter's stories each of its choices has, in one query."""
    if not counting:
        return {}
    parts = [
        _counted_by(name, stories.order_by().values("pk")) for name, stories in counting.items()
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    counted = {name: {} for name in counting}
    for name, pk, count in rows:
        counted[name][pk] = count
    return counted


def _counted_by(name: str, story_ids):
    """(name, choice id, how many of the stories) for each choice some of them have."""
    label = Value(name, output_field=CharField())
    if name == "theme":
        rows = Story.themes.through.objects.filter(story__in=story_ids).values("theme_id")
        return rows.annotate(facet=label, n=Count("story_id")).values_list("facet", "theme_id", "n")
    if name == "tag":
        rows = TaggedStory.objects.filter(content_object__in=story_ids).values("tag_id")
        return rows.annotate(facet=label, n=Count("content_object_id")).values_list(
            "facet", "tag_id", "n"
        )
    field = "participant__cohorts" if name == "cohort" else "participant__cohorts__programme"
    rows = Story.objects.filter(pk__in=story_ids, **{f"{field}__isnull": False})
    return (
        rows.order_by()
        .values(field)
        .annotate(facet=label, n=Count("pk", distinct=True))
        .values_list("facet", field, "n")
    )
