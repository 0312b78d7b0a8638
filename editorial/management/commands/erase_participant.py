from django.core.management.base import BaseCommand, CommandError

from editorial.erasure import erase_participant, plan_erasure
from participants.models import Participant


class Command(BaseCommand):
    help = (
        "Erase one participant and everything held about them (their stories, revisions, "
        "consent history, the admin's log about them and their pictures). Without "
        "--confirm it only says what would be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", nargs="?", help="The participant's slug, as in /participants/<slug>/."
        )
        parser.add_argument(
            "--id",
            type=int,
            dest="participant_id",
            help="The participant's id instead, as the erasure log gives it (to erase "
            "again after restoring a backup taken before an erasure).",
        )
        parser.add_argument(
            "--confirm", action="store_true", help="Erase for real (there is no undo)."
        )

    def handle(self, *args, slug, participant_id, confirm, **options):
        if (slug is None) == (participant_id is None):
            raise CommandError("Name the participant by slug or by --id (one of the two).")
        if slug is not None:
            participant = Participant.objects.filter(slug=slug).first()
            missing = f"No participant has the slug “{slug}”."
        else:
            participant = Participant.objects.filter(pk=participant_id).first()
            missing = f"No participant has the id {participant_id}."
        if participant is None:
            raise CommandError(missing)
        plan = plan_erasure(participant)
        if not confirm:
            self.stdout.write(f"Erasing {participant.name} (#{participant.pk}) would remove:")
            self.stdout.write("  their record: name, job, organisation, biography, photo, consent")
            for what, count in plan.counts.items():
                if count:
                    self.stdout.write(f"  {what}: {count}")
            for story in plan.stories:
                self.stdout.write(f"  story: {story.title} ({story.public_state})")
            self._mentions(plan.mentions, "would stay")
            self.stdout.write("Nothing was removed. Run again with --confirm to erase.")
            return
        report = erase_participant(participant=participant, by=None)
        removed = "; ".join(f"{what}: {count}" for what, count in report.removed.items() if count)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased participant #{report.erasure.participant_id}"
                + (f" ({removed})." if removed else ".")
            )
        )
        self._mentions(report.mentions, "stays")
        if report.files_not_deleted:
            raise CommandError(
                "The rows are erased, but these files could not be deleted from storage; "
                "delete them by hand: " + ", ".join(report.files_not_deleted)
            )

    def _mentions(self, mentions, stays: str) -> None:
        if mentions:
            self.stdout.write(
                f"Their name {stays} in records of other people (edit them by hand if need be):"
            )
            for mention in mentions:
                where = ", ".join(mention.fields)
                self.stdout.write(f"  {mention.kind}: {mention.label} ({where})")
