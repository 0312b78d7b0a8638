from django.urls import path
from django.views.decorators.http import require_safe

from impact import brochure, open_data, views
from pagecache.decorators import cached_public_page as cached

app_name = "impact"


def public(view):
    """A public page, read-only: GET and HEAD (405 otherwise), kept by the page cache."""
    return cached(require_safe(view))


urlpatterns = [
    path("impact/", public(views.impact_page), name="index"),
    path("impact/export.csv", public(open_data.outcomes_csv), name="outcomes_csv"),
    path("impact/stories.csv", public(open_data.stories_csv), name="stories_csv"),
    path("impact/organisations.csv", public(open_data.organisations_csv), name="organisations_csv"),
    path("api/stories/", public(open_data.api_stories), name="api_stories"),
    path("api/outcomes/", public(open_data.api_outcomes), name="api_outcomes"),
    path("api/organisations/", public(open_data.api_organisations), name="api_organisations"),
    path("programmes/<slug:slug>/brochure/", public(brochure.programme_brochure), name="brochure"),
    path(
        "programmes/<slug:slug>/<slug:cohort>/brochure/",
        public(brochure.cohort_brochure),
        name="cohort_brochure",
    ),
]
