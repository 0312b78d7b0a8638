from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """A whole site in one file, and back: `export_site` and `import_site`."""

    name = "archive"
    verbose_name = "Backup and restore"
