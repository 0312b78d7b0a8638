"""Whatever a query string, an address or a form holds, a public page answers below 500.

Hypothesis sends every public view the parameters it reads (the listing filters
and `page`, search words, the sitemap's `p`) and names it does not, repeated,
with hostile values: any Unicode text but lone surrogates, NUL and control
characters, numbers past any page, negative numbers, very long strings and the
stored-XSS payloads. A page that answers 200 is of its own type, and an HTML
answer has nothing live in it (tests.security.markup), so a reflected payload
fails too. Examples are derandomised and no database of them is kept, so CI
runs the same cases every time and nothing is written to the repository.
"""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editorial.sharing import create_share_link, share_url
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)
from tests.security.markup import read_page
from tests.security.test_stored_xss import PAYLOADS

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

THEME, TAG, COHORT, ORGANISATION = "fuzz-theme", "fuzz-tag", "fuzz-cohort", "fuzz-organisation"
# What each view reads (stories.filters, the paginators, Django's sitemap view),
# and names it does not, which it must ignore.
KNOWN_NAMES = ["theme", "tag", "programme", "cohort", "organisation", "q", "page", "p"]
KNOWN_NAMES += ["kind", "type", "per_page"]  # the impact report's and the open data's
UNKNOWN_NAMES = ["sort", "year", "format", "callback", "next", "page[]", "q.x", ""]
REAL_VALUES = [THEME, TAG, COHORT, ORGANISATION, "health", "1", "2"]
ODD_VALUES = [
    "",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "9" * 5000,
    "%00",
    "%ff%fe",
    "../../etc/passwd",
    "'; DROP TABLE stories_story; --",
    '"quoted phrase',
    "-",
    '"',
    "* OR NEAR(a b)",
    "\u202eevil\u200b",
]

# Any text but lone surrogates, which no request can carry.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
long_text = st.builds(lambda piece, times: (piece or "x") * times, text, st.integers(50, 300))
value = st.one_of(
    text,
    st.sampled_from(REAL_VALUES + ODD_VALUES + list(PAYLOADS.values())),
    st.integers(-(10**40), 10**40).map(str),
    long_text,
)
name = st.one_of(st.sampled_from(KNOWN_NAMES + UNKNOWN_NAMES), text)
# Lists: a name may be sent several times.
params = st.dictionaries(name, st.lists(value, min_size=1, max_size=4), max_size=6)


@pytest.fixture
def site(db):
    """Something for each filter to find: a theme, tag, cohort, organisation, public and not."""
    theme = make_theme(name="Fuzz theme", slug=THEME)
    organisation = make_organisation(name="Fuzz organisation", slug=ORGANISATION)
    cohort = make_cohort(slug=COHORT)
    for status in ["published", "published", "published", "draft"]:
        person = make_participant(organisation=organisation)
        person.cohorts.add(cohort)
        story = make_story(
            participant=person, status=status, summary="Health and leadership together."
        )
        story.themes.add(theme)
        story.tags.add(TAG)
        make_partner(story)
        make_outcome(story, kind="funding", value=1000, unit="GBP")
    return {"share": share_url(create_share_link(story=story, by=None)), "story": story}


HTML, RSS, XML, TEXT = "text/html", "application/rss+xml", "application/xml", "text/plain"
LISTINGS = ["/stories/", "/search/", f"/themes/{THEME}/", f"/tags/{TAG}/"]
OTHER_PAGES = {
    "/": HTML,
    "/themes/": HTML,
    "/participants/": HTML,
    "/organisations/": HTML,
    "/feeds/stories/": RSS,
    f"/feeds/themes/{THEME}/": RSS,
    "/sitemap.xml": XML,
    "/sitemap-stories.xml": XML,
    "/sitemap-organisations.xml": XML,
    "/robots.txt": TEXT,
}
JSON, CSV = "application/json", "text/csv"
# The impact report and the open data take filters of their own, and paging.
REPORTS = {
    "/impact/": HTML,
    "/api/stories/": JSON,
    "/api/outcomes/": JSON,
    "/api/organisations/": JSON,
    "/impact/export.csv": CSV,
    "/impact/stories.csv": CSV,
}
EVERY_PAGE = dict.fromkeys(LISTINGS, HTML) | OTHER_PAGES | REPORTS


def answered(response, content_type: str = HTML) -> None:
    """Below 500; a 200 of the page's own type; any HTML with nothing live in it."""
    assert response.status_code < 500
    kind = response.get("Content-Type", "")
    if response.status_code == 200:
        assert kind.startswith(content_type), kind
    if kind.startswith(HTML):
        html = response.content.decode()
        assert html.lstrip().lower().startswith("<!doctype html>")
        assert read_page(html).problems == []


def get(client, url: str, data=None):
    # Each example renders afresh: a page cached by an earlier one would hide an error.
    cache.clear()
    return client.get(url, data)


@pytest.mark.parametrize("url", LISTINGS)
@settings(FUZZ, max_examples=60)
@given(query=params)
def test_listing_filters_never_break_a_listing(client, site, url, query):
    answered(get(client, url, query))


@pytest.mark.parametrize("url,content_type", REPORTS.items())
@settings(FUZZ, max_examples=25)
@given(query=params)
def test_report_filters_never_break_a_report_or_an_export(client, site, url, content_type, query):
    response = get(client, url, query)
    answered(response, content_type)
    if response.streaming:
        assert b"".join(response.streaming_content).startswith("\ufeff".encode())


@pytest.mark.parametrize("url,content_type", OTHER_PAGES.items())
@settings(FUZZ, max_examples=12)
@given(query=params)
def test_pages_without_filters_ignore_any_query(client, site, url, content_type, query):
    answered(get(client, url, query), content_type)


# Whatever bytes a query string may hold, percent-escapes that decode to nothing included.
raw_query = st.text(st.sampled_from("abpqt=&;%+#?/\\ 0129fFeE\x00é\u202e<>\"'"), max_size=60)


@FUZZ
@given(url=st.sampled_from(list(EVERY_PAGE)), query=raw_query)
def test_a_raw_query_string_never_breaks_a_page(client, site, url, query):
    answered(get(client, f"{url}?{query}"), EVERY_PAGE[url])


ADDRESSES_WITH_A_PART = [
    "/stories/{}/",
    "/themes/{}/",
    "/tags/{}/",
    "/participants/{}/",
    "/organisations/{}/",
    "/feeds/themes/{}/",
    "/share/{}/",
    "/sitemap-{}.xml",
    "/programmes/{}/brochure/",
    "/programmes/{}/march-2020/brochure/",
]


@settings(FUZZ, max_examples=80)
@given(address=st.sampled_from(ADDRESSES_WITH_A_PART), part=st.one_of(text, value))
def test_any_slug_or_token_in_an_address_is_answered(client, site, address, part):
    url = address.format(quote(part.replace("/", ""), safe=""))
    response = get(client, url)
    assert response.status_code < 500
    if response.get("Content-Type", "").startswith(HTML):
        answered(response, response["Content-Type"])


@settings(FUZZ, max_examples=40)
@given(
    form=st.dictionaries(
        st.sampled_from(["decision", "comment", "version", "csrfmiddlewaretoken", "x"]),
        st.lists(st.one_of(value, st.sampled_from(["approved", "changes", "0"])), max_size=3),
        max_size=5,
    )
)
def test_any_sign_off_form_is_answered(client, site, form):
    """The share page's form: any answer is either recorded (a redirect) or refused with a form."""
    response = client.post(site["share"], form)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        answered(response)
