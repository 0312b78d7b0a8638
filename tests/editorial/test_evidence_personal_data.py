"""A person's data and their stories' evidence: the subject access export carries each
outcome's grading and its evidence, files included, public or not, and nothing of
anyone else's; erasure deletes their stories' evidence files from storage and leaves
other people's."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from editorial import erasure
from editorial.erasure import erase_participant, plan_erasure
from editorial.subject_access import export_participant, mentions
from stories.models import Evidence
from tests.factories import make_evidence, make_outcome, make_pathway_step, make_programme
from tests.stories.evidence_uploads import PDF, picture

pytestmark = pytest.mark.django_db

STORY = "stories/zebedee-quillfeather-allotments"
PNG = picture("PNG")


@pytest.fixture
def evidenced(person):
    """Zebedee's published story with a graded outcome and three kinds of evidence, and
    Ottoline's story with evidence of her own."""
    step = make_pathway_step(make_programme(), title="Growers share land")
    outcome = make_outcome(
        person.published,
        description="Allotment waiting list halved",
        level="behaviour",
        who_changed="community",
        change_kind="practice",
        intended="no",
        contribution="Zebedee brokered the land swap.",
        significance="Forty families grow food again.",
        verification="corroborated",
        verified_by="Mudford Town Clerk",
        verifier_organisation="Mudford Town Council",
        verifier_relationship="landlord",
        pathway_step=step,
    )
    link = make_evidence(outcome, description="Council minutes", url="https://example.org/m")
    pdf = SimpleUploadedFile("letter.pdf", PDF)
    letter = make_evidence(outcome, description="Clerk's letter", url="", file=pdf, order=1)
    png = SimpleUploadedFile("list.png", PNG)
    hidden = make_evidence(
        outcome, description="Waiting list", url="", file=png, public=False, order=2
    )
    other = make_outcome(person.other_story, description="Ottoline's orchard")
    theirs = make_evidence(
        other, description="Orchard deeds", url="", file=SimpleUploadedFile("d.pdf", PDF)
    )
    return {"link": link, "letter": letter, "hidden": hidden, "theirs": theirs}


@pytest.fixture
def export(person, evidenced):
    with zipfile.ZipFile(io.BytesIO(export_participant(person.participant))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_each_outcome_comes_with_its_grading_and_evidence(export, evidenced):
    story = json.loads(export[f"{STORY}/story.json"])
    [outcome] = [
        o for o in story["outcomes"] if o["description"] == "Allotment waiting list halved"
    ]
    assert {
        key: outcome[key]
        for key in (
            "level",
            "who_changed",
            "change_kind",
            "intended",
            "contribution",
            "significance",
            "verification",
            "verified_by",
            "verifier_organisation",
            "verifier_relationship",
        )
    } == {
        "level": "behaviour",
        "who_changed": "community",
        "change_kind": "practice",
        "intended": "no",
        "contribution": "Zebedee brokered the land swap.",
        "significance": "Forty families grow food again.",
        "verification": "corroborated",
        "verified_by": "Mudford Town Clerk",
        "verifier_organisation": "Mudford Town Council",
        "verifier_relationship": "landlord",
    }
    assert outcome["pathway step"] == "Short-term outcomes: Growers share land"
    items = outcome["evidence"]
    assert [(i["description"], i["public"]) for i in items] == [
        ("Council minutes", True),
        ("Clerk's letter", True),
        ("Waiting list", False),
    ]
    assert items[0]["url"] == "https://example.org/m" and items[0]["file in this export"] is None
    letter, hidden = evidenced["letter"], evidenced["hidden"]
    assert items[1]["file"] == letter.file.name
    assert export[items[1]["file in this export"]] == PDF
    assert export[items[2]["file in this export"]] == PNG
    assert items[2]["file in this export"] == (
        f"evidence/story-zebedee-quillfeather-allotments-evidence-{hidden.pk}.png"
    )


def test_the_export_holds_no_one_elses_evidence_and_says_what_it_holds(export, evidenced):
    files = sorted(name for name in export if name.startswith("evidence/"))
    assert len(files) == 2
    assert PDF in {export[name] for name in files}
    assert not any(f"-evidence-{evidenced['theirs'].pk}." in name for name in files)
    assert "Orchard deeds" not in "".join(
        content.decode() for name, content in export.items() if name.endswith(".json")
    )
    readme = export["README.txt"].decode()
    assert "evidence/: 2 files uploaded as evidence of their stories' outcomes" in readme


def test_a_file_lost_from_storage_is_left_out_not_a_crash(person, evidenced):
    default_storage.delete(evidenced["letter"].file.name)
    with zipfile.ZipFile(io.BytesIO(export_participant(person.participant))) as archive:
        assert len([n for n in archive.namelist() if n.startswith("evidence/")]) == 1


def test_erasure_deletes_their_evidence_files_and_leaves_other_peoples(
    person, evidenced, editor, django_capture_on_commit_callbacks
):
    theirs = [evidenced["letter"].file.name, evidenced["hidden"].file.name]
    others = evidenced["theirs"].file.name
    plan = plan_erasure(person.participant)
    assert set(theirs) <= set(plan.files) and others not in plan.files
    assert plan.counts["evidence items"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_participant(participant=person.participant, by=editor)
    assert report.files_not_deleted == []
    assert not any(default_storage.exists(name) for name in theirs)
    assert default_storage.exists(others)
    assert list(Evidence.objects.values_list("description", flat=True)) == ["Orchard deeds"]


def test_a_failed_erasure_keeps_the_evidence_files(person, evidenced, editor, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(erasure, "_delete_revisions", fail)
    with pytest.raises(RuntimeError):
        erase_participant(participant=person.participant, by=editor)
    assert default_storage.exists(evidenced["letter"].file.name)
    assert Evidence.objects.count() == 4


def test_their_name_in_someone_elses_evidence_or_grading_is_reported(person, evidenced):
    other = make_outcome(
        person.other_story,
        description="Orchard replanted",
        contribution="Zebedee Quillfeather lent the tools.",
    )
    make_evidence(other, description="Photo by Zebedee Quillfeather", public=False)
    found = {m.pk: m.fields for m in mentions(person.participant)}
    assert set(found[person.other_story.pk]) >= {"outcome contribution", "evidence description"}
