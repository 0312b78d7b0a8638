"""Checking an uploaded image and storing a clean copy of it.

Every check that can be made without decoding is made first (size, then the
header's format and pixel count), so a decompression bomb is refused before it
costs memory. What is stored is re-encoded from the decoded pixels: EXIF (GPS
above all), XMP and comments are gone, and the orientation is applied.
"""

import io
import warnings
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000  # 50 megapixels; Pillow's own bomb limit is about 89.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}

# Pillow refuses anything over twice this with DecompressionBombError, whatever our checks say.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def clean_upload(upload) -> SimpleUploadedFile:
    """A checked, metadata-free copy of `upload`, or a ValidationError saying why not."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            f"This file is {_megabytes(upload.size)}; "
            f"images can be at most {_megabytes(MAX_BYTES)}.",
            code="too_large",
        )
    kind, width, height = read_header(upload)
    if kind == "MPO":  # phones' multi-picture JPEGs: the first picture is the photo
        kind = "JPEG"
    if kind not in FORMATS:
        raise ValidationError(
            f"{kind or 'This'} files are not accepted. Upload a JPEG, PNG or WebP image.",
            code="format",
        )
    if width * height > MAX_PIXELS:
        raise too_many_pixels(width, height)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.load()  # a truncated or corrupt file fails here, not in a page later
            cleaned = _without_metadata(image)
    except Image.DecompressionBombError:
        raise too_many_pixels(width, height) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This image is damaged or incomplete. Save it again and upload the new copy.",
            code="damaged",
        ) from None
    extension, content_type = FORMATS[kind]
    stem = PurePath(upload.name or "image").stem[:80] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", _encode(cleaned, kind), content_type)


def read_header(upload) -> tuple[str | None, int, int]:
    """The format, width and height an image's header gives, without decoding it; a
    ValidationError for a decompression bomb ("too_many_pixels") or no image ("not_an_image")."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: treat that as a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as header:
                return header.format, *header.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels() from None
    except Exception:
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.",
            code="not_an_image",
        ) from None


def too_many_pixels(width=None, height=None) -> ValidationError:
    size = f" ({width} by {height})" if width else ""
    return ValidationError(
        f"This image has too many pixels{size}. The limit is {MAX_PIXELS // 1_000_000} "
        "megapixels: resize it and upload it again.",
        code="too_many_pixels",
    )


def _without_metadata(image: Image.Image) -> Image.Image:
    upright = ImageOps.exif_transpose(image)
    if upright.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits rather than clip everything to white.
        upright = upright.convert("I").point(lambda value: value / 256).convert("L")
    elif upright.mode == "P" or "transparency" in upright.info:
        upright = upright.convert("RGBA")  # keeps a palette's transparent colour
    elif upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    # A fresh image carries pixels only: no EXIF, XMP, comments or text chunks.
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)
    icc = image.info.get("icc_profile")
    if icc:
        clean.info["icc_profile"] = icc  # colour, not metadata about the person
    return clean


def _encode(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    options = {"icc_profile": image.info.get("icc_profile")}
    if kind == "JPEG":
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        image.save(out, "JPEG", quality=90, optimize=True, **options)
    elif kind == "PNG":
        image.save(out, "PNG", optimize=True, **options)
    else:
        image.save(out, "WEBP", quality=90, **options)
    return out.getvalue()
