"""What `rebuild_search_index` says it did: `make run` runs it with --missing right after
the demo loader has indexed every story, and must not report "Indexed 0 stories"."""

import io

import pytest
from django.core.management import call_command

from demo.loader import load_demo
from stories.models import SearchDocument, Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def _said(*args) -> str:
    out = io.StringIO()
    call_command("rebuild_search_index", *args, stdout=out)
    return out.getvalue().strip()


def test_after_the_demo_it_says_every_story_is_already_indexed():
    load_demo()
    stories = Story.objects.count()
    assert _said("--missing") == f"Search index: {stories} stories, all up to date."


def test_it_says_how_many_it_indexed_and_how_many_were_indexed_already():
    stories = [make_story() for _ in range(3)]
    SearchDocument.objects.filter(story=stories[0]).delete()

    said = _said("--missing")

    assert said.startswith("Search index: indexed 1 story that had no search text in ")
    assert said.endswith("; 2 already indexed.")


def test_one_story_is_one_story_and_a_whole_rebuild_counts_them_all():
    make_story()
    assert _said("--missing") == "Search index: 1 story, all up to date."
    make_story()
    assert _said().startswith("Search index: indexed 2 stories in ")
