"""Who records selection rounds: Editors add, change and delete rounds, their panels
and the stories considered; Viewers and Contributors read them.

Permissions are normally created after all migrations run; creating them here first
lets a fresh database get working roles from `migrate` alone.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["selectionround", "panelmember", "consideration"]
ACTIONS = ["add", "change", "delete", "view"]


def _permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for action in actions for model in MODELS]
    return Permission.objects.filter(content_type__app_label="stories", codename__in=codenames)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Editors")[0].permissions.add(*_permissions(apps, ACTIONS))
    for name in ("Viewers", "Contributors"):
        Group.objects.get_or_create(name=name)[0].permissions.add(*_permissions(apps, ["view"]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editors", "Viewers", "Contributors"]):
        group.permissions.remove(*_permissions(apps, ACTIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0011_grade_existing_outcomes"),
        ("participants", "0003_consent_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
