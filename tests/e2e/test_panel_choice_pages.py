"""The pages that show a panel's choice pass axe at desktop and phone widths, and the
admin page editors record a round on passes it too (screenshots for the note)."""

import pytest

from stories.models import SelectionRound
from tests.e2e.conftest import PHONE
from tests.e2e.pages import axe_violations, log_in, screenshot
from tests.factories import make_panel_member, make_staff
from tests.selection_world import choose, make_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = {
    "story": "/stories/ward/",
    "theme": "/themes/housing/",
    "stories": "/stories/",
}


def test_the_marked_pages_pass_axe_and_show_the_mark(browser):
    world = make_world()
    choose(world.programme, (world.ward, world.housing), title="Panel y Gwanwyn 2026")
    found = {}
    with browser() as open_page:
        for width, page in [("desktop", open_page()), ("phone", open_page(viewport=PHONE))]:
            for name, address in PAGES.items():
                assert page.goto(address).status == 200, address
                assert page.get_by_text("Chosen by the panel").first.is_visible(), address
                if violations := axe_violations(page):
                    found[f"{name} at {width} width"] = violations
                screenshot(page, f"panel-choice-{name}-{width}")
    assert found == {}


def test_the_round_admin_page_passes_axe(browser):
    world = make_world()
    selection_round = choose(world.programme, (world.ward, world.housing))
    make_panel_member(selection_round, name="Siôn Prys", role="Chair")
    make_staff("erin-editor", "Editors")
    address = f"/admin/stories/selectionround/{SelectionRound.objects.get().pk}/change/"
    with browser() as open_page:
        page = open_page()
        log_in(page, "erin-editor")
        assert page.goto(address).status == 200
        violations = axe_violations(page)
        screenshot(page, "panel-choice-admin")
    assert violations == []
