from django.urls import path
from django.views.decorators.http import require_safe

from impact import brochure, filters, open_data, programme_report, report_period, views
from pagecache import queries
from pagecache.decorators import cached_public_page as cached
from stories.filters import filter_reads

app_name = "impact"


def public(view, reads=queries.nothing):
    """A public page, read-only: GET and HEAD (405 otherwise), kept by the page cache,
    which keys it on what `reads` says the view reads (pagecache.queries)."""
    return cached(require_safe(view), reads=reads)


def _per_page(params) -> queries.Pairs:
    """The open data's page size, as the API reads it; the usual size is left out."""
    size = open_data._per_page(params.get("per_page"))
    return [("per_page", str(size))] if size != open_data.PER_PAGE else []


PAGE = queries.page_number()
API_PAGE = queries.together(PAGE, _per_page)

urlpatterns = [
    path("impact/", public(views.impact_page, queries.together(filters.reads, PAGE)), name="index"),
    # Downloads are streamed, so never kept; the reader still says what they are given.
    path("impact/export.csv", public(open_data.outcomes_csv, filters.reads), name="outcomes_csv"),
    path("impact/stories.csv", public(open_data.stories_csv, filter_reads()), name="stories_csv"),
    path("impact/organisations.csv", public(open_data.organisations_csv), name="organisations_csv"),
    path(
        "api/stories/",
        public(open_data.api_stories, queries.together(filter_reads(), API_PAGE)),
        name="api_stories",
    ),
    path(
        "api/outcomes/",
        public(open_data.api_outcomes, queries.together(filters.reads, API_PAGE)),
        name="api_outcomes",
    ),
    path(
        "api/organisations/",
        public(open_data.api_organisations, API_PAGE),
        name="api_organisations",
    ),
    path("programmes/<slug:slug>/brochure/", public(brochure.programme_brochure), name="brochure"),
    path(
        "programmes/<slug:slug>/report/",
        public(programme_report.report, report_period.reads),
        name="report",
    ),
    path(
        "programmes/<slug:slug>/<slug:cohort>/brochure/",
        public(brochure.cohort_brochure),
        name="cohort_brochure",
    ),
]
