import time

from django.apps import apps
from django.core.management.base import BaseCommand

from images.models import HasImages
from images.signals import refresh_renditions


class Command(BaseCommand):
    help = "Make the renditions of every uploaded image that lacks them (or of all, with --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake every rendition.")

    def handle(self, *args, all, **options):
        started, count = time.perf_counter(), 0
        for model in apps.get_models():
            if not issubclass(model, HasImages):
                continue
            for instance in model.objects.iterator():
                if all:
                    instance.renditions = {
                        field: {**data, "source": None}
                        for field, data in (instance.renditions or {}).items()
                    }
                before = instance.renditions
                refresh_renditions(model, instance)
                count += instance.renditions != before
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Made renditions for {count} objects in {seconds:.1f} s.")
        )
