"""Scheduling: the query decides, at the second, in any time zone, with no job."""

import datetime as dt
import zoneinfo
from unittest import mock

import pytest
from django.db import IntegrityError
from django.utils import timezone

from editorial import services
from stories.models import Story
from tests.admin_posts import ADD_URL, change_url, story_form
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def public_at(moment, story):
    """Whether `story` is public when the clock reads `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return Story.objects.public().filter(pk=story.pk).exists()


def test_a_story_goes_live_exactly_at_its_publication_second():
    go_live = timezone.now() + dt.timedelta(hours=2)
    story = make_story(published_at=go_live)
    assert not public_at(go_live - dt.timedelta(microseconds=1), story)
    assert public_at(go_live, story)


def test_a_story_leaves_exactly_at_its_unpublish_second():
    ends = timezone.now() + dt.timedelta(hours=2)
    story = make_story(expires_at=ends)
    assert public_at(ends - dt.timedelta(microseconds=1), story)
    assert not public_at(ends, story)


def test_a_time_given_in_another_zone_is_the_same_instant():
    # 09:00 in New York is 14:00 in London (both on standard time in January).
    story = make_story(published_at=dt.datetime(2027, 1, 15, 9, 0, tzinfo=NEW_YORK))
    london = dt.datetime(2027, 1, 15, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    assert not public_at(london - dt.timedelta(seconds=1), story)
    assert public_at(london, story)


def test_a_story_published_in_the_past_is_public_now():
    story = make_story(published_at=timezone.now() - dt.timedelta(days=400))
    assert Story.objects.public().filter(pk=story.pk).exists()


def test_unpublish_time_before_publication_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_story(published_at=timezone.now(), expires_at=timezone.now() - dt.timedelta(minutes=1))


def add_published(client, published_at, **fields):
    form = story_form(
        status="published", participant=make_participant().pk, published_at=published_at
    )
    return client.post(ADD_URL, form | fields)


def test_admin_explains_an_unpublish_time_before_publication(editor_client):
    response = add_published(
        editor_client,
        ("2027-01-10", "09:00:00"),
        expires_at_0="2027-01-09",
        expires_at_1="09:00:00",
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["expires_at"]
    assert "before it goes live" in errors[0]
    assert not Story.objects.exists()


def test_admin_reads_times_in_the_site_zone(editor_client):
    response = add_published(editor_client, ("2027-07-01", "09:00:00"))
    assert response.status_code == 302
    # London is on summer time in July: 09:00 there is 08:00 UTC.
    assert Story.objects.get().published_at == dt.datetime(2027, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_a_time_that_does_not_exist_in_london_is_a_form_error(editor_client):
    # Clocks go forward at 01:00 on 28 March 2027: 01:30 never happens.
    response = editor_client.post(
        ADD_URL,
        story_form(published_at=("2027-03-28", "01:30:00"), participant=make_participant().pk),
    )
    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors
    assert not Story.objects.exists()


def test_saving_after_the_schedule_has_passed_never_fails(editor_client):
    """A story whose publication and unpublish times are both behind us still saves."""
    past = timezone.now() - dt.timedelta(days=10)
    story = make_story(published_at=past, expires_at=past + dt.timedelta(days=1))
    local = timezone.localtime(past)
    response = editor_client.post(
        change_url(story),
        story_form(
            title="Corrected title",
            slug=story.slug,
            status="published",
            participant=story.participant.pk,
            published_at=(f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"),
            expires_at_0=f"{timezone.localtime(story.expires_at):%Y-%m-%d}",
            expires_at_1=f"{timezone.localtime(story.expires_at):%H:%M:%S}",
            opened_version=story.edit_version,
        ),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Corrected title"
    assert story.public_state.startswith("Expired")


def test_an_expired_story_is_republished_by_publishing_it_again(editor):
    past = timezone.now() - dt.timedelta(days=10)
    story = make_story(published_at=past, expires_at=past + dt.timedelta(days=1))
    assert not Story.objects.public().filter(pk=story.pk).exists()
    services.publish_story(story=story, by=editor)
    story.refresh_from_db()
    assert story.expires_at is None
    assert Story.objects.public().filter(pk=story.pk).exists()


def test_a_future_unpublish_time_survives_publishing(editor):
    ends = timezone.now() + dt.timedelta(days=30)
    story = make_story(status="review", published_at=None, expires_at=ends)
    services.publish_story(story=story, by=editor)
    story.refresh_from_db()
    assert story.expires_at == ends
    assert story.public_state == "Live"


@pytest.mark.parametrize(
    "fields,state",
    [
        ({"status": "draft", "published_at": None}, "Draft"),
        (
            {"published_at": dt.datetime(2099, 5, 1, 9, 0, tzinfo=dt.UTC)},
            "Scheduled for 1 May 2099",
        ),
        ({"expires_at": dt.datetime(2000, 1, 1, 12, 0, tzinfo=dt.UTC)}, "Expired 1 Jan 2000"),
        ({}, "Live"),
    ],
)
def test_the_changelist_says_where_each_story_stands(editor_client, fields, state):
    if "expires_at" in fields:
        fields["published_at"] = dt.datetime(1999, 12, 1, tzinfo=dt.UTC)
    make_story(**fields)
    response = editor_client.get("/admin/stories/story/")
    assert state in response.content.decode()
