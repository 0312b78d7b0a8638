import json
from datetime import timedelta

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from common.addresses import slug_address
from impact import figures

register = template.Library()


@register.filter
def json_ld(data) -> str:
    """Data as JSON safe to put inside <script type="application/ld+json">.

    `<`, `>` and `&` are escaped as json_script does, so an editor's text can
    never close the script element.
    """
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.filter
def tag_address(slug: str) -> str:
    """The page of the tag with this slug."""
    return slug_address("stories:tag", slug)


@register.filter
def whole_minutes(duration: timedelta) -> int:
    return round(duration.total_seconds() / 60)


@register.filter
def figure(value, unit: str = "") -> str:
    """A figure as a reader reads it: £1,340,000 for pounds, else "6,200 people"."""
    return figures.figure(value, unit)
