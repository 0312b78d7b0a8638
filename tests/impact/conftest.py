"""Fixtures the impact tests share."""

from tests.impact.test_impact_page import world  # noqa: F401 (a fixture)
