"""The impact filters: which stories, and which of their outcomes, a reader asked for.

Shared by the open data exports and the /impact/ page. The query string may
carry `theme` (repeatable), `programme` and `cohort` (read by StoryFilters,
as the story listing reads them), `kind` (an organisation kind: the story's
participant works for one, or one partnered in it) and `type` (an outcome
type); and the outcomes' grades the funder's view links to (impact.funders):
`level` (repeatable), `verification`, `intended`, `step` (a pathway step's id),
`evidenced=1` (with public evidence) and `verified=1` (count only verified
figures: corroborated or independently verified). Whatever arrives is cleaned;
a value that names nothing gives an empty result, never an error; a `verified`
or `evidenced` other than 1 is ignored.

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
from stories import options
from stories.filters import MAX_SLUG, NAMES_NOTHING, ActiveFilter, StoryFilters, clean_text
from stories.models import (
    CHECKED,
    Intended,
    Outcome,
    OutcomeKind,
    OutcomeLevel,
    PathwayStep,
    Story,
    StoryPartner,
    Verification,
)

STORY_FILTERS = ("theme", "programme", "cohort")
CHOICES = {
    "kind": OrganisationKind,
    "type": OutcomeKind,
    "verification": Verification,
    "intended": Intended,
}
LABELS = {
    "kind": "Organisation type",
    "type": "Outcome type",
    "verification": "Verification",
    "intended": "Intended",
    "level": "Level",
    "step": "Pathway step",
    "evidenced": "Evidence",
    "verified": "Counting",
}
# Yes/no filters: on only as `name=1`.
SWITCHES = {"evidenced": "With public evidence", "verified": "Only verified figures"}
MAX_STEP_ID = 10**12
GRADE_NAMES = ("level", "verification", "intended", "step", "evidenced", "verified")


def reads(params) -> queries.Pairs:
    """What the report and its exports read of the query (pagecache.queries)."""
    return ImpactFilters.read(params).pairs()


@dataclass
class ImpactFilters:
    """The filters asked for: the story filters, plus an organisation kind and an outcome type."""

    stories: StoryFilters = field(default_factory=lambda: StoryFilters(names=STORY_FILTERS))
    kind: str = ""  # as sent (cleaned), "" for none
    type: str = ""
    verification: str = ""
    intended: str = ""
    levels: list[str] = field(default_factory=list)  # sorted, each once
    step: str = ""  # a pathway step's id, as sent
    evidenced: bool = False
    verified: bool = False  # count only verified figures
    step_found: PathwayStep | None = None  # looked up by from_query

    @classmethod
    def from_query(cls, params) -> "ImpactFilters":
        """Read a QueryDict (request.GET); one query for themes, one for a pathway step,
        none for the rest."""
        filters = cls(
            stories=StoryFilters.from_query(params, STORY_FILTERS), **cls._own_from(params)
        )
        # ASCII digits only: "²".isdigit() holds but int("²") fails.
        if filters.step.isascii() and filters.step.isdigit() and int(filters.step) < MAX_STEP_ID:
            # Only a step of a programme with a public story is offered: any other reads
            # as "not found", as a draft's theme does.
            programmes = [programme.pk for programme in options.public_programmes()]
            steps = PathwayStep.objects.select_related("programme")
            filters.step_found = steps.filter(pk=filters.step, programme__in=programmes).first()
        return filters

    @classmethod
    def read(cls, params) -> "ImpactFilters":
        """The filters as sent, cleaned, nothing looked up: for the page cache's key."""
        return cls(stories=StoryFilters.read(params, STORY_FILTERS), **cls._own_from(params))

    @staticmethod
    def _own_from(params) -> dict:
        own = {name: clean_text(params.get(name, ""), MAX_SLUG) for name in CHOICES}
        levels = {clean_text(value, MAX_SLUG) for value in params.getlist("level")}
        own["levels"] = sorted(level for level in levels if level)[: len(OutcomeLevel.values)]
        own["step"] = clean_text(params.get("step", ""), MAX_SLUG)
        own |= {name: params.get(name) == "1" for name in SWITCHES}
        return own

    @property
    def any(self) -> bool:
        return bool(self.stories.any or any(value for _, value in self._own()))

    @property
    def grades_any(self) -> bool:
        """A filter on the outcomes' own grades (level, verification...), not their stories."""
        return bool(
            self.verification
            or self.intended
            or self.levels
            or self.step
            or self.evidenced
            or self.verified
        )

    @property
    def all_found(self) -> bool:
        """Every filter names something that exists (else the result is empty)."""
        return (
            self.stories.all_found
            and all(
                not getattr(self, name) or getattr(self, name) in CHOICES[name].values
                for name in CHOICES
            )
            and all(level in OutcomeLevel.values for level in self.levels)
            and (not self.step or self.step_found is not None)
        )

    def outcome_pairs(self) -> list[tuple[str, str]]:
        """The pairs that pick outcomes by their own grades (not their stories')."""
        return [pair for pair in self.pairs() if pair[0] in GRADE_NAMES]

    @property
    def scope(self) -> str:
        """What results for these filters are kept under: as StoryFilters.scope."""
        return self.query() if self.all_found else NAMES_NOTHING

    def apply_to_stories(self, stories):
        """`stories` narrowed by every filter; `type` and the grades keep the stories
        with an outcome that passes them."""
        stories = self._narrow(stories)
        if self.type or self.grades_any:
            matching = self._own_outcomes(Outcome.objects.all()).values("story_id")
            stories = stories.filter(pk__in=matching)
        return stories

    def apply_to_outcomes(self, outcomes):
        """`outcomes` of the type and grades asked for, on stories that pass the others."""
        if not self.all_found:
            return outcomes.none()
        if self.stories.any or self.kind:
            stories = self._narrow(Story.objects.order_by())
            outcomes = outcomes.filter(story__in=stories.values("pk"))
        return self._own_outcomes(outcomes)

    def _own_outcomes(self, outcomes):
        """`outcomes` of the type and grades asked for."""
        if self.type:
            outcomes = outcomes.filter(kind=self.type)
        if self.levels:
            outcomes = outcomes.filter(level__in=self.levels)
        if self.verification:
            outcomes = outcomes.filter(verification=self.verification)
        if self.verified:
            outcomes = outcomes.filter(verification__in=CHECKED)
        if self.intended:
            outcomes = outcomes.filter(intended=self.intended)
        if self.step:
            outcomes = outcomes.filter(pathway_step=self.step_found)
        if self.evidenced:
            outcomes = outcomes.evidenced()
        return outcomes

    def pairs(self) -> list[tuple[str, str]]:
        """The cleaned filters as query-string pairs, in a stable order."""
        return self.stories.pairs() + [(name, value) for name, value in self._own() if value]

    def query(self, **extra) -> str:
        """These filters as a query string, plus `extra` (e.g. page=2; empty values left out)."""
        return urlencode(self.pairs() + [(k, v) for k, v in extra.items() if v])

    def query_without(self, name: str) -> str:
        """These filters as a query string, but any `name`."""
        return urlencode([pair for pair in self.pairs() if pair[0] != name])

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
                found, shown = self._shown(name, value)
                label = LABELS[name]
            result.append(ActiveFilter(name, value, label, shown, found, rest))
        return result

    def _shown(self, name: str, value: str) -> tuple[bool, str]:
        """Whether a grade filter's value names something, and how it reads."""
        if name in SWITCHES:
            return True, SWITCHES[name]
        if name == "step":
            return self.step_found is not None, str(self.step_found or value)
        choices = OutcomeLevel if name == "level" else CHOICES[name]
        found = value in choices.values
        return found, choices(value).label if found else value

    def _own(self) -> list[tuple[str, str]]:
        return [
            ("kind", self.kind),
            ("type", self.type),
            *(("level", level) for level in self.levels),
            ("verification", self.verification),
            ("intended", self.intended),
            ("step", self.step),
            *((name, "1") for name in SWITCHES if getattr(self, name)),
        ]

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
