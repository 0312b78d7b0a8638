"""A walk of every public address: no word of a story the public may not see is on any page.

One story of each kind that `Story.objects.public()` leaves out (draft, in
review, archived, scheduled, expired, and each way consent can fail) carries
words found nowhere else: in its title, slug, summary, body, quote, tag,
outcome, partner role, its participant's name, job title and bio, their
employer, cohort and programme, and its partner. So does a public story's
quote whose participant has not agreed to be quoted. The walk starts from every
URL name the site has, reversed, follows every link it finds, searches for the
words and filters by what only a hidden story names. It is made as an
anonymous reader and again as a logged-in contributor, who must see the same
pages. The public story's words must turn up, so a walk that reached nothing
would fail.
"""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import deque
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from editorial.sharing import create_share_link, revoke_share_link, share_url
from notifications.unsubscribe import make_token
from pagecache import versions
from participants.models import Participant
from participants.querysets import public_story
from public import people_views as participant_views
from public.sitemaps import SITEMAPS
from stories import pagination
from stories.models import Evidence, Story
from tests.factories import (
    make_cohort,
    make_evidence,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_story,
    make_theme,
)
from tests.public.test_public_visibility import HIDDEN_KINDS, hidden_state
from tests.security.markup import read_page

pytestmark = pytest.mark.django_db

PAST = dict(published_at=timezone.now() - dt.timedelta(days=3))
MORE_HIDDEN_STATES = {
    "printonly": ({}, {"consent_scope": Participant.ConsentScope.PRINT}),
    "internal": ({}, {"consent_scope": Participant.ConsentScope.INTERNAL}),
    "noconsent": ({}, {"consent_given": False}),
}
KINDS = [*HIDDEN_KINDS, *MORE_HIDDEN_STATES]
# Every story shows these fields; each gets a word of its own.
FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "quote",
    "tag",
    "outcome",
    "role",
    "person",
    "personslug",
    "job",
    "bio",
    "employer",
    "employerslug",
    "partner",
    "partnerslug",
    "cohort",
    "cohortslug",
    "programme",
    "programmeslug",
    "evidence",
    "evidencefile",
]
SHARED_KIND = "review"  # its live share link shows it, and only it
# A guard against a walk lost in endless addresses: about 640 pages are walked now.
MAX_PAGES = 900


def word(kind: str, field: str) -> str:
    """A word no page has unless the story of `kind` is on it."""
    return f"{field}{kind}quagga"


@dataclass
class Site:
    hidden: dict[str, Story]
    public: Story
    theme_slug: str
    share_links: dict[str, str]  # what the link is -> its address
    secrets: dict[str, list[str]]  # a story's label -> the words only it shows


def story_of(kind: str, theme, story_fields=None, participant_fields=None) -> Story:
    """A story whose every shown field holds the word of `kind` for that field."""
    w = {field: word(kind, field) for field in FIELDS}
    programme = make_programme(name=w["programme"], slug=w["programmeslug"])
    cohort = make_cohort(programme=programme, name=w["cohort"], slug=w["cohortslug"])
    person = make_participant(
        name=w["person"],
        slug=w["personslug"],
        job_title=w["job"],
        bio=w["bio"],
        organisation=make_organisation(name=w["employer"], slug=w["employerslug"]),
        **(participant_fields or {}),
    )
    person.cohorts.add(cohort)
    story = make_story(
        title=f"The {w['title']} story",
        slug=w["slug"],
        summary=f"What the {w['summary']} did.",
        body=f"<p>In the {w['body']} project.</p>",
        pull_quote=f"We {w['quote']} it.",
        participant=person,
        featured=True,
        **(story_fields or {}),
    )
    story.themes.add(theme)
    story.tags.add(w["tag"])
    make_partner(story, make_organisation(name=w["partner"], slug=w["partnerslug"]), w["role"])
    outcome = make_outcome(story, description=f"A {w['outcome']} outcome")
    # Public evidence with a file whose very words are secret: served while the story is.
    upload = SimpleUploadedFile("notes.txt", f"Notes on the {w['evidencefile']}.".encode())
    make_evidence(outcome, description=f"The {w['evidence']} minutes", url="", file=upload)
    return story


@pytest.fixture
def site(db, monkeypatch) -> Site:
    # Small pages, so the walk meets pagination with a handful of stories.
    monkeypatch.setattr(pagination, "STORIES_PER_PAGE", 2)
    monkeypatch.setattr(participant_views, "PEOPLE_PER_PAGE", 2)
    monkeypatch.setattr(participant_views, "ORGANISATIONS_PER_PAGE", 2)
    theme = make_theme(name="Walked theme", slug="walked-theme")
    public = story_of("public", theme, PAST)
    unquoted = story_of("unquoted", theme, PAST)
    person = unquoted.participant
    person.consent_quotes = (
        False  # taken back after the quote was searchable, as the admin saves it
    )
    person.save()
    make_story(title="A third public story").themes.add(theme)
    hidden = {}
    for kind in KINDS:
        story_fields, person_fields = MORE_HIDDEN_STATES.get(kind) or hidden_state(kind)
        hidden[kind] = story_of(kind, theme, PAST | story_fields, person_fields)
    assert Story.objects.public().count() == 3

    live = create_share_link(story=hidden[SHARED_KIND], by=None, label="Reviewer")
    expired = create_share_link(story=hidden["draft"], by=None, label=word("draft", "label"))
    expired.expires_at = timezone.now() - dt.timedelta(seconds=1)
    expired.save()
    revoked = create_share_link(story=hidden["draft"], by=None, label=word("draft", "label"))
    revoke_share_link(link=revoked, by=None)
    links = {"live": share_url(live), "expired": share_url(expired), "revoked": share_url(revoked)}

    secrets = {kind: [word(kind, field) for field in FIELDS] for kind in KINDS}
    secrets["draft"].append(word("draft", "label"))
    secrets["unquoted quote"] = [word("unquoted", "quote")]
    return Site(hidden, public, theme.slug, links, secrets)


