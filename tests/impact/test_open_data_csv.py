"""Open data CSVs: downloads that Excel reads and that no cell can turn into a formula."""

import pytest

from impact.open_data import csv_cell
from tests.factories import make_organisation, make_outcome, make_participant, make_story
from tests.impact.test_open_data import CSVS, csv_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", CSVS)
def test_csv_is_a_utf8_download_with_a_bom(client, url):
    make_outcome(make_story())
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="impact-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert response.getvalue().startswith("\ufeff".encode())


def test_welsh_and_arabic_names_survive_the_csv(client):
    employer = make_organisation(name="جمعية الأمل الخيرية")
    person = make_participant(name="Siân Llŷr ap Gwŷn", organisation=employer)
    make_outcome(make_story(participant=person), description="Gŵyl gymunedol newydd")
    [row] = csv_rows(client, "/impact/export.csv")
    assert row["participant"] == "Siân Llŷr ap Gwŷn"
    assert row["organisation"] == "جمعية الأمل الخيرية"
    assert row["description"] == "Gŵyl gymunedol newydd"


FORMULAS = ['=HYPERLINK("https://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_is_neutralised(client, formula):
    person = make_participant(name=formula)
    story = make_story(participant=person, title=formula)
    make_outcome(story, description=formula)
    for url, column in [
        ("/impact/stories.csv", "participant"),
        ("/impact/stories.csv", "title"),
        ("/impact/export.csv", "description"),
        ("/impact/export.csv", "participant"),
    ]:
        [row] = csv_rows(client, url)
        assert row[column] == f"'{formula}", (url, column)


@pytest.mark.parametrize(
    "value,cell",
    [(None, ""), (["=a", "b"], "'=a; b"), ("a=b", "a=b"), (12, "12"), ("", ""), ("'=x", "'=x")],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell
