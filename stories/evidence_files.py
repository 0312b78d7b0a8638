"""Uploaded evidence files: where they are stored, and which are taken.

A file is taken when its bytes are what its name says: a PDF that begins as PDFs
do, a picture Pillow opens and verifies, an Office or OpenDocument file that is a
zip holding that format's own part, text that is UTF-8 with no NUL byte. A page
of HTML named `report.pdf`, an SVG, a program: refused, whatever their name. Every
file is served as a download (public.site_views.evidence_file) all the same.
"""

import codecs
import zipfile
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.deconstruct import deconstructible
from PIL import Image

from images.names import random_part
from images.uploads import MAX_PIXELS, clean_upload, read_header, too_many_pixels

# What evidence is uploaded as: documents, spreadsheets, pictures. Nothing a browser
# would run (HTML, SVG, scripts), and every file is served as a download.
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
MAX_BYTES = 20 * 1024 * 1024

# What each kind is called in a message.
KINDS = {
    ".pdf": "a PDF",
    ".csv": "a CSV file",
    ".txt": "a text file",
    ".docx": "a Word document",
    ".xlsx": "an Excel spreadsheet",
    ".pptx": "a PowerPoint presentation",
    ".odt": "an OpenDocument text",
    ".ods": "an OpenDocument spreadsheet",
    ".jpg": "a JPEG picture",
    ".jpeg": "a JPEG picture",
    ".png": "a PNG picture",
}
# The part an Office file's zip holds for its format (Office Open XML).
OFFICE_PARTS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}
# An OpenDocument zip's first member, `mimetype`, names its format.
OPEN_DOCUMENT = {".odt": EXTENSIONS[".odt"], ".ods": EXTENSIONS[".ods"]}
PICTURES = {".jpg": {"JPEG", "MPO"}, ".jpeg": {"JPEG", "MPO"}, ".png": {"PNG"}}
# How a page a browser would render, or a program, begins (after any blank space):
# refused even inside a text file, whose name a download may lose.
RUNNABLE_STARTS = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<head", b"<body")
# (Other programs hold NUL bytes, which no text and no PDF or zip begins with.)
PROGRAM_STARTS = (b"MZ\x90\x00", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"#!")
TEXT_CHUNK = 64 * 1024


@deconstructible
class EvidenceFileName:
    """`upload_to`: `<folder>/<random>.<ext>`, the extension one of those taken."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename or "").suffix.lower()
        if extension not in EXTENSIONS:
            extension = ".bin"
        return f"{self.folder}/{random_part()}{extension}"

    def __eq__(self, other):
        return isinstance(other, EvidenceFileName) and other.folder == self.folder


def validate_evidence_file(upload) -> None:
    """A file of a kind taken, within the size limit, whose bytes are that kind's.

    A file already stored was checked as it was uploaded; it is not read again each
    time its row is (nor before a restore has written it back).
    """
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise _not_taken()
    if isinstance(upload, FieldFile) and upload._committed:
        return
    size = upload.size
    if not size:
        raise ValidationError("The file is empty.", code="evidence_empty")
    if size > MAX_BYTES:
        raise ValidationError(
            f"The file is {size / 1024 / 1024:.0f} MB; evidence files can be at most 20 MB.",
            code="evidence_too_large",
        )
    check_content(upload.file if isinstance(upload, FieldFile) else upload, upload.name)


def check_content(handle, name: str) -> None:
    """That the bytes of the open, seekable file `handle` are what `name`'s extension
    says (a ValidationError saying why not); left at its start. Size is the caller's."""
    extension = PurePath(name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise _not_taken()
    try:
        _check_content(handle, extension)
    finally:
        handle.seek(0)


def _check_content(handle, extension: str) -> None:
    handle.seek(0)
    head = handle.read(512)
    handle.seek(0)
    if _runnable(head):
        raise ValidationError(
            "This file is a web page or a program, which cannot be evidence. "
            "Save the document as a PDF and upload that.",
            code="evidence_runnable",
        )
    if extension == ".pdf":
        ok = head.startswith(b"%PDF-")
    elif extension in PICTURES:
        _check_picture(handle, PICTURES[extension])
        return
    elif extension in OFFICE_PARTS:
        ok = _zip_holds(handle, OFFICE_PARTS[extension])
    elif extension in OPEN_DOCUMENT:
        ok = _open_document_is(handle, OPEN_DOCUMENT[extension])
    else:
        ok = _is_text(handle)
    if not ok:
        raise _not_what_it_says(extension)


def _not_taken() -> ValidationError:
    taken = ", ".join(sorted({e.lstrip(".").upper() for e in EXTENSIONS}))
    return ValidationError(
        f"Upload one of these kinds of file: {taken}.", code="evidence_extension"
    )


def _not_what_it_says(extension: str) -> ValidationError:
    kind = KINDS[extension]
    return ValidationError(
        f"This file is not {kind}, whatever its name says, or it is damaged. "
        f"Open it, save it again as {kind} and upload the new copy.",
        code="evidence_content",
    )


def _runnable(head: bytes) -> bool:
    if head.startswith(PROGRAM_STARTS):
        return True
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n\f").lower()
    return start.startswith(RUNNABLE_STARTS)


def _check_picture(handle, formats: set[str]) -> None:
    """Opened and verified by Pillow, its format the one named, within the pixel limit
    pictures have (images.uploads): a decompression bomb is refused from its header."""
    extension = ".png" if formats == {"PNG"} else ".jpg"
    try:
        kind, width, height = read_header(handle)
    except ValidationError as error:
        if error.code == "too_many_pixels":
            raise
        raise _not_what_it_says(extension) from None
    if kind not in formats:
        raise _not_what_it_says(extension)
    if width * height > MAX_PIXELS:
        raise too_many_pixels(width, height)
    try:
        handle.seek(0)
        with Image.open(handle) as picture:
            picture.verify()  # a PNG's chunks and their checksums
        if kind != "PNG":
            # A JPEG's verify() reads nothing: decode it at an eighth of its size
            # (cheap whatever its size), which a truncated or corrupt one fails.
            handle.seek(0)
            with Image.open(handle) as picture:
                picture.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                picture.load()
    except Exception:
        raise _not_what_it_says(extension) from None


def _zip_holds(handle, part: str) -> bool:
    """A zip whose directory lists `part` (only the directory is read, never unpacked)."""
    try:
        with zipfile.ZipFile(handle) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _open_document_is(handle, mimetype: str) -> bool:
    try:
        with zipfile.ZipFile(handle) as archive, archive.open("mimetype") as member:
            named = member.read(len(mimetype) + 1)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError):
        return False
    return named == mimetype.encode()


def _is_text(handle) -> bool:
    """UTF-8 throughout, with no NUL byte: read a block at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := handle.read(TEXT_CHUNK):
            if b"\0" in block:
                return False
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


class EvidencePictureCleaned(forms.FileField):
    """A JPEG or PNG taken as evidence is stored as pictures are, re-encoded without its
    metadata: a photograph's GPS position says where someone lives, not what changed."""

    def to_python(self, data):
        data = super().to_python(data)
        if data and PurePath(data.name or "").suffix.lower() in PICTURES:
            validate_evidence_file(data)  # refused as evidence says, before re-encoding
            data.seek(0)
            data = clean_upload(data)
        return data


class EvidenceFileField(models.FileField):
    """A FileField whose pictures go through EvidencePictureCleaned on upload."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EvidencePictureCleaned, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs
