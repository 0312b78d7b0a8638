"""Every public page has a title and description of its own, a canonical URL and Open Graph tags."""

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import (
    make_organisation,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    theme = make_theme(name="Health inequalities", summary="Fairer health for all.")
    council = make_organisation(name="Ipswich Borough Council")
    person = make_participant(name="Andrew Wilesmith", organisation=council)
    story = make_story(title="A story of impact", participant=person, summary="What changed.")
    story.themes.add(theme)
    story.tags.add("covid-19")
    make_partner(story, council)
    return [
        "/",
        "/stories/",
        "/themes/",
        theme.get_absolute_url(),
        story.get_absolute_url(),
        "/tags/covid-19/",
        "/participants/",
        person.get_absolute_url(),
        "/organisations/",
        council.get_absolute_url(),
    ]


def head(page: str, pattern: str) -> str:
    match = re.search(pattern, page)
    assert match, pattern
    return match.group(1)


def test_each_page_has_its_own_title_description_canonical_and_open_graph(client, urls):
    titles, descriptions = set(), set()
    for url in urls:
        page = client.get(url).content.decode()
        titles.add(head(page, r"<title>(.+?)</title>"))
        descriptions.add(head(page, r'<meta name="description" content="([^"]+)">'))
        assert head(page, r'<link rel="canonical" href="([^"]+)">') == f"http://testserver{url}"
        assert head(page, r'<meta property="og:title" content="([^"]+)">')
        assert page.count("<h1") == 1, f"{url} has one h1"
        assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page
    assert len(titles) == len(urls), "no two pages share a title"
    assert len(descriptions) == len(urls), "descriptions are page-specific"


def test_custom_500_page_renders_in_the_site_look_without_a_database():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page
    assert "Skip to main content" in page


def test_custom_404_page_offers_ways_back(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and 'href="/stories/"' in page
