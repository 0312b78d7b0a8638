import datetime as dt

import pytest
from django.utils import timezone

from stories.models import Story
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db


def public_titles():
    return set(Story.objects.public().values_list("title", flat=True))


def test_published_story_with_consent_is_public():
    make_story(title="Live")
    assert public_titles() == {"Live"}


@pytest.mark.parametrize("status", ["draft", "review", "archived"])
def test_unpublished_statuses_are_not_public(status):
    make_story(
        title="Hidden", status=status, published_at=None if status != "archived" else timezone.now()
    )
    assert public_titles() == set()


def test_story_scheduled_for_the_future_is_not_public_yet():
    make_story(title="Later", published_at=timezone.now() + dt.timedelta(minutes=5))
    assert public_titles() == set()


def test_withdrawn_consent_takes_stories_off_the_public_site():
    participant = make_participant()
    make_story(title="Mine", participant=participant)
    assert public_titles() == {"Mine"}

    participant.consent_withdrawn_at = timezone.now()
    participant.save()

    assert public_titles() == set()
    assert Story.objects.filter(title="Mine").exists(), "withdrawing consent deletes nothing"


def test_consent_never_given_keeps_stories_private():
    make_story(title="No consent", participant=make_participant(consent_given=False))
    assert public_titles() == set()


@pytest.mark.parametrize("scope,public", [("web", True), ("print", False), ("internal", False)])
def test_consent_scope_must_include_the_website(scope, public):
    make_story(title="Scoped", participant=make_participant(consent_scope=scope))
    assert (public_titles() == {"Scoped"}) is public


def test_public_orders_newest_first_with_a_stable_tie_break():
    moment = timezone.now() - dt.timedelta(days=2)
    first = make_story(published_at=moment)
    second = make_story(published_at=moment)
    newest = make_story(published_at=moment + dt.timedelta(hours=1))
    assert list(Story.objects.public().latest_first()) == [newest, second, first]
