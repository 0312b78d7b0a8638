"""The impact page's charts: their geometry, and the accessible SVG and tables they render as."""

import itertools
import math
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from impact.charts import Bar, bar_chart, bars_from_kinds, coverage_chart, kind_class, network_chart
from impact.charts import network as network_layout
from impact.charts.text import LINE_HEIGHT, fit, lines_width, text_width, wrap, wrap_within
from impact.reports import CoverageGrid, KindCount, Network, NetworkLink, NetworkNode
from participants.models import Organisation
from tests.markup import parse, table_rows

HOSTILE = "<script>alert(1)</script>"
LONG_NAME = ("The Very Long Named Partnership of " + "Llanfairpwllgwyngyll " * 9)[:200]
NAMES = ["Cyngor Gwynedd — Ŵyl a Ŷd", "مؤسسة الشراكة المجتمعية", "Team 🧑🏽‍🔬👩‍👩‍👧 🇬🇧🇫🇷", HOSTILE]
DASH = "\N{EN DASH}"  # what a gap in the table shows
CSS = Path(settings.BASE_DIR) / "static" / "css" / "impact.css"


# --- Data ------------------------------------------------------------------------------------


def theme(pk, name):
    return SimpleNamespace(pk=pk, name=name, get_absolute_url=lambda: f"/themes/{pk}/")


def cohort(pk, name, programme="Leaders"):
    return SimpleNamespace(pk=pk, name=name, programme=SimpleNamespace(name=programme))


def node(pk, name=None, kind="nhs", stories=1):
    label = dict(Organisation.Kind.choices).get(kind, kind)
    return NetworkNode(
        pk, name or f"Organisation {pk}", f"/organisations/{pk}/", kind, label, stories
    )


def some_bars():
    return [
        Bar("Funding secured", Decimal("1340000"), "£1,340,000", "/outcomes/?kind=funding"),
        Bar("Jobs created", 670000, "£670,000"),
        Bar("Nothing yet", 0, "£0"),
    ]


def some_grid(themes=None, cohorts=None, counts=None):
    themes = themes or [theme(1, "Health"), theme(2, "Housing"), theme(3, "Work")]
    cohorts = cohorts or [cohort(1, "2021"), cohort(2, "2022"), cohort(3, "2023", "Fellows")]
    counts = {(1, 1): 4, (1, 2): 1, (2, 3): 2} if counts is None else counts
    return CoverageGrid(themes, cohorts, counts)


def some_network(nodes=None):
    nodes = nodes or [
        node(1, kind="nhs", stories=9),
        node(2, kind="vcs", stories=4),
        node(3, kind="nhs", stories=1),
        node(4, kind="local_authority", stories=2),
    ]
    links = [NetworkLink(1, 2, 3), NetworkLink(1, 3, 1), NetworkLink(2, 4, 2)]
    return Network(nodes=nodes, links=links, kinds=[])


def draw(kind, data, chart_id="chart"):
    """The chart of one kind, and its HTML as the page would include it."""
    make, template = {
        "bars": (bar_chart, "bars"),
        "coverage": (coverage_chart, "coverage"),
        "network": (network_chart, "network"),
    }[kind]
    chart = make(data, chart_id=chart_id, title=f"Title {HOSTILE}", description="What it shows")
    return chart, render_to_string(f"impact/charts/{template}.html", {"chart": chart})


EXAMPLES = {
    "bars": some_bars,
    "coverage": some_grid,
    "network": some_network,
}
EMPTY = {
    "bars": list,
    "coverage": lambda: CoverageGrid([], [], {}),
    "network": lambda: Network([], [], []),
}
HOSTILE_DATA = {
    "bars": lambda: [Bar(HOSTILE, 3, HOSTILE, href="/x?a=1&b=2")],
    "coverage": lambda: some_grid([theme(1, HOSTILE)], [cohort(1, HOSTILE, HOSTILE)], {(1, 1): 1}),
    "network": lambda: some_network([node(1, HOSTILE, kind='nhs" onload="x'), node(2)]),
}


