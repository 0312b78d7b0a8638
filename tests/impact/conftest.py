"""Fixtures the impact tests share: the demo-like world, and the programme and
cohort whose brochures they read."""

import pytest

from tests.factories import make_cohort, make_programme
from tests.impact.funder_world import funder_world  # noqa: F401 (a fixture)
from tests.impact.test_impact_page import world  # noqa: F401 (a fixture)


@pytest.fixture
def programme():
    return make_programme(name="Leadership Essentials", slug="leadership-essentials")


@pytest.fixture
def cohort(programme):
    return make_cohort(name="March 2020", slug="march-2020", programme=programme)
