import time

from django.core.management.base import BaseCommand

from stories.search.documents import refresh_all


class Command(BaseCommand):
    help = "Rebuild the full-text search text of every story (or only of those missing one)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only stories that have no search text yet."
        )

    def handle(self, *args, missing, **options):
        started = time.perf_counter()
        count = refresh_all(only_missing=missing)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} stories in {seconds:.1f} s."))
