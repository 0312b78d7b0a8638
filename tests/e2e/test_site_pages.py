"""The site's own pages as people meet them: an editor rewrites the accessibility
statement with the formatting toolbar, a reader finds it from any page's footer at
once; an address with nothing behind it offers a search that works."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.pages import axe_violations, log_in, screenshot
from tests.e2e.site import load_site
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP_WIDE = {"width": 1366, "height": 900}


def test_editor_rewrites_the_statement_and_a_reader_finds_it_from_the_footer(browser):
    load_site()
    make_staff("erin-editor", "Editors")
    with browser() as open_page:
        reader = open_page(viewport=DESKTOP_WIDE)
        phone = open_page(viewport=PHONE)
        for name in ["accessibility", "privacy", "contact"]:
            reader.goto(f"/{name}/")  # cached before the edit
            screenshot(reader, f"{name}-1366")
            phone.goto(f"/{name}/")
            screenshot(phone, f"{name}-390")

        editor = open_page(viewport=DESKTOP_WIDE)
        log_in(editor, "erin-editor")
        editor.goto("/admin/sitepages/sitepage/")
        editor.get_by_role("link", name="Accessibility statement").click()
        # The editor is drawn, then named by a script (admin/js/accessible-names.js):
        # axe reads the page once the body's box has its name, as a person meets it.
        editor.get_by_role("textbox", name="Body").wait_for()
        assert axe_violations(editor) == []
        editor.get_by_label("Last reviewed on").fill("2027-05-01")
        editor.get_by_role("textbox", name="Body").click()
        editor.keyboard.press("Control+A")
        editor.keyboard.type("We tested the site with ")
        editor.keyboard.press("Control+B")
        editor.keyboard.type("three screen reader users")
        editor.keyboard.press("Control+B")
        editor.keyboard.type(" in May.")
        screenshot(editor, "admin-site-page-change-1366")
        editor.get_by_role("button", name="Save", exact=True).click()
        editor.get_by_text("was changed successfully").wait_for()

        reader.goto("/")
        footer = reader.get_by_role("navigation", name="About this website")
        footer.get_by_role("link", name="Accessibility").click()
        reader.wait_for_url("**/accessibility/")
        assert reader.locator(".story-body").inner_text() == (
            "We tested the site with three screen reader users in May."
        )
        assert reader.locator(".story-body strong").inner_text() == "three screen reader users"
        assert "1 May 2027" in reader.locator(".page-reviewed").inner_text()


def test_an_unknown_address_offers_a_search_that_finds_stories(browser):
    load_site()
    with browser() as open_page:
        for viewport, width in [(DESKTOP_WIDE, 1366), (PHONE, 390)]:
            page = open_page(viewport=viewport)
            response = page.goto("/no-such-page/")
            assert response.status == 404
            assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
            screenshot(page, f"not-found-{width}")
        page.get_by_role("searchbox", name="Search the stories").fill("Ipswich")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=Ipswich")
        assert page.locator(".card").count() >= 1
