"""Resized copies of uploaded images, made once and described on the owning row.

The public never gets an original upload: pages show renditions in WebP with a
JPEG fallback, at the widths each use needs. They are made when an image is
uploaded (images.signals) or by `manage.py make_renditions`, never during a
public request. What was made (file names, widths, heights) is stored in the
owner's `renditions` JSON field, so templates need no query and no storage
call, and a missing rendition just means no image on the page.

Each upload's renditions go in a folder of their own with a random part, so no
address can be worked out from anything known about the picture; they are
served only through images.access (see public.site_views.picture).
"""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from images.access import picture_url
from images.names import random_part


@dataclass(frozen=True)
class Spec:
    """One use of an image: the widths it is shown at and the shape it is cut to."""

    name: str
    widths: tuple[int, ...]
    aspect: float | None = None  # width / height to crop to; None keeps the image's own
    formats: tuple[str, ...] = ("webp", "jpeg")
    max_height: int | None = None
    tallest: float | None = None  # height / width beyond which the image is cut down


CARD = Spec("card", (400, 800), aspect=3 / 2)
HERO = Spec("hero", (720, 1200, 1800), tallest=5 / 4)
PROFILE = Spec("profile", (160, 320), aspect=1)
LOGO = Spec("logo", (120, 240), max_height=120)
OPEN_GRAPH = Spec("og", (1200,), aspect=1200 / 630, formats=("jpeg",))

# The specs each kind of image is rendered in.
SPECS = {
    "hero": (CARD, HERO, OPEN_GRAPH),
    "photo": (PROFILE, OPEN_GRAPH),
    "logo": (LOGO,),
}
QUALITY = {"webp": 80, "jpeg": 82}
PIL_FORMAT = {"webp": "WEBP", "jpeg": "JPEG"}


def folder_for(instance, field_name: str) -> str:
    """A new folder for one upload's renditions: whose they are, and a part no one can guess."""
    return f"renditions/{instance._meta.label_lower}/{instance.pk}/{field_name}-{random_part()}"


def make(instance, field_name: str, kind: str, storage=default_storage) -> dict:
    """Make every rendition of `instance.<field_name>`; return their description."""
    field_file = getattr(instance, field_name)
    folder = folder_for(instance, field_name)
    with field_file.open("rb") as source, Image.open(source) as original:
        original.load()
        image = ImageOps.exif_transpose(original)
    made = {"source": field_file.name, "files": [], "width": image.width, "height": image.height}
    for spec in SPECS[kind]:
        variants = []
        for width in _widths(spec, image):
            resized = _resize(image, spec, width)
            entry = {"w": resized.width, "h": resized.height}
            for fmt in spec.formats:
                name = storage.save(f"{folder}/{spec.name}-{width}.{fmt}", _encoded(resized, fmt))
                entry[fmt] = name
                made["files"].append(name)
            variants.append(entry)
        made[spec.name] = variants
    return made


def recorded(instance, field_name: str, spec_name: str) -> list[dict]:
    """The renditions of one spec recorded on `instance`, smallest first ([] if none)."""
    described = (getattr(instance, "renditions", None) or {}).get(field_name) or {}
    return described.get(spec_name) or []


def largest(
    instance, field_name: str, spec_name: str, fmt: str = "jpeg", *, signed: bool = False
) -> dict | None:
    """The largest recorded rendition as {"url", "width", "height"}, or None.

    `signed` gives an address that works while the picture is not public (private pages only).
    """
    variants = recorded(instance, field_name, spec_name)
    if not variants or fmt not in variants[-1]:
        return None
    biggest = variants[-1]
    url = picture_url(biggest[fmt], signed=signed)
    return {"url": url, "width": biggest["w"], "height": biggest["h"]}


def delete(description: dict | None, storage=default_storage) -> None:
    """Remove the files a `make()` description lists."""
    for name in (description or {}).get("files", []):
        storage.delete(name)


def _widths(spec: Spec, image: Image.Image) -> list[int]:
    """The spec's widths the image can fill without being enlarged (at least one)."""
    fitting = [w for w in spec.widths if w <= image.width]
    return fitting or [min(spec.widths[0], image.width)]


def _resize(image: Image.Image, spec: Spec, width: int) -> Image.Image:
    if spec.aspect:
        return ImageOps.fit(image, (width, max(1, round(width / spec.aspect))), Image.LANCZOS)
    height = max(1, round(image.height * width / image.width))
    if spec.tallest and height > width * spec.tallest:
        # A very tall upload would push the story off the screen: keep its middle.
        return ImageOps.fit(image, (width, round(width * spec.tallest)), Image.LANCZOS)
    if spec.max_height and height > spec.max_height * width // spec.widths[0]:
        box = (width, spec.max_height * width // spec.widths[0])
        return ImageOps.contain(image, box, Image.LANCZOS)
    return image.resize((width, height), Image.LANCZOS)


def _encoded(image: Image.Image, fmt: str) -> ContentFile:
    if fmt == "jpeg" and image.mode != "RGB":
        # JPEG has no transparency: flatten onto white, as the page behind it is.
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
        image = flat
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    out = io.BytesIO()
    image.save(out, PIL_FORMAT[fmt], quality=QUALITY[fmt], optimize=fmt == "jpeg")
    return ContentFile(out.getvalue())
