"""Evidence, pathways and panels in a site archive: a restore brings back every row and
every evidence file byte for byte; --merge adds evidence with its outcome, a panel with
its round, and finds a pathway step by programme and title; a disguised evidence file in
an archive is refused as an upload would be."""

import json
import re
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError

from participants.models import Programme
from stories.models import Evidence, Outcome, PanelMember, PathwayStep, SelectionRound, Story
from tests.archive.site import archived_rows, media_tree, rewritten, rows, run, wipe_site
from tests.factories import (
    make_evidence,
    make_outcome,
    make_panel_member,
    make_pathway_step,
    make_programme,
    make_selection_round,
    make_story,
)
from tests.stories.evidence_uploads import HTML, PDF, picture

pytestmark = pytest.mark.django_db

PNG = picture("PNG")


@pytest.fixture
def evaluated(site) -> dict:
    """The archived site's story graded on a step of its programme's pathway, with a link,
    a PDF and a picture as evidence (one not public), and a decided panel."""
    story = site["story"]
    programme = Programme.objects.get(slug="arwain-cymru")
    make_pathway_step(programme, stage="activities", title="Cyfarfodydd cymheiriaid", order=1)
    step = make_pathway_step(programme, stage="long_term", title="Partneriaethau newydd", order=2)
    outcome = make_outcome(
        story,
        description="Cyllideb gyfun Adran 75",
        level="results",
        who_changed="system",
        change_kind="policy",
        verification="corroborated",
        verified_by="Siân Llewelyn",
        verifier_organisation="Bwrdd Iechyd Hywel Dda",
        pathway_step=step,
    )
    make_evidence(outcome, description="Cofnodion y bwrdd", order=0)
    pdf = SimpleUploadedFile("penderfyniad.pdf", PDF)
    make_evidence(outcome, description="Llythyr penderfyniad", url="", file=pdf, order=1)
    png = SimpleUploadedFile("siart.png", PNG)
    make_evidence(outcome, description="Siart", url="", file=png, public=False, order=2)
    panel = make_selection_round(programme, title="Panel y gwanwyn")
    make_panel_member(panel, name="Dafydd ap Gruffydd", role="Cyllidwr")
    make_panel_member(panel, name="李娜", role="Cyfranogwr", order=1)
    return {"story": story, "outcome": outcome, "programme": programme, "step": step}


@pytest.fixture
def archive(evaluated, tmp_path):
    path = tmp_path / "site.zip"
    run("export_site", path)
    return path


def test_the_archive_carries_the_evidence_files(archive):
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    files = [row["fields"]["file"] for row in archived_rows(archive, "stories.evidence")]
    assert sorted(name for name in files if name) == sorted(
        name for name in manifest["media"] if name.startswith("evidence/")
    )
    assert len([name for name in files if name]) == 2
    assert not any(name.startswith("evidence/") for name in manifest["media_left_out"])


def test_a_restore_brings_back_evidence_pathway_and_panel_exactly(archive, client):
    before, files = rows(), media_tree()
    wipe_site()
    run("import_site", archive)
    after = rows()
    for label in [
        "stories.pathwaystep",
        "stories.outcome",
        "stories.evidence",
        "stories.selectionround",
        "stories.panelmember",
    ]:
        assert after[label] == before[label], label
        assert after[label], label
    assert media_tree() == files
    filed = Evidence.objects.get(description="Llythyr penderfyniad")
    response = client.get(filed.public_address)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    page = client.get(filed.outcome.story.get_absolute_url()).content.decode()
    assert "Llythyr penderfyniad" in page and "Siart" not in page


@pytest.fixture
def other_site(archive):
    """Another site with the same programme, one of its steps (under another stage), and
    the same round, whose panel is its own."""
    wipe_site()
    programme = make_programme(name="Arwain Cymru", slug="arwain-cymru")
    step = make_pathway_step(programme, stage="short_term", title="Partneriaethau newydd")
    panel = make_selection_round(programme, title="Panel y gwanwyn")
    make_panel_member(panel, name="Our own chair")
    return {"step": step, "round": panel}