# --- Bars ------------------------------------------------------------------------------------


def test_largest_bar_fills_the_width_and_zero_draws_nothing():
    chart = bar_chart(some_bars(), chart_id="money", title="t", description="d")
    widths = [bar.width for bar in chart.bars]
    assert widths == [chart.plot_width, round(chart.plot_width / 2, 1), 0.0]


def test_bars_keep_the_order_given():
    bars = [Bar("Small", 1, "1"), Bar("Large", 9, "9"), Bar("Middle", 5, "5")]
    chart = bar_chart(bars, chart_id="c", title="t", description="d")
    assert [bar.label_text for bar in chart.bars] == ["Small", "Large", "Middle"]
    assert [bar.y for bar in chart.bars] == sorted(bar.y for bar in chart.bars)


def test_a_trillion_is_drawn_to_scale_and_a_tiny_value_still_shows():
    bars = [Bar("Huge", 10**12, "£1,000,000,000,000"), Bar("Half", 5 * 10**11, "half")]
    bars.append(Bar("Tiny", 1, "£1"))
    chart = bar_chart(bars, chart_id="c", title="t", description="d")
    huge, half, tiny = chart.bars
    assert huge.width == chart.plot_width and half.width == round(chart.plot_width / 2, 1)
    assert 0 < tiny.width < 5


@pytest.mark.parametrize("value", [-5, float("nan"), float("inf"), None, Decimal("NaN")])
def test_a_value_that_cannot_be_drawn_is_drawn_as_zero(value):
    chart = bar_chart(
        [Bar("Odd", value, "?"), Bar("Two", 2, "2")], chart_id="c", title="t", description="d"
    )
    assert [bar.width for bar in chart.bars] == [0.0, chart.plot_width]


def test_bars_labels_and_values_stay_inside_the_view_box():
    bars = [Bar(name, 10**12 - i, f"£{10**12 - i:,}") for i, name in enumerate([LONG_NAME, *NAMES])]
    chart = bar_chart(bars, chart_id="c", title="t", description="d")
    line = chart.font_size * LINE_HEIGHT
    below = 0.0  # the bottom of the bar above
    for bar in chart.bars:
        assert bar.label_text == " ".join(bar.bar.label.split())  # whole, on as many lines
        assert lines_width(bar.lines, chart.font_size) <= chart.width - 2 * chart.plot_x
        value_end = bar.value_x + text_width(bar.value_text, chart.font_size)
        assert chart.plot_x + bar.width <= value_end <= chart.width
        # Each label sits between the bar above and its own bar.
        assert bar.label_y - chart.font_size >= below
        assert bar.label_y + (len(bar.lines) - 1) * line < bar.y
        below = bar.y + chart.bar_height
    assert below <= chart.height
    assert len(chart.bars[0].lines) > 1  # the long name wrapped


def test_a_bar_for_nothing_is_not_drawn_only_its_value():
    chart, html = draw("bars", some_bars())
    rects = parse(html).find_all("rect", class_="bar")
    assert [rect.attrs["width"] for rect in rects] == [str(b.width) for b in chart.bars[:2]]
    assert chart.bars[2].width == 0 and not chart.bars[2].is_drawn
    assert "£0" in [t.text() for t in parse(html).find_all("text", class_="chart-value")]


def test_outcome_types_become_bars_linked_to_the_ledger():
    kinds = [KindCount("funding", "Funding secured", 12, "/o/?kind=funding")]
    kinds.append(KindCount("jobs", "Jobs", 1, "/o/?kind=jobs"))
    kinds.append(KindCount("other", "Other", 0, ""))  # none: no bar
    assert bars_from_kinds(kinds) == [
        Bar("Funding secured", 12, "12 outcomes", "/o/?kind=funding"),
        Bar("Jobs", 1, "1 outcome", "/o/?kind=jobs"),
    ]


