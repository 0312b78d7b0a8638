"""The pathway chart as a reader and a screen reader meet it: an image named by its title
and description (every step's figures), a gap drawn and written as one, and a table."""

import pytest

from impact import funders
from impact.charts import pathway_chart
from tests.factories import make_pathway_step, make_programme
from tests.markup import Element, parse, table_rows

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
WELSH = "Mae arweinwyr Ynys Môn yn cydweithio ar draws gwasanaethau cymdeithasol a thai"
ARABIC = "يعمل القادة معًا عبر الخدمات الاجتماعية والإسكان في شرق سوفولك"


def alpha_chart(client) -> Element:
    root = parse(client.get("/impact/").content.decode())
    [figure] = [
        f
        for f in root.find_all("figure", class_="chart-pathway")
        if "Alpha" in f.one("figcaption").text()
    ]
    return figure


def test_the_chart_is_an_image_named_by_its_title_and_a_description_of_every_step(
    client, funder_world
):
    figure = alpha_chart(client)
    svg = figure.one("svg", class_="chart-svg")
    chart_id = f"chart-pathway-{funder_world['alpha'].pk}"
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-labelledby"] == f"{chart_id}-title {chart_id}-desc"
    named = {child.attrs.get("id"): child for child in svg.children}
    assert named[f"{chart_id}-title"].tag == "title"
    assert named[f"{chart_id}-title"].text() == "Pathway of change: Alpha Programme"
    assert named[f"{chart_id}-desc"].text() == (
        "The 4 steps of the pathway, with the outcomes on each. "
        "Activities: Leaders meet as peers: 1 outcome (0 independently verified, "
        "0 corroborated, 1 self-reported; 0 with public evidence), a gap: none evidenced or "
        "checked. "
        "Short-term outcomes: Leaders act together: 2 outcomes (0 independently verified, "
        "1 corroborated, 1 self-reported; 1 with public evidence). "
        "Long-term outcomes: Services change: 2 outcomes (1 independently verified, "
        "1 corroborated, 0 self-reported; 1 with public evidence). "
        "Impact: Residents are better off: no outcome yet, a gap. 2 gaps in all."
    )


def test_each_step_is_drawn_in_order_as_a_bar_stacked_by_verification(client, funder_world):
    svg = alpha_chart(client).one("svg", class_="chart-svg")
    steps = svg.find_all("g", class_="pathway-step")
    labels = [
        " ".join(t.text() for t in step.one("text", class_="chart-label").find_all("tspan"))
        for step in steps
    ]
    assert labels == [
        "1. Activities: Leaders meet as peers",
        "2. Short-term outcomes: Leaders act together",
        "3. Long-term outcomes: Services change",
        "4. Impact: Residents are better off",
    ]
    parts = [
        [rect.one("title").text() for rect in s.find_all("rect", class_="pathway-part")]
        for s in steps
    ]
    assert parts == [
        ["1 self-reported"],
        ["1 corroborated", "1 self-reported"],
        ["1 independently verified", "1 corroborated"],
        [],
    ]
    # The busiest steps fill the width; one outcome of two is half of it.
    widths = [
        float(rect.attrs["width"]) for rect in steps[2].find_all("rect", class_="pathway-part")
    ]
    assert widths == [202.0, 202.0]


def test_a_gap_is_an_outlined_hatched_box_with_the_word_gap(client, funder_world):
    svg = alpha_chart(client).one("svg", class_="chart-svg")
    steps = svg.find_all("g", class_="pathway-step")
    gaps = [step for step in steps if "is-gap" in step.classes]
    assert len(gaps) == 2
    for step in gaps:
        [box] = step.find_all("rect", class_="pathway-gap")
        # Drawn so without the stylesheet too: an outline, dashed, filled with the hatching.
        assert box.attrs["stroke"] == "currentColor" and box.attrs["stroke-dasharray"]
        assert box.attrs["fill"] == f"url(#{svg.one('pattern').attrs['id']})"
        assert step.one("text", class_="gap-label").text() == "Gap"
    assert not steps[1].find_all("rect", class_="pathway-gap")


def test_the_table_has_the_same_figures_and_names_the_gaps(client, funder_world):
    figure = alpha_chart(client)
    table = figure.one("table")
    assert table.one("caption").text().startswith("Pathway of change: Alpha Programme")
    headings = [th.text() for th in table.one("thead").find_all("th")]
    assert headings == [
        "Step",
        "Outcomes",
        "Independently verified",
        "Corroborated",
        "Self-reported",
        "With public evidence",
    ]
    rows = table.one("tbody").find_all("tr")
    assert ["gap" in row.classes for row in rows] == [True, False, False, True]
    assert rows[0].one("strong").text() == "Gap"
    # A link's words say what it counts, for a screen reader reading links alone.
    [first] = rows[1].find_all("a")[:1]
    assert first.text() == "2 outcomes on “Leaders act together”"
    assert table_rows(table, "tbody")[1][0] == "2. Short-term outcomes: Leaders act together"
    legend = [li.text() for li in figure.one("ul", class_="chart-legend").children]
    assert legend[-1] == "Gap: no outcome evidenced or checked (2 in all)"


def test_hostile_and_long_step_titles_are_text_and_wrap_whole(client, funder_world):
    alpha = funder_world["alpha"]
    for n, title in enumerate([SCRIPT, WELSH, ARABIC], start=5):
        make_pathway_step(alpha, stage="impact", title=title, order=n)
    html = client.get("/impact/").content.decode()
    assert SCRIPT not in html
    svg = alpha_chart(client).one("svg", class_="chart-svg")
    labels = [
        step.one("text", class_="chart-label").find_all("tspan")
        for step in svg.find_all("g", class_="pathway-step")
    ]
    assert " ".join(t.text() for t in labels[4]) == f"5. Impact: {SCRIPT}"
    welsh = [t.text() for t in labels[5]]
    assert len(welsh) > 1 and " ".join(welsh) == f"6. Impact: {WELSH}"
    assert " ".join(t.text() for t in labels[6]) == f"7. Impact: {ARABIC}"


def test_a_pathway_with_no_step_draws_nothing_to_show():
    pathway = funders.Pathway(programme=make_programme(), steps=[])
    chart = pathway_chart(pathway, chart_id="chart-empty", title="Empty", description="None.")
    assert chart.is_empty and chart.gaps == 0


def test_the_chart_keeps_the_lead_s_signature_and_fills_the_width_at_most():
    programme = make_programme()
    step = make_pathway_step(programme)
    figures = funders.StepFigures(step, outcomes=3, evidenced=0, corroborated=1, independent=2)
    chart = pathway_chart(
        funders.Pathway(programme, [figures]), chart_id="c1", title="T", description="D"
    )
    [drawn] = chart.drawn
    assert sum(segment.width for segment in drawn.segments) == pytest.approx(chart.plot_width)
    assert not figures.gap
    assert chart.width == 420.0 and chart.size_class == "chart-max-6"
