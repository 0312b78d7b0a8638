"""On the demo content, PostgreSQL and SQLite find the same stories.

The suite runs on both databases, so each expectation here holds on both.
Where they differ (stop words, typos, `or`), tests/stories/search/test_search_fields.py
says so.
"""

import pytest

from demo.loader import load_demo
from stories.models import Story
from stories.search import service as search

pytestmark = pytest.mark.django_db

EXPECTED = {
    "Section 75": ["andrew-wilesmith-ipswich-leisure-to-community-health"],
    "Ipswich": [
        "andrew-wilesmith-ipswich-leisure-to-community-health",
        "ipswich-mental-health-support-in-community-spaces",
        "suffolk-needs-weighted-inequalities-funding",
    ],
    "partnerships": [
        "andrew-wilesmith-ipswich-leisure-to-community-health",
        "leeds-trauma-informed-neighbourhood-policing",
    ],
    "mental health": [
        "andrew-wilesmith-ipswich-leisure-to-community-health",
        "ipswich-mental-health-support-in-community-spaces",
        "leeds-trauma-informed-neighbourhood-policing",
        "rhondda-cynon-taf-community-food-network",
        "tower-hamlets-community-health-champions",
    ],
    '"mental health" -ipswich': [
        "leeds-trauma-informed-neighbourhood-policing",
        "rhondda-cynon-taf-community-food-network",
        "tower-hamlets-community-health-champions",
    ],
    "Glasgow": ["glasgow-money-advice-in-early-years-settings"],
    "zoe": ["greater-manchester-safe-and-well-visits"],
}


def test_demo_searches_find_the_same_stories():
    load_demo(with_pictures=False)
    found = {
        words: sorted(search.matching(Story.objects.public(), words).values_list("slug", flat=True))
        for words in EXPECTED
    }
    assert found == EXPECTED
