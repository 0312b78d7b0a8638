"""A photograph taken as evidence is stored without its metadata (GPS above all), as
every picture is: the evidence is what it shows, not where the phone stood."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from PIL import Image

from stories.models import Evidence
from tests.factories import make_outcome, make_story

pytestmark = pytest.mark.django_db

EvidenceForm = modelform_factory(Evidence, fields=["kind", "description", "file", "public"])


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 3.0, 30.0), "E", (1.0, 9.0, 20.0)
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 120, 200)).save(out, "JPEG", exif=exif.tobytes())
    content = out.getvalue()
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(0x8825), "the photo has GPS"
    return content


def test_an_evidence_photo_is_stored_without_its_gps_position():
    outcome = make_outcome(make_story())
    form = EvidenceForm(
        {"kind": "media", "description": "The new hub on its first day", "public": "on"},
        {"file": SimpleUploadedFile("hub.jpg", photo_with_gps(), "image/jpeg")},
        instance=Evidence(outcome=outcome),
    )
    assert form.is_valid(), form.errors
    evidence = form.save()

    with evidence.file.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG" and stored.size == (400, 300)
    assert not stored.getexif().get_ifd(0x8825)
    assert not stored.getexif()


def test_a_document_is_stored_as_uploaded():
    outcome = make_outcome(make_story())
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    form = EvidenceForm(
        {"kind": "document", "description": "Board paper"},
        {"file": SimpleUploadedFile("paper.pdf", pdf, "application/pdf")},
        instance=Evidence(outcome=outcome),
    )
    assert form.is_valid(), form.errors
    with form.save().file.open("rb") as handle:
        assert handle.read() == pdf


def test_a_broken_photo_is_a_form_error():
    outcome = make_outcome(make_story())
    form = EvidenceForm(
        {"kind": "media", "description": "Cut off"},
        {"file": SimpleUploadedFile("cut.jpg", photo_with_gps()[:300], "image/jpeg")},
        instance=Evidence(outcome=outcome),
    )
    assert not form.is_valid()
    assert "file" in form.errors
