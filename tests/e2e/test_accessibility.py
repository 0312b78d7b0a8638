"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any public page type,
at desktop and phone widths, nor on the admin pages editors work in; and no
public page needs sideways scrolling at 320 pixels."""

import pytest
from django.conf import settings

from participants.models import Programme
from stories.models import Outcome, Story
from tests.e2e.conftest import PHONE
from tests.e2e.pages import axe_violations, log_in, screenshot, show
from tests.e2e.site import PROGRAMME, SEED_STORY, THEME, load_site
from tests.factories import (
    make_evidence,
    make_participant,
    make_pathway_step,
    make_staff,
    make_story,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_public_page_type_passes_axe_at_desktop_and_phone_widths(browser):
    pages = load_site()
    found = {}
    with browser() as open_page:
        for width, page in [("desktop", open_page()), ("phone", open_page(viewport=PHONE))]:
            for name, address in pages.items():
                response = page.goto(address)
                assert response.status == (404 if name == "not-found" else 200), address
                if violations := axe_violations(page):
                    found[f"{name} at {width} width, {address}"] = violations
    assert found == {}, _listed(found)


def _grade_the_demo() -> None:
    """The demo programme's pathway, and its outcomes graded along it: a step with
    outcomes of every verification, one self-reported only, one empty (gaps)."""
    programme = Programme.objects.get(slug=PROGRAMME)
    steps = [
        make_pathway_step(programme, stage=stage, title=title, order=n)
        for n, (stage, title) in enumerate(
            [
                ("activities", "Leaders meet as peers across the system"),
                ("short_term", "Leaders try new ways of working together"),
                ("long_term", "Services are commissioned differently"),
                ("impact", "Residents live healthier lives"),
            ]
        )
    ]
    grades = [
        ("reaction", "self_reported"),
        ("results", "independent"),
        ("behaviour", "corroborated"),
    ]
    for n, outcome in enumerate(Outcome.objects.order_by("pk")):
        level, verification = grades[n % 3]
        outcome.level, outcome.verification = level, verification
        outcome.verified_by = "" if verification == "self_reported" else "A partner's finance lead"
        outcome.intended = "no" if n % 4 == 0 else "yes"
        outcome.pathway_step = steps[n % 3]
        outcome.save()
        if n % 2:
            make_evidence(outcome)


def test_the_funders_view_passes_axe_at_desktop_and_phone_widths(browser):
    """/impact/ with the funder's figures and a pathway chart with gaps, counting only
    verified figures, a programme's view, and a theme page's."""
    load_site()
    _grade_the_demo()
    addresses = [
        "/impact/",
        "/impact/?verified=1",
        f"/impact/?programme={PROGRAMME}&level=behaviour&level=results",
        f"/themes/{THEME}/",
    ]
    found = {}
    with browser() as open_page:
        for width, page in [("desktop", open_page()), ("phone", open_page(viewport=PHONE))]:
            for address in addresses:
                assert page.goto(address).status == 200, address
                assert page.locator("figure.chart-pathway").count(), address
                if violations := axe_violations(page):
                    found[f"{address} at {width} width"] = violations
                sideways = page.evaluate("document.documentElement.scrollWidth")
                if width == "phone" and sideways > PHONE["width"]:
                    found[f"{address} at {width} width"] = [f"{sideways}px wide"]
            page.goto("/impact/")
            screenshot(page, f"funders-view-{width}")  # for the note
        # Printed, the chart keeps its gaps and fits the page.
        page = open_page()
        page.goto("/impact/")
        page.emulate_media(media="print")
        chart = page.locator("figure.chart-pathway svg.chart-svg").first
        assert chart.is_visible()
        assert chart.bounding_box()["width"] <= page.viewport_size["width"]
        assert page.locator("figure.chart-pathway text.gap-label").first.is_visible()
        screenshot(page, "funders-view-print")
    assert found == {}, _listed(found)


# The innermost elements reaching past the screen's right edge, to say what to fix.
WIDER_THAN_SCREEN = """() => {
  const sticksOut = el => el.getBoundingClientRect().right > innerWidth + 1;
  return [...document.querySelectorAll('body *')]
  .filter(el => sticksOut(el) && ![...el.children].some(sticksOut))
  .slice(0, 5)
  .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
    ' "' + el.textContent.trim().slice(0, 30) + '"');
}"""


def test_every_public_page_type_reflows_at_320_pixels_without_sideways_scrolling(browser):
    """WCAG 1.4.10 (Reflow), which axe cannot judge: nothing wider than a small phone,
    even with a very long word and an unbroken web address in a story."""
    pages = load_site()
    long_words = make_story(
        title="Gesundheitsförderungszusammenarbeitsvereinbarung signed in Llanfairpwllgwyngyll",
        summary="See https://example.org/a/very/long/path/that/never/breaks/anywhere/at/all/x",
        body="<p>Read https://example.org/reports/2026/health-inequalities-annual-review-final"
        "-version-approved.pdf for the figures.</p>",
        participant=make_participant(
            name="Wolfeschlegelsteinhausenbergerdorff", slug="wolfeschlegelsteinhausenbergerdorff"
        ),
    )
    pages |= {"story with long words": long_words.get_absolute_url()}
    too_wide = {}
    with browser() as open_page:
        page = open_page(viewport={"width": 320, "height": 640})
        for name, address in pages.items():
            page.goto(address)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[name] = f"{width}px: " + ", ".join(page.evaluate(WIDER_THAN_SCREEN))
    assert too_wide == {}


def test_admin_pages_editors_work_in_pass_axe(browser):
    """The pages editors work in: lists, forms (with inline rows added and an
    autocomplete open), history and preview, in the light and dark schemes."""
    load_site()
    make_staff("erin-editor", "Editors")
    story = Story.objects.get(slug=SEED_STORY)
    found = {}
    with browser() as open_page:
        page = open_page()
        page.goto("/admin/login/")
        found["login"] = axe_violations(page)
        log_in(page, "erin-editor")
        for address in [
            "/admin/",  # the editorial dashboard, with the app list beside it
            "/admin/stories/story/?todo=mine",  # a dashboard list's link
            "/admin/stories/story/",
            "/admin/stories/story/add/",
            f"/admin/stories/story/{story.pk}/change/",
            f"/admin/stories/story/{story.pk}/history/",
            f"/admin/stories/story/{story.pk}/preview/",
            "/admin/participants/participant/",
            "/admin/participants/participant/add/",
            "/admin/participants/organisation/add/",
            "/admin/theme-coverage/",
        ]:
            page.goto(address)
            found[address] = axe_violations(page)
        # The admin follows the system's dark scheme: its colours must hold there too.
        dark = open_page(color_scheme="dark")
        log_in(dark, "erin-editor")
        change = f"/admin/stories/story/{story.pk}/change/"
        for address in ["/admin/", "/admin/stories/story/", change]:
            dark.goto(address)
            found[f"{address} (dark scheme)"] = axe_violations(dark)
        page.goto("/admin/stories/story/add/")
        page.get_by_role("button", name="Add another partner organisation").click()
        page.get_by_role("button", name="Add another outcome").click()
        page.get_by_role("combobox", name="Participant").click()
        # Past Select2's "Searching…" line: the results themselves.
        page.locator(".select2-results__option:not(.loading-results)").first.wait_for()
        found["story form with new rows and an open autocomplete"] = axe_violations(page)
    found = {where: lines for where, lines in found.items() if lines}
    assert found == {}, _listed(found)


def test_the_paused_login_page_says_why_and_passes_axe(browser):
    """After the limit of wrong passwords, the page a person sees is plain and accessible."""
    make_staff("erin-editor", "Editors")
    with browser() as open_page:
        page = open_page()
        for attempt in range(settings.AXES_FAILURE_LIMIT):
            page.goto("/admin/login/")
            page.get_by_label("Username").fill("erin-editor")
            page.get_by_label("Password").fill(f"not-my-password-{attempt}")
            with page.expect_response("**/admin/login/") as answer:
                page.get_by_role("button", name="Log in").click()
        assert answer.value.status == 429
        heading = page.get_by_role("heading", level=1).inner_text()
        violations = axe_violations(page)
    assert heading == "Signing in is paused"
    assert violations == []


def test_axe_reports_what_it_should(browser):
    """The check can fail: a picture with no alt text and an unlabelled field are found."""
    with browser() as open_page:
        page = open_page()
        show(page, '<main><img src="data:," width="10" height="10"><input type="text"></main>')
        rules = {line.split(" ")[0] for line in axe_violations(page)}
    assert {"image-alt", "label"} <= rules


def _listed(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items())
