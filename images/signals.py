"""Renditions follow their images: made on upload, removed on replace and delete."""

import logging

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from images import renditions
from images.models import HasImages

log = logging.getLogger(__name__)


def refresh_renditions(sender, instance, raw=False, **kwargs):
    """Make renditions for new images; remove those (and the originals) of replaced ones."""
    if raw:
        return
    described = dict(instance.renditions or {})
    changed = False
    for field, use in instance.IMAGES.items():
        image = getattr(instance, field)
        before = described.get(field)
        if not image and not before:
            continue
        if before and image and before.get("source") == image.name:
            continue
        if image:
            try:
                described[field] = renditions.make(instance, field, use.kind)
            except (OSError, ValueError, SyntaxError):
                # The page shows no image rather than breaking; make_renditions can retry.
                log.warning("Could not make renditions of %s for %r", image.name, instance)
                described.pop(field, None)
        else:
            described.pop(field, None)
        if before:
            renditions.delete(before)
            if before.get("source") and before["source"] != (image.name if image else None):
                image.storage.delete(before["source"])  # the replaced original: personal data
        changed = True
    if changed:
        sender.objects.filter(pk=instance.pk).update(renditions=described)
        instance.renditions = described


def remove_images(sender, instance, **kwargs):
    for field in instance.IMAGES:
        image = getattr(instance, field)
        renditions.delete((instance.renditions or {}).get(field))
        if image:
            image.storage.delete(image.name)


for model in apps.get_models():
    if issubclass(model, HasImages):
        post_save.connect(refresh_renditions, sender=model, dispatch_uid=f"renditions-{model}")
        post_delete.connect(remove_images, sender=model, dispatch_uid=f"images-gone-{model}")
