from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from archive.merge import merge_site
from archive.reading import ArchiveError, open_archive
from archive.restore import restore_site


def _listed(counts) -> str:
    def name(label):
        return apps.get_model(label)._meta.verbose_name_plural if "." in label else label

    return ", ".join(f"{number} {name(label)}" for label, number in counts.items())


class Command(BaseCommand):
    help = (
        "Restore a site from an archive made by export_site: every row with its primary "
        "key and every media file, into an empty, just-migrated database; search text, "
        "sequences and the page cache are rebuilt. Refuses a database with content unless "
        "--merge is given. The archive is checked whole first: a damaged or foreign file "
        "changes nothing, and neither does a row its model's own rules refuse or one over "
        "the size limits (see the README's Backup and restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive file (a zip made by export_site).")
        parser.add_argument(
            "--merge",
            action="store_true",
            help=(
                "Add the archive's content to a site that has some. Anything already here "
                "(the same slug; themes and tags also by name) is kept as it is and the "
                "archive's copy skipped; the rest is added with new ids, with its tags, "
                "partners, outcomes and history of status changes (not its share links). "
                "Accounts not here are added inactive, with no password or rights. "
                "Revisions and the admin log "
                "are not merged: each added story starts with one new revision."
            ),
        )

    def handle(self, *args, path, merge, **options):
        try:
            with open_archive(path) as archive:
                if merge:
                    report = merge_site(archive)
                    message = (
                        f"Merged {path}: added {_listed(report.added) or 'nothing'} and "
                        f"{report.media_files} media files; kept what was here already: "
                        f"{_listed(report.kept) or 'nothing'}."
                    )
                else:
                    counts = restore_site(archive)
                    message = f"Restored {path}: {_listed(counts)}."
        except ArchiveError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(message))
