"""The funder's view on /impact/ and on theme pages, against hand-counted figures
(tests/impact/funder_world.py says how each is counted)."""

import pytest
from django.utils import timezone

from tests.markup import Element, parse, table_rows

pytestmark = pytest.mark.django_db


def page(client, url="/impact/") -> Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response.content.decode())


def funder_figures(root: Element) -> list[str]:
    """The funder's figures, each as it reads."""
    lists = root.find_all("ul", class_="funder-figures")
    return [item.text(seen=True) for item in lists[0].children] if lists else []


def figure_links(root: Element) -> dict[str, str]:
    """Each figure's link, by the words it shows."""
    [figures] = root.find_all("ul", class_="funder-figures")
    return {a.text(seen=True): a.attrs["href"] for a in figures.find_all("a")}


def pathway_tables(root: Element) -> dict[str, list[list[str]]]:
    """Each pathway's table, by its caption, row by row (as seen)."""
    return {
        t.one("caption").text(): table_rows(t, "tbody")
        for t in root.find_all("table", class_="pathway-table")
    }


def ledger(root: Element) -> list[str]:
    tables = root.find_all("table", class_="ledger")
    return (
        sorted(row.find_all("th")[0].text() for row in tables[0].one("tbody").children)
        if tables
        else []
    )


ALPHA_CAPTION = (
    "Pathway of change: Alpha Programme: outcomes on each step, by how strongly they are evidenced"
)
BETA_CAPTION = (
    "Pathway of change: Beta Programme: outcomes on each step, by how strongly they are evidenced"
)
WHOLE_FIGURES = [
    "67% changed what people do or what organisations achieve (4 of 6 outcomes at behaviour "
    "or results level, beyond reactions and learning)",
    "17% independently verified (1 of 6 outcomes), and 2 more corroborated by someone other "
    "than the participant",
    "2 unexpected outcomes changes the programme did not set out to make",
    "2 with public evidence a document, data or a link anyone can open",
]
# Step, outcomes, independently verified, corroborated, self-reported, with public evidence.
ALPHA_ROWS = [
    ["1. Activities: Leaders meet as peers Gap", "1", "0", "0", "1", "0"],
    ["2. Short-term outcomes: Leaders act together", "2", "0", "1", "1", "1"],
    ["3. Long-term outcomes: Services change", "2", "1", "1", "0", "1"],
    ["4. Impact: Residents are better off Gap", "0", "0", "0", "0", "0"],
]


def test_the_report_leads_with_the_funders_figures_of_public_outcomes_only(client, funder_world):
    root = page(client)
    assert funder_figures(root) == WHOLE_FIGURES
    tables = pathway_tables(root)
    assert list(tables) == [ALPHA_CAPTION, BETA_CAPTION]  # every public programme's
    assert tables[ALPHA_CAPTION] == ALPHA_ROWS
    assert tables[BETA_CAPTION] == [["1. Outputs: Toolkits written Gap", "0", "0", "0", "0", "0"]]
    assert "1 outcome not yet placed on a step of a pathway." in root.text()
    # Before the other totals.
    headings = [h.text() for h in root.find_all("h2")]
    assert headings.index("How strong is the evidence?") < headings.index("Outcomes by type")


def test_a_theme_page_shows_its_own_figures_from_the_kept_counts(client, funder_world):
    root = page(client, "/themes/housing/")
    assert funder_figures(root) == [
        "50% changed what people do or what organisations achieve (2 of 4 outcomes at "
        "behaviour or results level, beyond reactions and learning)",
        "25% independently verified (1 of 4 outcomes), and 1 more corroborated by someone "
        "other than the participant",
        "2 unexpected outcomes changes the programme did not set out to make",
        "2 with public evidence a document, data or a link anyone can open",
    ]
    # Only Alpha has a public story on Housing.
    assert pathway_tables(root) == {
        ALPHA_CAPTION: [
            ["1. Activities: Leaders meet as peers Gap", "1", "0", "0", "1", "0"],
            ["2. Short-term outcomes: Leaders act together", "2", "0", "1", "1", "1"],
            ["3. Long-term outcomes: Services change", "1", "1", "0", "0", "1"],
            ["4. Impact: Residents are better off Gap", "0", "0", "0", "0", "0"],
        ]
    }
    # The same figures as the report narrowed to the theme, which counts them afresh.
    narrowed = page(client, "/impact/?theme=housing")
    assert funder_figures(narrowed) == funder_figures(root)
    assert pathway_tables(narrowed) == pathway_tables(root)


