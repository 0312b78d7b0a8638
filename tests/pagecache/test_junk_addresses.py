"""Junk addresses make no cache entries (issue 19).

Found by an attacker: the page cache keyed on the whole query string, so 1,300
addresses with made-up parameters made about 970 entries. Now a page is kept
under its canonical address only (the parameters its view reads, cleaned, in
one order), a page whose filters name nothing public is answered but not kept,
and addresses that render the same bytes (a page past the end and the last
page) share one entry.
"""

import datetime as dt
import random
import string
from urllib.parse import urlencode

import pytest
from django.core.cache import cache, caches
from django.utils import timezone

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

# Valid, canonical addresses of every kind of cached public page. Each junk address
# below is one of these with junk added, so at most it shares that page's entry.
# Every list on this small site is one page long.
PAGES = [
    "/",
    "/stories/",
    "/stories/?theme=health",
    "/stories/?theme=health&theme=system",
    "/stories/?tag=covid-19",
    "/stories/?q=leadership",
    "/stories/story-1/",
    "/themes/",
    "/themes/health/",
    "/themes/health/?tag=covid-19",
    "/tags/covid-19/",
    "/tags/covid-19/?theme=health",
    "/participants/",
    "/participants/pat/",
    "/organisations/",
    "/organisations/home-council/",
    "/search/",
    "/search/?q=leadership",
    "/feeds/stories/",
    "/feeds/themes/health/",
    "/sitemap.xml",
    "/sitemap-stories.xml",
    "/sitemap-themes.xml",
    "/impact/",
    "/impact/?theme=health",
    "/impact/?type=funding",
    "/api/stories/",
    "/api/stories/?theme=system",
    "/api/outcomes/",
    "/api/organisations/",
    "/programmes/le/brochure/",
    "/programmes/le/le-march-2020/brochure/",
]
# Streamed downloads: never kept, but they answer junk too.
DOWNLOADS = ["/impact/export.csv", "/impact/stories.csv", "/impact/organisations.csv"]
# Addresses whose slug names nothing public (the draft's theme and tag among them).
MISSING = [
    "/themes/{}/",
    "/tags/{}/",
    "/participants/{}/",
    "/organisations/{}/",
    "/feeds/themes/{}/",
    "/stories/{}/",
    "/programmes/{}/brochure/",
    "/programmes/le/{}/brochure/",
]
FILTERS = ["theme", "tag", "programme", "cohort", "organisation", "kind", "type"]
BAD_PAGES = ["abc", "0", "-1", "1.5", "", " 1", "01", "999999", "9" * 5000, "\uff12", "1e3"]
BAD_PER_PAGE = ["abc", "0", "-5", "100000", "50"]
# What the report keeps for filters that name nothing, once: a count for each of the four
# listings, their theme counts, the report's four figures, and its funder's view with its
# (empty) pathway charts.
KEPT_FOR_NAMING_NOTHING = 11


@pytest.fixture
def site():
    """Six public stories on two themes, a tag, a programme, a cohort and an organisation;
    a draft with a theme and a tag of its own."""
    health = make_theme(name="Health", slug="health")
    system = make_theme(name="System", slug="system")
    hidden = make_theme(name="Hidden", slug="hidden")
    home = make_organisation(name="Home Council", slug="home-council")
    cohort = make_cohort(slug="le-march-2020")
    cohort.programme.slug = "le"
    cohort.programme.save()
    pat = make_participant(name="Pat", slug="pat", organisation=home)
    pat.cohorts.add(cohort)
    for n in range(1, 7):
        story = make_story(
            slug=f"story-{n}", participant=pat, summary="Health and leadership together."
        )
        story.themes.add(health, *([system] if n % 2 else []))
        story.tags.add("covid-19")
        make_partner(story, home)
        make_outcome(story, kind="funding", value=1000, unit="GBP")
    draft = make_story(slug="draft", participant=pat, status="draft", published_at=None)
    draft.themes.add(hidden)
    draft.tags.add("draft-only")


def junk_word(rng: random.Random) -> str:
    return "zq" + "".join(rng.choices(string.ascii_lowercase + string.digits, k=8))


def junk_value(rng: random.Random) -> str:
    return rng.choice(
        [
            junk_word(rng),
            str(rng.randrange(10**12)),
            "x" * rng.randrange(201, 3000),
            "<script>alert(1)</script>",
            "\x00" + junk_word(rng),
            "".join(rng.choices("éŵ🌍\u202e ", k=6)),
        ]
    )


def junk_pairs(rng: random.Random, base_query: str) -> list[tuple[str, str]]:
    """The page's own parameters, shuffled, with one to three kinds of junk added."""
    pairs = [tuple(pair.split("=")) for pair in base_query.split("&") if pair]
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        if kind == 0:  # a parameter no page reads
            name = rng.choice(["utm_source", "fbclid", "page[]", "q.x", "", junk_word(rng)])
            pairs.append((name, junk_value(rng)))
        elif kind == 1:  # a filter naming nothing, or something only the draft has
            value = rng.choice([junk_word(rng), "hidden", "draft-only", "x" * 300])
            pairs.append((rng.choice(FILTERS), value))
        elif kind == 2:  # a page that is not one, or is past the end
            pairs.append((rng.choice(["page", "page", "p"]), rng.choice(BAD_PAGES)))
            if rng.random() < 0.3:
                pairs.append(("per_page", rng.choice(BAD_PER_PAGE)))
        elif kind == 3:  # a value the page has, again (or page 1, which every page has)
            pairs += (pairs[:1] or [("page", "1")]) * rng.randint(1, 3)
        elif kind == 4:  # the page's own words (or none), padded far past any length
            words = dict(pairs).get("q", "")
            padding = rng.choice([" ", "\x00", "\u200b", "\t\n"]) * rng.randrange(201, 5000)
            pairs = [pair for pair in pairs if pair[0] != "q"] + [("q", words + padding)]
        else:  # an empty value
            pairs.append((rng.choice(["q", "theme", "tag", "kind", "page"]), ""))
    rng.shuffle(pairs)
    return pairs


