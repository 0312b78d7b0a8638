"""Every move through draft → in review → published → archived, and who may make it."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied

from editorial import services
from stories.models import StatusChange, Story
from tests.admin_posts import CHANGELIST_URL, change_url, story_form
from tests.factories import make_story

pytestmark = pytest.mark.django_db

STATUSES = list(Story.Status.values)
MOVES = [(a, b) for a, b in itertools.product(STATUSES, STATUSES) if a != b]
# A contributor moves a story only between draft and review.
CONTRIBUTOR_MOVES = {("draft", "review"), ("review", "draft")}


def fresh(status):
    if status == "published":
        return make_story()
    return make_story(status=status, published_at=None)


@pytest.mark.parametrize("before,after", MOVES)
def test_an_editor_may_make_every_move_and_it_is_recorded(editor, before, after):
    story = fresh(before)
    services.change_status(story=story, status=after, by=editor)
    assert Story.objects.get(pk=story.pk).status == after
    change = StatusChange.objects.get(story=story)
    assert (change.from_status, change.to_status, change.by) == (before, after, editor)
    assert change.at is not None


@pytest.mark.parametrize("before,after", MOVES)
def test_a_contributor_may_only_move_between_draft_and_review(contributor, before, after):
    story = fresh(before)
    if (before, after) in CONTRIBUTOR_MOVES:
        services.change_status(story=story, status=after, by=contributor)
        assert Story.objects.get(pk=story.pk).status == after
        assert StatusChange.objects.get(story=story).by == contributor
    else:
        with pytest.raises(PermissionDenied):
            services.change_status(story=story, status=after, by=contributor)
        assert Story.objects.get(pk=story.pk).status == before
        assert not StatusChange.objects.filter(story=story).exists()


def test_a_move_through_the_admin_form_is_recorded_with_who_made_it(editor_client, editor):
    story = make_story(status="review", published_at=None)
    response = editor_client.post(
        change_url(story),
        story_form(
            title=story.title,
            slug=story.slug,
            participant=story.participant.pk,
            status="published",
            opened_version=story.edit_version,
        ),
    )
    assert response.status_code == 302
    change = StatusChange.objects.get(story=story)
    assert (change.from_status, change.to_status, change.by) == ("review", "published", editor)


def test_a_save_that_keeps_the_status_records_no_move(editor_client):
    story = make_story(status="draft", published_at=None)
    editor_client.post(
        change_url(story),
        story_form(title="New title", slug=story.slug, opened_version=story.edit_version),
    )
    assert Story.objects.get(pk=story.pk).title == "New title"
    assert not StatusChange.objects.filter(story=story).exists()


def test_bulk_actions_record_each_move(editor_client, editor):
    stories = [make_story(status="review", published_at=None) for _ in range(2)]
    editor_client.post(
        CHANGELIST_URL, {"action": "publish", "_selected_action": [s.pk for s in stories]}
    )
    changes = StatusChange.objects.filter(story__in=stories, to_status="published", by=editor)
    assert changes.count() == 2


def test_the_history_page_lists_the_moves(editor_client, editor):
    story = make_story(status="draft", published_at=None)
    services.send_for_review(story=story, by=editor)
    services.publish_story(story=story, by=editor)
    page = editor_client.get(f"/admin/stories/story/{story.pk}/history/").content.decode()
    table = page.split('id="status-changes"')[1]
    assert table.index("In review") < table.index("Draft")  # newest first
    assert "erin-editor" in table


def test_a_contributor_sending_for_review_through_the_form_is_recorded(contributor_client):
    story = make_story(status="draft", published_at=None)
    response = contributor_client.post(
        change_url(story),
        story_form(
            title=story.title, slug=story.slug, status="review", opened_version=story.edit_version
        ),
    )
    assert response.status_code == 302
    assert StatusChange.objects.get(story=story).to_status == "review"
