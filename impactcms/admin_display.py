"""Small display helpers shared by the admin classes."""

from django.utils.html import format_html


def thumbnail(image, alt: str = "", size: int = 48):
    """A small preview of an uploaded image for admin lists, or a dash."""
    if not image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" style="object-fit:cover;border-radius:4px">',
        image.url,
        alt,
        size,
        size,
    )