def test_merge_adds_evidence_with_its_outcome_and_finds_the_step_by_title(archive, other_site):
    output = run("import_site", archive, "--merge")
    assert "3 evidence" in output
    outcome = Outcome.objects.get(description="Cyllideb gyfun Adran 75")
    assert outcome.pathway_step == other_site["step"]  # matched, not added again
    assert PathwayStep.objects.filter(title="Partneriaethau newydd").count() == 1
    assert PathwayStep.objects.filter(title="Cyfarfodydd cymheiriaid").count() == 1
    items = list(outcome.evidence.order_by("order"))
    assert [item.description for item in items] == [
        "Cofnodion y bwrdd",
        "Llythyr penderfyniad",
        "Siart",
    ]
    assert [item.public for item in items] == [True, True, False]
    with default_storage.open(items[1].file.name, "rb") as handle:
        assert handle.read() == PDF
    with default_storage.open(items[2].file.name, "rb") as handle:
        assert handle.read() == PNG


def test_a_round_here_keeps_its_own_panel_and_an_added_round_brings_its_own(archive, other_site):
    run("import_site", archive, "--merge")
    assert SelectionRound.objects.count() == 1
    assert [m.name for m in other_site["round"].panel.all()] == ["Our own chair"]


def test_an_added_round_brings_its_panel(archive):
    wipe_site()
    run("import_site", archive, "--merge")
    panel = SelectionRound.objects.get(title="Panel y gwanwyn").panel.all()
    assert [(m.name, m.role) for m in panel] == [
        ("Dafydd ap Gruffydd", "Cyllidwr"),
        ("李娜", "Cyfranogwr"),
    ]
    assert PanelMember.objects.count() == 2


def test_evidence_of_an_outcome_not_added_is_left_out(archive, evaluated):
    story_slug = evaluated["story"].slug
    wipe_site()
    ours = make_story(slug=story_slug, title="Our own story of that name")
    make_outcome(ours, description="Our own outcome")
    output = run("import_site", archive, "--merge")
    assert not re.search(r"\d+ evidence", output)
    assert not Evidence.objects.exists()
    assert list(
        Story.objects.get(slug=story_slug).outcomes.values_list("description", flat=True)
    ) == ["Our own outcome"]
    assert not default_storage.exists("evidence") or not default_storage.listdir("evidence")[1]


def test_merging_twice_adds_the_evidence_once(archive):
    wipe_site()
    run("import_site", archive, "--merge")
    run("import_site", archive, "--merge")
    assert Evidence.objects.count() == 3


def _html_as_pdf(archive, tmp_path):
    [name] = [
        row["fields"]["file"]
        for row in archived_rows(archive, "stories.evidence")
        if row["fields"]["file"].endswith(".pdf")
    ]
    return rewritten(archive, tmp_path / "html.zip", replace={f"media/{name}": lambda _: HTML})


@pytest.mark.parametrize("merge", [False, True], ids=["restore", "merge"])
def test_an_archived_evidence_file_that_is_not_what_it_says_is_refused(archive, tmp_path, merge):
    hostile = _html_as_pdf(archive, tmp_path)
    wipe_site()
    with pytest.raises(CommandError, match="web page or a program"):
        run("import_site", hostile, *(["--merge"] if merge else []))
    assert not Evidence.objects.exists() and media_tree() is None


def test_an_evidence_row_naming_a_picture_or_a_picture_naming_evidence_is_refused(
    archive, tmp_path
):
    pictures = [
        row for row in archived_rows(archive, "stories.story") if row["fields"]["hero_image"]
    ]
    picture_name = pictures[0]["fields"]["hero_image"]

    def point_at_picture(content):
        data = json.loads(content)
        for row in data:
            if row["fields"]["file"]:
                row["fields"]["file"] = picture_name
                break
        return json.dumps(data)

    hostile = rewritten(
        archive, tmp_path / "swap.zip", replace={"data/stories.evidence.json": point_at_picture}
    )
    wipe_site()
    with pytest.raises(CommandError, match="a file of another kind"):
        run("import_site", hostile)


def test_a_manifest_naming_an_html_file_in_the_evidence_folder_is_refused(archive, tmp_path):
    def add_page(content):
        manifest = json.loads(content)
        manifest["media"].append("evidence/page.html")
        return json.dumps(manifest)

    hostile = rewritten(
        archive,
        tmp_path / "page.zip",
        replace={"manifest.json": add_page},
        add={"media/evidence/page.html": HTML},
    )
    wipe_site()
    with pytest.raises(CommandError, match="not a picture"):
        run("import_site", hostile)
