"""Only `Story.objects.public()` reaches the public, on every public page.

One public story and one story of each kind that must stay hidden (draft, in
review, archived, scheduled for later, past its unpublish time, consent
withdrawn, consent past its end date, participant not agreeing to be named)
share a theme. Each
hidden story has its own participant, employer, partner and tag, seen nowhere
else, so any of them showing up on a public page is a leak.
"""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote_plus

import pytest
from django.utils import timezone

from participants.models import Participant
from stories.models import Story
from tests.factories import (
    make_organisation,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db

THEME_NAME = "Visibility Theme"
THEME_SLUG = "visibility-theme"


@dataclass(frozen=True)
class Shown:
    """The names a story brings onto public pages."""

    title: str
    slug: str
    participant: str
    participant_slug: str
    employer: str
    employer_slug: str
    partner: str
    partner_slug: str
    tag: str
    tag_slug: str

    @property
    def title_words(self) -> str:
        """Words of the title, URL-encoded, that search would match (not the whole title)."""
        return quote_plus(" ".join(self.title.split()[1:3]))

    def markers(self) -> list[str]:
        return [
            self.title,
            self.slug,
            self.participant,
            self.participant_slug,
            self.employer,
            self.employer_slug,
            self.partner,
            self.partner_slug,
            self.tag,
            self.tag_slug,
        ]


PUBLIC = Shown(
    title="Sunlit Allotment Revival",
    slug="sunlit-allotment-revival",
    participant="Pat Openshaw",
    participant_slug="pat-openshaw",
    employer="Openfield Borough Council",
    employer_slug="openfield-borough-council",
    partner="Brightwater Community Trust",
    partner_slug="brightwater-community-trust",
    tag="Allotment Growing",
    tag_slug="allotment-growing",
)

HIDDEN_KINDS = (
    "draft",
    "review",
    "archived",
    "scheduled",
    "expired",
    "withdrawn",
    "lapsed",
    "unnamed",
)


def hidden(kind: str) -> Shown:
    word = kind.title()
    return Shown(
        title=f"Secret {word} Quagga Story",
        slug=f"secret-{kind}-quagga-story",
        participant=f"Concealed {word} Person",
        participant_slug=f"concealed-{kind}-person",
        employer=f"{word} Shadow Employer Ltd",
        employer_slug=f"{kind}-shadow-employer",
        partner=f"{word} Shadow Partner Trust",
        partner_slug=f"{kind}-shadow-partner",
        tag=f"{word} Shadow Tag",
        tag_slug=f"{kind}-shadow-tag",
    )


def hidden_state(kind: str) -> tuple[dict, dict]:
    """(story fields, participant fields) that make a story of this kind."""
    now = timezone.now()
    past = now - dt.timedelta(days=3)
    return {
        "draft": ({"status": Story.Status.DRAFT, "published_at": None}, {}),
        "review": ({"status": Story.Status.REVIEW, "published_at": None}, {}),
        "archived": ({"status": Story.Status.ARCHIVED, "published_at": past}, {}),
        "scheduled": ({"published_at": now + dt.timedelta(days=3)}, {}),
        "expired": ({"published_at": past, "expires_at": now - dt.timedelta(seconds=1)}, {}),
        "withdrawn": ({"published_at": past}, {"consent_withdrawn_at": now}),
        "lapsed": (
            {"published_at": past},
            {"consent_expires_on": timezone.localdate() - dt.timedelta(days=1)},
        ),
        "unnamed": ({"published_at": past}, {"consent_name": False}),
    }[kind]


def build_story(shown: Shown, theme, story_fields=None, participant_fields=None) -> Story:
    employer = make_organisation(name=shown.employer, slug=shown.employer_slug)
    participant = make_participant(
        name=shown.participant,
        slug=shown.participant_slug,
        organisation=employer,
        **(participant_fields or {}),
    )
    story = make_story(
        title=shown.title,
        slug=shown.slug,
        summary=f"What happened in {shown.title}.",
        participant=participant,
        featured=True,
        **(story_fields or {}),
    )
    story.themes.add(theme)
    story.tags.add(shown.tag)
    make_partner(story, make_organisation(name=shown.partner, slug=shown.partner_slug))
    return story


@pytest.fixture
def site():
    theme = make_theme(name=THEME_NAME, slug=THEME_SLUG)
    public = build_story(PUBLIC, theme, {"published_at": timezone.now() - dt.timedelta(days=5)})
    for kind in HIDDEN_KINDS:
        build_story(hidden(kind), theme, *hidden_state(kind))
    assert public.tags.get().slug == PUBLIC.tag_slug
    return public


NO_STORIES = "0 stories"

# (what the reader opens, its address, what it must show of the public story).
# Addresses may name the hidden story's tag, title words or organisations.
PUBLIC_PAGES = [
    ("home page", "/", [PUBLIC.title, PUBLIC.participant]),
    ("story list", "/stories/", [PUBLIC.title, "1 story"]),
    ("story list by theme", f"/stories/?theme={THEME_SLUG}", [PUBLIC.title, "1 story"]),
    ("story list by its tag", "/stories/?tag={tag_slug}", [NO_STORIES]),
    ("story list searched for its title", "/stories/?q={title_words}", [NO_STORIES]),
    ("story list by its employer", "/stories/?organisation={employer_slug}", [NO_STORIES]),
    ("story list by its partner", "/stories/?organisation={partner_slug}", [NO_STORIES]),
    ("theme listing", "/themes/", [THEME_NAME, "1 story"]),
    ("theme page", f"/themes/{THEME_SLUG}/", [PUBLIC.title, "1 story"]),
    ("theme page searched for its title", f"/themes/{THEME_SLUG}/?q={{title_words}}", [NO_STORIES]),
    ("public story page", f"/stories/{PUBLIC.slug}/", [PUBLIC.title]),
    ("public tag page", f"/tags/{PUBLIC.tag_slug}/", [PUBLIC.title]),
    ("participant listing", "/participants/", [PUBLIC.participant]),
    ("public participant page", f"/participants/{PUBLIC.participant_slug}/", [PUBLIC.title]),
    ("organisation listing", "/organisations/", [PUBLIC.employer, PUBLIC.partner]),
    ("public employer page", f"/organisations/{PUBLIC.employer_slug}/", [PUBLIC.title]),
    ("public partner page", f"/organisations/{PUBLIC.partner_slug}/", [PUBLIC.title]),
    ("story feed", "/feeds/stories/", [PUBLIC.title]),
    ("theme feed", f"/feeds/themes/{THEME_SLUG}/", [PUBLIC.title]),
    ("sitemap index", "/sitemap.xml", ["/sitemap-stories.xml"]),
    ("stories sitemap", "/sitemap-stories.xml", [PUBLIC.slug]),
    ("people sitemap", "/sitemap-participants.xml", [PUBLIC.participant_slug]),
    ("organisations sitemap", "/sitemap-organisations.xml", [PUBLIC.employer_slug]),
]

# The theme's own pages, which last only as long as a public story has the theme.
THEME_PAGES = {"theme page", "theme page searched for its title", "theme feed"}

# Pages of the hidden story and of what only it names: none may exist.
HIDDEN_PAGES = [
    ("story page", "/stories/{slug}/"),
    ("tag page", "/tags/{tag_slug}/"),
    ("participant page", "/participants/{participant_slug}/"),
    ("employer page", "/organisations/{employer_slug}/"),
    ("partner page", "/organisations/{partner_slug}/"),
]


def address(template: str, shown: Shown) -> str:
    return template.format(**vars(shown), title_words=shown.title_words)


def leaks(body: str, shown: Shown, url: str) -> list[str]:
    """The names of `shown` on a page, except those the reader typed into its address."""
    return [marker for marker in shown.markers() if marker not in url and marker in body]


def missing(body: str, expected: list[str]) -> list[str]:
    return [text for text in expected if text not in body]


@pytest.mark.parametrize("name,template,expected", PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_hidden_story_is_not_on_public_page(client, site, kind, name, template, expected):
    url = address(template, hidden(kind))
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert leaks(body, hidden(kind), url) == [], f"{kind} story shows on the {name} ({url})"
    assert missing(body, expected) == [], f"{name} ({url}) lacks the public story"


@pytest.mark.parametrize("name,template", HIDDEN_PAGES, ids=[p[0] for p in HIDDEN_PAGES])
@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_hidden_story_has_no_public_page(client, site, kind, name, template):
    url = address(template, hidden(kind))
    response = client.get(url)
    assert response.status_code == 404, f"{kind} story's {name} is public: {url}"
    assert leaks(response.content.decode(), hidden(kind), url) == []


@pytest.mark.parametrize("name,template", HIDDEN_PAGES, ids=[p[0] for p in HIDDEN_PAGES])
def test_public_story_has_its_pages(client, site, name, template):
    url = address(template, PUBLIC)
    response = client.get(url)
    assert response.status_code == 200, url
    assert PUBLIC.title in response.content.decode()


def test_theme_listing_counts_only_the_public_story(client, site):
    body = client.get("/themes/").content.decode()
    card = re.search(rf">{THEME_NAME}</a>.*?<p class=\"count\">([^<]*)</p>", body, re.S)
    assert card, "the theme has no card on /themes/"
    assert card.group(1) == "1 story"


def test_home_page_theme_counts_only_the_public_story(client, site):
    body = client.get("/").content.decode()
    entry = re.search(rf">{THEME_NAME}</a>\s*<span class=\"count\">([^<]*)</span>", body)
    assert entry, "the theme is not listed on the home page"
    assert entry.group(1) == "1 story"


@pytest.mark.parametrize("url", ["/stories/", f"/stories/?theme={THEME_SLUG}"])
def test_theme_facet_on_story_list_counts_only_the_public_story(client, site, url):
    body = client.get(url).content.decode()
    facet = re.search(rf"{THEME_NAME} <span class=\"count\">\((\d+)\)</span>", body)
    assert facet, f"no facet for the theme on {url}"
    assert facet.group(1) == "1"
    assert '<p class="result-count" id="results">1 story</p>' in body


def test_home_page_headline_figures_count_only_the_public_story(client, site):
    response = client.get("/")
    # One story, its participant, its employer and its partner, one theme.
    assert response.context["figures"] == {
        "stories": 1,
        "participants": 1,
        "organisations": 2,
        "themes": 1,
    }
    body = response.content.decode()
    for figure in ["1</strong> story", "1</strong> participant<", "2</strong> organisations"]:
        assert figure in body


def test_people_and_organisation_listings_count_only_public_stories(client, site):
    people = client.get("/participants/").content.decode()
    assert "1 participant with published stories" in people
    assert f"{PUBLIC.participant}</a>" in people
    assert '<p class="count">1 story</p>' in people
    organisations = client.get("/organisations/").content.decode()
    assert "2 organisations" in organisations
    assert '<p class="count">1 story by its people</p>' in organisations
    assert '<p class="count">partner in 1 story</p>' in organisations


def test_withdrawing_consent_removes_the_story_from_every_page_at_once(client, site):
    for _name, template, expected in PUBLIC_PAGES:
        if NO_STORIES not in expected:
            url = address(template, PUBLIC)
            assert missing(client.get(url).content.decode(), expected) == [], url

    person = Participant.objects.get(slug=PUBLIC.participant_slug)
    person.consent_withdrawn_at = timezone.now()
    person.save()  # as the admin saves it

    problems = []
    for name, template, _expected in PUBLIC_PAGES:
        url = address(template, PUBLIC)
        response = client.get(url)
        if response.status_code == 404 and ("public" in name or name in THEME_PAGES):
            # The public story's own pages are gone (checked below), and so are its
            # theme's: a theme is public only through a public story.
            continue
        if response.status_code != 200:
            problems.append(f"{name} ({url}): status {response.status_code}")
        elif found := leaks(response.content.decode(), PUBLIC, url):
            problems.append(f"{name} ({url}) still shows {found}")
    for name, template in HIDDEN_PAGES:
        url = address(template, PUBLIC)
        if (status := client.get(url).status_code) != 404:
            problems.append(f"{name} ({url}): status {status}, not 404")
    assert not problems, "\n".join(problems)

    assert Story.objects.filter(slug=PUBLIC.slug).exists(), "withdrawing consent deletes nothing"
    assert "<strong>0</strong> stories" in client.get("/").content.decode()
    assert "0 stories" in client.get("/stories/").content.decode()
