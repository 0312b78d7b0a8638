import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from editorial import services
from stories.models import Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_contributor_cannot_publish_through_the_service(contributor):
    story = make_story(status="review", published_at=None)
    with pytest.raises(PermissionDenied, match="Only an editor"):
        services.publish_story(story=story, by=contributor)
    story.refresh_from_db()
    assert story.status == "review"


def test_editor_publishing_sets_the_date_once(editor):
    story = make_story(status="review", published_at=None)
    services.publish_story(story=story, by=editor)
    first = Story.objects.get(pk=story.pk).published_at
    assert first is not None
    services.unpublish_story(story=story, by=editor)
    services.publish_story(story=story, by=editor)
    assert Story.objects.get(pk=story.pk).published_at == first


def test_publishing_without_a_participant_is_refused(editor):
    story = make_story(status="draft", published_at=None, participant=None)
    with pytest.raises(ValidationError, match="needs a participant"):
        services.publish_story(story=story, by=editor)


def test_admin_save_refuses_a_status_the_form_let_through(contributor):
    """The last line of defence: even a form that skipped its checks cannot publish."""
    story = make_story(status="draft", published_at=None)
    story.status = Story.Status.PUBLISHED
    request = RequestFactory().post("/admin/")
    request.user = contributor

    class FormThatSkippedChecks:
        initial = {"status": "draft"}

    with pytest.raises(PermissionDenied):
        site._registry[Story].save_model(request, story, FormThatSkippedChecks(), change=True)
    assert Story.objects.get(pk=story.pk).status == "draft"


@pytest.mark.parametrize("door", ["form", "action"])
def test_publishing_an_expired_story_by_either_door_republishes_it(editor, door):
    """The form's save and the publish action are one door: the same dates come out."""
    ended = timezone.now() - dt.timedelta(days=3)
    story = make_story(status="draft", published_at=None, expires_at=ended)
    if door == "form":
        story.status = Story.Status.PUBLISHED
        services.save_edit(story=story, from_status="draft", by=editor)
    else:
        services.publish_story(story=story, by=editor)
    stored = Story.objects.get(pk=story.pk)
    assert stored.expires_at is None
    assert stored.published_at is not None and stored.published_at <= timezone.now()
    assert stored in Story.objects.public()
