"""Small display helpers shared by the admin classes."""

from django.core.files.storage import default_storage
from django.utils.html import format_html

from images.renditions import recorded


def thumbnail(obj, field: str, spec: str, size: int = 48):
    """A small preview from the image's smallest rendition (never the original), or a dash."""
    variants = recorded(obj, field, spec)
    if not variants:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumbnail">',
        default_storage.url(variants[0]["jpeg"]),
        obj.image_alt(field),
        size,
        size,
    )
