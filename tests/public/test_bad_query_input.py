"""Whatever arrives in a listing's query string, the reader gets a page, never a 500.

Bad page numbers land on the first or last page, filters that name nothing say
"(not found)" over an empty list, and hostile values come back escaped.
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from public import people_views as participant_views
from tests.factories import make_organisation, make_participant, make_story, make_theme

pytestmark = pytest.mark.django_db

THEME = "health-inequalities"
OTHER_THEME = "system-leadership"
TAG = "covid-19"
LISTINGS = ["/stories/", f"/themes/{THEME}/", f"/tags/{TAG}/", "/participants/", "/organisations/"]
FILTERED_LISTINGS = LISTINGS[:3]

HOSTILE = [
    "'; DROP TABLE stories_story; --",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "no-such-thing",
    "%00",
    "\x00",
]
WELSH = "Llanfairpwllgwyngyll: iechyd a lles ŵ ŷ"
ARABIC = "القيادة الصحية"
EMOJI = "🌍🤝 leadership 🏥"

BAD_QUERIES = {
    "page=0": {"page": "0"},
    "page=-1": {"page": "-1"},
    "page=abc": {"page": "abc"},
    "page=999999": {"page": "999999"},
    "page=5000 nines": {"page": "9" * 5000},
    "page=1.5": {"page": "1.5"},
    "page=NUL": {"page": "\x00"},
    "page twice": {"page": ["2", "abc"]},
    "theme unknown": {"theme": "no-such-theme"},
    "theme x50": {
        "theme": [THEME, "no-such-theme", OTHER_THEME, "x" * 300, "ŵ", ""] * 8
        + [THEME, OTHER_THEME]
    },
    "q 5000 chars": {"q": "leadership " * 454 + "x" * 6},
    "q welsh": {"q": WELSH},
    "q arabic": {"q": ARABIC},
    "q emoji": {"q": EMOJI},
    "q control chars": {"q": "a\x01b\x07c\x1b[31md\x7f\u202eevil\u200b"},
    "q NUL": {"q": "health\x00inequalities"},
    "q only NUL": {"q": "\x00"},
    **{
        f"{name} hostile {n}": {name: value}
        for name in ("tag", "programme", "cohort", "organisation")
        for n, value in enumerate(HOSTILE)
    },
    "every filter hostile": {
        "theme": HOSTILE,
        "tag": HOSTILE[0],
        "programme": HOSTILE[1],
        "cohort": HOSTILE[2],
        "organisation": "<b>x</b>",
        "q": HOSTILE[2],
        "page": "-5",
    },
}


@pytest.fixture
def small_site():
    """Two themes and a tag, with a couple of public stories on them."""
    health = make_theme(name="Health inequalities", slug=THEME)
    system = make_theme(name="System leadership", slug=OTHER_THEME)
    for themes in ([health], [health, system]):
        organisation = make_organisation()
        story = make_story(participant=make_participant(organisation=organisation))
        story.themes.add(*themes)
        story.tags.add(TAG)


@pytest.mark.parametrize("params", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
def test_bad_query_never_gives_a_server_error(client, small_site, params):
    failures = []
    for url in LISTINGS:
        response = client.get(url, params)
        if response.status_code not in (200, 404):
            failures.append(f"{url} {params!r}: {response.status_code}")
        elif response.status_code == 200 and "<script>alert" in response.content.decode():
            failures.append(f"{url} {params!r}: a raw <script> from the query")
    assert not failures, "\n".join(failures)


@pytest.fixture
def thirteen_stories():
    """13 public stories on one theme and tag (two pages of 12), each with its own person
    and organisation; 13 people and organisations make three pages of 5."""
    health = make_theme(name="Health inequalities", slug=THEME)
    system = make_theme(name="System leadership", slug=OTHER_THEME)
    for n in range(13):
        participant = make_participant(organisation=make_organisation())
        story = make_story(participant=participant)
        story.themes.add(health, *([system] if n % 2 else []))
        story.tags.add(TAG)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(participant_views, "PEOPLE_PER_PAGE", 5)
    monkeypatch.setattr(participant_views, "ORGANISATIONS_PER_PAGE", 5)


def current_page(body: str) -> tuple[int, int]:
    """(page number, number of pages), as the pagination bar tells the reader."""
    found = re.search(r'aria-current="page">Page (\d+) of (\d+)<', body)
    assert found, "no pagination bar"
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize("url", LISTINGS)
def test_bad_page_number_gives_the_first_page(client, thirteen_stories, small_pages, url):
    for page in ["abc", "0", "-1", "", "1.5", "9" * 5000]:
        response = client.get(url, {"page": page})
        assert response.status_code == 200, f"{url}?page={page[:20]}"
        assert current_page(response.content.decode())[0] == 1, f"{url}?page={page[:20]}"


@pytest.mark.parametrize("url", LISTINGS)
def test_page_past_the_end_gives_the_last_page(client, thirteen_stories, small_pages, url):
    response = client.get(url, {"page": "999999"})
    assert response.status_code == 200
    number, pages = current_page(response.content.decode())
    assert number == pages > 1


def result_count(body: str) -> str:
    found = re.search(r'<p class="result-count" id="results">([^<]*)</p>', body)
    assert found, "no result count"
    return found.group(1)


@pytest.mark.parametrize("url", ["/stories/", f"/tags/{TAG}/"])
def test_unknown_theme_gives_no_stories_and_says_not_found(client, thirteen_stories, url):
    response = client.get(url, {"theme": "no-such-theme"})
    assert response.status_code == 200
    body = response.content.decode()
    assert result_count(body) == "0 stories"
    assert "Theme: <strong>no-such-theme</strong> (not found)" in body


def test_unknown_theme_among_known_ones_gives_no_stories(client, thirteen_stories):
    response = client.get("/stories/", {"theme": [THEME, "no-such-theme"]})
    body = response.content.decode()
    assert result_count(body) == "0 stories"
    assert "Theme: <strong>Health inequalities</strong>" in body
    assert "Health inequalities</strong> (not found)" not in body
    assert "Theme: <strong>no-such-theme</strong> (not found)" in body


@pytest.mark.parametrize(
    "url,name",
    [
        ("/stories/", "tag"),
        ("/stories/", "programme"),
        ("/stories/", "cohort"),
        ("/stories/", "organisation"),
        (f"/themes/{THEME}/", "tag"),
        (f"/tags/{TAG}/", "programme"),
    ],
)
@pytest.mark.parametrize("value", ["no-such-thing", *HOSTILE[:3]])
def test_unknown_filter_gives_no_stories_and_is_shown_escaped(client, small_site, url, name, value):
    response = client.get(url, {name: value})
    assert response.status_code == 200
    body = response.content.decode()
    assert result_count(body) == "0 stories"
    assert "(not found)" in body
    assert "<script>alert" not in body
    shown = re.search(r": <strong>([^<]*)</strong> \(not found\)", body).group(1)
    assert unescape(shown) == value


def test_hostile_words_come_back_escaped_in_the_search_box(client, small_site):
    response = client.get("/stories/", {"q": "<script>alert(1)</script>"})
    body = response.content.decode()
    assert "<script>alert" not in body
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in body
    assert "Words: <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>" in body


@pytest.mark.parametrize("words", [WELSH, ARABIC, EMOJI])
def test_unicode_words_are_searched_and_shown_back(client, small_site, words):
    response = client.get("/stories/", {"q": words})
    assert response.status_code == 200
    body = response.content.decode()
    # Nothing in the small site is in Welsh or Arabic; emoji are not words, "leadership" is.
    expected = (
        "0 stories"
        if words != EMOJI
        else result_count(client.get("/stories/?q=leadership").content.decode())
    )
    assert result_count(body) == expected
    assert f'value="{words}"' in body


def test_control_characters_are_dropped_from_the_words(client, small_site):
    response = client.get("/stories/", {"q": "health\x00\x1b inequalities\u202e"})
    body = response.content.decode()
    assert 'value="health inequalities"' in body
    for character in ("\x00", "\x1b", "\u202e"):
        assert character not in body


def test_long_words_are_cut_short_not_refused(client, small_site):
    response = client.get("/stories/", {"q": "x" * 5000})
    assert response.status_code == 200
    value = re.search(
        r'id="filter-q" type="search" name="q" value="([^"]*)"', response.content.decode()
    )
    assert 0 < len(value.group(1)) <= 200


def next_link(body: str) -> str:
    found = re.search(r'<a href="([^"]*)" rel="next">', body)
    assert found, "no link to the next page"
    return unescape(found.group(1))


@pytest.mark.parametrize(
    "url,params",
    [
        ("/stories/", {"theme": THEME}),
        ("/stories/", {"theme": THEME, "tag": TAG, "q": "Story"}),
        (f"/themes/{THEME}/", {"tag": TAG}),
        (f"/tags/{TAG}/", {"theme": THEME}),
    ],
)
def test_pagination_links_keep_the_filters(client, thirteen_stories, url, params):
    first = client.get(url, params).content.decode()
    assert result_count(first) == "13 stories, page 1 of 2"
    link = next_link(first)
    query = parse_qs(urlsplit(link).query)
    assert query.pop("page") == ["2"]
    assert query == {name: [value] for name, value in params.items()}

    second = client.get(url + link).content.decode()
    assert result_count(second) == "13 stories, page 2 of 2"


def test_removing_one_of_two_themes_keeps_the_other(client, thirteen_stories):
    body = client.get("/stories/", {"theme": [THEME, OTHER_THEME]}).content.decode()
    assert result_count(body) == "6 stories"
    remove = re.search(
        r'<a href="([^"]*)">Remove<span class="visually-hidden"> '
        r"filter Theme: Health inequalities<",
        body,
    )
    assert remove, "no link to remove the Health inequalities filter"
    link = unescape(remove.group(1))
    assert parse_qs(urlsplit(link).query) == {"theme": [OTHER_THEME]}

    after = client.get("/stories/" + link).content.decode()
    assert result_count(after) == "6 stories"
    assert "Theme: <strong>System leadership</strong>" in after
    assert "Theme: <strong>Health inequalities</strong>" not in after
