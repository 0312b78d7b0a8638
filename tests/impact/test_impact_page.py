"""/impact/ as a reader sees it: figures, filters, the ledger, the charts and their tables."""

import csv
import datetime as dt
import io
import itertools

import pytest
from django.core.cache import cache

from pagecache import dependencies
from pagecache.versions import current_token
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_story,
    make_theme,
)
from tests.markup import Element, parse, table_rows
from tests.page_queries import queries

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
WELSH = "Cyngor Sir Ynys Môn: Gwasanaethau Cymdeithasol a Thai Llanfairpwllgwyngyll"
ARABIC = "مؤسسة الشراكة المجتمعية للصحة والرفاه في شرق سوفولك"
DASH = "\N{EN DASH}"


# --- Reading the page -------------------------------------------------------------------------


def page(client, url="/impact/") -> Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response.content.decode())


def table(root: Element, caption: str) -> Element:
    [found] = [
        t for t in root.find_all("table") if t.find_all("caption")[0].text().startswith(caption)
    ]
    return found


def body_rows(table: Element) -> list[list[str]]:
    """Each body row's cells as they show (a gap is a dash, not its hidden words)."""
    return table_rows(table, "tbody")


def ledger(root: Element) -> list[str]:
    """The outcomes in the ledger, as their descriptions, top to bottom."""
    tables = root.find_all("table", class_="ledger")
    return (
        [row.find_all("th")[0].text() for row in tables[0].one("tbody").children] if tables else []
    )


def totals(root: Element) -> list[list[str]]:
    """The other totals' table (those the headline figures leave), row by row."""
    tables = root.find_all("table", class_="totals-table")
    return table_rows(tables[0], "tbody") if tables else []


def lead(root: Element) -> str:
    return root.one("p", class_="lead").text()


def figures(root: Element) -> list[str]:
    """The headline figures, each as it reads: "3 stories from 3 people"."""
    lists = root.find_all("ul", class_="headline-figures")
    return [item.text() for item in lists[0].children] if lists else []


def seen(cell: Element) -> str:
    """A ledger cell's value as it shows, without the label a phone shows beside it."""
    labels = cell.find_all("span", class_="cell-label")
    words = cell.text(seen=True)
    return words.removeprefix(labels[0].text()).strip() if labels else words


# --- The world --------------------------------------------------------------------------------


@pytest.fixture
def world():
    housing = make_theme(name="Housing", slug="housing", order=1)
    health = make_theme(name="Health", slug="health", order=2)
    alpha = make_cohort(
        name="March 2020",
        slug="alpha-march",
        programme=make_programme(name="Alpha Programme", slug="alpha"),
    )
    beta = make_cohort(
        name="May 2021",
        slug="beta-may",
        programme=make_programme(name="Beta Programme", slug="beta"),
    )
    council = make_organisation(name="Ipswich Borough Council", kind="local_authority")
    trust = make_organisation(name="East Suffolk NHS Trust", kind="nhs")
    mind = make_organisation(name="Suffolk Mind", kind="vcs")

    pat = make_participant(name="Pat", organisation=council)
    pat.cohorts.add(alpha)
    sam = make_participant(name="Sam", organisation=trust)
    sam.cohorts.add(beta)
    alex = make_participant(name="Alex")
    alex.cohorts.add(beta)

    leisure = make_story(title="Leisure centres", participant=pat)
    leisure.themes.add(housing)
    make_partner(leisure, mind)
    make_outcome(
        leisure,
        kind="funding",
        description="Council grant for pools",
        value=1_000_000,
        unit="GBP",
        achieved_on=dt.date(2023, 5, 1),
        evidence_url="https://example.org/board-paper",
        verified_by="Jo Bloggs, council finance lead",
        verified_on=dt.date(2023, 6, 1),
    )
    make_outcome(
        leisure,
        kind="people_reached",
        description="Swimmers reached",
        value=120,
        unit="people",
        achieved_on=dt.date(2022, 1, 10),
    )

    discharge = make_story(title="Hospital discharge", participant=sam)
    discharge.themes.add(health)
    make_partner(discharge, council)
    make_outcome(
        discharge,
        kind="funding",
        description="Discharge funding",
        value=250_000,
        unit="£",
        achieved_on=dt.date(2024, 2, 1),
    )
    make_outcome(discharge, kind="service_change", description="New discharge pathway")

    hubs = make_story(title="Community hubs", participant=alex)
    hubs.themes.add(housing, health)
    make_partner(hubs, mind)
    make_outcome(
        hubs,
        kind="funding",
        description="Hub funding",
        value=90_000,
        unit="pounds",
        achieved_on=dt.date(2021, 3, 1),
    )
    make_outcome(hubs, kind="partnership", description="Hubs partnership")
    return {"housing": housing, "alpha": alpha, "beta": beta, "trust": trust, "mind": mind}


