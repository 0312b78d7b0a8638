"""The admin site editors work in: a dashboard for a home page, their own apps first.

Named as the admin's default site (editorial.apps.EditorsAdminConfig), so every
`admin.register` registers here. Outside the editorial.admin package, which registers
models as it is imported and so needs this site to exist already.
"""

from django.contrib import admin

from editorial.dashboard import dashboard

# The apps editors work in, in the order of their work; others follow by name.
EDITORS_APPS = ["stories", "participants"]
# Apps that keep the site running rather than its content: superusers only, together
# under one heading, after the editors' apps.
INFRASTRUCTURE_APPS = {"auth", "axes", "taggit", "django_tasks", "reversion"}
INFRASTRUCTURE_HEADING = "Site administration"


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
            "app_url": "",
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

    def index(self, request, extra_context=None):
        context = {"dashboard": dashboard(request.user), **(extra_context or {})}
        return super().index(request, context)

    def _build_app_dict(self, request, label=None):
        apps = super()._build_app_dict(request, label)
        if request.user.is_superuser:
            return apps
        # Infrastructure stays out of editors' sight even if a group is given its rights.
        if label is not None:
            return None if label in INFRASTRUCTURE_APPS else apps
        return {key: app for key, app in apps.items() if key not in INFRASTRUCTURE_APPS}
