"""A programme's impact report printed to PDF by Chromium: the cover, then the figures,
the pathway, the selected stories and the ledger, each from the top of a page, in that
order; no page left holding a stray line; nothing axe objects to, on screen or in print.

The PDF's text is read page by page (tests/e2e/pdf_text.py). Pictures of the funder's
figures on /impact/ and of the printed report's first page go to the screenshots."""

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from stories.models import Outcome
from tests.e2e.browser import ARTIFACTS
from tests.e2e.pages import axe_violations
from tests.e2e.pdf_text import page_texts
from tests.e2e.site import PROGRAMME, load_site
from tests.e2e.test_brochure_pdf import PRINTABLE, page_count, printed, squeezed
from tests.factories import (
    make_cohort,
    make_consideration,
    make_evidence,
    make_organisation,
    make_outcome,
    make_panel_member,
    make_participant,
    make_pathway_step,
    make_programme,
    make_selection_round,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = "/programmes/essentials/report/?from=2021-01-01&to=2021-12-31"
PARTS = ["Headline figures", "Pathway of change", "Selected stories", "The outcomes ledger"]
# Less text than this on a page is a stray line or two: its number, a running head and a
# line run on from the page before.
STRAY = 200
# A page's number and running head come first in its text: then a part's heading.
HEAD = 120


def known_report(ledger: int = 3):
    """Leadership Essentials in 2021: two stories, `ledger` outcomes of 2021 (and one of
    2022, outside the period), a three-step pathway, a panel's choice."""
    programme = make_programme(name="Leadership Essentials", slug="essentials")
    cohort = make_cohort(name="March 2020", programme=programme)
    steps = [
        make_pathway_step(programme, stage=stage, title=title, order=n)
        for n, (stage, title) in enumerate(
            [
                ("activities", "Managers learn together as a cohort"),
                ("long_term", "Services are funded together"),
                ("impact", "Fairer health"),
            ]
        )
    ]
    stories = []
    for n, name in enumerate(["Andrew Wilesmith", "Siân Llŷr"]):
        person = make_participant(name=name, organisation=make_organisation())
        person.cohorts.add(cohort)
        stories.append(
            make_story(
                title=f"Story {n + 1}: from leisure centres to community health",
                participant=person,
                published_at=timezone.make_aware(dt.datetime(2021, 9, 1 + n, 9)),
            )
        )
    for n in range(ledger):
        outcome = make_outcome(
            stories[n % 2],
            kind="funding",
            description=f"Outcome {n + 1}: Section 75 award for health and wellbeing work",
            value=Decimal(250_000 + n),
            unit="GBP",
            achieved_on=dt.date(2021, 4, 1) + dt.timedelta(days=n),
            level=["results", "behaviour", "learning"][n % 3],
            who_changed="system",
            change_kind="resources",
            verification="corroborated",
            verified_by="Head of Transformation and Alliance",
            verifier_organisation="Ipswich and East Suffolk Clinical Commissioning Group",
            verifier_relationship="Commissioner",
            verified_on=dt.date(2021, 6, 30),
            pathway_step=steps[n % 2],
        )
        make_evidence(outcome, description="The commissioning group's decision")
    make_outcome(stories[0], description="Outside the period", achieved_on=dt.date(2022, 5, 1))
    panel = make_selection_round(
        programme,
        title="2021 panel",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
        decided_on=dt.date(2022, 2, 1),
    )
    for n, (name, role) in enumerate(
        [("Helen Ashworth", "Funder"), ("Rhys Morgan", "Alumnus"), ("Farida Begum", "Resident")]
    ):
        make_panel_member(panel, name=name, role=role, order=n)
    make_consideration(
        panel,
        make_theme(name="Health inequalities"),
        stories[0],
        chosen=True,
        reason="The change is in the system, and the commissioning group's decision shows it.",
    )
    return programme


def read(pdf: bytes) -> list[str]:
    """Each page's text, its ligatures ("ﬁ") made letters again."""
    return [unicodedata.normalize("NFKC", text) for text in page_texts(pdf)]


def words(text: str) -> str:
    return " ".join(text.split())


def opening_part(text: str) -> str | None:
    """Which part of the report a page opens with: its heading, just after the page's
    number and running head."""
    return next((part for part in PARTS if part in text[:HEAD]), None)


def opening_pages(texts: list[str]) -> list[int]:
    """The page (from 1) each part opens on, in the order of PARTS."""
    found = {opening_part(text): number for number, text in enumerate(texts, start=1)}
    return [found.get(part) for part in PARTS]


def test_the_report_prints_each_part_from_the_top_of_a_page_in_order(browser):
    known_report()
    with browser() as open_page:
        page = open_page()
        texts = read(printed(page, ADDRESS, "report.pdf"))

    assert len(texts) == 5, [text[:80] for text in texts]
    cover, figures, pathway, chosen, ledger = texts
    # The programme's name and the running heads are set in capitals.
    assert "leadership essentials impact report 1 january 2021 to 31 december 2021" in cover.lower()
    assert "Choose the period" not in cover and "Print command" not in cover, "screen only"
    assert opening_pages(texts) == [2, 3, 4, 5]
    # Each page carries its printed number, first in its text (the footer); the cover none.
    for number, text in enumerate(texts[1:], start=2):
        assert text.lower().startswith(f"{number} leadership essentials · impact report"), text
    assert "3 outcomes reported" in figures and "£750,003" in figures
    assert "67% at behaviour or results level" in figures
    assert "Activities: Managers learn together as a cohort" in pathway
    assert "Helen Ashworth (Funder); Rhys Morgan (Alumnus); Farida Begum (Resident)" in chosen
    assert "the commissioning group's decision shows it" in chosen
    assert [f"Outcome {n}:" in ledger for n in (1, 2, 3)] == [True] * 3
    assert squeezed("Corroborated by Head of Transformation and Alliance") in squeezed(ledger)
    assert "Outside the period" not in "".join(texts)


def test_a_long_ledger_runs_on_over_whole_pages_with_no_stray_line(browser):
    known_report(ledger=40)
    with browser() as open_page:
        page = open_page()
        pdf = printed(page, ADDRESS, "report-long-ledger.pdf")

    texts = read(pdf)
    assert len(texts) == page_count(pdf) > 6, "the ledger runs over several pages"
    assert opening_pages(texts) == [2, 3, 4, 5]
    ledger = " ".join(texts[4:])
    assert [f"Outcome {n}:" in ledger for n in range(1, 41)] == [True] * 40
    for number, text in enumerate(texts[1:], start=2):
        assert len(text) > STRAY, f"page {number} holds only: {text!r}"
    # No entry is split over two pages: each page's entries are whole.
    for text in texts[4:]:
        assert text.count("Outcome ") == text.count("Verification Corroborated")


def test_the_report_passes_the_accessibility_checks_on_screen_and_in_print(browser):
    known_report()
    with browser() as open_page:
        page = open_page()
        page.goto(ADDRESS)
        on_screen = axe_violations(page)
        page.emulate_media(media="print")
        in_print = axe_violations(page)
        page.emulate_media(media="screen")  # the form is not printed
        page.goto("/programmes/essentials/report/?from=2022-01-01&to=2021-01-01")
        problem = page.get_by_role("alert").text_content()
        with_problem = axe_violations(page)

    assert on_screen == [] and in_print == [] and with_problem == []
    assert "The period ends before it starts" in problem


def test_a_reader_chooses_a_period_on_the_page(browser):
    known_report()
    with browser() as open_page:
        page = open_page()
        page.goto("/programmes/essentials/report/")
        assert "4 outcomes reported" in words(page.locator(".report-lead").inner_text())
        page.get_by_label("From", exact=True).fill("2021-01-01")
        page.get_by_label("To", exact=True).fill("2021-12-31")
        page.get_by_role("button", name="Show the report").click()
        page.wait_for_url("**/report/?from=2021-01-01&to=2021-12-31")
        lead = words(page.locator(".report-lead").inner_text())
        title = page.get_by_role("heading", level=1).inner_text()

    assert "3 outcomes reported" in lead
    assert "1 January 2021 to 31 December 2021" in title


def test_the_demo_report_and_pictures_of_the_funders_view_and_the_printed_report(browser):
    load_site()
    address = f"/programmes/{PROGRAMME}/report/"
    graded = Outcome.objects.public().exclude(level="not_assessed").count()
    folder = ARTIFACTS / "screenshots" / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)

    with browser() as open_page:
        page = open_page(viewport={"width": 1366, "height": 1100})
        page.goto("/impact/")
        page.get_by_role("link", name="Leadership Essentials impact report").wait_for()
        # The top of /impact/: the funder's figures come before the totals.
        page.screenshot(path=str(folder / "funders-view.png"))
        pdf = printed(page, address, "report-demo.pdf")

        printable = open_page(viewport=PRINTABLE)
        printable.goto(address)
        printable.emulate_media(media="print")
        cover = printable.locator(".report-cover")
        cover.screenshot(path=str(folder / "report.png"))
        # The whole report as printed, part after part, for a reader of the note.
        printable.screenshot(path=str(folder / "report-printed.png"), full_page=True)
        cover_height = cover.bounding_box()["height"]

    texts = read(pdf)
    assert graded, "the demo's outcomes are graded"
    figures, pathway, chosen, ledger = opening_pages(texts)
    assert 1 < figures < pathway < chosen < ledger, opening_pages(texts)
    assert pathway == figures + 1, "the figures keep to one page"
    assert ledger == chosen + 1, "the four chosen stories keep to one page"
    # The pathway's chart and its table may run onto a second page before the choices.
    assert "Fairer health in the places participants serve" in " ".join(
        texts[pathway - 1 : chosen - 1]
    )
    assert "Story panel 2021 to 2023" in texts[chosen - 1]
    assert re.search(r"Section 75 funding award", " ".join(texts[ledger - 1 :]))
    assert "commissioning group's decision" in " ".join(texts[ledger - 1 :])
    for number, text in enumerate(texts[1:], start=2):
        assert len(text) > STRAY, f"page {number} holds only: {text!r}"
    assert cover_height <= PRINTABLE["height"], "the cover fits its page"
