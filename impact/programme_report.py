"""The printable impact report of a programme for a period (/programmes/<slug>/report/).

Laid out like the brochure (A4, a cover, each part from the top of a page): the headline
figures, the funder's figures (impact.funders), the programme's pathway of change, the
stories its panels chose with their reasons, and the ledger: every outcome of the
period with its level, who verified it and its public evidence.

Like the brochure, it is made of public stories whose participants agreed to print as
well as the website (impact.brochure.printable): a reader prints this page. A fixed
number of queries, whatever the programme's size; the ledger prints at most MAX_LEDGER.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.shortcuts import render

from impact import charts, funders, reports
from impact.brochure import mark_letters, printable
from impact.figures import POUNDS
from impact.report_period import BadPeriod, Period, read_period
from participants.models import Programme
from stories import options
from stories.models import Consideration, Evidence, Outcome, OutcomeKind, Story

# More outcomes than this would be a register, not a report: the figures still count all.
MAX_LEDGER = 500


@dataclass(frozen=True)
class Headline:
    stories: int  # stories with an outcome in the period
    people: int  # their participants
    outcomes: int
    funding: object  # pounds secured (a Decimal), or None
    rest: list  # the other totals with a figure (impact.reports.Total)


def headline(outcomes) -> Headline:
    """The report's lead figures: two aggregate queries."""
    totals = reports.outcome_totals(outcomes)
    reach = outcomes.order_by().aggregate(
        stories=Count("story", distinct=True), people=Count("story__participant", distinct=True)
    )
    funding = [
        t
        for t in totals
        if t.kind == OutcomeKind.FUNDING and t.unit.upper() == POUNDS and t.total is not None
    ]
    return Headline(
        stories=reach["stories"],
        people=reach["people"],
        outcomes=sum(total.outcomes for total in totals),
        funding=sum(total.total for total in funding) if funding else None,
        rest=[t for t in totals if t.total is not None and t not in funding],
    )


def ledger(outcomes):
    """The period's outcomes, oldest first (an undated one at its story's publication
    date, as the period counts it), with their story, step and public evidence: two
    queries."""
    return (
        outcomes.with_story()
        .select_related("pathway_step")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.public(), to_attr="public_evidence")
        )
        .annotate(on=Coalesce("achieved_on", TruncDate("story__published_at")))
        .order_by("on", "story__published_at", "story_id", "order", "id")
    )


def chosen_stories(programme: Programme, period: Period, stories):
    """The stories the programme's decided rounds chose, of rounds meeting the period,
    with the round, its panel and the story's teller: two queries."""
    return (
        Consideration.objects.public_choices()
        .filter(period.overlaps(), selection_round__programme=programme, story__in=stories)
        .with_round()
        .select_related("story__participant__organisation")
        .prefetch_related("selection_round__panel")
        .order_by(
            "selection_round__period_start", "selection_round_id", "theme__order", "theme__name"
        )
    )


def pathway(view: funders.FunderView, programme: Programme):
    """The programme's pathway drawn as a chart, or None when it has no steps."""
    if not view.pathways:
        return None
    steps = view.pathways[0].steps
    gaps = [figures.step.title for figures in steps if figures.gap]
    description = (
        f"{len(steps)} steps from activities to impact, with the {view.outcomes} outcomes "
        "placed on them."
    )
    if gaps:
        description += " No evidence yet for: " + "; ".join(gaps) + "."
    return charts.pathway_chart(
        view.pathways[0],
        chart_id="chart-pathway",
        title=f"{programme.name}: pathway of change",
        description=description,
    )


def report(request, slug):
    # Only a programme a public story names: one known only to drafts is not found.
    programme = options.with_slug(options.public_programmes(), slug)
    if programme is None:
        raise Http404("No public programme has that address.")
    try:
        period = read_period(request.GET)
    except BadPeriod as problem:
        context = {"programme": programme, "problem": str(problem), "asked": request.GET}
        return render(request, "impact/report_bad_period.html", context, status=400)
    stories = printable(Story.objects.public().for_programme(programme))
    outcomes = period.outcomes(Outcome.objects.public().filter(story__in=stories))
    view = funders.funder_view(outcomes, Programme.objects.filter(pk=programme.pk))
    rows = list(ledger(outcomes)[: MAX_LEDGER + 1])
    return render(
        request,
        "impact/report.html",
        {
            "programme": programme,
            "period": period,
            "headline": headline(outcomes),
            "funder": view,
            "shares": {
                "beyond_the_room": view.share(view.beyond_the_room),
                "independent": view.share(view.independent),
            },
            "pathway_chart": pathway(view, programme),
            "chosen": list(chosen_stories(programme, period, stories)),
            "ledger": rows[:MAX_LEDGER],
            "ledger_capped": len(rows) > MAX_LEDGER,
            "mark": mark_letters(settings.SITE_NAME),
        },
    )
