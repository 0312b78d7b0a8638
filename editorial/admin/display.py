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


def current_picture(obj, field: str, spec: str):
    """The picture as it stands, in a form: its smallest rendition at its own shape.

    A rendition, never the original upload, at a signed address (the picture may not
    be public). Until it is saved there is none, and the form says so.
    """
    variants = recorded(obj, field, spec) if obj is not None and obj.pk else []
    if not variants:
        return "No picture yet." if not getattr(obj, field, None) else "Shown once saved."
    smallest = variants[0]
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-current-picture">',
        picture_url(smallest["jpeg"], signed=True),
        obj.image_alt(field) or "The current picture",
        smallest["w"],
        smallest["h"],
    )
