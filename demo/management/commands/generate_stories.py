import time

from django.core.management.base import BaseCommand, CommandError

from demo.generate import generate_stories


class Command(BaseCommand):
    help = "Create N synthetic stories (with people, organisations, tags, partners, outcomes)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=None, help="Same seed, same content.")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("Give a number of stories of at least 1.")
        started = time.perf_counter()
        made = generate_stories(count, seed=seed)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated {made} stories in {seconds:.1f} s."))
