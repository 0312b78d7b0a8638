"""A funder reads the impact report in a real browser: narrows it with the form,
opens a chart's figures as a table, and finds the same numbers the page leads with."""

import pytest
from django.conf import settings
from PIL import Image

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.pages import screenshot
from tests.e2e.site import THEME, load_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_reader_narrows_the_impact_report_and_reads_a_chart_as_a_table(browser):
    load_site()
    shots = {}
    with browser() as open_page:
        page = open_page()
        page.goto("/impact/")
        lead = page.locator("p.lead").inner_text()
        every_outcome = page.locator("table.ledger tbody tr").count()

        page.get_by_label("Theme", exact=True).select_option(THEME)
        page.get_by_label("Outcome type").select_option("funding")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url(f"**/impact/?theme={THEME}&*type=funding*")
        types = page.locator("table.ledger tbody tr td:nth-child(2)").all_inner_texts()
        totals = page.locator("ul.totals").inner_text()

        # The chart is a picture with a name; its figures are a table one click away.
        chart = page.get_by_role("img", name="Outcomes by type")
        chart_name = chart.get_attribute("aria-labelledby")
        page.locator("details", has=page.locator("table")).first.locator("summary").click()
        table = page.locator("details[open] table").first.inner_text()

        for width, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
            shooter = open_page(viewport=viewport)
            shooter.goto("/impact/")
            shots[screenshot(shooter, f"impact-{width}")] = viewport["width"]

    assert "outcomes reported in" in lead and every_outcome == 25
    assert types and set(types) == {"Funding secured"}
    assert "£" in totals and "Funding secured" in totals
    assert chart_name == "chart-kinds-title chart-kinds-desc"
    assert "Funding secured" in table
    for path, width in shots.items():
        with Image.open(settings.BASE_DIR / path) as shot:
            assert shot.size[0] == width and shot.size[1] > 1200, path
