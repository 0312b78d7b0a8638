"""Filters never offer a choice that shows nothing, and each says how many it shows."""

import re
from urllib.parse import parse_qsl, urlencode

import pytest

from tests.factories import make_cohort, make_participant, make_story, make_theme

pytestmark = pytest.mark.django_db

OPTION = re.compile(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>')
THEME_BOX = re.compile(
    r'<input type="checkbox" id="filter-theme-[^"]*" name="theme" value="([^"]+)"( checked)?>\s*'
    r'<label[^>]*>[^<]*<span class="count">\((\d+)\)</span>'
)


@pytest.fixture
def programme_content(db):
    """Twenty tags, few on each theme; two cohorts; themes sharing some stories."""
    health, housing, carers = (
        make_theme(name="Health", slug="health"),
        make_theme(name="Housing", slug="housing"),
        make_theme(name="Carers", slug="carers"),
    )
    march, june = make_cohort(slug="march"), make_cohort(slug="june")
    for n in range(7):
        person = make_participant()
        person.cohorts.add(march if n % 2 else june)
        story = make_story(title=f"Leisure story {n}", body="<p>Leisure centres and health.</p>")
        story.participant = person
        story.save()
        story.themes.add(housing)
        if n < 5:
            story.themes.add(health)
        story.tags.add(f"tag {n % 3}")
    carers_story = make_story(title="Carers story", body="<p>Respite.</p>")
    carers_story.themes.add(carers)
    carers_story.tags.add(*[f"carers tag {n}" for n in range(17)])
    return health, housing, carers


def filter_bar(page: str) -> str:
    return page.split('class="filters"')[1].split("</form>")[0]


def choices(url: str, page: str) -> list[tuple[str, int]]:
    """Each choice the filter bar offers: the address it leads to, and its number."""
    path, _, query = url.partition("?")
    pairs = [pair for pair in parse_qsl(query) if pair[0] != "page"]
    bar = filter_bar(page)
    offered = []
    for select in re.findall(r'<select id="[^"]+" name="(\w+)">(.*?)</select>', bar, re.S):
        name, options = select
        for value, count in OPTION.findall(options):
            chosen = [pair for pair in pairs if pair[0] != name] + [(name, value)]
            offered.append((f"{path}?{urlencode(chosen)}", int(count)))
    for value, checked, count in THEME_BOX.findall(bar):
        if not checked:
            offered.append((f"{path}?{urlencode([*pairs, ('theme', value)])}", int(count)))
    return offered


def shown(client, url: str) -> int:
    """How many stories the page says it shows."""
    page = client.get(url).content.decode()
    found = re.search(r'id="results">([\d,]+) stor', page)
    return int(found.group(1).replace(",", "")) if found else 0


@pytest.mark.parametrize(
    "url",
    [
        "/stories/",
        "/stories/?theme=housing",
        "/stories/?theme=housing&tag=tag-1",
        "/stories/?cohort=march",
        "/themes/housing/",
        "/themes/housing/?tag=tag-0",
        "/themes/health/?q=leisure",
        "/tags/tag-1/",
        "/search/?q=leisure",
        "/search/?q=leisure&theme=health",
    ],
)
def test_every_choice_shows_as_many_stories_as_it_says(client, programme_content, url):
    page = client.get(url).content.decode()
    offered = choices(url, page)
    assert offered, url
    for address, count in offered:
        assert count > 0, address
        assert shown(client, address) == count, address


def test_a_theme_page_offers_only_the_tags_of_its_own_stories(client, programme_content):
    bar = filter_bar(client.get("/themes/housing/").content.decode())
    assert "tag 0 (3)" in bar and "tag 1 (2)" in bar and "tag 2 (2)" in bar
    assert "carers tag" not in bar


def test_a_search_that_finds_nothing_offers_no_choice(client, programme_content):
    page = client.get("/search/", {"q": "zzyzzx"}).content.decode()
    assert "(0)" not in page
    assert 'name="theme"' not in page.split("<main")[1].split('role="search"')[1]


def test_often_found_with_leads_to_as_many_stories_as_it_says(client, programme_content):
    page = client.get("/themes/health/").content.decode()
    related = page.split('id="related-themes-heading"')[1].split("</section>")[0]
    links = re.findall(r'<a href="([^"]+)">[^<]*<span class="count">\((\d+)\)</span>', related)
    assert links
    for address, count in links:
        assert shown(client, address.replace("&amp;", "&")) == int(count) == 5


def test_a_chosen_filter_that_now_finds_nothing_stays_chosen_without_a_zero(
    client, programme_content
):
    page = client.get("/search/", {"q": "zzyzzx", "tag": "tag-1", "theme": "health"})
    page = page.content.decode()
    bar = filter_bar(page)
    assert "(0)" not in page
    assert 'value="health" checked' in bar
    assert 'value="tag-1" selected' in bar
