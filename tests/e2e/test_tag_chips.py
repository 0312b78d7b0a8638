"""An editor tags a story with chips, picking tags other stories already use, in a real
browser; and without JavaScript the same field is a text box that still saves."""

import pytest

from stories.models import Story
from tests.admin_posts import change_url
from tests.e2e.conftest import PHONE
from tests.e2e.pages import FOCUS_STATE, axe_violations, log_in, screenshot
from tests.factories import make_staff, make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDE = {"width": 1366, "height": 900}
HOSTILE = "<b>bold</b> & <script>"


def tagged_stories():
    """A draft tagged "Ærø, Øst" and "co-production", among stories using other tags."""
    for names in [
        ["children and young people", "housing"],
        ["children and young people", "community energy"],
        ["co-production"],
    ]:
        make_story(status=Story.Status.DRAFT).tags.add(*names)
    story = make_story(title="The island ferry co-op", status=Story.Status.DRAFT)
    story.tags.add("Ærø, Øst", "co-production")
    return story


def chips(page) -> list[str]:
    return page.locator(".tag-chip-name").all_inner_texts()


def test_editor_picks_suggested_tags_adds_new_ones_and_removes_chips(browser):
    story = tagged_stories()
    make_staff("erin-editor", "Editors")
    with browser() as open_page:
        page = open_page(viewport=WIDE)
        log_in(page, "erin-editor")
        page.goto(change_url(story))
        tags = page.get_by_role("combobox", name="Tags")
        assert chips(page) == ["co-production", "Ærø, Øst"]

        # Part of a tag in use, then the suggestion, by pointer.
        tags.press_sequentially("young")
        page.get_by_role("option", name="children and young people").click()
        # By keyboard: the arrow to the suggestion, Enter to take it.
        tags.press_sequentially("hou")
        tags.press("ArrowDown")
        assert tags.get_attribute("aria-activedescendant")
        tags.press("Enter")
        # Or the arrow and a comma.
        tags.press_sequentially("comm")
        tags.press("ArrowDown")
        tags.press(",")
        # Typed in taggit's way, a comma inside double quotes stays in the name.
        tags.press_sequentially('"Nord, Syd",')
        # A new tag with a space, ended by a comma; the same tag again in capitals is ignored.
        tags.press_sequentially("Food bank,")
        tags.press_sequentially("FOOD BANK")
        tags.press("Enter")
        # A name that looks like markup stays text.
        tags.press_sequentially(HOSTILE)
        tags.press("Enter")
        assert chips(page) == [
            "co-production",
            "Ærø, Øst",
            "children and young people",
            "housing",
            "community energy",
            "Nord, Syd",
            "Food bank",
            HOSTILE,
        ]
        assert page.locator(".tag-chips b, .tag-chips script").count() == 0
        # Back from the box by keyboard: the last chip's button, with focus in sight.
        tags.press("Shift+Tab")
        assert page.evaluate(FOCUS_STATE)["visible"]
        last = page.get_by_role("button", name=f"Remove tag {HOSTILE}")
        assert last.evaluate("el => el === document.activeElement")
        tags.focus()

        page.get_by_role("button", name="Remove tag co-production").click()
        assert tags.evaluate("el => el === document.activeElement")
        tags.press("Backspace")  # on the empty box: the last chip goes
        assert chips(page) == [
            "Ærø, Øst",
            "children and young people",
            "housing",
            "community energy",
            "Nord, Syd",
            "Food bank",
        ]

        tags.press_sequentially("c")  # the suggestions open, for the picture and for axe
        page.get_by_role("listbox", name="Tags already in use").wait_for()
        tags.scroll_into_view_if_needed()
        wide_shot = screenshot(page, "admin-story-tags-1366")
        violations = axe_violations(page)
        tags.press("Escape")
        tags.press("Backspace")
        page.get_by_role("button", name="Save and continue editing").click()
        page.get_by_text("was changed successfully").wait_for()
        after_save = chips(page)

        phone = open_page(viewport=PHONE)
        log_in(phone, "erin-editor")
        phone.goto(change_url(story))
        # A name far longer than the screen wraps inside its chip.
        phone.get_by_role("combobox", name="Tags").fill("Ffestiniog " * 12)
        phone.get_by_role("combobox", name="Tags").press("Enter")
        long_chip_fits = phone.locator(".tag-chip").last.evaluate(
            "chip => chip.getBoundingClientRect().right"
            " <= chip.parentElement.getBoundingClientRect().right"
        )
        phone.get_by_role("combobox", name="Tags").press_sequentially("co")
        phone.get_by_role("listbox", name="Tags already in use").wait_for()
        phone.get_by_role("combobox", name="Tags").scroll_into_view_if_needed()
        phone_shot = screenshot(phone, "admin-story-tags-390")
        phone_violations = axe_violations(phone)
        chip_fits = phone.locator(".tag-chips-box").evaluate(
            "box => box.getBoundingClientRect().right <= window.innerWidth"
        )

    assert violations == [] and phone_violations == []
    assert chip_fits and long_chip_fits
    assert wide_shot.endswith("admin-story-tags-1366.png") and phone_shot
    saved = sorted(Story.objects.get(pk=story.pk).tags.names())
    assert saved == sorted(
        [
            "children and young people",
            "community energy",
            "Food bank",
            "housing",
            "Nord, Syd",
            "Ærø, Øst",
        ]
    )
    assert sorted(after_save) == saved


def test_without_javascript_the_tags_box_saves_and_lists_the_tags_in_use(browser):
    story = tagged_stories()
    make_staff("erin-editor", "Editors")
    with browser() as open_page:
        page = open_page(viewport=WIDE, java_script_enabled=False)
        log_in(page, "erin-editor")
        page.goto(change_url(story))
        box = page.get_by_role("textbox", name="Tags")
        assert box.input_value() == '"Ærø, Øst", co-production'
        page.get_by_text("Tags already in use, the most used first").click()
        in_use = page.locator(".tag-chips-known li").all_inner_texts()
        no_script_shot = screenshot(page, "admin-story-tags-no-javascript-1366")
        box.fill('"Ærø, Øst", children and young people, "Food bank"')
        page.get_by_role("button", name="Save and continue editing").click()
        page.get_by_text("was changed successfully").wait_for()

    assert no_script_shot
    # The most used first; the rest in the database's own order of names.
    assert in_use[0] == "children and young people"
    assert sorted(in_use) == [
        "children and young people",
        "co-production",
        "community energy",
        "housing",
        "Ærø, Øst",
    ]
    saved = sorted(Story.objects.get(pk=story.pk).tags.names())
    assert saved == sorted(["children and young people", "Food bank", "Ærø, Øst"])
