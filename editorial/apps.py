from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EditorialConfig(AppConfig):
    """What editors do: the admin, forms, workflow, the services (the only writers),
    revisions, share links and sign-off, preview and history."""

    default = True
    name = "editorial"
    verbose_name = "Editorial work"

    def ready(self):
        # Models are loaded only once every app is ready, so the revision
        # registry is filled here, as Django's own admin autodiscovery is.
        from editorial import renewal, selection_renewal, site_page_services
        from editorial.revisions import register

        register()
        renewal.connect()
        site_page_services.connect()
        selection_renewal.connect()


class EditorsAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the editors' site (a dashboard, their apps first) as its site.

    Named in INSTALLED_APPS in place of django.contrib.admin; not this app's own config.
    """

    default = False
    default_site = "editorial.admin_site.EditorsAdminSite"
