"""The funder's view costs the same few queries whatever the archive's size: on the whole
report and a theme page read from the kept counts, on a filtered report one grouped query."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache import dependencies
from pagecache.versions import current_token
from tests.factories import (
    make_cohort,
    make_evidence,
    make_outcome,
    make_participant,
    make_pathway_step,
    make_programme,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db

URLS = [
    "/impact/",
    "/impact/?verified=1",
    "/impact/?theme=housing&level=behaviour&level=results",
    "/impact/?programme=alpha",
    "/impact/?cohort=alpha-march&intended=no",
    "/themes/housing/",
]
LEVELS = ["reaction", "learning", "behaviour", "results", "not_assessed"]
CHECKS = ["self_reported", "corroborated", "independent"]


def grow(world, stories: int) -> None:
    """More stories, each in a new programme with a pathway of its own, with outcomes at
    every grade, some evidenced."""
    for n in range(stories):
        programme = make_programme()
        steps = [make_pathway_step(programme, order=k) for k in range(3)]
        cohort = make_cohort(programme=programme)
        person = make_participant()
        person.cohorts.add(cohort, world["cohort"])
        story = make_story(participant=person)
        story.themes.add(make_theme(), world["housing"])
        for k in range(3):
            check = CHECKS[(n + k) % 3]
            outcome = make_outcome(
                story,
                level=LEVELS[(n + k) % 5],
                verification=check,
                verified_by="" if check == "self_reported" else "A checker",
                intended=["yes", "no", "not_known"][k],
                pathway_step=steps[k] if k else world["steps"][n % 4],
            )
            if k == 1:
                make_evidence(outcome, public=bool(n % 2))


def queries(client, url) -> int:
    current_token()
    current_token()
    cache.clear()  # nothing kept: the page's whole cost
    dependencies.forget()
    with CaptureQueriesContext(connection) as run:
        assert client.get(url).status_code == 200, url
    return len(run)


def test_the_funders_view_costs_the_same_queries_with_many_stories_and_pathways(
    client, funder_world, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    few = {url: queries(client, url) for url in URLS}
    grow(funder_world, 12)
    many = {url: queries(client, url) for url in URLS}
    assert many == few
    print("queries per page:", few)


def test_the_funders_view_adds_two_queries_to_the_whole_report(client, funder_world, settings):
    """The grades read from the kept counts, and the pathways' steps."""
    settings.PAGE_CACHE_SECONDS = 0
    queries(client, "/impact/")
    with CaptureQueriesContext(connection) as run:
        cache.clear()
        dependencies.forget()
        client.get("/impact/")
    sql = [query["sql"] for query in run.captured_queries]
    grades = [q for q in sql if "grades|" in q]
    steps = [q for q in sql if "stories_pathwaystep" in q and "stories_outcome" not in q]
    assert len(grades) == 1 and len(steps) == 1
    assert not [
        q for q in sql if 'FROM "stories_outcome"' in q and "GROUP BY" in q and "level" in q
    ]
