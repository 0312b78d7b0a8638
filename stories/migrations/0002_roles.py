"""Create the Contributors and Editors groups with their permissions.

Permissions are normally created after all migrations run; creating them here
first lets a fresh database get working roles from `migrate` alone.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR_PERMISSIONS = [
    ("stories", "add_story"),
    ("stories", "change_story"),
    ("stories", "view_story"),
    ("stories", "add_storypartner"),
    ("stories", "change_storypartner"),
    ("stories", "delete_storypartner"),
    ("stories", "view_storypartner"),
    ("stories", "add_outcome"),
    ("stories", "change_outcome"),
    ("stories", "delete_outcome"),
    ("stories", "view_outcome"),
    ("stories", "view_theme"),
    ("taggit", "add_tag"),
    ("taggit", "view_tag"),
    ("participants", "add_participant"),
    ("participants", "change_participant"),
    ("participants", "view_participant"),
    ("participants", "add_organisation"),
    ("participants", "change_organisation"),
    ("participants", "view_organisation"),
    ("participants", "view_programme"),
    ("participants", "view_cohort"),
]
EDITOR_APPS = ["stories", "participants", "taggit"]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    contributors, _ = Group.objects.get_or_create(name="Contributors")
    for app_label, codename in CONTRIBUTOR_PERMISSIONS:
        contributors.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=EDITOR_APPS)
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Contributors", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("participants", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
