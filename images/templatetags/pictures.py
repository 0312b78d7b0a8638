from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join

from images.renditions import largest, recorded

register = template.Library()


@register.simple_tag
def picture(obj, field, spec, sizes="100vw", loading="lazy", css_class=""):
    """A <picture> of `obj.<field>` in WebP with a JPEG fallback, or nothing if not made.

    Only the renditions recorded on the row are used: no query, no storage call,
    never the original upload.
    """
    variants = recorded(obj, field, spec)
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


# {% largest_rendition obj "hero_image" "og" as og %}: og.url, og.width, og.height
register.simple_tag(largest, name="largest_rendition")
