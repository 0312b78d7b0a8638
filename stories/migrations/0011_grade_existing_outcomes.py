"""Outcomes recorded before grading: "not yet assessed" and "self-reported" (the
fields' defaults), unless someone was already named as having checked the figure,
which makes it corroborated."""

from django.db import migrations
from django.db.models import Q


def corroborate_checked(apps, schema_editor):
    Outcome = apps.get_model("stories", "Outcome")
    Outcome.objects.filter(~Q(verified_by="") | Q(verified_on__isnull=False)).update(
        verification="corroborated"
    )


def back_to_self_reported(apps, schema_editor):
    Outcome = apps.get_model("stories", "Outcome")
    Outcome.objects.update(verification="self_reported")


class Migration(migrations.Migration):
    dependencies = [("stories", "0010_evaluation")]

    operations = [migrations.RunPython(corroborate_checked, back_to_self_reported)]
