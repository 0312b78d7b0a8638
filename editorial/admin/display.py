"""Small display helpers shared by the admin classes."""

from django.utils.html import format_html

from images.access import picture_url
from images.renditions import recorded


def thumbnail(obj, field: str, spec: str, size: int = 48):
    """A small preview from the image's smallest rendition (never the original), or a dash.

    Its address is signed: the admin shows drafts and people not (or no longer) public.
    """
    variants = recorded(obj, field, spec)
    if not variants:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumbnail">',
        picture_url(variants[0]["jpeg"], signed=True),
        obj.image_alt(field),
        size,
        size,
    )
