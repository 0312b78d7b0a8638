from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join

register = template.Library()


def _variants(obj, field: str, spec: str) -> list[dict]:
    return ((getattr(obj, "renditions", None) or {}).get(field) or {}).get(spec) or []


@register.simple_tag
def picture(obj, field, spec, sizes="100vw", loading="lazy", css_class=""):
    """A <picture> of `obj.<field>` in WebP with a JPEG fallback, or nothing if not made.

    Only the renditions recorded on the row are used: no query, no storage call,
    never the original upload.
    """
    variants = _variants(obj, field, spec)
    if not variants:
        return ""
    largest = variants[-1]

    def srcset(fmt):
        return format_html_join(
            ", ", "{} {}w", ((default_storage.url(v[fmt]), v["w"]) for v in variants if fmt in v)
        )

    webp = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', srcset("webp"), sizes)
        if "webp" in largest
        else ""
    )
    return format_html(
        '<picture class="{}">{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
        'alt="{}" loading="{}" decoding="async"></picture>',
        css_class,
        webp,
        default_storage.url(largest["jpeg"]),
        srcset("jpeg"),
        sizes,
        largest["w"],
        largest["h"],
        obj.image_alt(field),
        loading,
    )


@register.simple_tag
def rendition_url(obj, field, spec, fmt="jpeg"):
    """The URL of the largest rendition of `spec`, or "" if none was made."""
    variants = _variants(obj, field, spec)
    return default_storage.url(variants[-1][fmt]) if variants and fmt in variants[-1] else ""


@register.simple_tag
def largest_rendition(obj, field, spec, fmt="jpeg"):
    """The largest rendition of `spec` as {"url", "width", "height"}, or None."""
    variants = _variants(obj, field, spec)
    if not variants or fmt not in variants[-1]:
        return None
    largest = variants[-1]
    return {"url": default_storage.url(largest[fmt]), "width": largest["w"], "height": largest["h"]}