# --- Labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [LONG_NAME, *NAMES, "字" * 60, "e\u0301" * 80])
def test_a_label_is_shortened_to_fit_its_room(name):
    label = fit(name, 120, 12)
    assert text_width(label, 12) <= 120
    assert label == name or (label.endswith("…") and name.startswith(label[:-1].rstrip()))


@pytest.mark.parametrize(
    ("name", "whole"),
    [("ab👩‍👩‍👧cd", "👩‍👩‍👧"), ("abcdé", "é"), ("ab🇬🇧🇫🇷", "🇬🇧"), ("ab👍🏽", "👍🏽")],
)
def test_shortening_never_cuts_a_picture_or_accent_in_two(name, whole):
    for room in range(8, 80):
        label = fit(name, room, 10).removesuffix("…")
        assert whole in label or not label.endswith(tuple(whole)), (room, label)


# --- Coverage --------------------------------------------------------------------------------


def test_a_theme_and_cohort_with_no_story_is_a_gap():
    chart = coverage_chart(some_grid(), chart_id="c", title="t", description="d")
    work_2021 = chart.rows[2].cells[0]
    assert work_2021.is_gap and work_2021.css_class == "cell-0"
    assert chart.gaps == 6


def test_shades_step_with_the_share_of_the_largest_count():
    counts = {(1, c): c for c in range(1, 9)}
    grid = some_grid([theme(1, "Health")], [cohort(c, str(c)) for c in range(1, 9)], counts)
    chart = coverage_chart(grid, chart_id="c", title="t", description="d")
    assert [cell.css_class[-1] for cell in chart.rows[0].cells] == list("11223344")
    assert [shade.text for shade in chart.shades] == [
        "1 to 2 stories",
        "3 to 4 stories",
        "5 to 6 stories",
        "7 to 8 stories",
    ]


def test_a_single_story_is_the_darkest_shade_and_the_legend_says_so():
    chart = coverage_chart(some_grid(counts={(1, 1): 1}), chart_id="c", title="t", description="d")
    assert chart.rows[0].cells[0].css_class == "cell-4"
    assert [(s.css_class, s.text) for s in chart.shades] == [("cell-4", "1 story")]


def test_fifty_themes_by_forty_cohorts_stay_inside_the_view_box():
    themes = [theme(t, f"{LONG_NAME} {t}") for t in range(50)]
    cohorts = [cohort(c, f"{NAMES[c % 4]} {c}") for c in range(40)]
    counts = {(t, c): (t * c) % 7 for t in range(50) for c in range(40)}
    chart = coverage_chart(
        some_grid(themes, cohorts, counts), chart_id="c", title="t", description="d"
    )
    assert len(chart.rows) == 50 and all(len(row.cells) == 40 for row in chart.rows)
    half = chart.font_size * LINE_HEIGHT
    for row in chart.rows:
        assert row.label == f"{LONG_NAME} {row.name.split()[-1]}"  # whole, wrapped
        assert len(row.lines) == 2 and lines_width(row.lines, chart.font_size) <= row.label_x
        for cell in row.cells:
            assert (
                cell.x + chart.cell_size <= chart.width and cell.y + chart.cell_size <= chart.height
            )
    # Two lines centred on each row, clear of the next row's.
    for above, below in itertools.pairwise(chart.rows):
        assert above.label_y + half <= below.label_y - half + 0.01
    assert chart.rows[-1].label_y + half <= chart.height
    for column in chart.columns:
        reach = text_width(column.label, chart.font_size)
        assert column.x + reach * math.cos(math.radians(60)) <= chart.width
        assert column.y - reach * math.sin(math.radians(60)) >= 0