EVERY_OUTCOME = [
    "Discharge funding",  # Feb 2024
    "Council grant for pools",  # May 2023
    "Swimmers reached",  # Jan 2022
    "Hub funding",  # Mar 2021
    "Hubs partnership",  # undated, added last
    "New discharge pathway",  # undated
]


# --- Figures and filters ----------------------------------------------------------------------


def test_the_page_leads_with_a_sentence_and_three_figures_of_every_public_outcome(client, world):
    root = page(client)
    # Pat (council), Sam (trust) and Alex (no employer); Suffolk Mind a partner twice.
    assert lead(root) == (
        "3 stories from 3 people, involving 3 organisations, report 6 outcomes across "
        "2 themes, including £1,340,000 of funding secured."
    )
    assert figures(root) == [
        "3 stories from 3 people",
        "£1,340,000 funding secured",
        "3 organisations involved as employers or partners",
    ]
    # The funding leads; the rest is a compact table, counts in a column of their own.
    assert totals(root) == [["People reached", "120 people", "1"]]


def test_the_ledger_is_newest_first_with_undated_outcomes_last(client, world):
    assert ledger(page(client)) == EVERY_OUTCOME


@pytest.mark.parametrize(
    ("query", "outcomes", "funding"),
    [
        (
            "theme=housing",
            ["Council grant for pools", "Swimmers reached", "Hub funding", "Hubs partnership"],
            "£1,090,000",
        ),
        ("programme=alpha", ["Council grant for pools", "Swimmers reached"], "£1,000,000"),
        (
            "cohort=beta-may",
            ["Discharge funding", "Hub funding", "Hubs partnership", "New discharge pathway"],
            "£340,000",
        ),
        ("kind=nhs", ["Discharge funding", "New discharge pathway"], "£250,000"),  # employer
        (
            "kind=vcs",  # a partner
            ["Council grant for pools", "Swimmers reached", "Hub funding", "Hubs partnership"],
            "£1,090,000",
        ),
        (
            "kind=local_authority",  # employer of one story, partner in another
            [
                "Discharge funding",
                "Council grant for pools",
                "Swimmers reached",
                "New discharge pathway",
            ],
            "£1,250,000",
        ),
        ("type=funding", ["Discharge funding", "Council grant for pools", "Hub funding"], None),
        ("theme=health&type=funding", ["Discharge funding", "Hub funding"], "£340,000"),
    ],
)
def test_each_filter_narrows_the_ledger_and_the_totals(client, world, query, outcomes, funding):
    root = page(client, f"/impact/?{query}")
    assert ledger(root) == outcomes
    funding = funding or "£1,340,000"
    assert figures(root)[1] == f"{funding} funding secured"
    assert lead(root).startswith("With these filters: ")
    assert lead(root).endswith(f", including {funding} of funding secured.")


