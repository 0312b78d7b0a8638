from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """What editors do: the admin, forms, workflow, the services (the only writers),
    revisions, share links and sign-off, preview and history."""

    name = "editorial"
    verbose_name = "Editorial work"

    def ready(self):
        # Models are loaded only once every app is ready, so the revision
        # registry is filled here, as Django's own admin autodiscovery is.
        from editorial import renewal, site_page_services
        from editorial.revisions import register

        register()
        renewal.connect()
        site_page_services.connect()
