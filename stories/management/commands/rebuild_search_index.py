import time

from django.core.management.base import BaseCommand

from stories.models import Story
from stories.search.documents import refresh_all


def _stories(count: int) -> str:
    return f"{count} {'story' if count == 1 else 'stories'}"


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
        self.stdout.write(self.style.SUCCESS(self._outcome(count, seconds, missing=missing)))

    def _outcome(self, count: int, seconds: float, *, missing: bool) -> str:
        """What was done, in words that hold however many were indexed already: `make run`
        asks for the missing ones right after the demo loader indexed every story."""
        if not missing:
            return f"Search index: indexed {_stories(count)} in {seconds:.1f} s."
        indexed = Story.objects.filter(search_document__isnull=False).count()
        already = indexed - count
        if count == 0:
            return f"Search index: {_stories(indexed)}, all up to date."
        if already == 0:
            return f"Search index: indexed {_stories(count)} in {seconds:.1f} s."
        return (
            f"Search index: indexed {_stories(count)} that had no search text in "
            f"{seconds:.1f} s; {already} already indexed."
        )