def test_the_outcome_type_filter_leaves_out_totals_of_other_types(client, world):
    root = page(client, "/impact/?type=people_reached")
    assert ledger(root) == ["Swimmers reached"]
    assert totals(root) == [["People reached", "120 people", "1"]]
    # No funding among them: the middle figure counts the outcomes instead.
    assert figures(root) == [
        "1 story from 1 person",
        "1 outcome reported",
        "2 organisations involved as employers or partners",
    ]
    assert lead(root) == (
        "With these filters: 1 story from 1 person, involving 2 organisations, reports "
        "1 outcome across 1 theme."
    )


@pytest.mark.parametrize(
    "query",
    [
        "theme=no-such-theme",
        "programme=no-such-programme",
        "cohort=no-such-cohort",
        "kind=no-such-kind",
        "type=no-such-type",
        "theme=housing&type=%3Cscript%3E",
        "cohort=" + "x" * 5000,
    ],
)
def test_an_unknown_filter_value_gives_an_empty_report_that_says_so(client, world, query):
    root = page(client, f"/impact/?{query}")
    assert ledger(root) == [] and totals(root) == [] and figures(root) == []
    assert lead(root) == "No public story matches these filters."
    words = root.text()
    assert "No outcome with a figure matches these filters." in words
    assert "No outcomes match these filters. Show every outcome." in words


@pytest.fixture
def many_outcomes(world):
    """36 outcomes: a ledger of two pages."""
    story = make_story(title="A busy year")
    for day in range(30):
        make_outcome(
            story, description=f"Busy outcome {day + 1}", achieved_on=dt.date(2019, 1, day + 1)
        )


@pytest.mark.parametrize(
    ("number", "shown", "caption"),
    [
        ("abc", "Page 1 of 2", "Outcomes 1 to 25 of 36, newest first"),
        ("0", "Page 1 of 2", "Outcomes 1 to 25 of 36, newest first"),
        ("-3", "Page 1 of 2", "Outcomes 1 to 25 of 36, newest first"),
        ("2", "Page 2 of 2", "Outcomes 26 to 36 of 36, newest first"),
        ("99999", "Page 2 of 2", "Outcomes 26 to 36 of 36, newest first"),
    ],
)
def test_any_page_number_gives_the_nearest_page_of_the_ledger(
    client, many_outcomes, number, shown, caption
):
    root = page(client, f"/impact/?page={number}")
    assert root.one("table", class_="ledger").one("caption").text() == caption
    assert shown in root.one("nav", class_="pagination").text()
    rows = ledger(root)
    assert len(rows) == (25 if shown == "Page 1 of 2" else 11)
    assert rows[0] == ("Discharge funding" if shown == "Page 1 of 2" else "Busy outcome 9")


# --- The ledger -------------------------------------------------------------------------------


def test_the_ledger_shows_who_verified_a_figure_and_links_its_evidence(client, world):
    [row] = [
        row
        for row in page(client).one("table", class_="ledger").one("tbody").children
        if "Council grant for pools" in row.text()
    ]
    cells = [seen(cell) for cell in row.children]
    assert cells[:4] == ["May 2023", "Funding secured", "Council grant for pools", "£1,000,000"]
    assert cells[5] == "Verified by Jo Bloggs, council finance lead on 1 Jun 2023 Evidence"
    [evidence] = [a for a in row.find_all("a") if a.text(seen=True) == "Evidence"]
    assert evidence.attrs["href"] == "https://example.org/board-paper"
    assert evidence.text() == "Evidence for “Council grant for pools”"
    assert "nofollow" in evidence.attrs["rel"].split()


def test_an_outcome_with_no_figure_date_or_evidence_shows_dashes_not_blanks(client, world):
    [row] = [
        row
        for row in page(client).one("table", class_="ledger").one("tbody").children
        if "Hubs partnership" in row.text()
    ]
    cells = [seen(cell) for cell in row.children]
    assert cells[0] == "Not dated" and cells[3] == DASH and cells[5] == DASH


