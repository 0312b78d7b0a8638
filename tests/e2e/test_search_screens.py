"""What a reader sees when they misspell a word, and what the filters offer them."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.pages import screenshot
from tests.e2e.site import THEME, load_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDE = {"width": 1366, "height": 900}


def test_a_misspelt_search_shows_the_seed_story_and_the_right_spelling(browser):
    load_site()
    with browser() as open_page:
        for width, viewport in [("1366", WIDE), ("390", PHONE)]:
            page = open_page(viewport=viewport)
            page.goto("/search/?q=helth")
            spelling = page.locator("p.spelling")
            assert spelling.is_visible()
            assert spelling.get_by_role("link", name="health").count() == 1
            assert page.get_by_role("link", name="Andrew Wilesmith", exact=False).count()
            screenshot(page, f"search-typo-helth-{width}")
            page.goto("/search/?q=leisure+servise")
            assert "Showing results for" in page.locator("p.spelling").inner_text()
            screenshot(page, f"search-corrected-{width}")


def test_a_theme_page_offers_only_tags_that_find_its_stories(browser):
    load_site()
    with browser() as open_page:
        page = open_page(viewport=WIDE)
        page.goto(f"/themes/{THEME}/")
        labels = page.locator("#filter-tag option").all_inner_texts()
        assert labels[0] == "Any tag" and len(labels) > 1
        assert all(label.rstrip(")").rsplit("(", 1)[1].isdigit() for label in labels[1:])
        screenshot(page, f"theme-filters-{THEME}-1366")
