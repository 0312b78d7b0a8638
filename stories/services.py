"""Writes that change a story: its place in the workflow, and each kept edit.

Each function checks the rule, saves, records who did it, keeps a revision,
and returns the story; callers (admin actions, forms, commands) never set
`status` by hand.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stories.models import StatusChange, Story
from stories.revisions import save_revision
from stories.workflow import publication_problem, status_refusal

VERBS = {
    Story.Status.DRAFT: "Moved back to draft",
    Story.Status.REVIEW: "Sent for review",
    Story.Status.PUBLISHED: "Published",
    Story.Status.ARCHIVED: "Archived",
}


def record_edit(story: Story, **save_options) -> None:
    """Save the story as a new edit, so forms opened before it know they are stale."""
    story.edit_version += 1
    story.save(**save_options)


def record_status_change(*, story: Story, from_status: str | None, by) -> None:
    """Note a move through the workflow on the story's history."""
    if from_status == story.status:
        return
    StatusChange.objects.create(
        story=story,
        from_status=from_status or "",
        to_status=story.status,
        by=by if by is not None and by.is_authenticated else None,
    )


@transaction.atomic
def change_status(*, story: Story, status: str, by) -> Story:
    if refusal := status_refusal(by, story.status, status):
        raise PermissionDenied(refusal)
    now = timezone.now()
    if status == Story.Status.PUBLISHED:
        if problem := publication_problem(story):
            raise ValidationError(problem)
        if story.published_at is None:
            story.published_at = now
        if story.expires_at is not None and story.expires_at <= max(now, story.published_at):
            # Publishing an expired story republishes it: its old end has passed.
            story.expires_at = None
    if status == story.status and status != Story.Status.PUBLISHED:
        return story
    before = story.status
    story.status = status
    record_edit(
        story, update_fields=["status", "published_at", "expires_at", "edit_version", "updated_at"]
    )
    record_status_change(story=story, from_status=before, by=by)
    save_revision(story, by=by, comment=VERBS[status])
    return story


def publish_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.PUBLISHED, by=by)


def send_for_review(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.REVIEW, by=by)


def unpublish_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.DRAFT, by=by)


def archive_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.ARCHIVED, by=by)
