"""The report's grade filters (level, verification, intended, step, evidenced, verified):
what they read for the page cache, what tampered values give, and that the filter bar
keeps them."""

import pytest
from django.http import QueryDict

from impact import filters
from tests.factories import make_pathway_step, make_programme
from tests.markup import parse

pytestmark = pytest.mark.django_db


def ledger(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    tables = parse(response.content.decode()).find_all("table", class_="ledger")
    if not tables:
        return []
    return sorted(row.find_all("th")[0].text() for row in tables[0].one("tbody").children)


def test_the_page_cache_keys_the_report_on_the_grades_in_one_order():
    read = filters.reads(
        QueryDict("verified=1&level=results&step=12&level=behaviour&level=results&intended=no")
    )
    assert read == [
        ("level", "behaviour"),
        ("level", "results"),
        ("intended", "no"),
        ("step", "12"),
        ("verified", "1"),
    ]
    # A switch other than 1 is not read: the same page as none.
    assert filters.reads(QueryDict("verified=yes&evidenced=0")) == []
    assert filters.reads(QueryDict("level=" + "x" * 5000)) == [("level", "x" * 200)]


@pytest.mark.parametrize(
    "query",
    [
        "level=nonsense",
        "level=results&level=%3Cscript%3E",
        "verification=trusted",
        "intended=maybe",
        "step=abc",
        "step=99999999",
        "step=-1",
        "step=" + "9" * 40,
    ],
)
def test_a_grade_that_names_nothing_gives_an_empty_report_never_an_error(
    client, funder_world, query
):
    response = client.get(f"/impact/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    assert "A filter names nothing on the public site" in html
    assert ledger(client, f"/impact/?{query}") == []
    # Not kept by a shared cache: every made-up value would make an entry.
    assert "private" in response.headers.get(
        "Cache-Control", ""
    ) or "no-store" in response.headers.get("Cache-Control", "")


def test_a_switch_with_another_value_is_ignored(client, funder_world):
    every = ledger(client, "/impact/")
    assert len(every) == 6
    assert ledger(client, "/impact/?verified=yes") == every
    assert ledger(client, "/impact/?evidenced=%3Cscript%3E") == every


def test_a_step_of_a_programme_with_no_public_story_is_not_found(client, funder_world):
    hidden = make_pathway_step(make_programme(name="Unseen"), title="Secret step")
    html = client.get(f"/impact/?step={hidden.pk}").content.decode()
    assert "Secret step" not in html
    assert "A filter names nothing on the public site" in html


def test_the_chips_name_each_grade_and_the_form_keeps_them(client, funder_world):
    step = funder_world["steps"][1]
    root = parse(
        client.get(
            f"/impact/?level=behaviour&intended=no&step={step.pk}&verified=1"
        ).content.decode()
    )
    chips = [
        li.text(seen=True) for li in root.one("section", class_="active-filters").find_all("li")
    ]
    assert chips[:4] == [
        "Level: Behaviour Remove",
        "Intended: No (unexpected) Remove",
        "Pathway step: Short-term outcomes: Leaders act together Remove",
        "Counting: Only verified figures Remove",
    ]
    form = root.one("form", class_="impact-filters")
    hidden = [(i.attrs["name"], i.attrs["value"]) for i in form.find_all("input", type="hidden")]
    assert hidden == [("level", "behaviour"), ("intended", "no"), ("step", str(step.pk))]
    assert ledger(client, f"/impact/?level=behaviour&intended=no&step={step.pk}&verified=1") == [
        "Council changed"
    ]
