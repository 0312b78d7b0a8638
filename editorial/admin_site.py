"""The admin site editors work in: a dashboard for a home page, their own apps first.

Named as the admin's default site (editorial.apps.EditorsAdminConfig), so every
`admin.register` registers here. Outside the editorial.admin package, which registers
models as it is imported and so needs this site to exist already.
"""

from django.contrib import admin
from django.db.models.base import ModelBase
from django.urls import path, reverse

from editorial.dashboard import dashboard
from editorial.notification_preferences import notification_preferences

# The apps editors work in, in the order of their work; others follow by name.
EDITORS_APPS = ["stories", "participants"]
# Apps that keep the site running rather than its content: superusers only, together
# under one heading, after the editors' apps.
INFRASTRUCTURE_APPS = {"auth", "axes", "taggit", "django_tasks", "reversion"}
# Emails queued and sent, and the tasks queue that sends them.
INFRASTRUCTURE_APPS |= {"notifications", "django_tasks_database"}
INFRASTRUCTURE_HEADING = "Site administration"


class SuperusersOnly:
    """A ModelAdmin mixin: the model is a superuser's business, whatever rights a group has."""

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class EditorsAdminSite(admin.AdminSite):
    site_header = "Impact CMS"
    site_title = "Impact CMS"
    index_title = "Editorial dashboard"
    index_template = "admin/dashboard.html"
    # The sidebar repeats the app list beside every list and form, and took 300 of
    # 1366 pixels from them; the dashboard and the breadcrumbs lead everywhere instead.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        infrastructure = [app for app in apps if app["app_label"] in INFRASTRUCTURE_APPS]
        content = [app for app in apps if app["app_label"] not in INFRASTRUCTURE_APPS]

        def place(app):
            label = app["app_label"]
            return (EDITORS_APPS.index(label) if label in EDITORS_APPS else len(EDITORS_APPS),)

        content.sort(key=place)
        if not (infrastructure and request.user.is_superuser):
            return content
        grouped = {
            "name": INFRASTRUCTURE_HEADING,
            "app_label": "site-administration",
            # A heading of its own on the dashboard: the app list's template links each
            # heading, and an empty address would be the page itself ("current" everywhere).
            "app_url": reverse("admin:index") + "#site-administration",
            "has_module_perms": True,
            "models": [
                {**model, "name": f"{model['name']} ({app['name']})"}
                if app["app_label"] != "auth"
                else model
                for app in infrastructure
                for model in app["models"]
            ],
        }
        return [*content, grouped]

    def register(self, model_or_iterable, admin_class=None, **options):
        # Apps register their own admins (axes, taggit, auth): each infrastructure
        # model's admin is made superusers-only as it arrives, so no group's rights
        # (given by mistake) bring it into an editor's sight.
        models = (
            [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        )
        for model in models:
            model_admin = admin_class or admin.ModelAdmin
            if model._meta.app_label in INFRASTRUCTURE_APPS and not issubclass(
                model_admin, SuperusersOnly
            ):
                model_admin = type(model_admin.__name__, (SuperusersOnly, model_admin), {})
            super().register(model, model_admin, **options)

    def index(self, request, extra_context=None):
        context = {"dashboard": dashboard(request.user), **(extra_context or {})}
        return super().index(request, context)

    def get_urls(self):
        # Before the admin's own: its last pattern catches every other address.
        return [
            path(
                "notifications/preferences/",
                self.admin_view(self.notification_preferences),
                name="notification_preferences",
            ),
            *super().get_urls(),
        ]

    def notification_preferences(self, request):
        return notification_preferences(request, site=self)
