from django.core.management.base import BaseCommand, CommandError

from archive.export import export_site


class Command(BaseCommand):
    help = (
        "Write the whole site (content, history, the accounts it names, every staff "
        "account and every media file) into one archive file for import_site. The "
        "archive holds password hashes: keep it as safely as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive file to write (a zip), e.g. site.zip.")

    def handle(self, *args, path, **options):
        try:
            manifest = export_site(path)
        except OSError as exc:
            raise CommandError(f"Could not write {path}: {exc.strerror or exc}.") from exc
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {counts['stories.story']} stories, {counts['participants.participant']} "
                f"participants, {counts['participants.organisation']} organisations, "
                f"{sum(counts.values())} rows in all and {len(manifest['media'])} media files "
                f"to {path}."
            )
        )
        if left_out := manifest["media_left_out"]:
            self.stdout.write(
                f"Left out {len(left_out)} files in the media folder that are not pictures "
                f"(import takes JPEG, PNG and WebP only): {', '.join(left_out[:5])}"
                + (", …" if len(left_out) > 5 else "")
            )
