"""Names for stored pictures that say nothing and cannot be guessed.

An uploader's file name is often the person's own ("andrew-wilesmith.jpg"):
stored under it, a picture of someone known only to a draft would sit at an
address anyone could guess. Each original is stored under a random name, and
the extension is the format the upload was re-encoded in (images.uploads).
"""

import secrets
from pathlib import PurePath

from django.utils.deconstruct import deconstructible

KNOWN_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


def random_part() -> str:
    """About 128 bits: an address no one finds by trying."""
    return secrets.token_urlsafe(16)


@deconstructible
class RandomName:
    """`upload_to` for image fields: `<folder>/<random>.<ext>`, never the upload's own name."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename or "").suffix.lower()
        if extension not in KNOWN_EXTENSIONS:
            extension = ".jpg"
        return f"{self.folder}/{random_part()}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def rename_original(instance, field_name: str) -> str:
    """Store `instance.<field_name>` again under a new random name and delete the old file.

    For originals stored before names were random (they may carry the uploader's
    name). The row is updated directly, as renditions are; its renditions then
    name another source, so images.signals makes them afresh. Returns the new name.
    """
    image = getattr(instance, field_name)
    old = image.name
    with image.storage.open(old, "rb") as handle:
        new = image.storage.save(image.field.generate_filename(instance, old), handle)
    type(instance)._default_manager.filter(pk=instance.pk).update(**{field_name: new})
    image.name = new
    image.storage.delete(old)
    return new
