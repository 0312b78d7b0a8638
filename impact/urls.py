from django.urls import path

from impact import brochure, open_data, views
from pagecache.decorators import cached_public_page as cached

app_name = "impact"

urlpatterns = [
    path("impact/", cached(views.impact_page), name="index"),
    path("impact/export.csv", cached(open_data.outcomes_csv), name="outcomes_csv"),
    path("impact/stories.csv", cached(open_data.stories_csv), name="stories_csv"),
    path("impact/organisations.csv", cached(open_data.organisations_csv), name="organisations_csv"),
    path("api/stories/", cached(open_data.api_stories), name="api_stories"),
    path("api/outcomes/", cached(open_data.api_outcomes), name="api_outcomes"),
    path("api/organisations/", cached(open_data.api_organisations), name="api_organisations"),
    path("programmes/<slug:slug>/brochure/", cached(brochure.programme_brochure), name="brochure"),
    path(
        "programmes/<slug:slug>/<slug:cohort>/brochure/",
        cached(brochure.cohort_brochure),
        name="cohort_brochure",
    ),
]
