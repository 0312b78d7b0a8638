"""The cohort brochure printed to PDF by Chromium: the cover, the contents, then
each story from the top of a new A4 page, however long the story before it."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.utils import timezone

from tests.e2e.browser import ARTIFACTS
from tests.e2e.pages import axe_violations, screenshot
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

# The cover and the contents come before the stories.
FRONT_PAGES = 2
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
    assert page_count(pdf) == FRONT_PAGES + 3


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
    assert long_pages >= 2, "the long story runs over more than one page"
    # Short, long, short: any story sharing a page with another would make fewer.
    assert mixed == FRONT_PAGES + 1 + long_pages + 1


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
