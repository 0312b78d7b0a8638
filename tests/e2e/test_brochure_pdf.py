"""The cohort brochure printed to PDF by Chromium: the cover, the contents, then
each story on two A4 pages of its own, on the page the contents give for it.

The PDF's text is read page by page (tests/e2e/pdf_text.py, standard library only):
each story's title on the page the contents name, its narrative on the next, and no
page left holding a stray line."""

import datetime as dt
import re
import unicodedata

import pytest
from django.db import connection
from django.utils import timezone

from impact.brochure_pages import fit
from stories.models import Story
from tests.e2e.browser import ARTIFACTS
from tests.e2e.pages import axe_violations, screenshot
from tests.e2e.pdf_text import page_texts
from tests.e2e.site import PROGRAMME, load_site
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_story,
    make_theme,
)
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The cover and the contents come before the stories, each of which takes two pages.
FRONT_PAGES = 2
STORY_PAGES = 2
# Less text than this on a page is a stray line or two (a printed page number, a
# running head and a single bullet come to about 120 characters).
PAGE_TEXT_FLOOR = 300
# What an A4 page prints on, inside its margins (brochure.css: 16 mm at the sides and
# top, 18 mm at the foot), in CSS pixels: laid out this wide, the page wraps its lines
# as the PDF does, so a picture of it shows the printed page.
PRINTABLE = {"width": round((210 - 32) * 96 / 25.4), "height": round((297 - 34) * 96 / 25.4)}
# A page object, not the /Pages tree that lists them.
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")

PARAGRAPH = (
    "<p>Before the pandemic the council and its health partners met as strangers. Over a year "
    "of conversations they found a shared purpose, agreed who was best placed to do what, and "
    "began to design a health and wellbeing programme with the community rather than for it. "
    "The cohort stayed in touch throughout, sharing what worked and what did not.</p>"
)


def brochure_address(cohort) -> str:
    return f"/programmes/{cohort.programme.slug}/{cohort.slug}/brochure/"


def story_in(cohort, n: int, *, paragraphs: int = 3, **fields):
    """A public story with what a brochure page shows, published n days before today."""
    person = make_participant(
        name=f"Participant number {n}",
        job_title="Operations Manager, Sport and Leisure",
        organisation=make_organisation(name=f"Borough Council {n}"),
    )
    person.cohorts.add(cohort)
    story = make_story(
        title=f"Story number {n}: from leisure centres to community health",
        participant=person,
        pull_quote="It isn't rocket science, it's having a conversation.",
        body=PARAGRAPH * paragraphs,
        published_at=timezone.now() - dt.timedelta(days=100 - n),
        **fields,
    )
    story.themes.add(make_theme(name=f"Health inequalities {n}"))
    make_partner(story, make_organisation(name=f"Clinical Commissioning Group {n}"))
    make_outcome(story, kind="funding", description="Section 75 award", value=1_340_000, unit="GBP")
    make_outcome(story, kind="people_reached", description="Residents reached", value=450)
    return story


def with_pictures(story):
    """A hero image on the story, for the screenshot to show a picture."""
    story.hero_image_alt = "A walking group setting off across a park"
    story.hero_image.save("walk.jpg", upload(size=(1800, 1200)), save=False)
    story.save()
    return story


def printed(page, address: str, name: str) -> bytes:
    """The brochure at `address` as Chromium prints it to A4, kept as test-artifacts/.../name."""
    page.goto(address)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    folder = ARTIFACTS / "screenshots" / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(pdf)
    return pdf


def page_count(pdf: bytes) -> int:
    return len(PAGE_OBJECT.findall(pdf))


def test_each_story_of_a_cohort_prints_on_an_a4_page_of_its_own(browser):
    cohort = make_cohort(
        name="March 2020",
        programme=make_programme(name="Leadership Essentials"),
    )
    with_pictures(story_in(cohort, 1, paragraphs=2))
    story_in(cohort, 2)
    story_in(cohort, 3)
    address = brochure_address(cohort)

    with browser() as open_page:
        page = open_page()
        page.goto(address)
        title = page.get_by_role("heading", level=1).text_content()
        assert "March 2020 cohort" in title and "Stories of Impact" in title
        assert page.locator("article.brochure-story").count() == 3
        assert page.get_by_text("Print command (Ctrl+P").is_visible()
        screenshot(page, "brochure-page")
        pdf = printed(page, address, "brochure.pdf")

    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == FRONT_PAGES + 3 * STORY_PAGES


def test_a_story_after_one_that_runs_over_a_page_still_starts_a_new_page(browser):
    programme = make_programme(name="Leadership Essentials")
    alone = make_cohort(name="Long alone", programme=programme)
    among = make_cohort(name="Long among short", programme=programme)
    story_in(among, 1)
    long_story = story_in(alone, 2, paragraphs=24)
    long_story.participant.cohorts.add(among)
    story_in(among, 3)

    with browser() as open_page:
        page = open_page()
        long_alone = page_count(printed(page, brochure_address(alone), "brochure-long-alone.pdf"))
        mixed = page_count(printed(page, brochure_address(among), "brochure-long.pdf"))

    long_pages = long_alone - FRONT_PAGES
    assert long_pages > STORY_PAGES, "the long story runs over its two pages"
    assert long_pages == fit(long_story).pages, "as the contents count it"
    # Short, long, short: any story sharing a page with another would make fewer.
    assert mixed == FRONT_PAGES + STORY_PAGES + long_pages + STORY_PAGES


