"""The site pages a fresh site starts with (sitepages.defaults), and who may edit them:
Editors change them; Viewers and Contributors read them. Nobody adds or deletes one
(the admin offers neither): the set is fixed, and every page's footer links to it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from sitepages import defaults


def add_pages(apps, schema_editor):
    defaults.add_missing(apps.get_model("sitepages", "SitePage"))
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    pages = Permission.objects.filter(content_type__app_label="sitepages")
    Group.objects.get_or_create(name="Editors")[0].permissions.add(
        *pages.filter(codename__in=["view_sitepage", "change_sitepage"])
    )
    for name in ("Viewers", "Contributors"):
        Group.objects.get_or_create(name=name)[0].permissions.add(
            *pages.filter(codename="view_sitepage")
        )


def remove_pages(apps, schema_editor):
    apps.get_model("sitepages", "SitePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sitepages", "0001_site_pages"),
        ("participants", "0003_consent_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_pages, remove_pages)]