def test_the_coverage_table_has_themes_as_rows_and_cohorts_as_columns():
    _, html = draw("coverage", some_grid())
    (table,) = parse(html).find_all("table")
    assert table_rows(table) == [
        ["", "Leaders", "Fellows"],
        ["Theme", "2021", "2022", "2023"],
        ["Health", "4", "1", DASH],
        ["Housing", DASH, DASH, "2"],
        ["Work", DASH, DASH, DASH],
    ]
    gap = table.find_all("tbody")[0].find_all("td")[2]
    assert "no stories" in gap.text("") and gap.find_all("span")[0].attrs["aria-hidden"] == "true"
    assert [th.attrs.get("colspan") for th in table.find_all("th")[:2]] == ["2", "1"]
    links = [a.attrs["href"] for a in table.find_all("a")]
    assert links == ["/themes/1/", "/themes/2/", "/themes/3/"]


def test_a_gap_is_drawn_unfilled_and_dashed():
    _, html = draw("coverage", some_grid())
    cells = [r for r in parse(html).find_all("rect") if "cell" in r.attrs.get("class", "")]
    gaps = [r for r in cells if "cell-0" in r.attrs["class"].split()]
    assert len(gaps) == 6 + 1  # six in the grid, one in the legend
    assert all(r.attrs["fill"] == "none" and r.attrs["stroke-dasharray"] for r in gaps)
    assert re.search(r"\.cell-0 \{[^}]*fill: none;[^}]*stroke-dasharray", CSS.read_text())


@pytest.mark.django_db
def test_real_themes_and_cohorts_render_without_a_query(django_assert_num_queries):
    from tests.factories import make_cohort, make_programme, make_theme

    programme = make_programme(name="Leaders")
    themes, cohorts = [make_theme(), make_theme()], [make_cohort(programme=programme)]
    grid = CoverageGrid(themes, cohorts, {(themes[0].pk, cohorts[0].pk): 3})
    chart = coverage_chart(grid, chart_id="coverage", title="t", description="d")
    with django_assert_num_queries(0):
        html = render_to_string("impact/charts/coverage.html", {"chart": chart})
    assert f'href="{themes[1].get_absolute_url()}"' in html


# --- Network ---------------------------------------------------------------------------------


def test_organisations_of_a_kind_sit_together_on_the_ring():
    nodes = [
        node(i, kind=kind) for i, kind in enumerate(["nhs", "vcs", "nhs", "vcs", "private", "nhs"])
    ]
    chart = network_chart(some_network(nodes), chart_id="c", title="t", description="d")
    by_angle = sorted(chart.nodes, key=lambda drawn: drawn.angle)
    assert [drawn.node.kind for drawn in by_angle] == ["nhs", "nhs", "nhs", "vcs", "vcs", "private"]
    assert [key.label for key in chart.legend] == [
        "NHS",
        "Voluntary and community sector",
        "Private sector",
    ]


def test_the_network_layout_is_the_same_every_time():
    first = network_chart(some_network(), chart_id="c", title="t", description="d")
    assert network_chart(some_network(), chart_id="c", title="t", description="d") == first
    assert all(
        drawn.x == round(drawn.x, 1) and drawn.y == round(drawn.y, 1) for drawn in first.nodes
    )


@pytest.mark.parametrize("count", [1, 2, 7, 60])
def test_nodes_and_names_stay_inside_the_view_box_and_apart(count):
    nodes = [
        node(i, name=f"{NAMES[i % 4]} {LONG_NAME}", stories=i, kind=["nhs", "vcs"][i % 2])
        for i in range(count)
    ]
    chart = network_chart(some_network(nodes), chart_id="c", title="t", description="d")
    for drawn in chart.nodes:
        assert (
            drawn.r <= drawn.x <= chart.width - drawn.r
            and drawn.r <= drawn.y <= chart.height - drawn.r
        )
        assert drawn.label == f"{NAMES[drawn.node.organisation_id % 4]} {LONG_NAME}"  # whole
        # The corners of the label's lines, as they run outward and across the radius.
        reach = lines_width(drawn.lines, chart.font_size)
        across = len(drawn.lines) * chart.font_size * LINE_HEIGHT / 2
        cos, sin = math.cos(math.radians(drawn.angle)), math.sin(math.radians(drawn.angle))
        for along in (0, reach):
            for side in (-across, across):
                x = drawn.label_x + along * cos - side * sin
                y = drawn.label_y + along * sin + side * cos
                assert 0 <= x <= chart.width and 0 <= y <= chart.height, drawn.label
    # Names run outward from each circle, so the nearest two names are where they start:
    # there, two neighbours' lines do not overlap.
    starts = sorted((d.angle, d.label_x, d.label_y, len(d.lines)) for d in chart.nodes)
    for (_, x1, y1, n1), (_, x2, y2, n2) in itertools.pairwise(starts):
        assert math.dist((x1, y1), (x2, y2)) >= (n1 + n2) / 2 * chart.font_size * LINE_HEIGHT