def test_the_brochure_passes_the_accessibility_checks_on_screen_and_in_print(browser):
    cohort = make_cohort(name="March 2020", programme=make_programme(name="Leadership Essentials"))
    with_pictures(story_in(cohort, 1))
    story_in(cohort, 2)

    with browser() as open_page:
        page = open_page()
        page.goto(brochure_address(cohort))
        on_screen = axe_violations(page)
        page.emulate_media(media="print")
        in_print = axe_violations(page)

    assert on_screen == [] and in_print == []


def squeezed(text: str) -> str:
    """Text without its spaces or ligatures: a title wraps anywhere on a printed page."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(
    "address",
    [
        f"/programmes/{PROGRAMME}/brochure/",
        f"/programmes/{PROGRAMME}/{PROGRAMME}-march-2020/brochure/",
    ],
)
def test_the_demo_brochure_puts_each_story_on_the_page_its_contents_give(browser, address):
    load_site()
    stories = {story.slug: story for story in Story.objects.public().with_details()}
    name = address.strip("/").replace("/", "-")

    with browser() as open_page:
        page = open_page()
        page.goto(address)
        listed = page.locator(".brochure-contents li").evaluate_all(
            """items => items.map(li => [
                li.querySelector('a').getAttribute('href').slice('#story-'.length),
                Number(li.querySelector('.contents-page').textContent.replace('page', '')),
            ])"""
        )
        pdf = printed(page, address, f"{name}.pdf")

    texts = page_texts(pdf)
    assert listed, "the demo has stories to print"
    assert len(texts) == page_count(pdf) == FRONT_PAGES + STORY_PAGES * len(listed)
    assert [number for _, number in listed] == list(range(FRONT_PAGES + 1, len(texts), STORY_PAGES))
    for slug, number in listed:
        story = stories[slug]
        opening, narrative = texts[number - 1], texts[number]
        assert squeezed(story.title) in squeezed(opening), f"{slug} opens on page {number}"
        # Each page carries its printed number, first in its text (the footer).
        assert opening.startswith(f"{number} ") and narrative.startswith(f"{number + 1} ")
        assert narrative.startswith(f"{number + 1} Stories of Impact · {story.participant.name}")
    assert "Stories of Impact" in texts[0] and texts[1].startswith("2 Contents")
    # No story page holds only a stray bullet or line run on from the page before.
    for number, text in enumerate(texts[FRONT_PAGES:], start=FRONT_PAGES + 1):
        assert len(text) > PAGE_TEXT_FLOOR, f"page {number} holds only: {text!r}"


def test_pictures_of_the_printed_cover_and_a_story(browser):
    load_site()
    address = f"/programmes/{PROGRAMME}/{PROGRAMME}-march-2020/brochure/"
    story = "#story-andrew-wilesmith-ipswich-leisure-to-community-health"

    with browser() as open_page:
        page = open_page(viewport=PRINTABLE)
        page.goto(address)
        cover = page.locator(".brochure-cover")
        assert "Stories of Impact" in cover.get_by_role("heading", level=1).text_content()
        figures = cover.get_by_role("list", name="In this brochure")
        assert figures.get_by_role("listitem").count() >= 4
        page.emulate_media(media="print")
        folder = ARTIFACTS / "screenshots" / connection.vendor
        for part, name in [
            (cover, "brochure-print-cover"),
            (page.locator(f"{story} .brochure-opener"), "brochure-print-story-opening"),
            (page.locator(f"{story} .brochure-narrative"), "brochure-print-story-narrative"),
        ]:
            part.screenshot(path=str(folder / f"{name}.png"))
            assert part.bounding_box()["height"] <= PRINTABLE["height"], f"{name} fits its page"
        wider = {}
        for name, width in [("brochure-on-screen", 1366), ("brochure-on-screen-phone", 390)]:
            on_screen = open_page(viewport={"width": width, "height": 900})
            on_screen.goto(address)
            wider[width] = on_screen.evaluate(
                "document.documentElement.scrollWidth > window.innerWidth"
            )
            screenshot(on_screen, name)

    assert wider == {1366: False, 390: False}, "no sideways scrolling on screen"


def test_a_story_with_every_field_at_its_longest_still_opens_on_one_page(browser):
    cohort = make_cohort(name="March 2020", programme=make_programme(name="Leadership Essentials"))
    story = with_pictures(story_in(cohort, 1, paragraphs=1))
    story.title = ("A title as long as the form allows, " * 6)[:200]
    story.summary = ("A summary that says a great deal. " * 12)[:400]
    story.pull_quote = ("It took a year of conversations before anything changed. " * 7)[:400]
    story.save()
    story.outcomes.all().delete()
    for _ in range(3):
        make_outcome(
            story,
            kind="people_reached",
            description=("Residents reached through the new service in its first year. " * 5)[:300],
            value=12_345,
            unit="people",
            achieved_on=dt.date(2021, 5, 3),
            verified_by="The council's public health team",
        )
    address = brochure_address(cohort)

    with browser() as open_page:
        page = open_page()
        texts = page_texts(printed(page, address, "brochure-longest-fields.pdf"))

    assert len(texts) == FRONT_PAGES + STORY_PAGES
    opening, narrative = texts[FRONT_PAGES:]
    assert squeezed(story.title) in squeezed(opening)
    assert squeezed(opening).count(squeezed("Verified by The council's public health team")) == 3
    assert narrative.startswith(f"{FRONT_PAGES + 2} Stories of Impact · Participant number 1")
