"""The admin screens editors work in, as a person sees them at 1024 to 1920 pixels and on
a phone: full-page screenshots into test-artifacts/, and the layout facts checked.

At 1366 pixels the story change form once put title, summary and body in a 177-pixel
column beside its toolbar (which covered the story's title), and the lists clipped
their last columns; these checks fail on that layout.
"""

import pytest

from participants.models import Participant
from stories.models import Story
from tests.e2e.pages import log_in, screenshot
from tests.e2e.site import SEED_STORY, load_site
from tests.factories import make_staff
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = [1024, 1366, 1920]
PHONE = {"width": 390, "height": 844}

# Where a box stands, and whether two boxes overlap.
BOX = "el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"

# The results table of a list: whether it needs sideways scrolling inside its box, and
# each heading's right edge against the box's and the window's.
CLIPPED_COLUMNS = """() => {
  const box = document.querySelector('.results');
  const right = Math.min(box.getBoundingClientRect().right, innerWidth) + 1;
  const clipped = [...document.querySelectorAll('#result_list thead th')]
    .filter(th => th.getBoundingClientRect().right > right)
    .map(th => th.innerText.trim() || th.className);
  return {clipped, overflow: box.scrollWidth - box.clientWidth};
}"""

PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# The most lines any title link in the story list takes.
TITLE_LINES = """() => Math.max(...[...document.querySelectorAll('#result_list .field-title a')]
  .map(a => a.getClientRects().length))"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture
def admin_pages(db):
    load_site()
    make_staff("erin-editor", "Editors")
    story = Story.objects.get(slug=SEED_STORY)
    # The demo gives no one a photo (demo.pictures): this person gets one, so the
    # participant form's thumbnail has a picture to show.
    person = Participant.objects.get(slug="andrew-wilesmith")
    person.photo_alt = "Andrew Wilesmith outside the leisure centre"
    person.photo.save("andrew.jpg", upload(size=(900, 900)), save=False)
    person.save()
    return {
        "dashboard": "/admin/",
        "story-list": "/admin/stories/story/",
        "story-change": f"/admin/stories/story/{story.pk}/change/",
        "story-add": "/admin/stories/story/add/",
        "participant-list": "/admin/participants/participant/",
        "participant-change": f"/admin/participants/participant/{person.pk}/change/",
        "organisation-list": "/admin/participants/organisation/",
    }


def test_the_story_change_form_lays_out_as_the_add_form_does(browser, admin_pages):
    found = {}
    with browser() as open_page:
        for width in WIDTHS:
            page = open_page(viewport={"width": width, "height": 900})
            log_in(page, "erin-editor")
            for form in ["story-add", "story-change"]:
                page.goto(admin_pages[form])
                editor = page.locator(".field-body .prose-editor").first
                editor.wait_for()  # drawn by the editor's script once the page has loaded
                title = page.locator("#id_title")
                found[(form, width)] = {
                    "body editor": round(editor.bounding_box()["width"]),
                    "title field": round(title.bounding_box()["width"]),
                }
                if form == "story-change":
                    heading = [page.locator("#content h1").evaluate(BOX)]
                    heading += [page.locator("#content h2").first.evaluate(BOX)]
                    tools = page.locator(".object-tools > li").evaluate_all(
                        f"items => items.map({BOX})"
                    )
                    found[(form, width)]["tools over the title"] = [
                        tool for tool in tools if any(overlaps(tool, h) for h in heading)
                    ]
                    found[(form, width)]["sideways scroll"] = page.evaluate(PAGE_OVERFLOW)
            if width == 1366:
                screenshot(page, "admin-story-change-1366")
    for (form, width), facts in found.items():
        assert facts["body editor"] >= 600, (form, width, facts)
        assert facts["title field"] >= 300, (form, width, facts)
        if form == "story-change":
            assert facts["tools over the title"] == [], (width, facts)
            assert facts["sideways scroll"] <= 0, (width, facts)
            assert abs(facts["body editor"] - found[("story-add", width)]["body editor"]) < 40


def test_admin_lists_fit_at_1366_pixels(browser, admin_pages):
    found = {}
    with browser() as open_page:
        page = open_page(viewport={"width": 1366, "height": 900})
        log_in(page, "erin-editor")
        for name in ["story-list", "participant-list", "organisation-list"]:
            page.goto(admin_pages[name])
            found[name] = page.evaluate(CLIPPED_COLUMNS)
            found[name]["sideways scroll"] = page.evaluate(PAGE_OVERFLOW)
            if name == "story-list":
                found[name]["title lines"] = page.evaluate(TITLE_LINES)
                found[name]["headings"] = page.locator("#result_list thead th").all_inner_texts()
    for name, facts in found.items():
        assert facts["clipped"] == [], (name, facts)
        assert facts["overflow"] <= 0, (name, facts)
        assert facts["sideways scroll"] <= 0, (name, facts)
    assert found["story-list"]["title lines"] <= 2
    headings = {text.strip().lower() for text in found["story-list"]["headings"]}
    assert {"featured", "published", "themes"} <= headings


def test_the_dashboard_leads_with_the_editors_lists_and_keeps_the_apps(browser, admin_pages):
    with browser() as open_page:
        page = open_page(viewport={"width": 1366, "height": 900})
        log_in(page, "erin-editor")
        panels = page.locator(".dashboard-panel h2").all_inner_texts()
        apps = page.locator("#content-related .app-stories a", has_text="Stories")
        first_panel = page.locator(".dashboard-panel").first.evaluate(BOX)
        overflow = page.evaluate(PAGE_OVERFLOW)
        has_apps = apps.count() > 0
    assert [text.split(" (")[0] for text in panels] == [
        "My drafts",
        "Waiting for review",
        "Waiting for the participant's approval",
        "Scheduled",
        "Consent ending within 30 days",
        "Recent changes",
    ]
    assert has_apps
    assert first_panel[1] < 200  # the lists come first, not below the app list
    assert overflow <= 0


def test_screenshots_of_the_main_admin_screens_at_1366_and_390_pixels(browser, admin_pages):
    taken, overflow = [], {}
    with browser() as open_page:
        for label, viewport in [("1366", {"width": 1366, "height": 900}), ("390", PHONE)]:
            page = open_page(viewport=viewport)
            log_in(page, "erin-editor")
            for name, address in admin_pages.items():
                assert page.goto(address).status == 200, address
                taken.append(screenshot(page, f"admin-{name}-{label}"))
                if label == "1366":
                    overflow[name] = page.evaluate(PAGE_OVERFLOW)
        pictures = {}
        page = open_page(viewport={"width": 1366, "height": 900})
        log_in(page, "erin-editor")
        for name in ["story-change", "participant-change"]:
            page.goto(admin_pages[name])
            picture = page.locator("img.admin-current-picture")
            pictures[name] = picture.count() == 1 and picture.evaluate(
                "img => img.decode().then(() => img.naturalWidth > 0, () => false)"
            )
    assert len(taken) == 2 * len(admin_pages)
    assert overflow == dict.fromkeys(admin_pages, 0)
    assert pictures == {"story-change": True, "participant-change": True}
