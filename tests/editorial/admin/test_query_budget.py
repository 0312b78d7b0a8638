"""The editors' busiest admin pages run a fixed number of queries, however long the lists."""

import pytest

from editorial import revisions
from tests.factories import make_story, make_theme

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/stories/story/"


def history(story):
    return f"/admin/stories/story/{story.pk}/history/"


def add_stories(count):
    theme = make_theme()
    for _ in range(count):
        make_story().themes.add(theme)


def test_the_story_list_runs_its_budget_for_3_stories_and_for_30(
    editor_client, django_assert_num_queries
):
    add_stories(3)
    with django_assert_num_queries(13):
        assert editor_client.get(CHANGELIST).status_code == 200
    add_stories(27)
    with django_assert_num_queries(13):
        assert editor_client.get(CHANGELIST).status_code == 200


def test_the_history_page_runs_its_budget_for_2_revisions_and_for_12(
    editor_client, django_assert_num_queries
):
    story = make_story()
    for _ in range(2):
        revisions.save_revision(story, by=None, comment="Saved")
    with django_assert_num_queries(7):
        assert editor_client.get(history(story)).status_code == 200
    for _ in range(10):
        revisions.save_revision(story, by=None, comment="Saved")
    with django_assert_num_queries(7):
        assert editor_client.get(history(story)).status_code == 200
