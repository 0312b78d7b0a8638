"""No path makes a story appear or disappear for anyone below an editor.

Changing a published story's participant, restoring a revision and recovering a
deleted story all go through the same rule (editorial.workflow), with the same
refusal messages; view-only staff change nothing through any action.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from editorial import revisions, services
from stories.models import StatusChange, Story
from tests.admin_posts import CHANGELIST_URL, change_url, story_form
from tests.factories import make_participant, make_staff, make_story

pytestmark = pytest.mark.django_db

EDITORS_ONLY = "This story is published: only an editor can change it"


@pytest.fixture
def viewer(db):
    return make_staff("vic-viewer", "Viewers")


@pytest.fixture
def hidden_story():
    """Published, but its participant withdrew consent: not on the public site."""
    withdrawn = make_participant(consent_withdrawn_at=timezone.now() - dt.timedelta(days=1))
    return make_story(participant=withdrawn)


def is_public(story) -> bool:
    return Story.objects.public().filter(pk=story.pk).exists()


def test_contributor_cannot_swap_a_hidden_storys_participant_to_put_it_live(
    contributor_client, contributor, hidden_story
):
    consenting = make_participant()
    data = story_form(
        status="published",
        title=hidden_story.title,
        slug=hidden_story.slug,
        participant=consenting.pk,
        opened_version=hidden_story.edit_version,
    )
    assert contributor_client.post(change_url(hidden_story), data).status_code == 403
    assert not is_public(hidden_story)
    hidden_story.participant = consenting
    with pytest.raises(PermissionDenied, match=EDITORS_ONLY):
        services.check_edit(story=hidden_story, by=contributor)


def test_contributor_cannot_swap_a_live_storys_participant_to_take_it_down(contributor):
    story = make_story()
    story.participant = make_participant(consent_given=False)
    with pytest.raises(PermissionDenied, match=EDITORS_ONLY):
        services.save_edit(story=story, from_status=story.status, by=contributor)
    assert is_public(Story.objects.get(pk=story.pk))


def test_editor_may_not_swap_a_live_story_to_a_participant_without_consent(editor_client):
    story = make_story()
    without = make_participant(consent_given=False, name="Nobody Agreed")
    data = story_form(
        status="published",
        title=story.title,
        slug=story.slug,
        participant=without.pk,
        opened_version=story.edit_version,
        published_at=(
            timezone.localtime(story.published_at).strftime("%Y-%m-%d"),
            timezone.localtime(story.published_at).strftime("%H:%M:%S"),
        ),
    )
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "Nobody Agreed has no consent recorded." in response.content.decode()
    story.refresh_from_db()
    assert story.participant.name != "Nobody Agreed"
    assert is_public(story)


def test_contributor_cannot_restore_a_revision_of_a_published_story(contributor, hidden_story):
    revisions.save_revision(hidden_story, by=None, comment="First")
    version = revisions.versions_of(hidden_story.pk)[0]
    with pytest.raises(PermissionDenied, match="only an editor can change it"):
        services.restore_revision(story=hidden_story, version=version, by=contributor)


def test_editor_restore_keeps_the_participant_with_the_forms_own_message(editor, hidden_story):
    consenting = make_participant(name="Has Consent")
    withdrawn = hidden_story.participant
    Story.objects.filter(pk=hidden_story.pk).update(participant=consenting)
    hidden_story.refresh_from_db()
    revisions.save_revision(hidden_story, by=None, comment="Live now")
    # A revision from when the withdrawn participant was on it.
    Story.objects.filter(pk=hidden_story.pk).update(participant=withdrawn)
    hidden_story.refresh_from_db()
    revisions.save_revision(hidden_story, by=None, comment="Withdrawn one")
    Story.objects.filter(pk=hidden_story.pk).update(participant=consenting)
    hidden_story.refresh_from_db()
    old = revisions.versions_of(hidden_story.pk)[0]
    report = services.restore_revision(story=hidden_story, version=old, by=editor)
    assert any(withdrawn.name in line and "withdrew consent" in line for line in report.lost)
    hidden_story.refresh_from_db()
    assert hidden_story.participant == consenting
    assert is_public(hidden_story)


def test_recover_needs_the_right_to_add_and_comes_back_as_a_draft(viewer, contributor):
    story = make_story()
    revisions.save_revision(story, by=None, comment="Deleted")
    story_pk = story.pk
    story.delete()
    version = revisions.deleted_stories()[0]
    with pytest.raises(PermissionDenied):
        services.recover_story(version=version, by=viewer)
    report = services.recover_story(version=version, by=contributor)
    assert report.story.pk == story_pk
    assert report.story.status == Story.Status.DRAFT
    assert not is_public(report.story)


def test_view_only_staff_are_not_offered_send_for_review_and_posting_it_changes_nothing(
    client, viewer
):
    draft = make_story(status="draft", published_at=None)
    client.force_login(viewer)
    page = client.get(CHANGELIST_URL).content.decode()
    assert 'value="send_for_review"' not in page
    client.post(CHANGELIST_URL, {"action": "send_for_review", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Story.Status.DRAFT
    assert not StatusChange.objects.filter(story=draft).exists()
    assert revisions.versions_of(draft.pk) == []


def test_the_service_refuses_view_only_staff_too(viewer):
    draft = make_story(status="draft", published_at=None)
    with pytest.raises(PermissionDenied, match="view stories but not change them"):
        services.send_for_review(story=draft, by=viewer)


def test_a_publish_made_while_a_contributor_restores_a_draft_stands(contributor, editor):
    draft = make_story(status="draft", published_at=None)
    revisions.save_revision(draft, by=None, comment="First")
    version = revisions.versions_of(draft.pk)[0]
    loaded = Story.objects.get(pk=draft.pk)  # the contributor's request loads the draft...
    services.publish_story(
        story=Story.objects.get(pk=draft.pk), by=editor
    )  # ...an editor publishes
    with pytest.raises(PermissionDenied):
        services.restore_revision(story=loaded, version=version, by=contributor)
    assert is_public(Story.objects.get(pk=draft.pk))


def test_a_stale_copy_cannot_send_a_just_published_story_back_to_review(contributor, editor):
    draft = make_story(status="draft", published_at=None)
    stale = Story.objects.get(pk=draft.pk)
    services.publish_story(story=Story.objects.get(pk=draft.pk), by=editor)
    with pytest.raises(PermissionDenied):
        services.send_for_review(story=stale, by=contributor)
    assert Story.objects.get(pk=draft.pk).status == Story.Status.PUBLISHED
