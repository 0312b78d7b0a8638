"""The outcomes' open data carries their grades, their place on the pathway and their
public evidence: never evidence held back, never a file not marked public."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile

from impact import open_data
from pagecache import versions
from tests.factories import (
    make_cohort,
    make_evidence,
    make_outcome,
    make_pathway_step,
    make_programme,
    make_story,
)
from tests.impact.test_open_data import csv_rows, results

pytestmark = pytest.mark.django_db


@pytest.fixture
def award():
    programme = make_programme(name="Leadership Essentials")
    step = make_pathway_step(programme, stage="long_term", title="Funding follows")
    story = make_story(title="Leisure centres")
    story.participant.cohorts.add(make_cohort(programme=programme))
    return make_outcome(
        story,
        kind="funding",
        description="Section 75 award",
        value=1_340_000,
        unit="GBP",
        level="results",
        who_changed="system",
        change_kind="resources",
        intended="yes",
        contribution="Relationships built on the programme opened the conversation.",
        significance="The council can now commission health work.",
        verification="corroborated",
        verified_by="Head of Transformation",
        verifier_organisation="Ipswich and East Suffolk CCG",
        verifier_relationship="Commissioner",
        verified_on=dt.date(2021, 6, 30),
        pathway_step=step,
    )


GRADES = {
    "level": "results",
    "who_changed": "system",
    "change_kind": "resources",
    "intended": "yes",
    "contribution": "Relationships built on the programme opened the conversation.",
    "significance": "The council can now commission health work.",
    "verification": "corroborated",
    "verified_by": "Head of Transformation",
    "verifier_organisation": "Ipswich and East Suffolk CCG",
    "verifier_relationship": "Commissioner",
    "verified_on": "2021-06-30",
    "pathway_stage": "long_term",
    "pathway_step": "Funding follows",
}


def a_file(outcome, *, public: bool, name: str = "decision.pdf"):
    return make_evidence(
        outcome,
        url="",
        file=ContentFile(b"%PDF-1.4 the decision", name=name),
        description=f"File {name}",
        public=public,
    )


def test_the_api_and_csv_carry_every_grade_with_the_names_the_issue_fixed(client, award):
    [data] = results(client, "/api/outcomes/")
    [row] = csv_rows(client, "/impact/export.csv")
    assert {key: data[key] for key in GRADES} == GRADES
    assert {key: row[key] for key in GRADES} == GRADES
    assert list(row) == list(open_data.OUTCOME_COLUMNS)


def test_a_storys_outcomes_carry_their_grades_too(client, award):
    [story] = results(client, "/api/stories/")
    [outcome] = story["outcomes"]
    assert outcome["level"] == "results" and outcome["verification"] == "corroborated"


def test_only_public_evidence_is_exported_and_files_by_their_own_address(client, award):
    make_evidence(award, kind="document", description="The CCG's decision", order=1)
    make_evidence(award, description="Held back", url="https://example.org/held-back", order=2)
    award.evidence.filter(description="Held back").update(public=False)
    shown = a_file(award, public=True)
    a_file(award, public=False, name="private-minutes.pdf")
    shown_url = f"http://testserver/evidence/{shown.pk}/{shown.file.name.rsplit('/', 1)[-1]}"

    [data] = results(client, "/api/outcomes/")
    assert data["evidence"] == [
        {"kind": "document", "description": "File decision.pdf", "url": shown_url},
        {
            "kind": "document",
            "description": "The CCG's decision",
            "url": "https://example.org/board-paper.pdf",
        },
    ]
    [row] = csv_rows(client, "/impact/export.csv")
    assert row["evidence"] == f"{shown_url}; https://example.org/board-paper.pdf"
    for body in (str(data), str(row)):
        assert "Held back" not in body and "held-back" not in body
        assert "private-minutes" not in body and "File private" not in body


def test_an_evidence_file_address_in_the_export_opens_the_file(client, award):
    shown = a_file(award, public=True)
    [data] = results(client, "/api/outcomes/")
    address = data["evidence"][0]["url"].removeprefix("http://testserver")
    response = client.get(address)
    assert response.status_code == 200, address
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert re.fullmatch(rf"/evidence/{shown.pk}/[^/]+\.pdf", address)


def test_evidence_taken_back_leaves_the_export_on_the_next_request(client, award):
    item = make_evidence(award, description="Board paper")
    assert results(client, "/api/outcomes/")[0]["evidence"]
    item.public = False
    item.save()
    award.story.save()  # a new content version, as the admin's save of the story gives
    assert results(client, "/api/outcomes/")[0]["evidence"] == []


FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2", "@SUM(A1)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_new_cell_runs_as_a_formula(client, award, formula):
    for field in ("contribution", "significance", "verified_by", "verifier_organisation"):
        setattr(award, field, formula)
    award.verifier_relationship = formula
    award.save()
    award.pathway_step.title = formula
    award.pathway_step.save()
    make_evidence(award, description=formula)
    [row] = csv_rows(client, "/impact/export.csv")
    for column in (
        "contribution",
        "significance",
        "verified_by",
        "verifier_organisation",
        "verifier_relationship",
        "pathway_step",
    ):
        assert row[column] == f"'{formula}", column


def test_the_outcomes_csv_costs_the_same_queries_per_chunk(
    client, award, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(open_data, "CHUNK_SIZE", 5)
    for n in range(11):
        outcome = make_outcome(award.story, pathway_step=award.pathway_step, order=n + 1)
        make_evidence(outcome)
        a_file(outcome, public=False)
    versions.current_token()
    # The version and the outcomes (read in chunks from one query), then for each of the
    # three chunks its themes and its public evidence.
    with django_assert_num_queries(2 + 2 * 3):
        rows = csv_rows(client, "/impact/export.csv")
    assert len(rows) == 12
    assert sum(1 for row in rows if row["evidence"]) == 11