def every_url_name(patterns=None, namespace="") -> set[str]:
    """The name of every URL pattern outside the admin, with its namespace."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                names |= every_url_name(pattern.url_patterns, inner)
        elif pattern.name and not str(pattern.pattern).startswith("admin/"):
            names.add(namespace + pattern.name)
    return names


def seeds(site: Site) -> dict[str, list[dict]]:
    """For each URL name, the arguments the walk reverses it with: public and hidden alike."""
    every = [site.public, *site.hidden.values()]
    slug = [{"slug": story.slug} for story in every]
    cohorts = [cohort for story in every for cohort in story.participant.cohorts.all()]
    return {
        "stories:home": [{}],
        "stories:list": [{}],
        "stories:detail": slug,
        "stories:shared": [
            {"token": link.rsplit("/", 2)[-2]} for link in site.share_links.values()
        ],
        "stories:search": [{}],
        "stories:themes": [{}],
        "stories:theme": [{"slug": site.theme_slug}],
        "stories:tag": [{"slug": story.tags.get().slug} for story in every],
        "stories:feed": [{}],
        "stories:theme_feed": [{"slug": site.theme_slug}],
        "participants:participants": [{}],
        "participants:participant": [{"slug": story.participant.slug} for story in every],
        "participants:organisations": [{}],
        "participants:organisation": [
            {"slug": organisation.slug}
            for story in every
            for organisation in [story.participant.organisation, *story.partners.all()]
        ],
        "impact:index": [{}],
        "impact:outcomes_csv": [{}],
        "impact:stories_csv": [{}],
        "impact:organisations_csv": [{}],
        "impact:api_stories": [{}],
        "impact:api_outcomes": [{}],
        "impact:api_organisations": [{}],
        "impact:brochure": [{"slug": cohort.programme.slug} for cohort in cohorts],
        "impact:report": [{"slug": cohort.programme.slug} for cohort in cohorts],
        "impact:cohort_brochure": [
            {"slug": cohort.programme.slug, "cohort": cohort.slug} for cohort in cohorts
        ],
        "sitemap": [{}],
        "sitemap-section": [{"section": section} for section in SITEMAPS],
        "robots": [{}],
        # The site's own pages: they name no story, but the walk reads them all the same.
        "pages:accessibility": [{}],
        "pages:privacy": [{}],
        "pages:contact": [{}],
        # The participant's side: without their session, a way in and nothing else.
        "portal:home": [{}],
        "portal:enter": [{"token": "not-a-token"}],
        "portal:new_link": [{}],
        "portal:sign_out": [{}],
        # A participant's own pages (portal): without their session, a page that says so.
        "portal:story": [{"pk": story.pk} for story in every],
        "portal:consent": [{}],
        "portal:consent_withdraw": [{}],
        "portal:data": [{}],
        "portal:data_download": [{}],
        # The story form's pages: a draft's number is no way in without its session.
        "portal:story_new": [{}],
        "portal:drafts": [{}],
        "portal:draft_carry_on": [{"pk": 1}],
        "portal:draft_check": [{"pk": 1}],
        "portal:draft_delete": [{"pk": 1}],
        "portal:draft_step": [{"pk": 1, "step": "about"}],
        # Pictures are served only while what they show is public (tests/images/ says so
        # in full); these stories have none, so each address is a 404 for everyone.
        "picture": [
            {"name": f"renditions/stories.story/{story.pk}/hero_image-x/card-400.jpeg"}
            for story in every
        ],
        # Evidence files are served only while marked public on a public story: each
        # story has one, marked public, so only the public story's is found.
        "evidence_file": [
            {"pk": item.pk, "name": item.public_address.rsplit("/", 1)[1]}
            for story in every
            for outcome in story.outcomes.all()
            for item in outcome.evidence.all()
        ]
        + [{"pk": story.pk, "name": "board-paper.pdf"} for story in every],
        # An unsubscribe link's page names an email, never a story.
        "notifications:unsubscribe": [
            {"token": make_token("consent_ending", participant=story.participant)}
            for story in every
        ],
    }


def searches(site: Site) -> list[str]:
    """Each hidden story looked for by its words, and filtered for by what only it names."""
    listings = ["/search/", "/stories/", f"/themes/{site.theme_slug}/"]
    listings.append(f"/tags/{site.public.tags.get().slug}/")
    urls = []
    for kind in [*KINDS, "unquoted"]:
        looked_for = [
            " ".join(word(kind, field) for field in ("title", "summary", "body")),
            word(kind, "person"),  # one longer word: PostgreSQL also matches it fuzzily
            word(kind, "quote"),
        ]
        urls += [f"{listing}?{urlencode({'q': q})}" for listing in listings for q in looked_for]
        filters = {
            "tag": word(kind, "tag"),
            "organisation": word(kind, "employerslug"),
            "cohort": word(kind, "cohortslug"),
            "programme": word(kind, "programmeslug"),
        }
        urls += [f"/stories/?{urlencode({name: value})}" for name, value in filters.items()]
        # The open data takes the listing's filters; the impact report its own.
        urls += [f"/api/stories/?{urlencode({name: value})}" for name, value in filters.items()]
        urls += [f"/api/stories/?{urlencode({'q': q})}" for q in looked_for]
        for report in ("/impact/", "/impact/export.csv", "/api/outcomes/"):
            urls += [
                f"{report}?{urlencode({name: filters[name]})}" for name in ("cohort", "programme")
            ]
        # Narrowed by grade as the funder's figures link to them (read, not walked on).
        for report in ("/impact/", "/api/outcomes/"):
            urls += [
                f"{report}?{urlencode({'programme': filters['programme'], **graded})}"
                for graded in GRADED
            ]
    return [*urls, "/stories/?page=999", "/stories/?page=-1", "/participants/?page=2"]


# The funder's view links each figure to the ledger narrowed by grade, on every narrowed
# report: read each such page, but walk on from none (its links only narrow it further).
GRADE_FILTERS = {"level", "verification", "intended", "step", "evidenced", "verified"}


def links_in(url: str, response, content: str) -> list[str]:
    """The site's own addresses a page links to, made absolute paths."""
    if response["Content-Type"].startswith(("text/csv", "application/json")):
        return []  # data, not pages: what it holds is checked for leaks, not walked
    if GRADE_FILTERS & {name for name, _ in parse_qsl(urlsplit(url).query)}:
        return []
    if response["Content-Type"].startswith(("application/xml", "application/rss+xml")):
        found = [element.text or "" for element in ET.fromstring(content).iter()]
        found = [text for text in found if text.startswith("http://testserver/")]
    else:
        page = read_page(content)
        found = [value for _, name, value in page.attributes if name in ("href", "action")]
    addresses = []
    for link in found:
        parts = urlsplit(urljoin(url, link))
        if parts.netloc not in ("", "testserver") or parts.path.startswith(NOT_WALKED):
            continue
        addresses.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return addresses


NOT_WALKED = ("/admin/", "/static/", "/media/")
GRADED = [
    {"level": "results", "verification": "independent"},
    {"intended": "no", "evidenced": "1", "verified": "1"},
]


