import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from stories.models import Story
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db


def test_database_refuses_an_unknown_status():
    story = make_story(status="draft", published_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(status="deleted")


def test_database_refuses_a_published_story_without_participant():
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.create(
            title="Orphan", slug="orphan", status="published", published_at=timezone.now()
        )


def test_database_refuses_a_duplicate_story_slug():
    make_story(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_story(slug="same", participant=make_participant())
