"""The admin home is an editor's dashboard: what waits for whom, each list linking to
the admin list filtered to exactly its rows, in a fixed number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from editorial.approvals import answer, request_approval
from editorial.sharing import create_share_link, record_sign_off
from stories.models import SignOff, StatusChange, Story
from tests.factories import make_participant, make_staff, make_story

pytestmark = pytest.mark.django_db


def started_by(user, **fields):
    """A draft as the admin leaves one: its history says who started it."""
    story = make_story(status=Story.Status.DRAFT, published_at=None, **fields)
    StatusChange.objects.create(story=story, from_status="", to_status=story.status, by=user)
    return story


@pytest.fixture
def desk(editor):
    """One story (or person) for each list, and one beside it that must stay out of it."""
    now = timezone.now()
    other = make_staff("olu-other-editor", "Editors")
    shared = started_by(other, title="Shared with its participant")
    answered = started_by(other, title="Shared and approved")
    answer_link = create_share_link(story=answered, by=other)
    record_sign_off(link=answer_link, decision=SignOff.Decision.APPROVED)
    create_share_link(story=shared, by=other)
    old = make_story(title="Left alone since the summer")
    Story.objects.filter(pk=old.pk).update(updated_at=now - dt.timedelta(days=60))
    return {
        "mine": started_by(editor, title="My own draft"),
        "theirs": started_by(other, title="Another editor's draft"),
        "review": make_story(title="Ready for a second pair of eyes", status=Story.Status.REVIEW),
        "shared": shared,
        "answered": answered,
        "scheduled": make_story(title="Goes live next week", published_at=now + dt.timedelta(7)),
        "live": make_story(title="Live since yesterday"),
        "old": old,
        "ending": make_participant(
            name="Consent ends soon", consent_expires_on=timezone.localdate() + dt.timedelta(10)
        ),
        "later": make_participant(
            name="Consent ends in the spring",
            consent_expires_on=timezone.localdate() + dt.timedelta(40),
        ),
    }


def panels(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return {panel.key: panel for panel in response.context["dashboard"]}, response


def listed(client, href) -> set[str]:
    """What the admin list behind a dashboard link shows."""
    response = client.get(href)
    assert response.status_code == 200, href
    return {str(obj) for obj in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("mine", {"My own draft"}),
        ("review", {"Ready for a second pair of eyes"}),
        ("sign-off", {"Shared with its participant"}),
        ("scheduled", {"Goes live next week"}),
        ("consent", {"Consent ends soon"}),
    ],
)
def test_each_list_shows_its_stories_and_links_to_exactly_them(editor_client, desk, key, expected):
    shown, response = panels(editor_client)
    panel = shown[key]
    assert {row.label for row in panel.rows} == expected
    assert panel.count == len(expected)
    assert listed(editor_client, panel.href) == expected
    assert panel.href.replace("&", "&amp;") in response.content.decode()


def test_another_editors_draft_is_not_under_my_drafts(editor_client, desk):
    shown, _ = panels(editor_client)
    assert "Another editor's draft" not in {row.label for row in shown["mine"].rows}


def test_the_other_editor_sees_their_own_drafts(client, desk):
    client.force_login(desk["theirs"].status_changes.get().by)
    shown, _ = panels(client)
    assert {row.label for row in shown["mine"].rows} == {
        "Another editor's draft",
        "Shared with its participant",
        "Shared and approved",
    }


def test_recent_changes_are_the_last_weeks_saves_newest_first(editor_client, desk):
    shown, _ = panels(editor_client)
    recent = shown["recent"]
    assert recent.count == Story.objects.count() - 1  # all but the one left since the summer
    assert len(recent.rows) == 5
    assert "Left alone since the summer" not in listed(editor_client, recent.href)
    assert len(listed(editor_client, recent.href)) == recent.count


def test_the_app_list_stays_on_the_home_page(editor_client, desk):
    _, response = panels(editor_client)
    assert 'href="/admin/stories/story/"' in response.content.decode()
    assert [app["app_label"] for app in response.context["app_list"]][:2] == [
        "stories",
        "participants",
    ]


def test_the_dashboard_reads_a_fixed_number_of_queries(
    editor_client, desk, django_assert_num_queries
):
    # The session, the user, the user's and their groups' permissions, then each of the
    # six lists' count and first rows.
    with django_assert_num_queries(16):
        panels(editor_client)
    for n in range(8):
        started_by(desk["mine"].status_changes.get().by, title=f"Another draft of mine {n}")
        make_story(title=f"Scheduled {n}", published_at=timezone.now() + dt.timedelta(3))
    with django_assert_num_queries(16):
        shown, _ = panels(editor_client)
    assert (shown["mine"].count, len(shown["mine"].rows)) == (9, 5)


def test_a_viewer_without_rights_to_stories_sees_no_lists(client, desk):
    client.force_login(make_staff("no-group-staff"))
    shown, response = panels(client)
    assert shown == {}
    assert "You have no lists to work through here" in response.content.decode()


def test_a_story_sent_to_its_participants_page_waits_for_their_approval_until_answered(
    editor_client, editor
):
    person = make_participant(name="Asked on their page", email="asked@example.org")
    story = make_story(title="Sent to their page", participant=person, status="review")
    request_approval(story=story, by=editor)
    shown, _ = panels(editor_client)
    assert {row.label for row in shown["sign-off"].rows} == {"Sent to their page"}
    assert listed(editor_client, shown["sign-off"].href) == {"Sent to their page"}
    story.refresh_from_db()
    answer(
        story=story, participant=person, decision="approved", comment="", version=story.edit_version
    )
    shown, _ = panels(editor_client)
    assert not list(shown["sign-off"].rows)
