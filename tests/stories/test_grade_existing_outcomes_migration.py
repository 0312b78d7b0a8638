"""Outcomes recorded before grading: not yet assessed and self-reported, unless someone
was already named as having checked the figure, which makes it corroborated."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from stories.models import Outcome
from tests.factories import make_outcome, make_story

pytestmark = pytest.mark.django_db

migration = importlib.import_module("stories.migrations.0011_grade_existing_outcomes")


def test_only_outcomes_with_a_named_checker_become_corroborated():
    story = make_story()
    claimed = make_outcome(story, description="Residents reached", value=450)
    checked = make_outcome(
        story,
        description="Section 75 award",
        value=1_340_000,
        unit="GBP",
        verified_by="Finance lead, Clinical Commissioning Group",
        verified_on=dt.date(2021, 3, 31),
    )
    # As they stood before the migration: every one self-reported, none assessed.
    Outcome.objects.update(verification="self_reported", level="not_assessed")

    migration.corroborate_checked(apps, None)

    assert dict(Outcome.objects.values_list("pk", "verification")) == {
        claimed.pk: "self_reported",
        checked.pk: "corroborated",
    }
    assert set(Outcome.objects.values_list("level", flat=True)) == {"not_assessed"}
    assert Outcome.objects.get(pk=checked.pk).verified_by.startswith("Finance lead")


def test_an_outcome_a_participant_reports_is_self_reported_and_not_yet_assessed():
    outcome = make_outcome(make_story(), description="1,250 visits", value=1250, unit="visits")
    outcome.refresh_from_db()
    assert (outcome.level, outcome.verification, outcome.intended) == (
        "not_assessed",
        "self_reported",
        "not_known",
    )
