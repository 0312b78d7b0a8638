"""`make load`'s editor client saves through the real admin form, as a browser does."""

import time

import pytest

from bench.editors import Browser, edit_story, work_shift
from stories.models import Story
from tests.factories import make_outcome, make_partner, make_staff, make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_client_edits_and_publishes_a_draft_keeping_its_partners(live_server):
    make_staff("load-editor", "Editors")
    story = make_story(status=Story.Status.DRAFT, published_at=None)
    story.tags.add("social prescribing", "funding")
    make_partner(story, role="Funder")
    make_outcome(story, value=12, unit="people")
    browser = Browser(live_server.url)
    browser.login("load-editor", "pw-for-tests-only")

    edit = edit_story(browser, story.pk, editor="load-editor", mark="test.1", publish=True)

    story.refresh_from_db()
    assert (story.title, story.summary, story.body) == (edit.title, edit.summary, edit.body)
    assert "[edit test.1]" in story.title
    assert story.status == edit.status == Story.Status.PUBLISHED
    assert story.partnerships.get().role == "Funder"
    assert story.outcomes.get().unit == "people"
    assert sorted(story.tags.names()) == ["funding", "social prescribing"]


def test_an_editors_shift_keeps_editing_and_each_edit_replaces_the_last_mark(live_server):
    make_staff("load-editor", "Editors")
    story = make_story(title="Walking groups")

    shift = work_shift(
        live_server.url, "load-editor", "pw-for-tests-only", [story.pk], time.monotonic(), 3
    )

    assert shift.errors == []
    assert len(shift.edits) > 1
    story.refresh_from_db()
    assert (
        story.title
        == shift.edits[-1].title
        == f"Walking groups [edit load-editor.{len(shift.edits)}]"
    )
    assert story.body.count("Edited under load") == 1
