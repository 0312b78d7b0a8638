"""A story's revisions hold each outcome's grade and evidence: comparing shows them, and
restoring a revision brings the evidence back as it was."""

import pytest
from django.core.files.base import ContentFile

from editorial import revisions
from stories.models import Evidence
from tests.factories import (
    make_evidence,
    make_outcome,
    make_pathway_step,
    make_programme,
    make_story,
)

pytestmark = pytest.mark.django_db


def history_url(story):
    return f"/admin/stories/story/{story.pk}/history/"


@pytest.fixture
def graded(editor):
    """A story saved with a graded outcome and two evidence items, then changed: the
    outcome regraded, one item edited, one deleted and another added."""
    story = make_story(status="draft", published_at=None)
    step = make_pathway_step(make_programme(), title="Leaders act together")
    outcome = make_outcome(
        story,
        description="Section 75 award",
        level="results",
        verification="corroborated",
        verified_by="Finance lead",
        contribution="<script>alert(1)</script>",
        pathway_step=step,
    )
    link = make_evidence(outcome, description="Board paper", public=True)
    upload = Evidence(outcome=outcome, description="Minutes", order=1)
    upload.file.save("minutes.pdf", ContentFile(b"%PDF-1.4 minutes"), save=True)
    revisions.save_revision(story, by=editor, comment="Graded")
    first = revisions.versions_of(story.pk)[0]

    outcome.level, outcome.verification, outcome.verified_by = "learning", "self_reported", ""
    outcome.save()
    link.description, link.public = "Board paper, draft", False
    link.save()
    Evidence.objects.filter(pk=upload.pk).delete()  # the row only: its file stays stored
    make_evidence(outcome, description="A later press release", order=2)
    revisions.save_revision(story, by=editor, comment="Regraded")
    return story, first, {"link": link, "upload": upload, "step": step}


def test_a_revision_holds_the_outcomes_grade_and_evidence(graded):
    _, first, _ = graded
    [outcome] = revisions.state_of(first).outcomes
    assert (outcome["level"], outcome["verification"], outcome["verified_by"]) == (
        "results",
        "corroborated",
        "Finance lead",
    )
    assert [(e["description"], e["public"]) for e in outcome["evidence"]] == [
        ("Board paper", True),
        ("Minutes", False),
    ]


def test_compare_shows_the_grade_and_evidence_escaped(editor_client, graded):
    story, first, _ = graded
    newest = revisions.versions_of(story.pk)[0]
    response = editor_client.get(f"{history_url(story)}compare/", {"a": first.pk, "b": newest.pk})
    page = response.content.decode()
    assert "Results" in page and "Corroborated" in page
    assert "evidence: Board paper (https://example.org/board-paper.pdf, public)" in page
    assert "evidence: A later press release" in page


def test_restoring_brings_the_evidence_back_as_it_was(editor_client, graded):
    story, first, items = graded
    response = editor_client.post(f"{history_url(story)}{first.pk}/restore/")
    assert response.status_code == 302
    outcome = story.outcomes.get()
    assert (outcome.level, outcome.verification, outcome.pathway_step) == (
        "results",
        "corroborated",
        items["step"],
    )
    assert outcome.contribution == "<script>alert(1)</script>"
    evidence = list(outcome.evidence.all())
    assert [(e.description, e.public, bool(e.url), bool(e.file)) for e in evidence] == [
        ("Board paper", True, True, False),
        ("Minutes", False, False, True),
    ]
    assert evidence[0].pk == items["link"].pk  # edited in place: its address is unchanged
    assert evidence[1].file.name == items["upload"].file.name
    assert not Evidence.objects.filter(description="A later press release").exists()


def test_evidence_whose_file_is_gone_is_named_and_the_rest_restored(editor_client, graded):
    story, first, items = graded
    items["upload"].file.storage.delete(items["upload"].file.name)
    response = editor_client.post(f"{history_url(story)}{first.pk}/restore/", follow=True)
    assert "The file of the evidence “Minutes” is gone." in response.content.decode()
    assert list(Evidence.objects.values_list("description", flat=True)) == ["Board paper"]


def test_a_deleted_pathway_step_is_named_and_the_outcome_restored(editor_client, graded):
    story, first, items = graded
    items["step"].delete()
    response = editor_client.post(f"{history_url(story)}{first.pk}/restore/", follow=True)
    assert "The pathway step of “Section 75 award” has been deleted." in response.content.decode()
    assert story.outcomes.get().level == "results"
