"""What the impact pages show, as plain data: outcome totals, theme coverage, the partner network.

Each is computed in the database with a fixed number of aggregate queries
(never a loop over stories), and the pages keep it per content version.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef

from participants.models import Organisation
from stories import tallies
from stories.models import Outcome, Story, StoryPartner


@dataclass(frozen=True)
class Total:
    """Outcomes of one type in one unit: a total that adds up like with like."""

    kind: str  # an Outcome.Kind value
    kind_label: str  # "Funding secured"
    unit: str  # "GBP", "people", "" for outcomes with no figure
    total: Decimal | None  # the sum of the figures, None when no outcome has one
    outcomes: int  # how many outcomes
    with_figure: int  # how many of them have a figure


@dataclass(frozen=True)
class KindCount:
    """How many outcomes of one type (a bar of the outcomes chart)."""

    kind: str
    label: str
    outcomes: int
    href: str  # the ledger filtered to this type


@dataclass
class CoverageGrid:
    """Stories per theme (rows) and cohort (columns); a missing pair is a gap."""

    themes: list  # Theme objects, in order
    cohorts: list  # Cohort objects with .programme, in order
    counts: dict[tuple[int, int], int] = field(default_factory=dict)  # (theme pk, cohort pk)

    def count(self, theme, cohort) -> int:
        return self.counts.get((theme.pk, cohort.pk), 0)

    @property
    def rows(self) -> list[tuple[object, list[int]]]:
        """Each theme with its count for every cohort, in column order."""
        return [(theme, [self.count(theme, c) for c in self.cohorts]) for theme in self.themes]

    @property
    def largest(self) -> int:
        return max(self.counts.values(), default=0)

    @property
    def gaps(self) -> int:
        return len(self.themes) * len(self.cohorts) - sum(1 for n in self.counts.values() if n)


@dataclass(frozen=True)
class NetworkNode:
    organisation_id: int
    name: str
    href: str  # the organisation's public page
    kind: str  # an Organisation.Kind value
    kind_label: str
    stories: int  # public stories it appears in (as employer or partner)


@dataclass(frozen=True)
class NetworkLink:
    source: int  # organisation_id of one node
    target: int  # organisation_id of the other (source < target)
    stories: int  # public stories both appear in


@dataclass(frozen=True)
class KindPair:
    """How often an organisation of one kind is named on a story with one of another.

    Counted in pairs of organisations: a story naming two NHS trusts and a council
    makes two NHS-council pairings and one NHS-NHS pairing.
    """

    kind_a: str
    label_a: str
    kind_b: str
    label_b: str
    pairings: int


@dataclass
class Network:
    nodes: list[NetworkNode]  # the most connected organisations, most stories first
    links: list[NetworkLink]  # among those nodes only
    kinds: list[KindPair]  # over every one of the stories, most pairings first
    # Every organisation named on the stories, not only the nodes (the kept network leaves
    # it at 0: the kept counts have it, stories.tallies.ORGANISATIONS).
    organisations: int = field(default=0, compare=False)


def kept_coverage_grid(*, themes, cohorts) -> CoverageGrid:
    """`coverage_grid` of every public story, from the kept counts (stories.tallies)."""
    themes, cohorts = list(themes), list(cohorts)
    return CoverageGrid(themes=themes, cohorts=cohorts, counts=tallies.coverage(themes, cohorts))


def coverage_grid(stories, *, themes, cohorts) -> CoverageGrid:
    """How many of `stories` (a story queryset) each theme has in each cohort: one query.

    A story counts once in every cohort its participant belongs to.
    """
    through = Story.themes.through
    counts = (
        through.objects.filter(story__in=stories.order_by().values("pk"))
        .filter(story__participant__cohorts__in=[cohort.pk for cohort in cohorts])
        .values_list("theme_id", "story__participant__cohorts")
        .annotate(stories=Count("story_id", distinct=True))
        .order_by()
    )
    return CoverageGrid(
        themes=list(themes),
        cohorts=list(cohorts),
        counts={(theme, cohort): n for theme, cohort, n in counts},
    )


def outcome_totals(outcomes, *, rows=None) -> list[Total]:
    """The outcomes (a queryset) added up by type and unit, in the order of the types;
    or `rows` already added up so (the kept totals, stories.tallies).

    Summed in the database; units that differ only in case ("People", "people")
    are one unit, so the few grouped rows are merged here.
    """
    kinds = Outcome.Kind
    merged: dict[tuple[str, str], dict] = {}
    # The merged total is shown in the spelling most of its outcomes use (lower case on a
    # tie), whatever order the database returns the rows in.
    rows = sorted(
        outcomes.sums_by_kind_and_unit() if rows is None else rows,
        key=lambda row: (-row["outcomes"], not row["unit"].islower(), row["unit"]),
    )
    for row in rows:
        key = (row["kind"], row["unit"].casefold())
        kept = merged.setdefault(key, {**row, "total": None, "outcomes": 0, "with_figure": 0})
        if row["total"] is not None:
            kept["total"] = (kept["total"] or 0) + row["total"]
        kept["outcomes"] += row["outcomes"]
        kept["with_figure"] += row["with_figure"]
    order = {kind: n for n, kind in enumerate(kinds.values)}
    totals = [
        Total(
            kind=row["kind"],
            kind_label=kinds(row["kind"]).label if row["kind"] in kinds.values else row["kind"],
            unit=row["unit"],
            total=row["total"],
            outcomes=row["outcomes"],
            with_figure=row["with_figure"],
        )
        for row in merged.values()
    ]
    return sorted(totals, key=lambda t: (order.get(t.kind, 99), -(t.total or 0), t.unit))


def kind_counts(totals: list[Total], href) -> list[KindCount]:
    """Outcomes per type, from the totals: every type, so a type with none shows as none.

    `href(kind)` is the address of the ledger filtered to that type.
    """
    kinds = Outcome.Kind
    counted: dict[str, int] = {}
    for total in totals:
        counted[total.kind] = counted.get(total.kind, 0) + total.outcomes
    # A type with no outcome links nowhere: the ledger would be empty.
    return [
        KindCount(kind, kind.label, counted.get(kind, 0), href(kind) if kind in counted else "")
        for kind in kinds
    ]


def partner_network(stories, *, size: int = 12) -> Network:
    """Which organisations appear together on `stories`, as employer or partner.

    Nodes are the `size` organisations on most stories; links join those that
    share a story; `kinds` counts, over all the stories, the pairings of
    organisations by their kinds. Seven aggregate queries.
    """
    partner = StoryPartner.objects.filter(story__in=stories.order_by().values("pk"))
    # An employer also named as a partner is on that story once, not twice.
    also_partner = StoryPartner.objects.filter(
        story=OuterRef("pk"), organisation=OuterRef("participant__organisation")
    )
    employed = (
        stories.order_by().exclude(participant__organisation=None).exclude(Exists(also_partner))
    )
    appearances: dict[int, int] = {}
    for rows in (
        partner.values_list("organisation").annotate(n=Count("story", distinct=True)),
        employed.values_list("participant__organisation").annotate(n=Count("pk")),
    ):
        for organisation, n in rows.order_by():
            appearances[organisation] = appearances.get(organisation, 0) + n
    top = sorted(appearances, key=lambda pk: (-appearances[pk], pk))[:size]
    network = _network(
        {pk: appearances[pk] for pk in top}, _links(partner, top), _kind_pairs(partner)
    )
    network.organisations = len(appearances)
    return network


def kept_partner_network(*, size: int = 12) -> Network:
    """`partner_network` of every public story, from the kept counts (stories.tallies):
    four small queries, whatever the archive's size."""
    appearances = tallies.most_named_organisations(size)
    together = tallies.named_together(appearances)
    ranked = sorted(together.items(), key=lambda item: (-item[1], item[0]))
    links = [NetworkLink(source=a, target=b, stories=n) for (a, b), n in ranked]
    return _network(appearances, links, _ranked_kind_pairs(tallies.kind_pairings()))


def _network(appearances: dict[int, int], links, kinds) -> Network:
    """The nodes (organisations, most stories first) with their links and kind pairings."""
    top = list(appearances)
    organisations = Organisation.objects.in_bulk(top)
    nodes = [
        NetworkNode(
            organisation_id=pk,
            name=organisations[pk].name,
            href=organisations[pk].get_absolute_url(),
            kind=organisations[pk].kind,
            kind_label=organisations[pk].get_kind_display(),
            stories=appearances[pk],
        )
        for pk in top
        if pk in organisations
    ]
    return Network(nodes=nodes, links=links, kinds=kinds)


def _pairings(partner, **narrowing):
    """Each pair of organisations named on one story, once, as (rows, the other's field).

    Two partners pair in id order; a partner pairs with the participant's
    employer unless the employer is itself a partner (that pair is counted
    as two partners). `narrowing` is applied in the same filter() as the
    pairing: a second filter() would join the other partner afresh.
    """
    same_story = StoryPartner.objects.filter(
        story=OuterRef("story"), organisation=OuterRef("story__participant__organisation")
    )
    two_partners = "story__partnerships__organisation"
    employer = "story__participant__organisation"
    return (
        (
            partner.filter(
                **{f"{two_partners}__gt": F("organisation")},
                **{key.replace("OTHER", two_partners): v for key, v in narrowing.items()},
            ),
            two_partners,
        ),
        (
            partner.filter(
                **{f"{employer}__isnull": False},
                **{key.replace("OTHER", employer): v for key, v in narrowing.items()},
            )
            .exclude(**{employer: F("organisation")})
            .exclude(Exists(same_story)),
            employer,
        ),
    )


def _links(partner, top: list[int]) -> list[NetworkLink]:
    counted: dict[tuple[int, int], int] = {}
    for pairs, other in _pairings(partner, organisation__in=top, OTHER__in=top):
        rows = pairs.values_list("organisation", other).annotate(n=Count("pk")).order_by()
        for a, b, n in rows:
            key = (min(a, b), max(a, b))
            counted[key] = counted.get(key, 0) + n
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return [NetworkLink(source=a, target=b, stories=n) for (a, b), n in ranked]


def _kind_pairs(partner) -> list[KindPair]:
    """Pairs of organisations on one story, counted by their kinds (unordered)."""
    counted: dict[tuple[str, str], int] = {}
    for pairs, other in _pairings(partner):
        rows = (
            pairs.values_list("organisation__kind", f"{other}__kind")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for a, b, n in rows:
            key = tuple(sorted((a, b)))
            counted[key] = counted.get(key, 0) + n
    return _ranked_kind_pairs(counted)


def _ranked_kind_pairs(counted: dict[tuple[str, str], int]) -> list[KindPair]:
    label = {kind.value: kind.label for kind in Organisation.Kind}
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return [KindPair(a, label.get(a, a), b, label.get(b, b), pairings=n) for (a, b), n in ranked]
