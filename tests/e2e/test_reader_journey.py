"""A reader's journey by keyboard alone (Tab, Enter, arrow keys in a list box),
with focus visible at every stop: home, a theme, a tag filter, the next page,
search, a story, a related story."""

import re

import pytest

from stories.models import Story
from tests.e2e.pages import show, tab_to
from tests.e2e.site import SEED_STORY, TAG, THEME, load_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def choose_by_keyboard(page, select, value: str, *, limit: int = 60) -> None:
    """Move a focused list box down with the arrow key until it shows `value`."""
    for _ in range(limit):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow key never reached {value!r}")


def test_reader_browses_filters_pages_searches_and_follows_stories_by_keyboard(browser):
    load_site(more_in_theme=13)
    seed_title = Story.objects.get(slug=SEED_STORY).title

    with browser() as open_page:
        page = open_page()
        page.goto("/")

        # The first Tab shows the skip link; Enter on it lands in the main content.
        tab_to(page, page.get_by_role("link", name="Skip to main content"))
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

        themes = page.get_by_role("region", name="Browse by theme")
        tab_to(page, themes.get_by_role("link", name="Health inequalities"))
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/themes/{THEME}/")

        tag_box = page.get_by_label("Tag", exact=True)
        tab_to(page, tag_box)
        choose_by_keyboard(page, tag_box, TAG)
        tab_to(page, page.get_by_role("button", name="Apply filters"))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"tag={TAG}"))
        pages = page.get_by_role("navigation", name="Pages")
        assert "Page 1 of 2" in pages.inner_text()

        tab_to(page, pages.get_by_role("link", name="Next page"))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"page=2"))
        assert "Page 2 of 2" in page.get_by_role("navigation", name="Pages").inner_text()
        assert f"tag={TAG}" in page.url

        tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Search"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/")
        tab_to(page, page.get_by_role("searchbox"))
        page.keyboard.type("Ipswich")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"q=Ipswich"))

        tab_to(page, page.get_by_role("link", name=seed_title))
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/stories/{SEED_STORY}/")
        assert page.get_by_role("heading", level=1).inner_text() == seed_title

        related = page.locator(".related").get_by_role("link").first
        related_address = related.get_attribute("href")
        tab_to(page, related)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{related_address}")
        assert related_address.startswith("/stories/") and SEED_STORY not in related_address
        assert page.get_by_role("heading", level=1).is_visible()


def test_focus_check_catches_a_link_whose_focus_is_hidden(browser):
    """The check can fail: a link styled with `outline: none` stops the journey."""
    with browser() as open_page:
        page = open_page()
        show(page, '<style>a:focus { outline: none; }</style><a href="#x">Hidden focus</a>')
        with pytest.raises(AssertionError, match="focus is not visible"):
            tab_to(page, page.get_by_role("link", name="Hidden focus"))
