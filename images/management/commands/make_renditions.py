import logging
import time

from django.apps import apps
from django.core.management.base import BaseCommand

from images.models import HasImages
from images.names import rename_original
from images.signals import refresh_renditions
from pagecache.versions import bump

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Make the renditions of every uploaded image that lacks them (or of all, with --all, "
        "each in a new random folder, the old ones deleted)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake every rendition.")
        parser.add_argument(
            "--rename-originals",
            action="store_true",
            help="Also store every original under a new random name (once, for uploads "
            "stored before names were random: they may carry the uploader's file name).",
        )

    def handle(self, *args, all, rename_originals, **options):
        started, count, renamed = time.perf_counter(), 0, 0
        for model in apps.get_models():
            if not issubclass(model, HasImages):
                continue
            for instance in model.objects.iterator():
                if rename_originals:
                    renamed += self.rename(instance)
                if all:
                    instance.renditions = {
                        field: {**data, "source": None}
                        for field, data in (instance.renditions or {}).items()
                    }
                before = instance.renditions
                refresh_renditions(model, instance)
                count += instance.renditions != before
        if count or renamed:
            bump()  # cached pages link the renditions just deleted
        seconds = time.perf_counter() - started
        done = f"Made renditions for {count} objects"
        if rename_originals:
            done += f", renamed {renamed} originals,"
        self.stdout.write(self.style.SUCCESS(f"{done} in {seconds:.1f} s."))

    def rename(self, instance) -> int:
        done = 0
        for field in instance.IMAGES:
            if not getattr(instance, field):
                continue
            try:
                rename_original(instance, field)
                done += 1
            except OSError:
                log.warning("Could not rename the %s of %r", field, instance)
        return done
