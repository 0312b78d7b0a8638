"""Editors grade outcomes and give their evidence on the story form: every field stored,
the rules of a check and of an evidence item kept, and only the story's own pathway."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stories.models import Evidence, Outcome, Story
from tests.admin_posts import ADD_URL, change_url, edit_form, story_form
from tests.factories import (
    make_cohort,
    make_evidence,
    make_outcome,
    make_participant,
    make_pathway_step,
    make_programme,
    make_story,
)

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('contribution')</script>"


@pytest.fixture
def participant():
    """Gwen, in a cohort of the Leaders programme, whose pathway has two steps."""
    leaders = make_programme(name="Leaders")
    gwen = make_participant(name="Gwen ap Rhys")
    gwen.cohorts.add(make_cohort(programme=leaders))
    make_pathway_step(leaders, stage="activities", title="Peer learning sets", order=1)
    make_pathway_step(leaders, stage="impact", title="Fairer services", order=2)
    return gwen


def step(title):
    return Outcome.pathway_step.field.related_model.objects.get(title=title)


def full_outcome(**changes) -> dict:
    row = {
        "kind": "funding",
        "description": "Section 75 award",
        "value": "250000",
        "unit": "GBP",
        "level": "results",
        "verification": "independent",
        "verified_by": "د. ليلى حداد",
        "verifier_organisation": "Prifysgol Bangor 班戈大学",
        "verifier_relationship": "External evaluator",
        "verified_on": "12/06/2024",
        "who_changed": "system",
        "change_kind": "resources",
        "intended": "no",
        "contribution": "Brought the commissioners to one table.",
        "significance": "Pools stay open for 40,000 residents.",
        "pathway_step": str(step("Fairer services").pk),
        "achieved_on": "01/05/2024",
        "evidence_url": "https://example.org/board-paper.pdf",
        "order": "0",
        "evidence": [
            {
                "kind": "document",
                "description": "Decision of the commissioning group",
                "url": "https://example.org/decision.pdf",
                "public": "on",
                "order": "0",
            }
        ],
    }
    return row | changes


def add_story(client, participant, *outcomes):
    return client.post(
        ADD_URL, story_form(participant=str(participant.pk), outcomes=list(outcomes))
    )


def row_errors(response, model) -> list:
    return [
        errors
        for inline in response.context["inline_admin_formsets"]
        for errors in _errors_of(inline, model)
    ]


def _errors_of(inline, model):
    if inline.formset.model is model:
        yield from (form.errors for form in inline.formset.forms)
        yield inline.formset.non_form_errors()
    for admin_form in inline:
        for nested in getattr(admin_form.form, "inlines", []):
            yield from _errors_of(nested, model)


def test_an_editor_stores_every_new_field_and_the_evidence(editor_client, participant):
    response = add_story(editor_client, participant, full_outcome())
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert {
        name: getattr(outcome, name)
        for name in [
            "level",
            "verification",
            "verified_by",
            "verifier_organisation",
            "verifier_relationship",
            "verified_on",
            "who_changed",
            "change_kind",
            "intended",
            "contribution",
            "significance",
            "pathway_step",
            "achieved_on",
        ]
    } == {
        "level": "results",
        "verification": "independent",
        "verified_by": "د. ليلى حداد",
        "verifier_organisation": "Prifysgol Bangor 班戈大学",
        "verifier_relationship": "External evaluator",
        "verified_on": dt.date(2024, 6, 12),
        "who_changed": "system",
        "change_kind": "resources",
        "intended": "no",
        "contribution": "Brought the commissioners to one table.",
        "significance": "Pools stay open for 40,000 residents.",
        "pathway_step": step("Fairer services"),
        "achieved_on": dt.date(2024, 5, 1),
    }
    assert list(Evidence.objects.values_list("outcome", "kind", "url", "public")) == [
        (outcome.pk, "document", "https://example.org/decision.pdf", True)
    ]


def test_an_uploaded_file_is_evidence_too(editor_client, participant):
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", "application/pdf")
    item = {"kind": "document", "description": "Minutes", "file": upload, "order": "0"}
    response = add_story(editor_client, participant, full_outcome(evidence=[item]))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file.name.endswith(".pdf") and not evidence.url and not evidence.public


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<script>alert(1)</script>"),
        ("huge.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024)),
    ],
    ids=["a page a browser would run", "over 20 MB"],
)
def test_a_file_not_taken_is_a_form_error_never_a_500(editor_client, participant, name, content):
    item = {"kind": "document", "description": "Bad file", "order": "0"}
    item["file"] = SimpleUploadedFile(name, content)
    response = add_story(editor_client, participant, full_outcome(evidence=[item]))
    assert response.status_code == 200
    assert [e["file"] for e in row_errors(response, Evidence) if e and "file" in e]
    assert not Evidence.objects.exists()


def test_a_corroborated_outcome_with_nobody_named_is_a_form_error(editor_client, participant):
    row = full_outcome(verification="corroborated", verified_by="", verified_on="")
    response = add_story(editor_client, participant, row)
    assert response.status_code == 200
    assert row_errors(response, Outcome)[0]["verified_by"] == [
        "Say who checked it (a name or a role)."
    ]
    assert not Story.objects.exists() and not Evidence.objects.exists()


@pytest.mark.parametrize("file", [True, False], ids=["link and file", "neither"])
def test_evidence_needs_a_link_or_a_file_not_both(editor_client, participant, file):
    item = {"kind": "data", "description": "Attendance figures", "order": "0"}
    if file:
        item |= {
            "url": "https://example.org/figures.csv",
            "file": SimpleUploadedFile("figures.csv", b"a,b\n1,2\n", "text/csv"),
        }
    response = add_story(editor_client, participant, full_outcome(evidence=[item]))
    assert response.status_code == 200
    errors = [e for e in row_errors(response, Evidence) if e]
    assert [list(e.get("__all__", [])) for e in errors] == [
        ["Give a link or upload a file (one, not both)."]
    ]
    assert "Give a link or upload a file (one, not both)." in response.content.decode()
    assert not Outcome.objects.exists() and not Evidence.objects.exists()


def test_a_step_of_another_programme_is_refused(editor_client, participant):
    elsewhere = make_pathway_step(make_programme(name="Other"), title="Not this pathway")
    response = add_story(editor_client, participant, full_outcome(pathway_step=str(elsewhere.pk)))
    assert response.status_code == 200
    assert "pathway_step" in row_errors(response, Outcome)[0]
    assert not Outcome.objects.exists()


@pytest.mark.parametrize("tampered", ["999999", "x", "-1", "1 OR 1=1"])
def test_a_tampered_step_is_a_form_error_never_a_500(editor_client, participant, tampered):
    response = add_story(editor_client, participant, full_outcome(pathway_step=tampered))
    assert response.status_code == 200
    assert "pathway_step" in row_errors(response, Outcome)[0]


def test_the_steps_offered_are_the_participants_programmes_grouped(editor_client, participant):
    make_pathway_step(make_programme(name="Other"), title="Not this pathway")
    story = make_story(participant=participant, status="draft", published_at=None)
    make_outcome(story)
    page = editor_client.get(change_url(story)).content.decode()
    select = re.search(r'<select name="outcomes-0-pathway_step".*?</select>', page, re.S)[0]
    assert '<optgroup label="Leaders">' in select
    assert "Impact: Fairer services" in select and "Not this pathway" not in select


def test_script_in_the_contribution_is_kept_as_text_and_shown_escaped(editor_client, participant):
    assert (
        add_story(editor_client, participant, full_outcome(contribution=HOSTILE)).status_code == 302
    )
    outcome = Outcome.objects.get()
    assert outcome.contribution == HOSTILE
    page = editor_client.get(change_url(outcome.story)).content.decode()
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&#x27;contribution&#x27;)&lt;/script&gt;" in page


def test_the_folded_part_opens_itself_only_when_it_holds_something(editor_client, participant):
    story = make_story(participant=participant, status="draft", published_at=None)
    make_outcome(story, description="Plain")
    make_outcome(story, description="Harvested", contribution="Convened the partners.", order=1)
    page = editor_client.get(change_url(story)).content.decode()
    folded = re.findall(r"<details( open)?><summary>\s*<h4[^>]*>Who changed", page)
    assert folded[:2] == ["", " open"]  # then the blank row a new outcome is copied from


def test_a_broken_harvest_field_opens_the_folded_part(editor_client, participant):
    row = full_outcome(achieved_on="not a date")
    response = add_story(editor_client, participant, row)
    assert response.status_code == 200
    assert re.search(r"<details open><summary>\s*<h4[^>]*>Who changed", response.content.decode())


def test_evidence_is_changed_and_deleted_with_the_story(editor_client, participant):
    story = make_story(participant=participant, status="draft", published_at=None)
    outcome = make_outcome(story, description="Grant")
    kept = make_evidence(outcome, description="Board paper")
    gone = make_evidence(outcome, description="Old note", order=1)
    row = {
        "id": str(outcome.pk),
        "story": str(story.pk),
        "kind": "funding",
        "description": "Grant",
        "order": "0",
        "evidence": [
            {
                "id": str(kept.pk),
                "outcome": str(outcome.pk),
                "kind": "document",
                "description": "Board paper, signed",
                "url": kept.url,
                "order": "0",
            },
            {
                "id": str(gone.pk),
                "outcome": str(outcome.pk),
                "kind": "document",
                "description": gone.description,
                "url": gone.url,
                "order": "1",
                "DELETE": "on",
            },
        ],
    }
    data = edit_form(story, outcomes=[row])
    assert editor_client.post(change_url(story), data).status_code == 302
    assert list(Evidence.objects.values_list("description", "public")) == [
        ("Board paper, signed", False)
    ]


def test_the_story_page_runs_the_same_queries_for_one_outcome_as_for_ten(
    editor_client, participant, django_assert_num_queries
):
    story = make_story(participant=participant, status="draft", published_at=None)
    make_evidence(make_outcome(story))
    editor_client.get(change_url(story))  # content types and the like, cached once
    with django_assert_num_queries(BUDGET):
        assert editor_client.get(change_url(story)).status_code == 200
    for order in range(1, 10):
        outcome = make_outcome(story, order=order, pathway_step=step("Fairer services"))
        make_evidence(outcome)
        make_evidence(outcome, order=1)
    with django_assert_num_queries(BUDGET):
        assert editor_client.get(change_url(story)).status_code == 200


BUDGET = 20


def test_a_contributor_adds_evidence_to_a_draft_and_only_reads_a_live_storys(
    contributor_client, participant
):
    draft = make_story(participant=participant, status="draft", published_at=None)
    response = contributor_client.post(
        change_url(draft),
        edit_form(draft, outcomes=[full_outcome()]),
    )
    assert response.status_code == 302
    assert Evidence.objects.filter(outcome__story=draft).count() == 1

    live = make_story(participant=participant)
    make_evidence(make_outcome(live), description="Signed minutes")
    page = contributor_client.get(change_url(live)).content.decode()
    assert "Signed minutes" in page
    assert 'name="outcomes-0-evidence-0-description"' not in page
    assert "Add another evidence item" not in page and 'name="_save"' not in page


def test_a_step_kept_from_a_programme_the_participant_left_stays_as_it_is(
    editor_client, participant
):
    earlier = make_pathway_step(make_programme(name="Earlier"), title="Old pathway step")
    story = make_story(participant=participant, status="draft", published_at=None)
    outcome = make_outcome(story, description="Grant", pathway_step=earlier)
    page = editor_client.get(change_url(story)).content.decode()
    assert '<optgroup label="Earlier">' in page
    row = {
        "id": str(outcome.pk),
        "story": str(story.pk),
        "description": "Grant, renewed",
        "pathway_step": str(earlier.pk),
        "order": "0",
    }
    data = edit_form(story, outcomes=[row])
    assert editor_client.post(change_url(story), data).status_code == 302
    outcome.refresh_from_db()
    assert (outcome.description, outcome.pathway_step) == ("Grant, renewed", earlier)


@pytest.mark.parametrize("tampered", ["other story", "nonsense"])
def test_a_tampered_evidence_id_changes_no_one_elses_evidence(editor_client, participant, tampered):
    theirs = make_evidence(make_outcome(make_story()), description="Another story's proof")
    story = make_story(participant=participant, status="draft", published_at=None)
    outcome = make_outcome(story, description="Grant")
    pk = str(theirs.pk) if tampered == "other story" else "1; DROP TABLE"
    item = {"id": pk, "outcome": str(outcome.pk), "kind": "document", "order": "0"}
    item |= {"description": "Overwritten", "url": "https://example.org/x.pdf"}
    row = {"id": str(outcome.pk), "story": str(story.pk), "description": "Grant", "order": "0"}
    response = editor_client.post(
        change_url(story), edit_form(story, outcomes=[row | {"evidence": [item]}])
    )
    assert response.status_code in (200, 302)
    theirs.refresh_from_db()
    assert theirs.description == "Another story's proof" and theirs.outcome.story != story
    assert not Evidence.objects.filter(description="Overwritten").exists()


@pytest.mark.parametrize("delete", [False, True], ids=["changed", "ticked for deletion"])
def test_a_tampered_outcome_or_evidence_id_of_another_story_is_left_alone(
    editor_client, participant, delete
):
    """nested-admin reads posted ids against the whole table (rows may move between
    parents there); ours keep to their own story."""
    live_outcome = make_outcome(make_story(), description="Another story's outcome")
    theirs = make_evidence(live_outcome, description="Another story's proof")
    story = make_story(participant=participant, status="draft", published_at=None)
    mine = make_outcome(story, description="Grant")
    gone = {"DELETE": "on"} if delete else {}
    item = {"id": str(theirs.pk), "outcome": str(mine.pk), "kind": "document", "order": "0"}
    item |= {"description": "Overwritten", "url": "https://example.org/x.pdf"} | gone
    rows = [
        {"id": str(mine.pk), "story": str(story.pk), "description": "Grant", "order": "0"}
        | {"evidence": [item]},
        {"id": str(live_outcome.pk), "story": str(story.pk), "description": "Overwritten"}
        | {"order": "1"}
        | gone,
    ]
    response = editor_client.post(change_url(story), edit_form(story, outcomes=rows))
    assert response.status_code in (200, 302)
    assert Outcome.objects.get(pk=live_outcome.pk).story_id == live_outcome.story_id
    assert Outcome.objects.get(pk=live_outcome.pk).description == "Another story's outcome"
    assert Evidence.objects.get(pk=theirs.pk).outcome_id == live_outcome.pk
    assert Evidence.objects.get(pk=theirs.pk).description == "Another story's proof"
