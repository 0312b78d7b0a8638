"""The impact report of a set of public stories: what /impact/ and a theme page show.

Every aggregate is kept per content version (pagecache.data.remember) under
the filters that made it, so a page rendered afresh costs its ledger rows
only, and an edit that changes what is public renews every figure at once.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from impact import charts, funders, reports
from pagecache import dependencies
from pagecache.data import remember
from participants.models import Cohort, Programme
from stories import options, tallies
from stories.models import Outcome

LEDGER_PER_PAGE = 25


@dataclass
class ImpactSummary:
    totals: list[reports.Total]
    by_kind: list[reports.KindCount]
    outcome_count: int
    story_count: int | None  # stories with an outcome; None when not asked for
    kept: dict[str, int] = field(default_factory=dict)  # other kept counts read with them

    @property
    def headline(self) -> list[reports.Total]:
        """The totals with a figure: what the page leads with."""
        return [total for total in self.totals if total.total is not None]


def summarise(
    outcomes,
    *,
    scope: str,
    ledger_query=lambda kind: "",
    shows=(dependencies.LISTING,),
    tallied: str | None = None,
    also_kept: tuple[str, ...] = (),
    count_stories: bool = True,
) -> ImpactSummary:
    """Totals and counts of `outcomes`, kept for `scope` until what it `shows` is renewed.

    `tallied` names the kept totals that are exactly these outcomes' (stories.tallies:
    `all`, `theme:7`): read from there, they cost the same at any size; `also_kept`
    names other kept counts to read in the same query (`ImpactSummary.kept`).
    Without `count_stories` the stories with an outcome are not counted (a page that
    counts its stories otherwise saves the query).
    """
    kept: dict[str, int] = {}
    if tallied:
        counted = (tallies.outcome_stories(tallied), *also_kept)
        rows, kept = remember(
            f"impact:tallied:{tallied}:{','.join(also_kept)}",
            lambda: (tallies.outcome_sums(tallied), tallies.counts(*counted)),
            shows=shows,
        )
        totals = reports.outcome_totals(None, rows=rows)
        stories = kept[tallies.outcome_stories(tallied)]
    else:
        totals = remember(
            f"impact:totals:{scope}", lambda: reports.outcome_totals(outcomes), shows=shows
        )
        stories = None
        if count_stories:
            stories = remember(
                f"impact:stories:{scope}",
                lambda: outcomes.order_by().values("story_id").distinct().count(),
                shows=shows,
            )
    index = reverse("impact:index")
    by_kind = reports.kind_counts(totals, lambda kind: f"{index}?{ledger_query(kind)}#ledger")
    return ImpactSummary(
        totals=totals,
        by_kind=by_kind,
        outcome_count=sum(total.outcomes for total in totals),
        story_count=stories,
        kept=kept,
    )


def coverage(
    stories, *, scope: str, programme=None, cohort=None, kept: bool = False
) -> reports.CoverageGrid:
    """The public themes by the public cohorts (of the programme, or the one cohort, if
    chosen); `kept`: the stories are every public story, counted as they change."""
    cohorts = [
        c
        for c in options.public_cohorts()
        if (programme is None or c.programme_id == programme.pk) and (cohort in (None, c))
    ]
    themes = options.public_themes()
    if kept:
        return remember(
            "impact:coverage:kept",
            lambda: reports.kept_coverage_grid(themes=themes, cohorts=cohorts),
        )
    return remember(
        f"impact:coverage:{scope}",
        lambda: reports.coverage_grid(stories, themes=themes, cohorts=cohorts),
    )


def network(stories, *, scope: str, kept: bool = False) -> reports.Network:
    """Who appears with whom on `stories`; `kept`: on every public story, as counted."""
    if kept:
        return remember("impact:network:kept", reports.kept_partner_network)
    return remember(f"impact:network:{scope}", lambda: reports.partner_network(stories))


def funder_view(
    outcomes,
    *,
    scope: str,
    programmes,
    pairs: list[tuple[str, str]],
    tallied: str | None = None,
    verified_only: bool = False,
    shows=(dependencies.LISTING,),
) -> funders.FunderView:
    """The funder's view of `outcomes` on the pathways of `programmes` (a queryset), its
    figures linking to /impact/ with the filters `pairs`: two queries, kept for `scope`.
    `tallied` names the kept grades that are exactly these outcomes' (`all`, `theme:7`)."""

    def made():
        rows = tallies.grades(tallied) if tallied else None
        return funders.funder_view(
            outcomes, programmes, rows=rows, filters=pairs, verified_only=verified_only
        )

    return remember(f"impact:funders:{tallied or scope}", made, shows=shows)


