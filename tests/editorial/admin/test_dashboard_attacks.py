"""The dashboard and the filtered lists it links to, fed bad data and tampered addresses."""

import contextlib
import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from editorial.sharing import create_share_link
from participants.models import Participant
from stories.models import StatusChange, Story
from tests.factories import make_participant, make_staff, make_story

pytestmark = pytest.mark.django_db


def draft_by(user, **fields):
    story = make_story(status=Story.Status.DRAFT, published_at=None, **fields)
    StatusChange.objects.create(story=story, from_status="", to_status=story.status, by=user)
    return story


def test_bad_data_never_500s_the_dashboard(editor_client, editor):
    gone = make_staff("leaves-soon", "Contributors")
    draft_by(gone, title="Orphaned by a deleted user")
    User.objects.filter(pk=gone.pk).delete()
    draft_by(editor, title="T" * 200, participant=None)
    make_story(title="In review, no one", status=Story.Status.REVIEW, participant=None)
    nobody = make_story(title="Shared, no participant", status=Story.Status.DRAFT, participant=None)
    with contextlib.suppress(Exception):  # a service may refuse; the dashboard must not care
        create_share_link(story=nobody, by=editor)
    make_participant(name="<b>bold</b>" + "N" * 150, consent_given=False)
    make_participant(
        name="<img src=x onerror=alert(1)>",
        consent_expires_on=timezone.localdate() + dt.timedelta(days=3),
    )
    make_story(title="<script>alert('t')</script>", published_at=timezone.now() + dt.timedelta(1))
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert('t')</script>" not in page
    assert "<img src=x onerror" not in page
    assert "No participant yet" in page


@pytest.mark.parametrize(
    "query",
    [
        "todo=garbage",
        "todo=",
        "todo=mine&todo=scheduled",
        "todo=%00",
        "todo=" + "x" * 5000,
        "status__exact=nonsense",
        "todo=mine&status__exact=published",
    ],
)
def test_tampered_story_list_filters_never_500(editor_client, query):
    make_story()
    response = editor_client.get(f"/admin/stories/story/?{query}")
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("query", ["consent=garbage", "consent=ending&consent=x", "consent="])
def test_tampered_participant_list_filters_never_500(editor_client, query):
    make_participant()
    response = editor_client.get(f"/admin/participants/participant/?{query}")
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("group", [None, "Viewers", "Contributors"])
def test_lower_roles_filtered_lists_never_offer_a_change(client, group):
    user = make_staff(f"u-{group}", group)
    client.force_login(user)
    live = make_story(title="Live, not theirs")
    for query in ["todo=scheduled", "todo=recent", "todo=sign-off", "status__exact=review"]:
        response = client.get(f"/admin/stories/story/?{query}")
        assert response.status_code in (200, 403)
    # Whatever the list shows, the published story's form is not editable for them.
    form = client.get(f"/admin/stories/story/{live.pk}/change/")
    assert form.status_code in (200, 403)
    assert 'name="_save"' not in form.content.decode()


def test_staff_without_a_group_sees_no_consent_panel_or_story_titles(client):
    make_story(title="Secret draft", status=Story.Status.DRAFT, published_at=None)
    make_participant(
        name="Ends soon person", consent_expires_on=timezone.localdate() + dt.timedelta(5)
    )
    client.force_login(make_staff("bare-staff"))
    page = client.get("/admin/").content.decode()
    assert "Secret draft" not in page and "Ends soon person" not in page


def test_dashboard_query_count_is_fixed_as_every_list_grows(
    editor_client, editor, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as seen:
            assert editor_client.get("/admin/").status_code == 200
        return len(seen)

    draft_by(editor)
    before = count()
    now = timezone.now()
    for _ in range(12):
        draft_by(editor, participant=None)
        shared = draft_by(editor)
        create_share_link(story=shared, by=editor)
        make_story(status=Story.Status.REVIEW)
        make_story(published_at=now + dt.timedelta(days=2))
        make_participant(consent_expires_on=timezone.localdate() + dt.timedelta(days=5))
    assert count() == before
    assert Participant.objects.count() > 40
