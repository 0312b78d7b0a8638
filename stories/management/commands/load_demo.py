from django.core.management.base import BaseCommand

from stories.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo content (the seed story first). Safe to run again: same rows."

    def handle(self, *args, **options):
        counts = load_demo()
        summary = ", ".join(f"{number} {name}" for name, number in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {summary}."))
