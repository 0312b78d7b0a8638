"""An evidence file is taken only when its bytes are what its name says: a disguised,
broken, empty or oversized file is a form error, never a 500, and nothing a browser
would run is taken whatever it is called."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import modelform_factory

from stories.evidence_files import MAX_BYTES
from stories.models import Evidence
from tests.factories import make_outcome, make_story
from tests.stories.evidence_uploads import (
    DOCX,
    HTML,
    PDF,
    SVG,
    good_files,
    picture,
    upload,
    zipped,
)

pytestmark = pytest.mark.django_db


def _field(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


# A form of the evidence's own fields, as any form for it validates them.
EvidenceForm = modelform_factory(
    Evidence, fields=["kind", "description", "url", "file", "public"], formfield_callback=_field
)


@pytest.fixture
def outcome():
    return make_outcome(make_story())


def checked(outcome, name: str, content: bytes) -> Evidence:
    evidence = Evidence(outcome=outcome, description="Board paper", file=upload(name, content))
    evidence.full_clean()
    return evidence


def form_errors(outcome, name: str, content: bytes) -> list[str]:
    form = EvidenceForm(
        data={"kind": "document", "description": "Board paper", "url": "", "public": "on"},
        files={"file": upload(name, content)},
        instance=Evidence(outcome=outcome),
    )
    return [] if form.is_valid() else form.errors.get("file", form.errors.get("__all__"))


@pytest.mark.parametrize("name", sorted(good_files()))
def test_each_kind_taken_is_taken_when_it_is_what_it_says(outcome, name):
    content = good_files()[name]
    assert form_errors(outcome, name, content) == []
    checked(outcome, name, content).save()
    stored = Evidence.objects.get(outcome=outcome)
    assert stored.file.name.startswith("evidence/") and stored.file.name.endswith(
        name[name.rindex(".") :]
    )
    with stored.file.open("rb") as handle:
        assert handle.read() == content  # the whole file, not what the check read of it


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("report.pdf", HTML, "web page or a program"),
        ("report.pdf", b"Just some words, not a PDF.", "not a PDF"),
        ("notes.txt", HTML, "web page or a program"),
        ("figures.csv", b"  \n<svg onload=alert(1)>", "web page or a program"),
        ("notes.txt", SVG, "web page or a program"),
        ("notes.txt", b"#!/bin/sh\nrm -rf /\n", "web page or a program"),
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 64, "web page or a program"),
        ("notes.txt", b"\x7fELF\x02\x01\x01" + b"\0" * 64, "web page or a program"),
        ("notes.txt", b"caf\xe9 in Latin-1", "not a text file"),
        ("notes.txt", b"text with a \0 in it", "not a text file"),
        ("minutes.docx", zipped({"notes.txt": b"hello"}), "not a Word document"),
        ("budget.xlsx", DOCX, "not an Excel spreadsheet"),
        ("minutes.docx", b"PK\x03\x04 cut short", "not a Word document"),
        ("minutes.odt", zipped({"mimetype": b"text/html"}), "not an OpenDocument text"),
        ("budget.ods", DOCX, "not an OpenDocument spreadsheet"),
        ("photo.jpg", picture("PNG"), "not a JPEG picture"),
        ("chart.png", PDF, "not a PNG picture"),
        ("chart.png", picture("PNG")[:40], "not a PNG picture"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_a_disguised_or_broken_file_is_a_clear_form_error(outcome, name, content, says):
    with pytest.raises(ValidationError, match=says):
        checked(outcome, name, content)
    errors = form_errors(outcome, name, content)
    assert errors and any(says in error for error in errors)


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "setup.exe", "run.sh", "x.bin"])
def test_html_svg_and_programs_are_refused_by_name(outcome, name):
    with pytest.raises(ValidationError, match="Upload one of these kinds of file"):
        checked(outcome, name, PDF)


def test_an_empty_file_is_refused(outcome):
    with pytest.raises(ValidationError, match="The file is empty"):
        checked(outcome, "report.pdf", b"")
    assert form_errors(outcome, "report.pdf", b"")  # Django's own "empty" message


def test_a_25_mb_file_is_refused_without_reading_it(outcome):
    content = PDF + b"\0" * (25 * 1024 * 1024)
    assert len(content) > MAX_BYTES
    with pytest.raises(ValidationError, match="25 MB; evidence files can be at most 20 MB"):
        checked(outcome, "report.pdf", content)
    assert any("at most 20 MB" in error for error in form_errors(outcome, "report.pdf", content))


def test_a_png_bomb_is_refused_from_its_header(outcome):
    # Mode "1" keeps the file a few kilobytes; decoded it would be 108 million pixels.
    bomb = picture("PNG", size=(12000, 9000), mode="1")
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError, match="too many pixels"):
        checked(outcome, "chart.png", bomb)
    assert any("too many pixels" in error for error in form_errors(outcome, "chart.png", bomb))


def test_a_truncated_jpeg_is_refused(outcome):
    content = picture("JPEG", size=(400, 300))
    with pytest.raises(ValidationError, match="not a JPEG picture"):
        checked(outcome, "photo.jpg", content[: len(content) // 2])


def test_a_name_climbing_folders_is_stored_under_a_random_name(outcome):
    evidence = checked(outcome, "../../etc/passwd.pdf", PDF)
    evidence.save()
    assert evidence.file.name.startswith("evidence/") and ".." not in evidence.file.name
    assert "passwd" not in evidence.file.name


def test_a_stored_file_is_not_read_again_when_its_row_is_checked(outcome, tmp_path):
    evidence = checked(outcome, "report.pdf", PDF)
    evidence.save()
    evidence.file.storage.delete(evidence.file.name)  # gone from storage: not looked at
    Evidence.objects.get(pk=evidence.pk).full_clean()
