"""Open data exports: filters, pages, bad input and query counts."""

import csv
import io

import pytest

from impact import open_data
from impact.filters import ImpactFilters
from pagecache import dependencies, versions
from stories.models import Outcome, Story
from tests.factories import (
    make_cohort,
    make_evidence,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_pathway_step,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def impact():
    """Two stories: a council's on housing with funding, a charity-partnered one on health."""
    housing, health = make_theme(slug="housing"), make_theme(slug="health")
    cohort, other_cohort = make_cohort(slug="march-2020"), make_cohort(slug="may-2021")
    council = make_organisation(slug="council", kind="local_authority")
    first = make_story(slug="first", participant=make_participant(organisation=council, slug="ann"))
    first.themes.add(housing)
    first.participant.cohorts.add(cohort)
    first.tags.add("covid-19")
    make_outcome(first, kind="funding", description="Grant", value=1000, unit="GBP")
    second = make_story(slug="second", participant=make_participant(slug="bob"))
    second.themes.add(health)
    second.participant.cohorts.add(other_cohort)
    make_partner(second, make_organisation(slug="charity", kind="vcs"))
    make_outcome(second, kind="people_reached", description="Reached", value=40, unit="people")
    return first, second


def slugs(client, url, key="slug"):
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(item[key] for item in response.json()["results"])


STORY_FILTERS = [
    ("", ["first", "second"]),
    ("?theme=housing", ["first"]),
    ("?theme=housing&theme=health", []),  # every theme asked for, as on /stories/
    ("?tag=covid-19", ["first"]),
    ("?cohort=may-2021", ["second"]),
    ("?organisation=charity", ["second"]),
    ("?organisation=council", ["first"]),
    ("?programme=nowhere", []),
    ("?theme=housing&theme=nowhere", []),
    ("?q=zzzzunmatched", []),
]


@pytest.mark.parametrize("query,expected", STORY_FILTERS)
def test_api_stories_take_the_listing_filters(client, impact, query, expected):
    assert slugs(client, f"/api/stories/{query}") == expected


def test_api_stories_programme_filter(client, impact):
    programme = impact[0].participant.cohorts.get().programme.slug
    assert slugs(client, f"/api/stories/?programme={programme}") == ["first"]


def test_api_stories_search_by_words(client, impact):
    story = impact[1]
    story.title = "Swimming pools for everyone"
    story.save()
    assert slugs(client, "/api/stories/?q=swimming") == ["second"]


OUTCOME_FILTERS = [
    ("", ["Grant", "Reached"]),
    ("?type=funding", ["Grant"]),
    ("?kind=local_authority", ["Grant"]),  # the participant's employer
    ("?kind=vcs", ["Reached"]),  # a partner
    ("?kind=nhs", []),
    ("?theme=health", ["Reached"]),
    ("?cohort=march-2020", ["Grant"]),
    ("?cohort=march-2020&type=people_reached", []),
    ("?type=nonsense", []),
    ("?kind=nonsense", []),
    ("?theme=nowhere", []),
]


@pytest.mark.parametrize("query,expected", OUTCOME_FILTERS)
def test_outcomes_take_the_impact_filters(client, impact, query, expected):
    assert slugs(client, f"/api/outcomes/{query}", key="description") == expected
    rows = csv.DictReader(
        io.StringIO(client.get(f"/impact/export.csv{query}").getvalue().decode("utf-8-sig"))
    )
    assert sorted(row["description"] for row in rows) == expected


def test_impact_filters_are_reusable(rf, impact):
    filters = ImpactFilters.from_query(
        rf.get("/", {"theme": ["housing", "housing"], "kind": "local_authority", "type": "x"}).GET
    )
    assert filters.query(page=2) == "theme=housing&kind=local_authority&type=x&page=2"
    assert [(f.name, f.shown, f.found) for f in filters.active()] == [
        ("theme", impact[0].themes.get().name, True),
        ("kind", "Local authority", True),
        ("type", "x", False),
    ]
    assert not filters.all_found
    assert not filters.apply_to_stories(Story.objects.public()).exists()
    filters.type = "funding"
    assert list(filters.apply_to_stories(Story.objects.public())) == [impact[0]]
    assert [o.description for o in filters.apply_to_outcomes(Outcome.objects.all())] == ["Grant"]


def test_impact_filters_with_nothing_asked_keep_everything(rf, impact):
    filters = ImpactFilters.from_query(rf.get("/").GET)
    assert not filters.any and filters.query() == ""
    assert filters.apply_to_stories(Story.objects.public()).count() == 2
    assert filters.apply_to_outcomes(Outcome.objects.all()).count() == 2


# Pages


@pytest.fixture
def five_stories():
    return [make_story(slug=f"page-{n}") for n in range(5)]


def test_pages_link_to_their_neighbours_with_the_filters(client, five_stories):
    theme = make_theme(slug="housing")
    for story in five_stories:
        story.themes.add(theme)
    first = client.get("/api/stories/?theme=housing&per_page=2").json()
    assert (first["count"], first["page"], first["pages"]) == (5, 1, 3)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/stories/?theme=housing&page=2&per_page=2"
    second = client.get(first["next"]).json()
    assert second["previous"] == "http://testserver/api/stories/?theme=housing&page=1&per_page=2"
    last = client.get(second["next"]).json()
    assert last["next"] is None and len(last["results"]) == 1
    seen = [s["slug"] for page in (first, second, last) for s in page["results"]]
    assert seen == [s.slug for s in Story.objects.public().latest_first()]


@pytest.mark.parametrize(
    "page,expected",
    [("0", 1), ("-1", 1), ("abc", 1), (str(10**30), 3), ("2\x00", 1), ("9" * 5000, 1), ("", 1)],
)
@pytest.mark.parametrize("url", ["/api/stories/", "/api/outcomes/", "/api/organisations/"])
def test_a_bad_page_gives_the_nearest_page(client, five_stories, url, page, expected):
    for story in five_stories:
        make_outcome(story)
        make_partner(story)
    response = client.get(url, {"page": page, "per_page": "2"})
    assert response.status_code == 200
    assert response.json()["page"] == expected


@pytest.mark.parametrize(
    "per_page,expected", [("abc", 50), ("0", 50), ("-3", 50), ("500", 100), ("7", 7), ("", 50)]
)
def test_per_page_is_capped_and_bad_values_give_the_default(per_page, expected):
    assert open_data._per_page(per_page) == expected


@pytest.mark.parametrize("url", ["/api/stories/", "/api/outcomes/", "/impact/export.csv"])
def test_strange_query_strings_are_harmless(client, five_stories, url):
    strange = {
        "theme": ["a" * 5000, "x\x00y", "housing"],
        "tag": "\x00",
        "q": "w" * 5000,
        "kind": ["nhs", "vcs"],
        "type": "\u202efunding",
        "cohort": "../../etc",
        "page": ["1", "2"],
    }
    assert client.get(url, strange).status_code == 200


def test_with_no_public_stories_every_export_is_empty(client):
    make_story(status=Story.Status.DRAFT)
    for url in ["/api/stories/", "/api/outcomes/", "/api/organisations/"]:
        assert client.get(url).json() | {"results": []} == {
            "count": 0,
            "page": 1,
            "pages": 1,
            "next": None,
            "previous": None,
            "results": [],
        }
    assert client.get("/impact/stories.csv").getvalue().decode("utf-8-sig").count("\n") == 1


# Queries: a page or a CSV costs the same whatever its size.


def add_stories(n):
    theme, cohort = make_theme(), make_cohort()
    step = make_pathway_step(cohort.programme)
    for _ in range(n):
        story = make_story(participant=make_participant(organisation=make_organisation()))
        story.themes.add(theme)
        story.tags.add("tag-a", "tag-b")
        story.participant.cohorts.add(cohort)
        make_partner(story)
        make_evidence(make_outcome(story, pathway_step=step))
        make_evidence(make_outcome(story), public=False)


def queries_for(client, url, n, django_assert_num_queries, queries):
    add_stories(n)
    versions.current_token()  # works out the next scheduled change: once per edit, not per page
    dependencies.forget()  # and the page reads the tokens of what it shows
    with django_assert_num_queries(queries):
        response = client.get(url)
        if response.streaming:
            response.getvalue()


# The content version, the tokens of what it shows, the count, the page and its 5
# prefetches (themes, tags, partners, outcomes, cohorts).
QUERIES = [
    ("/api/stories/", 9),
    ("/api/outcomes/", 6),  # version, dependencies, count, page, themes, public evidence
    ("/api/organisations/", 4),  # version, dependencies, count, page
    ("/impact/stories.csv", 7),  # version, stories, 5 prefetches
    ("/impact/export.csv", 4),  # version, outcomes, themes, public evidence
    ("/impact/organisations.csv", 2),
]


@pytest.mark.parametrize("n", [2, 20])
@pytest.mark.parametrize("url,queries", QUERIES)
def test_an_export_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, queries, n
):
    queries_for(client, url, n, django_assert_num_queries, queries)


def test_a_csv_costs_a_fixed_number_of_queries_per_chunk(
    client, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(open_data, "CHUNK_SIZE", 5)
    add_stories(12)  # three chunks of stories, each with its 5 prefetches
    versions.current_token()
    with django_assert_num_queries(2 + 3 * 5):
        rows = client.get("/impact/stories.csv").getvalue().decode("utf-8-sig").splitlines()
    assert len(rows) == 13