def test_the_download_links_carry_the_filters_and_give_the_same_outcomes(client, world):
    root = page(client, "/impact/?theme=housing&type=funding&page=1")
    links = {a.text(): a.attrs["href"] for a in root.one("p", class_="downloads").find_all("a")}
    assert links["these outcomes as CSV"] == "/impact/export.csv?theme=housing&type=funding"
    assert links["as JSON"] == "/api/outcomes/?theme=housing&type=funding"
    response = client.get(links["these outcomes as CSV"])
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    described = [row["description"] for row in csv.DictReader(io.StringIO(text))]
    assert sorted(described) == sorted(ledger(root)) == ["Council grant for pools", "Hub funding"]


def test_without_filters_the_download_links_have_no_query(client, world):
    links = [a.attrs["href"] for a in page(client).one("p", class_="downloads").find_all("a")]
    assert links[:2] == ["/impact/export.csv", "/api/outcomes/"]


# --- Hostile and long names -------------------------------------------------------------------


@pytest.fixture
def hostile(world):
    organisation = make_organisation(name=IMG, kind="vcs")
    person = make_participant(name=SCRIPT, organisation=organisation)
    person.cohorts.add(world["alpha"])
    story = make_story(title=IMG, participant=person)
    story.themes.add(make_theme(name=SCRIPT, order=9))
    make_partner(story, world["trust"])
    make_outcome(
        story,
        kind="other",
        description=SCRIPT,
        value=3,
        unit=IMG[:40],
        verified_by=IMG,
        evidence_url="https://example.org/?q=%22%3E",
    )
    return story


def test_hostile_names_and_descriptions_are_text_everywhere_on_the_page(client, hostile):
    response = client.get("/impact/")
    html = response.content.decode()
    assert SCRIPT not in html and "<img src=x" not in html
    root = parse(html)
    assert not [s for s in root.find_all("script") if "alert" in s.text()]
    assert not [e for e in root.iter() if "onerror" in e.attrs or e.attrs.get("src") == "x"]
    # Shown as the words they are: in the ledger, the coverage grid and the network.
    assert SCRIPT in ledger(root)
    assert SCRIPT in [row[0] for row in body_rows(table(root, "Public stories by theme"))]
    organisations = body_rows(table(root, "Organisations that appear together: organisations"))
    assert IMG in [row[0] for row in organisations]
    assert any(
        node.one("title").text().startswith(f"{IMG} (")
        for node in root.find_all("g", class_="node")
    )


@pytest.mark.parametrize("name", [WELSH, ARABIC])
def test_a_long_welsh_or_arabic_name_shows_whole_in_the_table_and_in_the_picture(
    client, world, name
):
    organisation = make_organisation(name=name, kind="local_authority")
    make_partner(make_story(participant=make_participant(organisation=organisation)), organisation)
    root = page(client)
    organisations = body_rows(table(root, "Organisations that appear together: organisations"))
    assert [name, "Local authority", "1"] in organisations
    [node] = [
        n for n in root.find_all("g", class_="node") if n.one("title").text().startswith(name)
    ]
    lines = [line.text() for line in node.one("text").find_all("tspan")]
    assert len(lines) > 1 and " ".join(lines) == name  # wrapped, never cut


# --- The charts' accessible markup ------------------------------------------------------------

CHARTS = {
    "chart-kinds": (
        "Outcomes by type",
        "6 outcomes by type. Funding secured: 3; Service change: 1; Partnership formed: 1; "
        "People reached: 1. None yet: Staff and skills, Other.",
    ),
    "chart-coverage": (
        "Public stories by theme and cohort",
        "2 themes by 2 cohorts; 1 of the 4 pairs have no story yet.",
    ),
    "chart-network": (
        "Organisations that appear together",
        "The 3 organisations on most stories, and 2 lines between those named on the same story.",
    ),
}


def charts(root: Element) -> dict[str, Element]:
    """Each chart's picture, by the id its own title carries."""
    found = {}
    for svg in root.find_all("svg", class_="chart-svg"):
        title = next(child for child in svg.children if child.tag == "title")
        found[title.attrs["id"].removesuffix("-title")] = svg
    return found


