"""Two editors, one story: the second save is told what changed, and nothing is overwritten."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from editorial import revisions, services
from stories.models import Story
from tests.admin_posts import change_url, story_form
from tests.factories import make_staff, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    story = make_story(title="Original title", summary="Original summary.")
    revisions.save_revision(story, by=None, comment="Demo content loaded")
    return story


@pytest.fixture
def second_editor():
    client = Client()
    client.force_login(make_staff("sam-second", "Editors"))
    return client


def opened_version(client, story):
    """What the browser sends back: the hidden field on the page the editor opened."""
    page = client.get(change_url(story)).content.decode()
    found = re.search(r'<input type="hidden" name="opened_version" value="(\d+)"', page)
    assert found, "the story form must carry the edit it was opened at"
    return found[1]


def form_for(story, opened, **changes):
    fields = {
        "title": story.title,
        "slug": story.slug,
        "participant": story.participant.pk,
        "summary": story.summary,
        "status": story.status,
        "published_at": (
            f"{timezone.localtime(story.published_at):%Y-%m-%d}",
            f"{timezone.localtime(story.published_at):%H:%M:%S}",
        ),
        "opened_version": opened,
    }
    return story_form(**fields | changes)


def test_the_second_save_is_refused_and_shown_what_changed(editor_client, second_editor, story):
    first_opened = opened_version(editor_client, story)
    second_opened = opened_version(second_editor, story)

    response = editor_client.post(
        change_url(story), form_for(story, first_opened, title="Erin's title")
    )
    assert response.status_code == 302

    response = second_editor.post(
        change_url(story), form_for(story, second_opened, summary="Sam's summary.")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed by erin-editor" in page
    assert "after you opened it, so your changes were not saved" in page
    assert "Original title → Erin&#x27;s title" in page
    stored = Story.objects.get(pk=story.pk)
    assert (stored.title, stored.summary) == ("Erin's title", "Original summary.")
    # Sam's text is still in the form, not lost.
    assert response.context["adminform"].form["summary"].value() == "Sam's summary."


def test_saving_again_after_reading_the_changes_goes_through(editor_client, second_editor, story):
    opened = opened_version(second_editor, story)
    editor_client.post(change_url(story), form_for(story, opened, title="Erin's title"))
    refused = second_editor.post(change_url(story), form_for(story, opened, summary="Sam's."))
    refused_page = refused.content.decode()
    carried = re.search(r'name="opened_version" value="(\d+)"', refused_page)[1]

    response = second_editor.post(
        change_url(story), form_for(story, carried, title="Erin's title", summary="Sam's.")
    )
    assert response.status_code == 302
    stored = Story.objects.get(pk=story.pk)
    assert (stored.title, stored.summary) == ("Erin's title", "Sam's.")


def test_a_status_change_made_meanwhile_is_a_conflict(editor_client, editor, story):
    opened = opened_version(editor_client, story)
    services.unpublish_story(story=Story.objects.get(pk=story.pk), by=editor)
    response = editor_client.post(change_url(story), form_for(story, opened, title="Typo fixed"))
    assert response.status_code == 200
    assert "Published → Draft" in response.content.decode()
    stored = Story.objects.get(pk=story.pk)
    assert (stored.status, stored.title) == ("draft", "Original title")


def test_a_conflict_is_caught_even_without_earlier_revisions(editor_client, second_editor):
    story = make_story(title="Never revised")  # made outside the admin: no revision yet
    opened = opened_version(second_editor, story)
    editor_client.post(change_url(story), form_for(story, opened, title="First save"))
    response = second_editor.post(change_url(story), form_for(story, opened, title="Second save"))
    assert response.status_code == 200
    assert "your changes were not saved" in response.content.decode()
    assert Story.objects.get(pk=story.pk).title == "First save"


def test_one_editor_saving_twice_in_a_row_is_no_conflict(editor_client, story):
    response = editor_client.post(change_url(story), form_for(story, 0, title="One"))
    assert response.status_code == 302
    opened = opened_version(editor_client, story)
    assert opened == "1"
    response = editor_client.post(change_url(story), form_for(story, opened, title="Two"))
    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).title == "Two"


def test_a_conflict_with_a_save_by_no_one_in_particular_names_someone(editor_client, story):
    opened = opened_version(editor_client, story)
    story.title = "Changed by a script"
    services.record_edit(story)
    revisions.save_revision(story, by=None, comment="Imported")
    response = editor_client.post(change_url(story), form_for(story, opened, title="Mine"))
    assert response.status_code == 200
    assert "This story was changed by someone at" in response.content.decode()
    assert "Original title → Changed by a script" in response.content.decode()


@pytest.mark.parametrize(
    "garbage,shown",
    [
        ("abc", "could not tell which version of the story it was opened at"),
        ("-1", "could not tell which version of the story it was opened at"),
        ("9" * 30, "after you opened it, so your changes were not saved"),
    ],
)
def test_a_garbled_edit_number_is_a_visible_error_not_a_save(editor_client, story, garbage, shown):
    response = editor_client.post(change_url(story), form_for(story, garbage, title="Mine"))
    assert response.status_code == 200
    assert shown in response.content.decode()
    assert Story.objects.get(pk=story.pk).title == "Original title"
