from django.core.management.base import BaseCommand, CommandError

from editorial.subject_access import export_participant
from participants.models import Participant


class Command(BaseCommand):
    help = (
        "Write everything held about one participant (subject access) into one zip: "
        "their record, consent history, stories with their revisions, the admin's log "
        "about them and their pictures, with a plain README.txt. It is personal data: "
        "send it to them safely and do not keep copies."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The participant's slug, as in /participants/<slug>/.")
        parser.add_argument("path", help="The zip file to write, e.g. person.zip.")

    def handle(self, *args, slug, path, **options):
        participant = Participant.objects.filter(slug=slug).first()
        if participant is None:
            raise CommandError(f"No participant has the slug “{slug}”.")
        try:
            export_participant(participant, path)
        except OSError as exc:
            raise CommandError(f"Could not write {path}: {exc.strerror or exc}.") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Wrote everything held about {participant.name} to {path}.")
        )