def test_circles_and_lines_grow_with_stories():
    chart = network_chart(some_network(), chart_id="c", title="t", description="d")
    radii = {drawn.node.organisation_id: drawn.r for drawn in chart.nodes}
    assert radii[1] == network_layout.NODE_LARGEST
    assert radii[1] > radii[2] > radii[4] > radii[3] > network_layout.NODE_SMALLEST
    widths = [(link.stories, link.width) for link in chart.links]
    assert widths == [(1, 2.7), (2, 4.3), (3, network_layout.LINK_THICKEST)]


def test_a_link_to_an_organisation_not_shown_is_left_out():
    network = some_network()
    network.links.append(NetworkLink(1, 99, 5))
    chart = network_chart(network, chart_id="c", title="t", description="d")
    assert len(chart.links) == 3 and max(link.stories for link in chart.links) == 3


def test_every_kind_of_organisation_has_a_colour():
    css = CSS.read_text()
    for kind in Organisation.Kind.values:
        assert f".{kind_class(kind)} {{ --kind: #" in css
    assert kind_class('nhs" onload="x') == "kind-nhs-onload-x"


# --- Every chart's markup --------------------------------------------------------------------


@pytest.mark.parametrize("kind", EXAMPLES)
def test_the_picture_is_an_image_named_by_its_title_and_description(kind):
    chart, html = draw(kind, EXAMPLES[kind](), chart_id="partners")
    (svg,) = parse(html).find_all("svg")[:1]
    assert svg.attrs["role"] == "img"
    title, desc = svg.children[:2]
    assert (title.tag, desc.tag) == ("title", "desc")
    assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
    assert title.text("") == f"Title {HOSTILE}" and desc.text("") == "What it shows"
    assert svg.attrs["viewbox"] == chart.view_box and "width" not in svg.attrs


@pytest.mark.parametrize("kind", EXAMPLES)
def test_the_markup_has_no_inline_style_and_unique_prefixed_ids(kind):
    _, html = draw(kind, EXAMPLES[kind](), chart_id="partners")
    found = list(parse(html).iter())
    ids = [el.attrs["id"] for el in found if "id" in el.attrs]
    assert len(ids) == len(set(ids)) and all(i.startswith("partners-") for i in ids)
    assert not [el.tag for el in found if "style" in el.attrs or el.tag in {"style", "script"}]
    assert not [a for a in found if "xlink:href" in a.attrs]
    for svg in parse(html).find_all("svg"):
        assert not svg.find_all("div") and not svg.find_all("a")
    assert {"figure", "figcaption", "details", "summary", "caption"} <= {el.tag for el in found}


