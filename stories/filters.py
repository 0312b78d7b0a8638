"""Listing filters: read from the query string, cleaned, looked up, applied.

Whatever arrives in the query string (unknown slugs, repeated values, control
characters, 5,000 characters of text) becomes either a filter that matches or
one the page reports as "not found" with an empty result; never an error.
"""

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import urlencode

from pagecache import queries
from participants.models import Organisation
from stories import options, tallies
from stories.models import Theme
from stories.search import service as search

MAX_THEMES = 10
MAX_SLUG = 200
MAX_WORDS = 200
SLUG = re.compile(r"^[-\w]+$")  # Unicode letters too: tag slugs may have them
# Control, zero-width and bidirectional-override characters: never meaningful in a filter.
# (Zero-width joiners, U+200C and U+200D, are kept: emoji and Persian words need them.)
INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]")

LABELS = {
    "theme": "Theme",
    "tag": "Tag",
    "programme": "Programme",
    "cohort": "Cohort",
    "organisation": "Organisation",
    "q": "Words",
}
ALL_FILTERS = tuple(LABELS)
# Only what appears on a public story can be filtered by, or named on the page:
# a slug known only to a draft reads as "not found". Tags, programmes and cohorts
# come from the lists kept per content version (stories.options); organisations,
# too many to list, are looked up one at a time.
LOOKUPS = {
    "tag": lambda slug: options.with_slug(options.public_tags(), slug),
    "programme": lambda slug: options.with_slug(options.public_programmes(), slug),
    "cohort": lambda slug: options.with_slug(options.public_cohorts(), slug),
    "organisation": lambda slug: Organisation.objects.public().filter(slug=slug).first(),
}


# What every set of filters naming nothing keeps its (empty) results under, once for all.
# No query string has a space, so no real filters' results are kept under it.
NAMES_NOTHING = "(names nothing)"


def filter_reads(names: tuple[str, ...] = ALL_FILTERS) -> queries.Reader:
    """What a page of filtered stories reads of its query: these filters (pagecache.queries)."""
    return lambda params: StoryFilters.read(params, names).pairs()


def listing_reads(names: tuple[str, ...] = ALL_FILTERS) -> queries.Reader:
    """What a listing of stories reads of its query: these filters, and the page."""
    return queries.together(filter_reads(names), queries.page_number())


def clean_text(value: str, limit: int) -> str:
    """Drop invisible characters, fold white space, cap the length."""
    return " ".join(INVISIBLE.sub(" ", value).split())[:limit]


@dataclass
class ActiveFilter:
    name: str
    value: str
    label: str
    shown: str
    found: bool
    remove_query: str


