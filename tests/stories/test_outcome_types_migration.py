"""Outcomes entered before they had a type are typed and spelt as editors now type them."""

import importlib

import pytest
from django.apps import apps

from stories.models import Outcome
from tests.factories import make_outcome, make_story

pytestmark = pytest.mark.django_db

migration = importlib.import_module("stories.migrations.0005_outcome_records")


def test_money_in_any_spelling_becomes_funding_in_pounds_and_the_rest_other():
    story = make_story()
    spelt = ["GBP", "gbp", "Pounds", " £ ", "posts", "People"]
    for n in range(len(spelt)):
        make_outcome(story, description=f"Outcome {n}", value=n + 1, order=n)
    # As they were before the migration: units as typed, no type yet.
    for n, unit in enumerate(spelt):
        Outcome.objects.filter(story=story, order=n).update(unit=unit, kind="other")

    migration.classify_existing(apps, None)

    assert list(story.outcomes.order_by("order").values_list("kind", "unit")) == [
        ("funding", "GBP"),
        ("funding", "GBP"),
        ("funding", "GBP"),
        ("funding", "GBP"),
        ("other", "posts"),
        ("other", "People"),
    ]