def body_of(response) -> str:
    # The CSV exports are streamed.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def walk(client, start: list[str]) -> dict[str, tuple[int, str]]:
    """Every page reached from `start` by links: address -> (status, body and Location)."""
    seen, queue, pages = set(start), deque(start), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        pages[url] = (response.status_code, body_of(response) + response.get("Location", ""))
        if response.status_code == 200:
            for link in links_in(url, response, pages[url][1]):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
    assert not queue, f"more than {MAX_PAGES} pages: the walk is lost"
    return pages


def start_of_walk(site: Site) -> list[str]:
    urls = [
        reverse(name, kwargs=kwargs)
        for name, arguments in seeds(site).items()
        for kwargs in arguments
    ]
    return urls + searches(site)


def leaks(site: Site, url: str, body: str) -> list[str]:
    """Secret words on a page, except those typed in its address (a search shows them back)."""
    allowed = {SHARED_KIND} if url == site.share_links["live"] else set()
    return [
        f"{url}: {label} story's {secret}"
        for label, words in site.secrets.items()
        if label not in allowed
        for secret in words
        if secret in body and secret not in url
    ]


def test_no_word_of_a_non_public_story_reaches_any_public_page(client, site, contributor):
    pages = walk(client, start_of_walk(site))
    problems = [leak for url, (_, body) in pages.items() for leak in leaks(site, url, body)]
    assert not problems, "\n".join(problems)

    # The walk reached the public story's every field (the unquoted one's quote excepted).
    everything = "".join(body for _, body in pages.values())
    assert [w for f in FIELDS if (w := word("public", f)) not in everything] == []
    assert word("unquoted", "title") in everything
    assert len(pages) > 150, f"only {len(pages)} pages walked"

    # A contributor, logged in, is shown the very same pages, rendered afresh.
    cache.clear()
    versions.forget()
    client.force_login(contributor)
    differences = []
    for url, (status, body) in pages.items():
        response = client.get(url)
        seen = (response.status_code, body_of(response) + response.get("Location", ""))
        if (seen[0], as_compared(seen[1])) != (status, as_compared(body)):
            differences.append(f"{url}: {status} for the public, {seen[0]} for a contributor")
    assert not differences, "\n".join(differences)


def without_csrf(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def as_compared(body: str) -> str:
    """A page without what differs by visit: the CSRF token, a share page's pictures'
    signatures (timestamped), and the note telling signed-in staff they cannot answer."""
    body = re.sub(r"sig=[-\w:.]+", "sig=", without_csrf(body))
    return re.sub(r'<p class="sign-off-staff".*?</p>', "", body, flags=re.S)


def hidden_addresses(site: Site) -> list[str]:
    """The pages of hidden stories and of all that only they name, and dead share links."""
    urls = [site.share_links["expired"], site.share_links["revoked"]]
    for story in site.hidden.values():
        urls += [story.get_absolute_url(), f"/tags/{story.tags.get().slug}/"]
        urls += [story.participant.get_absolute_url()]
        urls += [
            o.get_absolute_url() for o in [story.participant.organisation, *story.partners.all()]
        ]
        urls += [item.public_address for item in Evidence.objects.filter(outcome__story=story)]
    return urls


@pytest.mark.parametrize("who", ["anonymous", "contributor"])
def test_pages_of_non_public_stories_are_not_found_for_everyone(client, site, contributor, who):
    if who == "contributor":
        client.force_login(contributor)
    problems = []
    for url in hidden_addresses(site):
        response = client.get(url)
        if response.status_code != 404:
            problems.append(f"{url}: {response.status_code}")
        problems += leaks(site, url, body_of(response))
    for public_url in [site.public.get_absolute_url(), site.share_links["live"]]:
        assert client.get(public_url).status_code == 200, "the same pages exist when public"
    assert not problems, "\n".join(problems)


def test_staff_previews_are_not_for_anonymous_readers(client, site):
    for story in site.hidden.values():
        response = client.get(f"/admin/stories/story/{story.pk}/preview/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert leaks(site, "", body_of(response)) == []


def test_the_walk_starts_from_every_url_name(site):
    assert set(seeds(site)) == every_url_name()


def test_each_condition_of_being_public_is_broken_by_a_hidden_story(site):
    """Each clause of `public()` is unmet by a hidden story: the walk misses no way to be hidden."""
    hidden = Story.objects.filter(pk__in=[story.pk for story in site.hidden.values()])
    condition = public_story()
    assert condition.connector == "AND" and not condition.negated
    for clause in condition.children:
        clause = clause if hasattr(clause, "connector") else type(condition)(clause)
        assert hidden.exclude(clause).exists(), f"no hidden story fails {clause}"