def junk_addresses(count: int) -> list[tuple[str, list]]:
    rng = random.Random(19)
    addresses = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.1:
            slug = rng.choice([junk_word(rng), "hidden", "draft-only", "draft"])
            addresses.append((rng.choice(MISSING).format(slug), []))
        elif roll < 0.13:
            addresses.append((rng.choice(DOWNLOADS), junk_pairs(rng, "")))
        else:
            path, _, query = rng.choice(PAGES).partition("?")
            addresses.append((path, junk_pairs(rng, query)))
    return addresses


def entries(prefix: str) -> set[str]:
    """The live entries of the local-memory cache whose key starts with `prefix`."""
    return {key for key in cache._cache if key.split(":", 2)[2].startswith(prefix)}


def get(client, path: str, pairs=()):
    """The address with `pairs` as sent, repeats and order kept; a download read in full."""
    response = client.get(f"{path}?{urlencode(pairs)}" if pairs else path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.fixture
def every_entry_counted(monkeypatch):
    monkeypatch.setattr(caches["default"], "_max_entries", 10**6)  # none culled


def test_a_thousand_junk_addresses_add_no_page_to_the_cache(client, site, every_entry_counted):
    for page in PAGES:
        assert client.get(page).status_code == 200, page
    pages = entries("page:")
    assert len(pages) == len(PAGES)

    for path, pairs in junk_addresses(1000):
        assert get(client, path, pairs).status_code < 500, (path, pairs)
    # At most one: the open data's empty answer, the same bytes for every filter there
    # that names nothing (on any of its addresses), kept once.
    assert len(entries("page:") - pages) <= 1


def test_junk_keeps_a_fixed_few_results_for_filters_naming_nothing(
    client, site, every_entry_counted
):
    for page in PAGES:
        client.get(page)
    pages, data = entries("page:"), entries("data:")
    for path, pairs in junk_addresses(300):
        get(client, path, pairs)
    # At most the open data's one empty answer (see above), and one count per API
    # address for filters that name nothing.
    assert len(entries("page:") - pages) <= 1
    assert len(entries("data:") - data) <= KEPT_FOR_NAMING_NOTHING + 2


def from_the_cache(response) -> bool:
    """No template was rendered: the page came from the cache."""
    return response.status_code == 200 and response.context is None


def test_valid_filtered_pages_are_kept_whatever_the_order_or_the_extras(client, site):
    first = client.get("/stories/?theme=health&theme=system")
    assert not from_the_cache(first) and first.context["page"].paginator.count == 3
    for again in [
        "/stories/?theme=health&theme=system",
        "/stories/?theme=system&theme=health",
        "/stories/?theme=system&utm_source=newsletter&theme=health&theme=system&page=1",
        "/stories/?theme=%20system%00&theme=health&page=abc",
    ]:
        assert from_the_cache(client.get(again)), again


def test_unknown_parameters_are_served_the_page_kept_for_the_bare_address(client, site):
    client.get("/")
    assert from_the_cache(client.get("/?utm_source=newsletter&fbclid=abc"))
    client.get("/themes/health/")
    assert from_the_cache(client.get("/themes/health/?theme=system&sort=new"))


def test_words_past_their_length_or_padded_are_the_same_search(client, site):
    client.get("/search/?q=leadership")
    assert from_the_cache(client.get("/search/?q=%20leadership%00%E2%80%8B" + "+" * 3000))
    client.get("/search/?q=" + "x" * 200)
    assert from_the_cache(client.get("/search/?q=" + "x" * 5000))


def test_filters_naming_nothing_are_answered_but_never_kept(client, site, every_entry_counted):
    for address in [
        "/stories/?theme=no-such-theme",
        "/stories/?theme=hidden",  # only a draft has it
        "/tags/covid-19/?programme=nope",
        "/search/?tag=draft-only",
        "/impact/?kind=nope",
    ]:
        for _ in range(2):
            response = client.get(address)
            assert response.status_code == 200 and not from_the_cache(response), address
            assert "private" in response["Cache-Control"], address  # nor by a proxy
    assert entries("page:") == set()


@pytest.fixture
def thirteen_stories():
    """Two pages of stories (twelve a page)."""
    moment = timezone.now() - dt.timedelta(days=1)
    for n in range(13):
        make_story(title=f"Story {n}", published_at=moment)


def test_a_page_past_the_end_shares_the_last_pages_entry(
    client, thirteen_stories, every_entry_counted
):
    client.get("/stories/?page=999999")  # the last page, page 2
    assert len(entries("page:")) == 1
    # The real address takes the entry over: the links a reader follows lead there.
    assert not from_the_cache(client.get("/stories/?page=2"))
    assert from_the_cache(client.get("/stories/?page=2"))
    for past in ["/stories/?page=3", "/stories/?page=999999", "/stories/?page=12345678901"]:
        response = client.get(past)
        assert response.status_code == 200 and "Story 0" in response.content.decode()
    assert len(entries("page:")) == 1
    client.get("/stories/")
    assert len(entries("page:")) == 2


def test_a_list_without_filters_keeps_one_entry_for_pages_past_its_end(
    client, site, every_entry_counted
):
    for page in ["", "?page=2", "?page=3", "?page=999999", "?page=abc"]:
        assert client.get(f"/participants/{page}").status_code == 200
        assert client.get(f"/api/organisations/{page}").status_code == 200
    assert len(entries("page:")) == 2
