from django import template
from django.utils.html import format_html, format_html_join

from images.access import picture_url
from images.renditions import largest, recorded

register = template.Library()


def _signed(context) -> bool:
    """Private pages (previews) set `private_pictures`: their pictures may not be public yet."""
    return bool(context.get("private_pictures"))


@register.simple_tag(takes_context=True)
def picture(context, obj, field, spec, sizes="100vw", loading="lazy", css_class=""):
    """A <picture> of `obj.<field>` in WebP with a JPEG fallback, or nothing if not made.

    Only the renditions recorded on the row are used: no query, no storage call,
    never the original upload. The addresses answer only while `obj` is public,
    or, on a private page, for an hour (images.access).
    """
    variants = recorded(obj, field, spec)
    if not variants:
        return ""
    largest = variants[-1]
    signed = _signed(context)

    def srcset(fmt):
        return format_html_join(
            ", ",
            "{} {}w",
            ((picture_url(v[fmt], signed=signed), v["w"]) for v in variants if fmt in v),
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
        picture_url(largest["jpeg"], signed=signed),
        srcset("jpeg"),
        sizes,
        largest["w"],
        largest["h"],
        obj.image_alt(field),
        loading,
    )


@register.simple_tag(takes_context=True)
def largest_rendition(context, obj, field, spec, fmt="jpeg"):
    """{% largest_rendition obj "hero_image" "og" as og %}: og.url, og.width, og.height."""
    return largest(obj, field, spec, fmt, signed=_signed(context))