def test_each_chart_is_an_image_named_by_a_title_and_description_inside_it(client, world):
    found = charts(page(client))
    assert set(found) == set(CHARTS)
    for chart_id, (title, description) in CHARTS.items():
        svg = found[chart_id]
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-labelledby"] == f"{chart_id}-title {chart_id}-desc"
        named = {child.attrs.get("id"): child for child in svg.children}
        assert named[f"{chart_id}-title"].tag == "title"
        assert named[f"{chart_id}-title"].text() == title
        assert named[f"{chart_id}-desc"].tag == "desc"
        assert named[f"{chart_id}-desc"].text() == description


def test_the_bar_chart_has_a_table_with_the_same_figures(client, world):
    root = page(client)
    svg = charts(root)["chart-kinds"]
    drawn = [
        [bar.one("text", class_="chart-label").text(), bar.one("text", class_="chart-value").text()]
        for bar in svg.find_all("g", class_="bar-row")
    ]
    assert (
        body_rows(table(root, "Outcomes by type"))
        == drawn
        == [
            ["Funding secured", "3 outcomes"],
            ["Service change", "1 outcome"],
            ["Partnership formed", "1 outcome"],
            ["People reached", "1 outcome"],
        ]
    )
    # Types with none get no bar and no row, but are named under the chart.
    assert not svg.find_all("rect", width="0.0") and not svg.find_all("rect", width="0")
    assert "No outcome yet of these types: Staff and skills, Other." in root.text()


def test_types_with_outcomes_link_to_the_ledger_filtered_to_them(client, world):
    rows = table(page(client, "/impact/?theme=housing"), "Outcomes by type").one("tbody").children
    links = {row.text(): [a.attrs["href"] for a in row.find_all("a")] for row in rows}
    assert links["Funding secured 2 outcomes"] == ["/impact/?theme=housing&type=funding#ledger"]
    assert not [row for row in links if row.startswith("Service change")]  # none: no row


def test_the_coverage_table_has_the_grids_numbers_and_writes_gaps_out(client, world):
    root = page(client)
    coverage = table(root, "Public stories by theme and cohort")
    assert body_rows(coverage) == [["Housing", "1", "1"], ["Health", DASH, "2"]]
    [gap] = coverage.find_all("td", class_="gap")
    # Seen as a dash; heard as words (the dash is hidden from screen readers).
    [dash, words] = gap.children
    assert (dash.text(), dash.attrs["aria-hidden"]) == (DASH, "true")
    assert (words.text(), words.classes) == ("no stories", ["visually-hidden"])
    # The picture: the same counts, and the gap an outlined, dashed square.
    drawn = [
        [rect.one("title").text() for rect in row]
        for row in _rows_of(charts(root)["chart-coverage"].find_all("rect", class_="cell"))
    ]
    assert drawn == [["1 story", "1 story"], ["No stories", "2 stories"]]
    [square] = [
        r
        for r in charts(root)["chart-coverage"].find_all("rect", class_="cell")
        if "cell-0" in r.classes
    ]
    assert square.attrs["fill"] == "none" and square.attrs["stroke-dasharray"]


def _rows_of(cells, per_row=2):
    return [cells[n : n + per_row] for n in range(0, len(cells), per_row)]


