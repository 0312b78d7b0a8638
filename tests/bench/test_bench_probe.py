"""The benchmark's page list: every page it loads exists on generated data."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_every_benchmarked_page_answers_200_with_its_query_count():
    call_command("generate_stories", "60", "--seed", "3", stdout=io.StringIO())
    out = io.StringIO()
    call_command("bench_probe", stdout=out)
    stats = json.loads(out.getvalue())
    assert set(stats) >= {
        "home",
        "stories",
        "theme",
        "deep page",
        "search, rare name",
        "sitemap index",
    }
    for name, page in stats.items():
        assert page["status"] == 200, (name, page["url"])
        assert page["queries"] >= 1 and page["bytes"] > 500, name
    assert stats["deep page"]["url"].endswith("?page=5")  # 60 stories, ~54 public: the last page
