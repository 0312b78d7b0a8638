"""A process keeps the content version it read, and reads it again when told of a change."""

import datetime as dt
import select
import sqlite3
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from pagecache import changes, versions
from pagecache.models import ContentVersion
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def settled():
    """The version known and kept, as on a live site between edits."""
    versions.current_token()
    return versions.current_token()


def test_a_kept_version_costs_no_query(settled, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert versions.current_token() == settled


def test_an_edit_in_this_process_is_read_at_once(settled):
    make_story()
    assert versions.current_token() != settled


def test_a_change_heard_from_elsewhere_makes_it_read_again(settled, django_assert_num_queries):
    with (
        mock.patch.object(changes, "mark", return_value="another mark"),
        django_assert_num_queries(1),
    ):
        assert versions.current_token() == settled


def test_another_process_s_edit_once_read_is_never_undone(settled):
    """Reading the version takes in the signal of the edit (no mark for a moment); when
    the listening connection's mark comes back as it was, the new version stands."""
    unchanged = changes.mark()
    ContentVersion.objects.filter(pk=versions.ROW).update(token="edited-elsewhere")
    with mock.patch.object(changes, "mark", side_effect=[None, None, unchanged, unchanged]):
        assert versions.current_token() == "edited-elsewhere"
        assert versions.current_token() == "edited-elsewhere"


def test_without_a_way_to_hear_of_changes_it_reads_every_time(settled, django_assert_num_queries):
    with mock.patch.object(changes, "mark", return_value=None):
        versions.current_token()
        with django_assert_num_queries(1):
            versions.current_token()


def test_the_next_scheduled_moment_makes_it_read_again(client):
    make_story(slug="soon", published_at=timezone.now() + dt.timedelta(hours=1))
    versions.current_token()
    versions.current_token()
    assert "soon" not in client.get("/stories/").text
    later = timezone.now() + dt.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "/stories/soon/" in client.get("/stories/").text


def test_another_connection_committing_moves_the_mark(tmp_path):
    if connection.vendor == "postgresql":
        import psycopg

        changes.start_listening()
        before = changes.mark()
        assert before is not None
        with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
            other.execute(f"NOTIFY {changes.CHANNEL}")
        # Wait for the notification itself (bounded), not for a length of time.
        readable, _, _ = select.select([changes._listener.conn.fileno()], [], [], 10)
        assert readable
        assert changes.mark() is None  # heard: read the version again
        after = changes.mark()
        # Quiet once more, at a mark of its own: whoever kept the one from before (the
        # dependencies' tokens as well as the version) sees that it moved.
        assert after not in (None, before)
        assert changes.mark() == after
    else:
        path = tmp_path / "site.sqlite3"
        mine, other = sqlite3.connect(path), sqlite3.connect(path)
        other.execute("CREATE TABLE t (x)")
        other.commit()
        before = changes.sqlite_mark(mine)
        assert changes.sqlite_mark(mine) == before
        other.execute("INSERT INTO t VALUES (1)")
        other.commit()
        assert changes.sqlite_mark(mine) != before
        mine.close()
        other.close()


def test_a_kept_version_is_read_again_after_a_few_seconds_all_the_same(
    settled, django_assert_num_queries
):
    # Should a notification ever be lost, a page is stale for seconds at most.
    later = timezone.now() + versions.TRUST_KEPT_FOR + dt.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        with django_assert_num_queries(1):
            assert versions.current_token() == settled
        with django_assert_num_queries(0):
            assert versions.current_token() == settled
