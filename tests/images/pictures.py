"""Images made with Pillow for the tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt="JPEG", size=(1600, 1200), mode="RGB", colour=(200, 80, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour if mode != "1" else 0).save(out, fmt, **save)
    return out.getvalue()


def upload(name="photo.jpg", content=None, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else image_bytes(**kwargs))


def open_stored(field_file) -> Image.Image:
    with field_file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image
