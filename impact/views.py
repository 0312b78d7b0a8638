from urllib.parse import urlencode

from django.shortcuts import render

from impact import brochure, charts, headline, summary
from impact.filters import ImpactFilters
from pagecache.decorators import not_shared
from participants.models import OrganisationKind
from stories import options, tallies
from stories.models import Outcome, OutcomeKind, Story
from stories.pagination import page_of


def impact_page(request):
    filters = ImpactFilters.from_query(request.GET)
    # Figures for filters that name nothing are all none: kept once, not per made-up value.
    scope = filters.scope
    stories = filters.apply_to_stories(Story.objects.public())
    outcomes = filters.apply_to_outcomes(Outcome.objects.public())
    # With no filter, the whole archive's figures, as kept while stories change
    # (stories.tallies): the same few queries at any size.
    whole = not filters.any
    figures = summary.summarise(
        outcomes,
        scope=scope,
        ledger_query=_with_type(filters),
        tallied=tallies.ALL if whole else None,
        also_kept=headline.KEPT if whole else (),
        count_stories=False,  # the headline counts the stories themselves
    )
    theme_options = options.public_themes()
    grid = summary.coverage(
        stories,
        scope=scope,
        programme=filters.stories.objects.get("programme"),
        cohort=filters.stories.objects.get("cohort"),
        kept=whole,
    )
    network = summary.network(stories, scope=scope, kept=whole)
    if whole:
        reach = headline.kept_reach(figures.kept, themes=len(theme_options))
    else:
        reach = headline.reach(stories, scope=scope, organisations=network.organisations)
    funder = summary.funder_view(
        outcomes,
        scope=scope,
        programmes=summary.programmes_concerned(filters, stories, whole=whole),
        pairs=filters.pairs(),
        tallied=tallies.ALL if whole else None,
        verified_only=filters.verified,
    )
    page = page_of(
        summary.ledger(outcomes),
        request.GET.get("page"),
        summary.LEDGER_PER_PAGE,
        count=figures.outcome_count,  # the totals have counted them
    )
    response = render(
        request,
        "impact/impact.html",
        {
            "filters": filters,
            "chosen": _chosen(filters),
            "query": filters.query(),
            "summary": figures,
            "funders": funder,
            "without_verified": filters.query_without("verified"),
            "kept_grades": [pair for pair in filters.outcome_pairs() if pair[0] != "verified"],
            "pathways": summary.pathway_charts(
                funder, prefix="chart-pathway", scope=tallies.ALL if whole else scope
            ),
            "headline": headline.headline(reach, figures.totals, filtered=filters.any),
            "page": page,
            "network": network,
            "kinds_without": [kind.label for kind in figures.by_kind if not kind.outcomes],
            "kinds_chart": charts.bar_chart(
                charts.bars_from_kinds(figures.by_kind),
                chart_id="chart-kinds",
                title="Outcomes by type",
                description=_kinds_description(figures),
                label_heading="Type of outcome",
                value_heading="Outcomes",
            ),
            "coverage_chart": charts.coverage_chart(
                grid,
                chart_id="chart-coverage",
                title="Public stories by theme and cohort",
                description=f"{len(grid.themes)} themes by {len(grid.cohorts)} cohorts; "
                f"{grid.gaps} of the {len(grid.themes) * len(grid.cohorts)} pairs have no "
                "story yet.",
            ),
            "network_chart": charts.network_chart(
                network,
                chart_id="chart-network",
                title="Organisations that appear together",
                description=f"The {len(network.nodes)} organisations on most stories, and "
                f"{len(network.links)} lines between those named on the same story.",
            ),
            "theme_options": theme_options,
            "programme_options": options.public_programmes(),
            "brochures": brochure.to_print(),
            "cohort_options": options.public_cohorts(),
            "kind_options": OrganisationKind.choices,
            "type_options": OutcomeKind.choices,
        },
    )
    # Filters that name nothing: answered, kept by no cache (the page repeats each
    # made-up value, so every one would make an entry).
    return response if filters.all_found else not_shared(response)


def _with_type(filters: ImpactFilters):
    """The ledger's query string for one outcome type, keeping the other filters."""

    def query(kind: str) -> str:
        pairs = [pair for pair in filters.pairs() if pair[0] != "type"] + [("type", kind)]
        return urlencode(pairs)

    return query


def _chosen(filters: ImpactFilters) -> dict[str, str]:
    themes = filters.stories.theme_slugs
    return filters.stories.chosen | {
        "theme": themes[0] if themes else "",
        "kind": filters.kind,
        "type": filters.type,
        "verified": filters.verified,
    }


def _kinds_description(figures) -> str:
    counted = [f"{kind.label}: {kind.outcomes:,}" for kind in figures.by_kind if kind.outcomes]
    none = [kind.label for kind in figures.by_kind if not kind.outcomes]
    described = f"{figures.outcome_count:,} outcomes by type."
    if counted:
        described += " " + "; ".join(counted) + "."
    if none and counted:
        described += " None yet: " + ", ".join(none) + "."
    return described