@pytest.mark.parametrize("kind", EXAMPLES)
def test_hostile_names_come_out_as_text(kind):
    _, html = draw(kind, HOSTILE_DATA[kind]())
    assert "<script" not in html
    assert not [name for el in parse(html).iter() for name in el.attrs if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("kind", EXAMPLES)
def test_nothing_to_show_yet(kind):
    chart, html = draw(kind, EMPTY[kind]())
    assert chart.is_empty
    page = parse(html)
    assert "Nothing to show yet" in page.find_all("svg")[0].text("")
    assert page.find_all("title") and not page.find_all("table")


@pytest.mark.parametrize("kind", EXAMPLES)
def test_coordinates_are_written_as_numbers_in_any_language(kind, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    data = EXAMPLES[kind]() if kind != "bars" else [Bar("Big", 10**6, "1m"), Bar("Small", 1.5, "1")]
    with translation.override("de"):
        _, html = draw(kind, data)
    numbers = re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy|r|width|height|stroke-width)="([^"]*)"', html)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers)


@pytest.mark.parametrize(
    "name", ["London Borough of Tower Hamlets", "Norfolk and Suffolk NHS Foundation Trust"]
)
def test_an_organisations_name_is_drawn_whole_never_cut(name):
    """The picture showed "London Borough of To…": now every word is drawn, on lines."""
    chart, html = draw("network", some_network([node(1, name), *[node(n) for n in range(2, 13)]]))
    [label] = [
        t for t in parse(html).find_all("text") if t.parent.one("title").text().startswith(name)
    ]
    lines = [tspan.text() for tspan in label.find_all("tspan")]
    assert " ".join(lines) == name and "…" not in label.text("")
    assert all(text_width(line, chart.font_size) <= network_layout.LABEL_MAX for line in lines)


def test_a_long_name_is_wrapped_in_the_picture_and_whole_in_its_title_and_table():
    _, html = draw("network", some_network([node(1, LONG_NAME), node(2)]))
    page = parse(html)
    labels = [" ".join(s.text() for s in t.find_all("tspan")) for t in page.find_all("text")]
    assert " ".join(LONG_NAME.split()) in labels and not any("…" in label for label in labels)
    assert any(t.text("").startswith(f"{LONG_NAME} (NHS)") for t in page.find_all("title"))
    assert LONG_NAME in [a.text("") for a in page.find_all("a")]


def test_the_bar_table_holds_the_same_figures_with_links():
    _, html = draw("bars", some_bars())
    (table,) = parse(html).find_all("table")
    assert table_rows(table) == [
        ["Name", "Value"],
        ["Funding secured", "£1,340,000"],
        ["Jobs created", "£670,000"],
        ["Nothing yet", "£0"],
    ]
    assert [a.attrs["href"] for a in table.find_all("a")] == ["/outcomes/?kind=funding"]
    assert [th.attrs["scope"] for th in table.find_all("th")] == ["col", "col", "row", "row", "row"]


def test_the_network_tables_hold_each_organisation_and_each_pair():
    _, html = draw("network", some_network())
    organisations, pairs = parse(html).find_all("table")
    assert table_rows(organisations)[1:] == [
        ["Organisation 1", "NHS", "9"],
        ["Organisation 2", "Voluntary and community sector", "4"],
        ["Organisation 3", "NHS", "1"],
        ["Organisation 4", "Local authority", "2"],
    ]
    assert table_rows(pairs)[1:] == [
        ["Organisation 1", "Organisation 2", "3"],
        ["Organisation 2", "Organisation 4", "2"],
        ["Organisation 1", "Organisation 3", "1"],
    ]


def test_a_chart_id_must_be_a_plain_html_id():
    with pytest.raises(ValueError, match="chart_id"):
        bar_chart([], chart_id='x" onclick="y', title="t", description="d")


# --- Wrapping --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [LONG_NAME, *NAMES, "字" * 60, "e\u0301" * 80, ""])
def test_wrapping_keeps_every_character_and_each_line_fits(name):
    lines = wrap(name, 120, 12)
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")
    assert all(text_width(line, 12) <= 120 or " " not in line for line in lines)


def test_a_name_too_long_for_its_lines_makes_them_wider_not_shorter():
    lines = wrap_within(LONG_NAME, 150, 12, 3)
    assert len(lines) <= 3 and " ".join(lines) == " ".join(LONG_NAME.split())