@pytest.mark.parametrize(
    ("query", "view", "captions"),
    [
        ("programme=alpha", "(the programme's view)", [ALPHA_CAPTION]),
        ("cohort=alpha-march", "(the cohort's view)", [ALPHA_CAPTION]),
        ("programme=beta", "(the programme's view)", [BETA_CAPTION]),
    ],
)
def test_a_programme_or_cohort_has_its_own_view_with_its_own_pathway(
    client, funder_world, query, view, captions
):
    root = page(client, f"/impact/?{query}")
    assert view in root.one("section", class_="funder-view").text()
    assert list(pathway_tables(root)) == captions
    if "alpha" in query:
        assert funder_figures(root) == WHOLE_FIGURES  # every outcome is Alpha's
        assert pathway_tables(root)[ALPHA_CAPTION] == ALPHA_ROWS
    else:
        assert not funder_figures(root)
        assert "No outcome to grade here yet." in root.text()


def test_counting_only_verified_figures_narrows_every_figure_the_totals_and_the_ledger(
    client, funder_world
):
    root = page(client, "/impact/?verified=1")
    assert funder_figures(root) == [
        "100% changed what people do or what organisations achieve (3 of 3 outcomes at "
        "behaviour or results level, beyond reactions and learning)",
        "33% independently verified (1 of 3 outcomes), and 2 more corroborated by someone "
        "other than the participant",
        "1 unexpected outcome changes the programme did not set out to make",
        "1 with public evidence a document, data or a link anyone can open",
    ]
    assert ledger(root) == ["Council changed", "Discharge funded", "Pools grant"]
    assert pathway_tables(root)[ALPHA_CAPTION] == [
        ["1. Activities: Leaders meet as peers Gap", "0", "0", "0", "0", "0"],
        ["2. Short-term outcomes: Leaders act together", "1", "0", "1", "0", "0"],
        ["3. Long-term outcomes: Services change", "2", "1", "1", "0", "1"],
        ["4. Impact: Residents are better off Gap", "0", "0", "0", "0", "0"],
    ]
    note = root.one("p", class_="verified-note")
    assert note.text().startswith("Counting only verified figures:")
    assert note.one("a").attrs["href"] == "/impact/"
    assert root.one("p", class_="lead").text() == (
        "With these filters: 2 stories from 2 people report 3 outcomes across 2 themes."
    )
    checkbox = root.one("input", id="impact-verified")
    assert checkbox.attrs["type"] == "checkbox" and "checked" in checkbox.attrs
    assert "checked" not in page(client).one("input", id="impact-verified").attrs


def test_verified_only_keeps_the_other_filters_and_its_note_links_back_to_them(
    client, funder_world
):
    root = page(client, "/impact/?theme=housing&verified=1")
    assert ledger(root) == ["Council changed", "Pools grant"]
    assert root.one("p", class_="verified-note").one("a").attrs["href"] == "/impact/?theme=housing"


def expected_ledger(link: str) -> list[str]:
    return {
        "level=behaviour&level=results": [
            "Council changed",
            "Discharge funded",
            "Pools grant",
            "Ward rounds changed",
        ],
        "verification=independent": ["Pools grant"],
        "verification=corroborated": ["Council changed", "Discharge funded"],
        "intended=no": ["Council changed", "Enjoyed the day"],
        "evidenced=1": ["Learnt budgeting", "Pools grant"],
    }[link]


