"""Times as editors read them: in the site's time zone, one format everywhere."""

from django.utils import dateformat, timezone


def local_datetime(value) -> str:
    """'25 Nov 2026, 21:03' in the site's time zone, or an em dash for no time."""
    return dateformat.format(timezone.localtime(value), "j M Y, H:i") if value else "—"


def local_date(value) -> str:
    """'25 Nov 2026' in the site's time zone."""
    return dateformat.format(timezone.localtime(value), "j M Y")
