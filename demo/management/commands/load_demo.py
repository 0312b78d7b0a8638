from django.core.management.base import BaseCommand

from demo.loader import load_demo
from stories.models import Story


class Command(BaseCommand):
    help = "Load the demo content (the seed story first). Safe to run again: same rows."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database with no stories, so edits made since are kept.",
        )
        parser.add_argument(
            "--no-pictures", action="store_true", help="Leave out the drawn demo pictures."
        )

    def handle(self, *args, if_empty, no_pictures, **options):
        if if_empty and Story.objects.exists():
            self.stdout.write("Stories exist already: demo content left as it is.")
            return
        counts = load_demo(with_pictures=not no_pictures)
        summary = ", ".join(f"{number} {name}" for name, number in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {summary}."))