@dataclass
class StoryFilters:
    """The filters a listing was asked for, and the objects they name."""

    names: tuple[str, ...] = ALL_FILTERS
    theme_slugs: list[str] = field(default_factory=list)
    slugs: dict[str, str] = field(default_factory=dict)
    words: str = ""
    themes: list[Theme] = field(default_factory=list)
    objects: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_query(cls, params, names: tuple[str, ...] = ALL_FILTERS) -> "StoryFilters":
        filters = cls.read(params, names)
        filters._look_up()
        return filters

    @classmethod
    def read(cls, params, names: tuple[str, ...] = ALL_FILTERS) -> "StoryFilters":
        """The filters as sent, cleaned, nothing looked up (no query): what a page's
        address means, for the page cache's key (`reads`)."""
        filters = cls(names=names)
        if "theme" in names:
            # In one order, so that the same themes are the same page whatever their order.
            seen = {clean_text(v, MAX_SLUG) for v in params.getlist("theme")}
            filters.theme_slugs = sorted(slug for slug in seen if slug)[:MAX_THEMES]
        for name in LOOKUPS:
            if name in names and (value := clean_text(params.get(name, ""), MAX_SLUG)):
                filters.slugs[name] = value
        if "q" in names:
            filters.words = clean_text(params.get("q", ""), MAX_WORDS)
        return filters

    def _look_up(self) -> None:
        # One query per kind of filter in use, whatever the number of stories.
        valid_themes = [slug for slug in self.theme_slugs if SLUG.match(slug)]
        if valid_themes:
            # A theme only drafts have reads as "not found", as a draft's tag does.
            by_slug = Theme.objects.public().in_bulk(valid_themes, field_name="slug")
            self.themes = [by_slug[slug] for slug in valid_themes if slug in by_slug]
        for name, slug in self.slugs.items():
            if SLUG.match(slug):
                self.objects[name] = LOOKUPS[name](slug)

    @cached_property
    def chosen(self) -> dict[str, str]:
        """The slug sent for each kind of filter, "" for none (the template reads every kind)."""
        return {name: self.slugs.get(name, "") for name in LOOKUPS}

    @property
    def all_found(self) -> bool:
        return len(self.themes) == len(self.theme_slugs) and all(
            self.objects.get(name) is not None for name in self.slugs
        )

    @property
    def any(self) -> bool:
        return bool(self.theme_slugs or self.slugs or self.words)

    @property
    def scope(self) -> str:
        """What results for these filters are kept under (pagecache.data): their query,
        or for filters that name nothing, one name for all (they all find nothing)."""
        return self.query() if self.all_found else NAMES_NOTHING

    def tallied(self, within: str | None = None) -> str | None:
        """The kept count (stories.tallies) that says how many stories match, or None.

        `within` is the page's own key (`theme:7` on a theme page). Counts are kept
        for all public stories, one theme, tag, programme or cohort, and two themes;
        any other mix is counted by a query.
        """
        if self.words or not self.all_found or "organisation" in self.objects:
            return None
        labels = {within} if within else set()
        labels |= {tallies.key("theme", theme.pk) for theme in self.themes}
        labels |= {tallies.key(name, found.pk) for name, found in self.objects.items()}
        if not labels:
            return tallies.STORIES
        if len(labels) == 1:
            return labels.pop()
        themes = sorted(int(label.split(":")[1]) for label in labels if label.startswith("theme:"))
        return tallies.key("themes", *themes) if len(themes) == len(labels) == 2 else None

    def without(self, name: str) -> "StoryFilters":
        """These filters but `name`'s (a tag, programme, cohort or organisation)."""
        return replace(
            self,
            slugs={k: v for k, v in self.slugs.items() if k != name},
            objects={k: v for k, v in self.objects.items() if k != name},
        )

    def apply(self, stories, *, with_words: bool = True, probe: bool = False):
        """`stories` narrowed by every filter (and by the words unless told not to).

        `probe` tests themes and tags story by story (see `StoryQuerySet.for_theme`).
        """
        if not self.all_found:
            return stories.none()
        for theme in self.themes:
            stories = stories.for_theme(theme, probe=probe)
        if tag := self.objects.get("tag"):
            stories = stories.for_tag(tag, probe=probe)
        if programme := self.objects.get("programme"):
            stories = stories.for_programme(programme)
        if cohort := self.objects.get("cohort"):
            stories = stories.for_cohort(cohort)
        if organisation := self.objects.get("organisation"):
            stories = stories.for_organisation(organisation)
        if self.words and with_words:
            stories = search.matching(stories, self.words)
        return stories

    def pairs(self) -> list[tuple[str, str]]:
        """The cleaned filters as query-string pairs, in a stable order."""
        pairs = [("theme", slug) for slug in self.theme_slugs]
        pairs += list(self.slugs.items())
        if self.words:
            pairs.append(("q", self.words))
        return pairs

    def query(self, **extra) -> str:
        """This set of filters as a query string, plus `extra` (e.g. page=2)."""
        return urlencode(self.pairs() + [(k, v) for k, v in extra.items() if v])

    def query_with_words(self, words: str) -> str:
        """These filters as a query string, searching for `words` instead."""
        return urlencode([pair for pair in self.pairs() if pair[0] != "q"] + [("q", words)])

    def active(self) -> list[ActiveFilter]:
        """Each filter in use, with how it reads and a query string without it."""
        by_slug = {theme.slug: theme for theme in self.themes}
        pairs = self.pairs()
        result = []
        for name, value in pairs:
            named = by_slug.get(value) if name == "theme" else self.objects.get(name)
            shown = value if name == "q" else str(named) if named else value
            found = name == "q" or named is not None
            rest = [pair for pair in pairs if pair != (name, value)]
            result.append(ActiveFilter(name, value, LABELS[name], shown, found, urlencode(rest)))
        return result
