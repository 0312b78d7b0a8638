"""Uploaded evidence files: where they are stored, and which are taken."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from images.names import random_part

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
    """A file of a kind taken, within the size limit."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        taken = ", ".join(sorted(e.lstrip(".").upper() for e in EXTENSIONS))
        raise ValidationError(f"Upload one of these kinds of file: {taken}.")
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError("The file is larger than 20 MB.")
