"""Contributors draft and send for review; only editors publish. Enforced on the server."""

import pytest
from django.contrib.auth.models import Group

from stories.models import Story
from tests.admin_posts import ADD_URL, CHANGELIST_URL, change_url, story_form
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db


def test_roles_exist_and_only_editors_may_publish():
    contributors = Group.objects.get(name="Contributors")
    editors = Group.objects.get(name="Editors")
    assert not contributors.permissions.filter(codename="publish_story").exists()
    assert contributors.permissions.filter(codename="add_story").exists()
    assert editors.permissions.filter(codename="publish_story").exists()


def test_contributor_can_save_a_draft(contributor_client):
    response = contributor_client.post(ADD_URL, story_form(status="draft"))
    assert response.status_code == 302
    assert Story.objects.get(slug="a-new-story").status == "draft"


def test_contributor_posting_published_gets_an_error_and_nothing_is_saved(contributor_client):
    participant = make_participant()
    response = contributor_client.post(
        ADD_URL, story_form(status="published", participant=participant.pk)
    )
    assert response.status_code == 200
    assert "Only an editor can publish, unpublish or archive a story" in response.content.decode()
    assert not Story.objects.filter(slug="a-new-story").exists()


def test_contributor_cannot_publish_an_existing_draft(contributor_client):
    story = make_story(status="draft", published_at=None)
    data = story_form(
        status="published", title=story.title, slug=story.slug, participant=story.participant.pk
    )
    response = contributor_client.post(change_url(story), data)
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == "draft"


def test_contributor_cannot_unpublish_a_published_story(contributor_client):
    story = make_story()
    data = story_form(
        status="draft", title=story.title, slug=story.slug, participant=story.participant.pk
    )
    response = contributor_client.post(change_url(story), data)
    # A published story is read-only to contributors: the save is refused outright.
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == "published"


def test_contributor_can_send_a_draft_for_review(contributor_client):
    story = make_story(status="draft", published_at=None)
    data = story_form(
        status="review", title=story.title, slug=story.slug, participant=story.participant.pk
    )
    assert contributor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.status == "review"


def test_contributor_cannot_schedule_because_the_date_is_read_only(contributor_client):
    story = make_story(status="draft", published_at=None)
    data = story_form(title=story.title, slug=story.slug, published_at=("2030-01-01", "09:00"))
    assert contributor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.published_at is None


def test_editor_publishes_and_the_date_is_filled_in(editor_client):
    participant = make_participant()
    response = editor_client.post(
        ADD_URL, story_form(status="published", participant=participant.pk)
    )
    assert response.status_code == 302
    story = Story.objects.get(slug="a-new-story")
    assert story.status == "published"
    assert story.published_at is not None
    assert story in Story.objects.public()


def test_contributor_is_offered_only_draft_and_review(contributor_client):
    page = contributor_client.get(ADD_URL).content.decode()
    assert '<option value="review">' in page
    assert '<option value="published">' not in page


def test_publish_action_is_not_offered_to_contributors(contributor_client):
    make_story(status="review", published_at=None)
    page = contributor_client.get(CHANGELIST_URL).content.decode()
    assert 'value="send_for_review"' in page
    assert 'value="publish"' not in page


def test_contributor_posting_the_publish_action_anyway_changes_nothing(contributor_client):
    story = make_story(status="review", published_at=None)
    contributor_client.post(CHANGELIST_URL, {"action": "publish", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.status == "review"


def test_editor_bulk_publish_reports_what_it_did_and_what_it_refused(editor_client):
    ready = make_story(status="review", published_at=None)
    orphan = make_story(status="draft", published_at=None, participant=None, title="No person")
    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish", "_selected_action": [ready.pk, orphan.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Published 1 story." in page
    assert "No person" in page and "needs a participant" in page
    ready.refresh_from_db()
    orphan.refresh_from_db()
    assert ready.status == "published"
    assert orphan.status == "draft"


def test_editor_bulk_archive_takes_stories_off_the_site(editor_client):
    stories = [make_story(), make_story()]
    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "archive", "_selected_action": [s.pk for s in stories]},
        follow=True,
    )
    assert "Archived 2 stories." in response.content.decode()
    assert not Story.objects.public().exists()


def test_publishing_without_consent_is_refused_with_a_reason(editor_client):
    person = make_participant(name="Unconsented Person", consent_given=False)
    response = editor_client.post(ADD_URL, story_form(status="published", participant=person.pk))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["participant"]
    assert errors[0].startswith("Unconsented Person has no consent recorded.")
    assert not Story.objects.exists()


def test_bulk_publish_reports_consent_as_the_reason(editor_client):
    story = make_story(
        status="review", published_at=None, participant=make_participant(consent_given=False)
    )
    response = editor_client.post(
        "/admin/stories/story/", {"action": "publish", "_selected_action": [story.pk]}, follow=True
    )
    assert "has no consent recorded" in response.content.decode()
    assert Story.objects.get().status == "review"