def test_every_figure_links_to_exactly_the_outcomes_it_counts(client, funder_world):
    links = figure_links(page(client))
    assert sorted(links.values()) == sorted(
        f"/impact/?{query}#ledger"
        for query in [
            "level=behaviour&level=results",
            "verification=independent",
            "verification=corroborated",
            "intended=no",
            "evidenced=1",
        ]
    )
    for href in links.values():
        query = href.removeprefix("/impact/?").removesuffix("#ledger")
        assert ledger(page(client, href)) == expected_ledger(query), href


def test_each_step_figure_links_to_the_outcomes_on_that_step(client, funder_world):
    root = page(client)
    [alpha] = [
        t
        for t in root.find_all("table", class_="pathway-table")
        if "Alpha" in t.one("caption").text()
    ]
    rows = alpha.one("tbody").find_all("tr")
    # Step 2: 2 outcomes, 1 corroborated, 1 self-reported, 1 with public evidence.
    links = [a.attrs["href"] for a in rows[1].find_all("a")]
    step = funder_world["steps"][1].pk
    assert links == [
        f"/impact/?step={step}#ledger",
        f"/impact/?verification=corroborated&step={step}#ledger",
        f"/impact/?verification=self_reported&step={step}#ledger",
        f"/impact/?step={step}&evidenced=1#ledger",
    ]
    assert [ledger(page(client, href)) for href in links] == [
        ["Council changed", "Learnt budgeting"],
        ["Council changed"],
        ["Learnt budgeting"],
        ["Learnt budgeting"],
    ]
    # A step with none has no link: the ledger would be empty.
    assert not rows[3].find_all("a")


def test_a_figure_link_within_filters_keeps_them(client, funder_world):
    links = figure_links(page(client, "/themes/housing/"))
    assert "/impact/?theme=housing&level=behaviour&level=results#ledger" in links.values()
    assert ledger(page(client, "/impact/?theme=housing&level=behaviour&level=results")) == [
        "Council changed",
        "Pools grant",
    ]
    # Already narrowed to one level: the figure counts only those, and links to them.
    root = page(client, "/impact/?level=results")
    assert funder_figures(root)[0].startswith("100% ")
    assert "/impact/?level=results#ledger" in figure_links(root).values()


def test_withdrawing_consent_drops_the_outcomes_from_every_figure_at_once(client, funder_world):
    page(client)  # kept in the page cache and the figures' cache
    page(client, "/themes/housing/")
    pat = funder_world["pat"]
    pat.consent_withdrawn_at = timezone.now()
    pat.save()
    root = page(client)
    assert funder_figures(root) == [
        "100% changed what people do or what organisations achieve (2 of 2 outcomes at "
        "behaviour or results level, beyond reactions and learning)",
        "0% independently verified (0 of 2 outcomes), and 1 more corroborated by someone "
        "other than the participant",
        "0 unexpected outcomes changes the programme did not set out to make",
        "0 with public evidence a document, data or a link anyone can open",
    ]
    assert pathway_tables(root)[ALPHA_CAPTION] == [
        ["1. Activities: Leaders meet as peers Gap", "0", "0", "0", "0", "0"],
        ["2. Short-term outcomes: Leaders act together Gap", "0", "0", "0", "0", "0"],
        ["3. Long-term outcomes: Services change", "1", "0", "1", "0", "0"],
        ["4. Impact: Residents are better off Gap", "0", "0", "0", "0", "0"],
    ]
    # Housing has no public story left: no page for it.
    assert client.get("/themes/housing/").status_code == 404


def test_ticking_evidence_public_moves_the_figures_at_once(client, funder_world):
    page(client, "/themes/housing/")
    evidence = funder_world["enjoyed"].evidence.get()
    evidence.public = True
    evidence.save()
    root = page(client, "/themes/housing/")
    assert funder_figures(root)[3].startswith("3 with public evidence")
    # Step 1 now has public evidence: no longer a gap.
    assert pathway_tables(root)[ALPHA_CAPTION][0] == [
        "1. Activities: Leaders meet as peers",
        "1",
        "0",
        "0",
        "1",
        "1",
    ]
    evidence.delete()
    assert funder_figures(page(client, "/themes/housing/"))[3].startswith("2 with public evidence")
