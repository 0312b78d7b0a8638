"""Whatever an editor types, readers get it as text: no payload runs on a public page.

Each payload is typed, through the admin as editors type it, into every field
the public sees: the story's title, summary, quote, body, hero image alt text,
tags, partner role and outcome; the participant's name, job title and bio;
the organisations' names and descriptions; the theme, programme and cohort
names; the share link's label. Every public page that shows one of them is
then read as a browser would (tests.security.markup): nothing may be live, and
each field must be there as the text that was typed (the body excepted, which
keeps only safe formatting).
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from common.addresses import slug_address
from editorial.sharing import share_url
from participants.models import Cohort, Organisation, Participant, Programme
from stories.models import PathwayStep, Story, Theme
from tests.admin_posts import ADD_URL, formset, story_form
from tests.images.pictures import upload
from tests.security.markup import read_page

pytestmark = pytest.mark.django_db

BASE64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "mixed-case script": "<ScRiPt>alert(1)</sCrIpT>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "javascript link": '<a href="javascript:alert(1)">click</a>',
    "data link": f'<a href="data:text/html;base64,{BASE64_SCRIPT}">click</a>',
    "vbscript link": '<a href="vbscript:msgbox(1)">click</a>',
    "link with handler": '<a href="https://example.org" onmouseover="alert(1)">hover</a>',
    "svg onload": "<svg onload=alert(1)>",
    "svg script": "<svg><script>alert(1)</script></svg>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "style element": "<style>body{display:none}</style>",
    "style attribute": '<p style="background:url(javascript:alert(1))">styled</p>',
    "class and id": '<p class="pwned" id="pwned">classy</p>',
    "split script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "attribute breakout": '"><script>alert(1)</script>',
    "single-quote breakout": "'><img src=x onerror=alert(1)>",
    "script breakout": "</script><script>alert(1)</script>",
    "title breakout": "</title><script>alert(1)</script>",
    "textarea breakout": "</textarea><script>alert(1)</script>",
    "fullwidth brackets": "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "zero-width scheme": '<a href="java\u200bscript:alert(1)">zero width</a>',
    "tab in scheme": '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "entity scheme": '<a href="&#x6A;avascript:alert(1)">entity</a>',
    "rtl override": "\u202e<script>alert(1)</script>\u202c",
    "json-ld breakout": '</script>"}],"x":"\u2028\u2029<!--<script>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
}
# First in the summary and body, so search finds the story and highlights it: PostgreSQL
# indexes nothing after an unclosed "<script>" (its parser skips what it takes for a script).
SEARCH_WORD = "quokka"


def cut(model, name: str, text: str) -> str:
    """`text` as far as the field holds it (an editor's form refuses more)."""
    return text[: model._meta.get_field(name).max_length]


def admin_add(client: Client, url: str, model, data: dict):
    """POST the admin's add form and return what it saved, or fail with the form's errors."""
    before = list(model.objects.values_list("pk", flat=True))
    response = client.post(url, data)
    if response.status_code != 302:
        context = response.context or {}
        form = context.get("adminform")
        inlines = [f.formset.errors for f in context.get("inline_admin_formsets", [])]
        pytest.fail(
            f"{url} refused: {form.form.errors if form else response.status_code} {inlines}"
        )
    return model.objects.exclude(pk__in=before).get()


def typed_everywhere(client: Client, payload: str, *, body: str | None = None) -> Story:
    """A published story whose every public field, and everything it shows, is `payload`.

    The body has the payload twice, after a paragraph with the word search looks for.
    """

    def organisation(slug):
        fields = {"name": payload, "slug": slug, "kind": "nhs", "description": payload}
        return admin_add(client, "/admin/participants/organisation/add/", Organisation, fields)

    employer, partner = organisation("employer"), organisation("partner")
    cohort = {"name": cut(Cohort, "name", payload), "slug": "cohort", "start_date": "2020-03-02"}
    programme = admin_add(
        client,
        "/admin/participants/programme/add/",
        Programme,
        {"name": payload, "slug": "programme"}
        | formset("cohorts", [cohort])
        | formset(
            "pathway_steps",
            [{"stage": "impact", "title": cut(PathwayStep, "title", payload), "order": "0"}],
        ),
    )
    person = admin_add(
        client,
        "/admin/participants/participant/add/",
        Participant,
        {
            "name": payload,
            "slug": "person",
            "job_title": payload,
            "organisation": employer.pk,
            "cohorts": programme.cohorts.get().pk,
            "bio": payload,
            "consent_given": "on",
            "consent_scope": "web_and_print",
            "consent_name": "on",
            "consent_quotes": "on",
        }
        | formset("stories"),
    )
    theme = admin_add(
        client,
        "/admin/stories/theme/add/",
        Theme,
        {"name": payload, "slug": "theme", "summary": cut(Theme, "summary", payload)}
        | {"description": payload, "order": "0"},
    )
    story = admin_add(
        client,
        ADD_URL,
        Story,
        story_form(
            title=payload,
            slug="story",
            participant=person.pk,
            summary=cut(Story, "summary", f"{SEARCH_WORD} {payload} {SEARCH_WORD} {payload}"),
            pull_quote=payload,
            body=body or f"<p>{SEARCH_WORD}</p>{payload}<p>{payload}</p>",
            hero_image=upload(size=(480, 320)),
            hero_image_alt=cut(Story, "hero_image_alt", payload),
            tags=payload,
            themes=theme.pk,
            status="published",
            featured="on",
            partners=[{"organisation": partner.pk, "role": payload[:120], "order": "0"}],
            outcomes=[
                {"description": payload, "value": "250000", "unit": payload[:40], "order": "0"}
            ],
        ),
    )
    response = client.post(f"/admin/stories/story/{story.pk}/share-links/", {"label": payload})
    assert response.status_code == 302
    return Story.objects.with_details().get(pk=story.pk)


def what_each_page_shows(story: Story) -> dict[str, list[str]]:
    """Each public page that shows the story's fields, and the fields it shows as text."""
    person = story.participant
    employer = person.organisation
    partnership = story.partnerships.get()
    cohort = person.cohorts.get()
    theme = story.themes.get()
    tags = list(story.tags.all())
    outcome = story.outcomes.get()
    card = [story.title, person.name, person.job_title, employer.name, theme.name]
    card += [tag.name for tag in tags]
    story_page = [*card, story.summary, story.pull_quote, partnership.organisation.name]
    story_page += [partnership.role, outcome.description, outcome.unit]
    story_page += [cohort.programme.name, cohort.name]
    searched = {"q": SEARCH_WORD}
    pages = {
        "/": card,
        "/stories/": [*card, story.summary],
        story.get_absolute_url(): story_page,
        "/themes/": [theme.name, theme.summary],
        theme.get_absolute_url(): [*card, theme.name, theme.summary, theme.description],
        f"{theme.get_absolute_url()}?{urlencode(searched)}": card,
        "/participants/": [person.name, person.job_title, employer.name],
        person.get_absolute_url(): [*card, person.bio, cohort.programme.name, cohort.name],
        "/organisations/": [employer.name, partnership.organisation.name],
        employer.get_absolute_url(): [*card, employer.description],
        partnership.organisation.get_absolute_url(): [*card, partnership.role],
        f"/search/?{urlencode(searched)}": card,
        f"/stories/?{urlencode(searched)}": card,
        # The filters name what they chose, back to the reader.
        "/stories/?"
        + urlencode({"organisation": employer.slug, "cohort": cohort.slug, "tag": tags[0].slug}): [
            employer.name,
            str(cohort),
            tags[0].name,
        ],
        # Reflected, not stored: the payload as the words searched for.
        f"/search/?{urlencode({'q': story.title})}": [],
        share_url(story.share_links.get()): [*story_page, story.share_links.get().label],
        # The impact report: the ledger, the coverage grid and the network name them.
        "/impact/": [outcome.description, story.title, person.name, employer.name, theme.name],
        "/impact/?" + urlencode({"theme": theme.slug, "cohort": cohort.slug}): [
            outcome.description
        ],
        f"/programmes/{cohort.programme.slug}/brochure/": story_page,
        f"/programmes/{cohort.programme.slug}/{cohort.slug}/brochure/": story_page,
    }
    for tag in tags:
        if tag.slug:
            pages[slug_address("stories:tag", tag.slug)] = [*card, tag.name]
    return pages


def check_json_ld(page, story: Story) -> list[str]:
    """The story's JSON-LD parses, and says exactly what the editor typed."""
    if len(page.json_ld) != 1:
        return [f"{len(page.json_ld)} JSON-LD blocks, not 1"]
    data, person = page.json_ld[0], story.participant
    expected = {
        "headline": story.title[:110],
        "description": story.summary,
        "author": {
            "@type": "Person",
            "name": person.name,
            "jobTitle": person.job_title,
            "worksFor": {"@type": "Organization", "name": person.organisation.name},
        },
        "about": [theme.name for theme in story.themes.all()],
        "keywords": [tag.name for tag in story.tags.all()],
    }
    return [
        f"JSON-LD {key} is {data.get(key)!r}, not {value!r}"
        for key, value in expected.items()
        if data.get(key) != value
    ]


def page_problems(client: Client, url: str, story: Story, shown: list[str]) -> list[str]:
    response = client.get(url)
    if response.status_code != 200:
        return [f"{url}: status {response.status_code}"]
    html = response.content.decode()
    page = read_page(html)
    problems = [f"{url}: live {problem}" for problem in page.problems]
    problems += [
        f"{url}: {value!r} is not shown as text" for value in shown if not page.shows(value)
    ]
    if url == story.get_absolute_url():
        problems += [f"{url}: {problem}" for problem in check_json_ld(page, story)]
        if ("img", "alt", story.hero_image_alt) not in page.attributes:
            problems.append(f"{url}: the hero image's alt is not {story.hero_image_alt!r}")
    if "q=quokka" in url and f"<mark>{SEARCH_WORD}</mark>" not in html:
        problems.append(f"{url}: no highlighted snippet")
    return problems


def feed_problems(client: Client, url: str, expected: dict[str, str]) -> list[str]:
    """Feed readers show titles and descriptions as HTML: each must read as the text typed."""
    response = client.get(url)
    root = ET.fromstring(response.content)
    problems = []
    for path, typed in expected.items():
        found = [element.text or "" for element in root.iterfind(path)]
        if not found:
            problems.append(f"{url}: no {path}")
        for text in found:
            page = read_page(text)
            problems += [f"{url} {path}: live {problem}" for problem in page.problems]
            if page.text != typed:
                problems.append(f"{url} {path} reads {page.text!r}, not {typed!r}")
    return problems


def feeds_problems(client: Client, story: Story) -> list[str]:
    theme = story.themes.get()
    item = {"channel/item/title": story.title, "channel/item/description": story.summary}
    theme_channel = {
        "channel/title": f"{settings.SITE_NAME}: {theme.name}",
        "channel/description": theme.summary,
    }
    problems = feed_problems(client, "/feeds/stories/", item)
    problems += feed_problems(client, f"/feeds/themes/{theme.slug}/", item | theme_channel)
    for url in ["/sitemap.xml"] + [f"/sitemap-{s}.xml" for s in SITEMAP_SECTIONS]:
        response = client.get(url)
        ET.fromstring(response.content)  # well-formed
        if response.status_code != 200 or b"<script" in response.content:
            problems.append(f"{url}: status {response.status_code} or a script")
    return problems


SITEMAP_SECTIONS = ["stories", "themes", "participants", "organisations"]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_nothing_an_editor_types_runs_on_a_public_page(editor_client, payload):
    story = typed_everywhere(editor_client, payload)
    reader = Client()
    problems = []
    for url, shown in what_each_page_shows(story).items():
        problems += page_problems(reader, url, story, shown)
    problems += feeds_problems(reader, story)
    assert not problems, "\n".join(problems)


SAFE_BODY = (
    "<h2>What changed</h2><p>A <strong>Section 75</strong> award, <em>at last</em>.</p>"
    '<ul><li>one</li> <li>two</li> </ul><p><a href="https://example.org/report">report</a></p>'
)


def test_safe_formatting_typed_in_the_admin_reaches_readers(editor_client):
    story = typed_everywhere(editor_client, "Plain words", body=SAFE_BODY)
    html = Client().get(story.get_absolute_url()).content.decode()
    assert f'<div class="story-body">{SAFE_BODY}</div>' in html
    assert read_page(html).problems == []


LIVE_MARKUP = {
    "script": "<p><script>alert(1)</script></p>",
    "script in svg": "<svg><script>alert(1)</script></svg>",
    "event handler": "<img src=x onerror=alert(1)>",
    "javascript address": '<a href="javascript:alert(1)">x</a>',
    "escaped scheme": '<a href="&#x6A;avascript:alert(1)">x</a>',
    "tab in scheme": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "spaced upper-case scheme": '<a href="  JAVASCRIPT:alert(1)">x</a>',
    "zero-width scheme": '<a href="java\u200bscript:alert(1)">x</a>',
    "data address": '<iframe src="data:text/html;base64,PHNjcmlwdD4=">',
    "vbscript address": '<a href="vbscript:msgbox(1)">x</a>',
    "style attribute": '<p style="color:red">x</p>',
    "style element": "<style>p{}</style>",
    "payload class": '<p class="card pwned">x</p>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=/">',
    "broken JSON-LD": '<script type="application/ld+json">{"a": "</script>',
    "script with a JSON-LD type and a source": '<script type="application/ld+json" src="x.js">'
    "{}</script>",
}


@pytest.mark.parametrize("html", LIVE_MARKUP.values(), ids=LIVE_MARKUP.keys())
def test_the_checker_flags_live_markup(html):
    assert read_page(html).problems, f"not flagged: {html}"


def test_the_checker_passes_escaped_text_and_the_sites_own_markup():
    html = (
        '<script type="application/ld+json">{"headline": "\\u003C/script\\u003E"}</script>'
        '<a class="card" href="https://example.org/?a=1&amp;b=2">ok</a>'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;</p>"
    )
    page = read_page(html)
    assert page.problems == []
    assert page.json_ld == [{"headline": "</script>"}]
    assert page.shows('<script>alert(1)</script> ">')
    assert not page.shows("<p>")


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "data:text/html,x", "vbscript:msgbox(1)", "java\tscript:x"]
)
def test_an_organisation_website_cannot_be_a_script_address(editor_client, address):
    response = editor_client.post(
        "/admin/participants/organisation/add/",
        {"name": "Scripted", "slug": "scripted", "kind": "nhs", "website": address},
    )
    assert response.status_code == 200
    assert "website" in response.context["adminform"].form.errors
    assert not Organisation.objects.exists()
