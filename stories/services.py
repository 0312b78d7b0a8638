"""Writes that change a story's place in the workflow.

Each function checks the rule, saves, and returns the story; callers (admin
actions, forms, commands) never set `status` by hand.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stories.models import Story
from stories.workflow import publication_problem, status_refusal


@transaction.atomic
def change_status(*, story: Story, status: str, by) -> Story:
    if refusal := status_refusal(by, story.status, status):
        raise PermissionDenied(refusal)
    if status == Story.Status.PUBLISHED:
        if problem := publication_problem(story):
            raise ValidationError(problem)
        if story.published_at is None:
            story.published_at = timezone.now()
    story.status = status
    story.save(update_fields=["status", "published_at", "updated_at"])
    return story


def publish_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.PUBLISHED, by=by)


def send_for_review(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.REVIEW, by=by)


def unpublish_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.DRAFT, by=by)


def archive_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.ARCHIVED, by=by)