def pathway_charts(view, *, prefix: str, scope: str, shows=(dependencies.LISTING,)) -> list:
    """The charts of `view`'s pathways (impact.funders.pathway_figures), laid out once and
    kept with the view they draw (the layout measures every label: about 8 ms a chart)."""
    return remember(
        f"impact:pathways:{prefix}:{scope}",
        lambda: funders.pathway_figures(view, prefix=prefix),
        shows=shows,
    )


def programmes_concerned(filters, stories, *, whole: bool = False):
    """The programmes whose pathways a report shows (a queryset): the one the `filters`
    (impact.filters.ImpactFilters) chose, the chosen cohort's, every public one
    (`whole`), or else those of `stories` (the filtered ones)."""
    if not filters.all_found:
        return Programme.objects.none()
    programme = filters.stories.objects.get("programme")
    cohort = filters.stories.objects.get("cohort")
    if programme is not None:
        return Programme.objects.filter(pk=programme.pk)
    if cohort is not None:
        return Programme.objects.filter(pk=cohort.programme_id)
    if whole:
        return Programme.objects.filter(pk__in=[p.pk for p in options.public_programmes()])
    cohorts = Cohort.objects.filter(participants__stories__in=stories.order_by().values("pk"))
    return Programme.objects.filter(pk__in=cohorts.values("programme_id"))


def ledger(outcomes):
    """The ledger's rows, newest first, with their stories."""
    return outcomes.ledger_order().with_story()


@dataclass
class ThemeImpact:
    """A theme's slice of the impact report, for its page."""

    summary: ImpactSummary
    chart: object  # an impact.charts.BarChart
    report_query: str  # /impact/ narrowed to the theme
    funders: funders.FunderView
    pathways: list  # impact.funders.PathwayFigure, one per programme with a story here


def theme_impact(theme) -> ThemeImpact:
    report_query = urlencode([("theme", theme.slug)])
    outcomes = Outcome.objects.public().filter(story__in=theme.stories.values("pk"))
    figures = summarise(
        outcomes,
        scope=report_query,
        ledger_query=lambda kind: urlencode([("theme", theme.slug), ("type", kind)]),
        shows=[dependencies.key("theme", theme.pk)],
        tallied=tallies.key("theme", theme.pk),
    )
    chart = charts.bar_chart(
        charts.bars_from_kinds(figures.by_kind),
        chart_id="chart-theme-kinds",
        title=f"Outcomes by type: {theme.name}",
        description=f"{figures.outcome_count:,} outcomes on the public stories of this theme, "
        "by type.",
        label_heading="Type of outcome",
        value_heading="Outcomes",
    )
    shows = [dependencies.key("theme", theme.pk)]
    # The programmes with a public story on the theme, as counted (stories.tallies).
    programmes = tallies.counted(
        Programme.objects.all(), tallies.key(tallies.THEME_PROGRAMME, theme.pk)
    )
    view = funder_view(
        outcomes,
        scope=report_query,
        programmes=programmes,
        pairs=[("theme", theme.slug)],
        tallied=tallies.key("theme", theme.pk),
        shows=shows,
    )
    return ThemeImpact(
        summary=figures,
        chart=chart,
        report_query=report_query,
        funders=view,
        pathways=pathway_charts(
            view, prefix="chart-theme-pathway", scope=f"theme:{theme.pk}", shows=shows
        ),
    )
