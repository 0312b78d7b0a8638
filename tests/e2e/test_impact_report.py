"""A funder reads the impact report in a real browser: narrows it with the form,
opens a chart's figures as a table, and finds the same numbers the page leads with;
on a phone and a laptop the summary comes first, every name in a chart is whole and
inside its picture, and the ledger reads as stacked rows on the phone."""

import pytest
from django.conf import settings
from PIL import Image

from tests.e2e.conftest import PHONE
from tests.e2e.pages import screenshot, show
from tests.e2e.site import THEME, load_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LAPTOP = {"width": 1366, "height": 768}


def test_a_reader_narrows_the_impact_report_and_reads_a_chart_as_a_table(browser):
    load_site()
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
        filtered = page.locator("p.lead").inner_text()
        figures = page.locator("ul.headline-figures li").all_inner_texts()

        # The chart is a picture with a name; its figures are a table one click away.
        chart = page.get_by_role("img", name="Outcomes by type")
        chart_name = chart.get_attribute("aria-labelledby")
        page.locator("details", has=page.locator("table")).first.locator("summary").click()
        table = page.locator("details[open] table").first.inner_text()

    assert " stories from " in lead and " outcomes across " in lead and every_outcome == 25
    assert types and set(types) == {"Funding secured"}
    assert filtered.startswith("With these filters: ") and "of funding secured." in filtered
    assert len(figures) == 3 and "£" in figures[1] and "funding secured" in figures[1]
    assert chart_name == "chart-kinds-title chart-kinds-desc"
    assert "Funding secured" in table


# --- What a person sees, at a phone's and a laptop's width --------------------------------------

# Where each part of the page starts, from the top of the page.
TOPS = """() => {
  const top = selector => {
    const el = document.querySelector(selector);
    return el ? el.getBoundingClientRect().top + window.scrollY : null;
  };
  return {
    summary: top('p.lead.impact-summary'),
    figures: [...document.querySelectorAll('ul.headline-figures li')].map(
      li => li.getBoundingClientRect().top + window.scrollY),
    filters: top('form.impact-filters'),
    totals: top('#totals-heading'),
    chart: top('#kinds-heading'),
    ledger: top('#ledger-heading'),
  };
}"""

# Text in a chart that runs out of its picture: each <text>'s box, carried through its
# transform (a slanted or turned label) into the units of the picture's viewBox.
TEXT_OUTSIDE_ITS_CHART = """() => [...document.querySelectorAll('svg.chart-svg')].flatMap(svg => {
  const view = svg.viewBox.baseVal;
  const into = svg.getScreenCTM().inverse();
  return [...svg.querySelectorAll('text')].flatMap(text => {
    const box = text.getBBox();
    const turn = into.multiply(text.getScreenCTM());
    const corners = [[box.x, box.y], [box.x + box.width, box.y],
                     [box.x, box.y + box.height], [box.x + box.width, box.y + box.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(turn));
    const out = corners.some(p => p.x < view.x - 1 || p.y < view.y - 1
      || p.x > view.x + view.width + 1 || p.y > view.y + view.height + 1);
    return out ? [`${svg.getAttribute('aria-labelledby')}: ${text.textContent}`] : [];
  });
})"""

# Each row of the ledger: how wide it is, and whether its cells sit one under another.
LEDGER_ROWS = """() => [...document.querySelectorAll('table.ledger tbody tr')].map(row => {
  const cells = [...row.children].map(cell => cell.getBoundingClientRect());
  const box = row.getBoundingClientRect();
  return {
    left: box.left, right: box.right, width: box.width,
    display: getComputedStyle(row).display,
    // One under another: every field starts at the same left edge.
    stacked: new Set(cells.map(cell => Math.round(cell.left))).size === 1,
    labels: [...row.querySelectorAll('.cell-label')].filter(
      label => getComputedStyle(label).display !== 'none').map(label => label.textContent),
  };
})"""

CHART_TEXT = "svg.chart-svg text"
WIDE = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_the_report_leads_with_its_summary_and_its_charts_and_ledger_fit_the_screen(browser):
    load_site()
    seen, shots = {}, {}
    with browser() as open_page:
        for name, viewport in [("390", PHONE), ("1366", LAPTOP)]:
            page = open_page(viewport=viewport)
            page.goto("/impact/")
            seen[name] = {
                "tops": page.evaluate(TOPS),
                "outside": page.evaluate(TEXT_OUTSIDE_ITS_CHART),
                "cut": [
                    t for t in page.locator("svg.chart-svg text").all_text_contents() if "…" in t
                ],
                "rows": page.evaluate(LEDGER_ROWS),
                "wider": page.evaluate(WIDE),
                "viewport": viewport["width"],
            }
            shots[screenshot(page, f"impact-{name}")] = viewport["width"]
        # The checks can fail: a label run out of its picture is found.
        show(
            page,
            '<svg class="chart-svg" viewBox="0 0 100 20" aria-labelledby="x">'
            '<text x="90" y="15">Far too long a name</text></svg>',
        )
        outside = page.evaluate(TEXT_OUTSIDE_ITS_CHART)

    assert outside == ["x: Far too long a name"]
    for name, facts in seen.items():
        tops = facts["tops"]
        # The sentence, then the three figures, before the filters and any detail.
        assert len(tops["figures"]) == 3, name
        assert tops["summary"] < min(tops["figures"]), name
        assert max(tops["figures"]) < tops["filters"] < tops["totals"] < tops["chart"], name
        assert tops["chart"] < tops["ledger"], name
        assert facts["outside"] == [] and facts["cut"] == [], name
        assert facts["wider"] <= 0, f"the page scrolls sideways at {name}"
        assert len(facts["rows"]) == 25, name
    phone, laptop = seen["390"], seen["1366"]
    # On the phone each outcome is a block of labelled fields, as wide as the screen at most.
    for row in phone["rows"]:
        assert row["display"] != "table-row" and row["stacked"], row
        assert row["left"] >= 0 and row["right"] <= phone["viewport"], row
        assert row["labels"] == ["Date", "Type", "Figure", "Story", "Evidence"], row
    # On the laptop it stays a table, its column headings saying what each field is.
    for row in laptop["rows"]:
        assert row["display"] == "table-row" and not row["stacked"] and row["labels"] == []
    for path, width in shots.items():
        with Image.open(settings.BASE_DIR / path) as shot:
            assert shot.size[0] == width and shot.size[1] > 1200, path
