import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    make_cohort,
    make_organisation,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [story.title for story in response.context["page"].object_list]


@pytest.fixture
def catalogue():
    """Four stories with different themes, tags, cohorts and organisations."""
    health = make_theme(name="Health inequalities", slug="health")
    system = make_theme(name="System leadership", slug="system")
    march = make_cohort(name="March 2020", slug="march-2020")
    other_cohort = make_cohort(name="May 2022", slug="may-2022")
    council = make_organisation(name="Ipswich Borough Council", slug="ipswich")
    mind = make_organisation(name="Suffolk Mind", slug="suffolk-mind")
    andrew = make_participant(name="Andrew", organisation=council)
    andrew.cohorts.add(march)
    zoe = make_participant(name="Zoë Adeyemi", organisation=mind)
    zoe.cohorts.add(other_cohort)
    now = timezone.now()

    both = make_story(
        title="Both themes", participant=andrew, published_at=now - dt.timedelta(days=1)
    )
    both.themes.add(health, system)
    both.tags.add("covid-19")
    health_only = make_story(
        title="Health only", participant=zoe, published_at=now - dt.timedelta(days=2)
    )
    health_only.themes.add(health)
    health_only.tags.add("section 75")
    make_partner(health_only, council, role="Funder")
    system_only = make_story(
        title="System only", participant=zoe, published_at=now - dt.timedelta(days=3)
    )
    system_only.themes.add(system)
    system_only.tags.add("covid-19")
    make_story(
        title="No themes, about Section 75 funding",
        participant=zoe,
        published_at=now - dt.timedelta(days=4),
    )
    return march


def test_all_public_stories_newest_first(client, catalogue):
    assert titles(client.get("/stories/")) == [
        "Both themes",
        "Health only",
        "System only",
        "No themes, about Section 75 funding",
    ]


def test_repeated_theme_filter_requires_every_theme(client, catalogue):
    assert titles(client.get("/stories/?theme=health")) == ["Both themes", "Health only"]
    assert titles(client.get("/stories/?theme=health&theme=system")) == ["Both themes"]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("tag=covid-19", ["Both themes", "System only"]),
        ("programme={programme}", ["Both themes"]),
        ("cohort=march-2020", ["Both themes"]),
        ("organisation=ipswich", ["Both themes", "Health only"]),  # employer or partner
        (
            "organisation=suffolk-mind",
            ["Health only", "System only", "No themes, about Section 75 funding"],
        ),
        ("q=section 75", ["Health only", "No themes, about Section 75 funding"]),  # tag too
        ("q=ADEYEMI", ["Health only", "System only", "No themes, about Section 75 funding"]),
        ("q=ZOË", ["Health only", "System only", "No themes, about Section 75 funding"]),
        ("theme=system&tag=covid-19&organisation=suffolk-mind", ["System only"]),
        ("theme=health&cohort=march-2020&q=both", ["Both themes"]),
    ],
)
def test_filters_narrow_the_list_and_combine(client, catalogue, query, expected):
    query = query.format(programme=catalogue.programme.slug)
    found = titles(client.get(f"/stories/?{query}"))
    if "q=" in query:  # words order results by relevance (tested in tests/stories/search/)
        found, expected = sorted(found), sorted(expected)
    assert found == expected


def test_facets_count_each_theme_among_current_results(client, catalogue):
    facets = {t.slug: t.story_count for t in client.get("/stories/?tag=covid-19").context["facets"]}
    assert facets == {"health": 1, "system": 2}
    page = client.get("/stories/?tag=covid-19").content.decode()
    assert 'System leadership <span class="count">(2)</span>' in page


def test_active_filters_are_shown_with_links_that_remove_each(client, catalogue):
    page = client.get("/stories/?theme=health&theme=system&tag=covid-19").content.decode()
    assert "Theme: <strong>Health inequalities</strong>" in page
    assert "Tag: <strong>covid-19</strong>" in page
    assert 'href="?theme=system&amp;tag=covid-19"' in page  # removes health only
    assert 'href="?theme=health&amp;theme=system"' in page  # removes the tag only
    assert "Clear all filters" in page


def test_filter_form_keeps_the_current_choices(client, catalogue):
    page = client.get("/stories/?theme=health&tag=covid-19&q=both").content.decode()
    assert 'value="health" checked' in page
    assert 'value="covid-19" selected' in page
    assert 'name="q" value="both"' in page
    assert '<label for="filter-q">Words</label>' in page


def test_pages_of_twelve_with_links_that_keep_the_filters(client):
    theme = make_theme(slug="health")
    moment = timezone.now() - dt.timedelta(days=1)
    for number in range(30):  # same moment: the id breaks the tie
        make_story(title=f"Story number {number}", published_at=moment).themes.add(theme)
    first = client.get("/stories/?theme=health")
    assert len(first.context["page"].object_list) == 12
    assert 'href="?theme=health&amp;page=2" rel="next"' in first.content.decode()
    seen = titles(first)  # page=1 is this address: the page cache serves it (no context)
    for number in (2, 3):
        seen += titles(client.get(f"/stories/?theme=health&page={number}"))
    assert len(seen) == len(set(seen)) == 30, "no story repeated or skipped across pages"
    assert seen[0] == "Story number 29"


def test_no_results_say_so_and_point_to_the_themes(client, catalogue):
    page = client.get("/stories/?q=nothing-like-this").content.decode()
    assert "0 stories" in page
    assert "No stories match these filters." in page
