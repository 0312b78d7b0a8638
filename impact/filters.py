"""The impact filters: which stories, and which of their outcomes, a reader asked for.

Shared by the open data exports and the /impact/ page. The query string may
carry `theme` (repeatable), `programme` and `cohort` (read by StoryFilters,
as the story listing reads them), `kind` (an organisation kind: the story's
participant works for one, or one partnered in it) and `type` (an outcome
type). Whatever arrives is cleaned; a value that names nothing gives an empty
result, never an error.

    filters = ImpactFilters.from_query(request.GET)
    stories = filters.apply_to_stories(Story.objects.public())
    outcomes = filters.apply_to_outcomes(Outcome.objects.public())
    next_page = f"?{filters.query(page=2)}"
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q

from pagecache import queries
from participants.models import OrganisationKind
from stories.filters import MAX_SLUG, NAMES_NOTHING, ActiveFilter, StoryFilters, clean_text
from stories.models import Outcome, OutcomeKind, Story, StoryPartner

STORY_FILTERS = ("theme", "programme", "cohort")
CHOICES = {"kind": OrganisationKind, "type": OutcomeKind}
LABELS = {"kind": "Organisation type", "type": "Outcome type"}


def reads(params) -> queries.Pairs:
    """What the report and its exports read of the query (pagecache.queries)."""
    return ImpactFilters.read(params).pairs()


@dataclass
class ImpactFilters:
    """The filters asked for: the story filters, plus an organisation kind and an outcome type."""

    stories: StoryFilters = field(default_factory=lambda: StoryFilters(names=STORY_FILTERS))
    kind: str = ""  # as sent (cleaned), "" for none
    type: str = ""

    @classmethod
    def from_query(cls, params) -> "ImpactFilters":
        """Read a QueryDict (request.GET); one query for themes, none for the rest."""
        return cls(stories=StoryFilters.from_query(params, STORY_FILTERS), **cls._own_from(params))

    @classmethod
    def read(cls, params) -> "ImpactFilters":
        """The filters as sent, cleaned, nothing looked up: for the page cache's key."""
        return cls(stories=StoryFilters.read(params, STORY_FILTERS), **cls._own_from(params))

    @staticmethod
    def _own_from(params) -> dict[str, str]:
        return {name: clean_text(params.get(name, ""), MAX_SLUG) for name in CHOICES}

    @property
    def any(self) -> bool:
        return bool(self.stories.any or self.kind or self.type)

    @property
    def all_found(self) -> bool:
        """Every filter names something that exists (else the result is empty)."""
        return self.stories.all_found and all(
            not value or value in CHOICES[name].values for name, value in self._own()
        )

    @property
    def scope(self) -> str:
        """What results for these filters are kept under: as StoryFilters.scope."""
        return self.query() if self.all_found else NAMES_NOTHING

    def apply_to_stories(self, stories):
        """`stories` narrowed by every filter; `type` keeps stories with an outcome of it."""
        stories = self._narrow(stories)
        if self.type:
            with_type = Outcome.objects.filter(kind=self.type).values("story_id")
            stories = stories.filter(pk__in=with_type)
        return stories

    def apply_to_outcomes(self, outcomes):
        """`outcomes` of the type asked for, on stories that pass the other filters."""
        if not self.all_found:
            return outcomes.none()
        if self.stories.any or self.kind:
            stories = self._narrow(Story.objects.order_by())
            outcomes = outcomes.filter(story__in=stories.values("pk"))
        if self.type:
            outcomes = outcomes.filter(kind=self.type)
        return outcomes

    def pairs(self) -> list[tuple[str, str]]:
        """The cleaned filters as query-string pairs, in a stable order."""
        return self.stories.pairs() + [(name, value) for name, value in self._own() if value]

    def query(self, **extra) -> str:
        """These filters as a query string, plus `extra` (e.g. page=2; empty values left out)."""
        return urlencode(self.pairs() + [(k, v) for k, v in extra.items() if v])

    def active(self) -> list[ActiveFilter]:
        """Each filter in use, how it reads, and a query string without it (for filter chips)."""
        named = {(f.name, f.value): f for f in self.stories.active()}
        pairs = self.pairs()
        result = []
        for name, value in pairs:
            rest = urlencode([pair for pair in pairs if pair != (name, value)])
            if (name, value) in named:
                story_filter = named[(name, value)]
                shown, found = story_filter.shown, story_filter.found
                label = story_filter.label
            else:
                found = value in CHOICES[name].values
                shown = CHOICES[name](value).label if found else value
                label = LABELS[name]
            result.append(ActiveFilter(name, value, label, shown, found, rest))
        return result

    def _own(self) -> list[tuple[str, str]]:
        return [("kind", self.kind), ("type", self.type)]

    def _narrow(self, stories):
        """`stories` narrowed by the story filters and the organisation kind."""
        if not self.all_found:
            return stories.none()
        stories = self.stories.apply(stories)
        if self.kind:
            partnered = StoryPartner.objects.filter(organisation__kind=self.kind)
            stories = stories.filter(
                Q(participant__organisation__kind=self.kind)
                | Q(pk__in=partnered.values("story_id"))
            )
        return stories
