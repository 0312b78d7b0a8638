"""What a model with images declares, and the alt-text rule they all follow."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

ALT_REQUIRED = "Describe this image for people who cannot see it, or tick “decorative”."


@dataclass(frozen=True)
class ImageUse:
    kind: str  # a key of images.renditions.SPECS
    alt: str  # the field holding its alt text
    decorative: str  # the field saying it needs none


class HasImages:
    """Mixin for models with images: `IMAGES` maps each image field to its ImageUse.

    The model also needs a `renditions` JSONField, filled by images.signals.
    """

    IMAGES: dict[str, ImageUse] = {}

    def clean(self):
        super().clean()
        errors = {}
        for field, use in self.IMAGES.items():
            has_image = bool(getattr(self, field))
            described = bool(getattr(self, use.alt, "").strip())
            if has_image and not described and not getattr(self, use.decorative):
                errors[use.alt] = ALT_REQUIRED
        if errors:
            raise ValidationError(errors)

    def image_alt(self, field: str) -> str:
        use = self.IMAGES[field]
        return "" if getattr(self, use.decorative) else getattr(self, use.alt)
