import json
import re

import pytest

from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    council = make_organisation(name="Ipswich Borough Council", slug="ipswich")
    person = make_participant(
        name="Andrew Wilesmith",
        job_title="Operations Manager, Sport and Leisure",
        organisation=council,
    )
    person.cohorts.add(make_cohort(name="March 2020"))
    story = make_story(
        title="From leisure centres to community health",
        participant=person,
        summary="A Section 75 award and a new way of working.",
        pull_quote="It isn't rocket science",
        body="<h2>Groundwork</h2><p>Relationships came first.</p>",
    )
    story.themes.add(make_theme(name="Health inequalities"), make_theme(name="System leadership"))
    story.tags.add("covid-19")
    make_partner(
        story, make_organisation(name="Suffolk Mind", slug="suffolk-mind"), role="Delivery partner"
    )
    make_outcome(story, description="Section 75 funding award", value=250000, unit="GBP")
    make_outcome(story, description="New engagement officers", value=3, unit="posts")
    return story


def test_story_page_shows_everything_a_reader_needs(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    for text in [
        "<h1>From leisure centres to community health</h1>",
        'href="/participants/',
        "Andrew Wilesmith</a>, Operations Manager, Sport and Leisure",
        'href="/organisations/ipswich/">Ipswich Borough Council</a>',
        "March 2020 cohort",
        "“It isn&#x27;t rocket science”",
        "A Section 75 award and a new way of working.",
        "<h2>Groundwork</h2><p>Relationships came first.</p>",
        'href="/organisations/suffolk-mind/">Suffolk Mind</a>: Delivery partner',
        "<strong>£250,000</strong>: Section 75 funding award",
        "<strong>3 posts</strong>: New engagement officers",
        '">Health inequalities</a>',
        'href="/tags/covid-19/">covid-19</a>',
    ]:
        assert text in page, text


def test_related_stories_share_most_themes_first(client, story):
    first, second = story.themes.all()
    two = make_story(title="Shares two themes")
    two.themes.add(first, second)
    one = make_story(title="Shares one theme")
    one.themes.add(first)
    make_story(title="Shares nothing")
    related = [s.title for s in client.get(story.get_absolute_url()).context["related"]]
    assert related == ["Shares two themes", "Shares one theme", "Shares nothing"][: len(related)]
    assert related[:2] == ["Shares two themes", "Shares one theme"]


def test_related_stories_are_between_three_and_six(client, story):
    theme = story.themes.first()
    for _ in range(9):
        make_story().themes.add(theme)
    assert len(client.get(story.get_absolute_url()).context["related"]) == 6


def test_related_fill_up_to_three_when_few_share_a_theme(client, story):
    make_story(title="Other one")
    make_story(title="Other two")
    make_story(title="Other three")
    make_story(title="Other four")
    assert len(client.get(story.get_absolute_url()).context["related"]) == 3


def test_story_page_has_article_json_ld_with_author_and_publisher(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Article"
    assert data["headline"] == story.title
    assert data["author"]["name"] == "Andrew Wilesmith"
    assert data["author"]["worksFor"]["name"] == "Ipswich Borough Council"
    assert data["publisher"]["@type"] == "Organization"
    assert data["mainEntityOfPage"].endswith(story.get_absolute_url())


def test_json_ld_cannot_be_broken_out_of_by_an_editor(client):
    story = make_story(title="</script><script>alert(1)</script>")
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page


def test_story_page_has_title_description_canonical_and_open_graph(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<title>From leisure centres to community health · " in page
    assert (
        '<meta name="description" content="A Section 75 award and a new way of working.">' in page
    )
    assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:title" content="From leisure centres to community health">' in page