def test_the_network_tables_have_each_organisation_and_pair_the_picture_draws(client, world):
    root = page(client)
    svg = charts(root)["chart-network"]
    nodes = [node.one("title").text() for node in svg.find_all("g", class_="node")]
    organisations = body_rows(table(root, "Organisations that appear together: organisations"))
    assert [
        f"{name} ({kind}): {n} stor{'y' if n == '1' else 'ies'}" for name, kind, n in organisations
    ] == nodes
    assert organisations == [
        ["Ipswich Borough Council", "Local authority", "2"],
        ["Suffolk Mind", "Voluntary and community sector", "2"],
        ["East Suffolk NHS Trust", "NHS", "1"],
    ]
    lines = sorted(line.one("title").text() for line in svg.find_all("line", class_="link"))
    shared = body_rows(table(root, "Organisations that appear together: stories shared"))
    assert sorted(f"{a} and {b}: {n} story together" for a, b, n in shared) == lines
    assert {frozenset(row[:2]) for row in shared} == {
        frozenset(("Ipswich Borough Council", "Suffolk Mind")),
        frozenset(("Ipswich Borough Council", "East Suffolk NHS Trust")),
    }


# --- Queries ----------------------------------------------------------------------------------


def grow(world, stories: int):
    """More stories, each with a new employer, partners, cohort, programme and theme."""
    for n in range(stories):
        cohort = make_cohort(programme=make_programme())
        person = make_participant(organisation=make_organisation(kind="education"))
        person.cohorts.add(cohort, world["beta"])
        story = make_story(participant=person)
        story.themes.add(make_theme(), world["housing"])
        for _ in range(3):
            make_partner(story, make_organisation(kind="private"))
        make_partner(story, world["mind"])
        make_outcome(story, kind="funding", value=n, unit="GBP", verified_by="Someone")
        make_outcome(story, kind="people_reached", value=n, unit="People")


URLS = ["/impact/?kind=vcs", "/impact/?cohort=beta-may&type=funding", "/impact/?page=2"]


def test_the_page_costs_the_same_queries_with_many_organisations_and_cohorts(
    client, world, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    few = {url: queries(client, url) for url in URLS}
    grow(world, 18)  # 3 stories and 3 organisations, then 21 and 75
    for url in URLS:
        current_token()
        current_token()
        cache.clear()
        dependencies.forget()
        with django_assert_num_queries(few[url], info=url):
            root = page(client, url)
        assert ledger(root), url
    root = page(client, "/impact/")
    organisations = body_rows(table(root, "Organisations that appear together: organisations"))
    assert len(organisations) == 12  # the network is capped; the count of rows does not grow


# --- What the review found -------------------------------------------------------------------


def test_two_themes_chosen_are_both_named_with_a_way_to_drop_each(client, world):
    """The form's theme list holds one; a report narrowed by two says so, not silently one."""
    html = client.get("/impact/?theme=housing&theme=health").content.decode()
    assert "Theme: <strong>Housing</strong>" in html and "Theme: <strong>Health</strong>" in html
    assert 'href="?theme=health">Remove' in html and 'href="?theme=housing">Remove' in html


def test_brochures_are_offered_only_where_there_is_a_story_to_print(client, world):
    """Sam agreed to the website only: Beta's brochure would hold just Alex, and with
    Alex web-only too it would be empty, so it is not offered."""
    world["beta"].participants.update(consent_scope="web")
    html = client.get("/impact/").content.decode()
    assert 'href="/programmes/alpha/brochure/"' in html
    assert "/programmes/beta/" not in html


def test_the_report_and_its_exports_are_read_only(client, world):
    for url in ["/impact/", "/impact/export.csv", "/api/stories/", "/programmes/alpha/brochure/"]:
        assert client.post(url).status_code == 405, url
        assert client.delete(url).status_code == 405, url


def test_no_heading_is_shown_twice_in_a_row(client, world):
    """'Outcomes by type' was the section's heading and, just under it, the chart's caption."""
    root = page(client)
    shown = [
        el.text()
        for el in root.iter()
        if el.tag in {"h1", "h2", "h3"}
        or (el.tag == "figcaption" and "visually-hidden" not in el.classes)
    ]
    assert "Outcomes by type" in shown
    assert all(first != second for first, second in itertools.pairwise(shown)), shown
    # The chart keeps its caption for a screen reader.
    [caption] = [f for f in root.find_all("figcaption") if f.text() == "Outcomes by type"]
    assert "visually-hidden" in caption.classes
