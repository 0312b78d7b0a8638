"""Every public page runs a fixed number of queries, however much is on it.

Counts are for a page rendered afresh (not from the page cache), once the
public content version is known to the process; a cached page then runs none.

Each page is measured with a little content and again with much more (more
stories, and more themes, tags, partners and outcomes on each story): the count
must not move. The numbers are the budget; a change that adds a query per card
or per row fails here.
"""

import pytest
from django.core.cache import cache

from pagecache import dependencies
from pagecache.versions import current_token
from stories.models import Story
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

# Each page made afresh reads the tokens of what it shows once (pagecache.dependencies);
# a tag page twice (the public tags, then its own). A listing's filters read the kept
# counts of their choices in one query (stories.facets), plus one that counts when the
# stories are not all public ones or one theme's; a search asks which of its words are
# known (stories.search.spelling), and a search that finds nothing looks for the words
# near them and counts what those find.
BUDGET = {
    "/": 9,
    "/stories/": 10,
    "/stories/?theme=alpha&theme=beta&tag=covid-19": 12,
    "/stories/?programme=le&cohort=le-march-2020&organisation=home-council&q=story": 14,
    "/search/?q=story": 13,
    "/search/?q=story&theme=alpha&tag=covid-19": 14,
    "/search/": 2,
    "/search/?q=nothing-matches-this": 10,
    # A theme page's funder's view (its kept grades, its programmes' pathway steps) and
    # its panel's choices ("Chosen by the panel"), each in one query (issue 22).
    "/themes/alpha/?q=story": 19,
    # The themes with their counts and the id of each one's newest pictured story, then
    # those stories' pictures.
    "/themes/": 3,
    "/themes/alpha/": 17,
    # The outcomes' public evidence comes in one query, however many (issue 22).
    "/stories/the-story/": 11,
    "/tags/covid-19/": 13,
    "/participants/": 3,
    "/participants/pat/": 6,
    "/organisations/": 3,
    "/organisations/home-council/": 9,
    "/feeds/stories/": 4,
    "/feeds/themes/alpha/": 5,
    # The site pages' section: their count and last change in one query, and the tokens of
    # their own keys (renewed as one is saved, not with the stories' listing).
    "/sitemap.xml": 11,
    "/sitemap-pages.xml": 3,
    # The site pages: the page's own token and its row.
    "/accessibility/": 2,
    "/privacy/": 2,
    "/contact/": 2,
    "/sitemap-stories.xml": 3,
    "/robots.txt": 0,
    # Totals, coverage and the network are aggregates: the same queries at any size; the
    # funder's view adds its grades (kept, or one grouped query) and the pathways' steps.
    "/impact/": 15,
    "/impact/?theme=alpha&type=funding&page=2": 19,
    "/impact/?programme=le&cohort=le-march-2020&kind=local_authority": 14,
}


class World:
    """A programme's content that can be grown without changing its URLs."""

    def __init__(self):
        # Three stories, one featured: enough that every list on every page has rows.
        self.alpha = make_theme(name="Alpha", slug="alpha")
        self.beta = make_theme(name="Beta", slug="beta")
        self.cohort = make_cohort(slug="le-march-2020")
        self.cohort.programme.slug = "le"
        self.cohort.programme.save()
        self.home = make_organisation(name="Home Council", slug="home-council")
        self.pat = make_participant(name="Pat", slug="pat", organisation=self.home)
        self.pat.cohorts.add(self.cohort)
        self.story = self.add_story(slug="the-story", participant=self.pat, featured=True)
        self.add_story(participant=self.pat)
        self.add_story(participant=make_participant(organisation=self.home))

    def add_story(self, *, extra: int = 0, **fields):
        story = make_story(**fields)
        # A picture, by name only (no file, no renditions): the themes' index fetches it.
        Story.objects.filter(pk=story.pk).update(hero_image="stories/picture.jpg")
        story.themes.add(self.alpha, self.beta, *[make_theme() for _ in range(extra)])
        story.tags.add("covid-19", *[f"tag {story.pk} {i}" for i in range(extra)])
        make_partner(story, self.home, role="Lead partner")
        make_outcome(story, kind="funding", value=1000, unit="GBP")
        for _ in range(extra):
            make_partner(story)
            make_outcome(story)
        return story

    def grow(self, stories: int, extra: int):
        for _ in range(extra):
            make_partner(self.story)
            make_outcome(self.story)
        for index in range(stories):
            person = self.pat if index % 2 else make_participant(organisation=self.home)
            person.cohorts.add(self.cohort)
            self.add_story(participant=person, extra=extra, featured=index % 3 == 0)


def settle():
    """As on a live site after an edit: the first request works out the next scheduled
    change, the next reads the version once and this process keeps it."""
    current_token()
    current_token()


def test_every_page_runs_its_budget_for_3_stories_and_for_40(client, django_assert_num_queries):
    world = World()
    settle()
    for url, budget in BUDGET.items():
        cache.clear()  # nothing kept: the page's whole cost
        dependencies.forget()
        with django_assert_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url

    world.grow(stories=37, extra=4)  # 3 stories, then 40, each with more on it
    settle()

    for url, budget in BUDGET.items():
        cache.clear()
        dependencies.forget()
        with django_assert_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url


def test_a_cached_page_runs_no_query_whatever_it_shows(client, django_assert_num_queries):
    World()
    for url in BUDGET:
        client.get(url)
    for url in BUDGET:
        with django_assert_num_queries(0, info=url):
            assert client.get(url).status_code == 200, url


# With the page cache off, what a page still runs once counts and option lists
# over the whole archive are kept (pagecache.data): only its own rows.
KEPT_COUNTS_BUDGET = {
    "/": 6,
    "/stories/": 3,
    "/stories/?theme=alpha&theme=beta&tag=covid-19": 4,
    "/search/?q=story": 5,
    "/themes/": 0,
    "/themes/alpha/": 4,
    "/impact/": 1,
    "/impact/?theme=alpha&type=funding": 2,  # and the theme named
}


def test_listings_run_only_their_own_rows_once_counts_are_kept(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    world = World()
    for url in KEPT_COUNTS_BUDGET:
        client.get(url)
    world.grow(stories=20, extra=2)
    for url in KEPT_COUNTS_BUDGET:
        client.get(url)  # the first request after the change counts afresh
    for url, budget in KEPT_COUNTS_BUDGET.items():
        with django_assert_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url
