"""Hostile tag names sent through the story change form, as an editor's browser would."""

import pytest
from taggit.models import Tag

from stories.models import Story
from tests.admin_posts import change_url
from tests.factories import make_story
from tests.markup import form_data, parse

pytestmark = pytest.mark.django_db


def send_tags(client, story, value):
    page = parse(client.get(change_url(story)).content.decode())
    sent = form_data(page.one("form", id="story_form"))
    sent["tags"] = [value]
    return client.post(change_url(story), sent)


def test_a_100_char_tag_whose_slug_collides_is_stored_with_a_slug_that_fits(editor_client):
    # "xxx xxx" (100 chars) exists; "xxx-xxx" is a different name of 100 characters,
    # accepted by the form, whose slug collides and gets "_1": 102 characters
    # in a 100-character column. SQLite keeps it; PostgreSQL refuses mid-save (a 500).
    make_story().tags.add("x" * 49 + " " + "x" * 50)
    story = make_story()
    response = send_tags(editor_client, story, "x" * 49 + "-" + "x" * 50)
    assert response.status_code in (200, 302)
    too_long = [t.slug for t in Tag.objects.all() if len(t.slug) > 100]
    assert too_long == [], f"slugs longer than the column: {[len(s) for s in too_long]}"


@pytest.mark.parametrize(
    "value",
    [
        '<script>alert(1)</script>, "a, b"',
        '"unclosed, quote',
        ", , ,",
        '""',
        '"",""," "',
        "Ærø, 中文, 🙂 emoji, \u200b",
        "a" * 100,
    ],
)
def test_hostile_tag_values_never_500_and_come_back_escaped(editor_client, value):
    story = make_story()
    response = send_tags(editor_client, story, value)
    assert response.status_code in (200, 302)
    page = editor_client.get(change_url(story)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert all(name.strip() for name in Story.objects.get(pk=story.pk).tags.names())


def test_a_101_char_tag_is_refused_and_nothing_half_saved(editor_client):
    story = make_story()
    story.tags.add("housing")
    response = send_tags(editor_client, story, "new-one, " + "y" * 101)
    assert response.status_code == 200
    assert "tags" in response.context["adminform"].form.errors
    assert list(Story.objects.get(pk=story.pk).tags.names()) == ["housing"]
    assert not Tag.objects.filter(name="new-one").exists()


def test_a_thousand_tags_save_without_error(editor_client):
    story = make_story()
    response = send_tags(editor_client, story, ", ".join(f"t{n}" for n in range(1000)))
    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).tags.count() == 1000
    assert editor_client.get(change_url(story)).status_code == 200


def test_a_contributor_cannot_retag_a_published_story_through_a_forged_post(contributor_client):
    story = make_story(status=Story.Status.PUBLISHED)
    story.tags.add("housing")
    page = parse(contributor_client.get(change_url(story)).content.decode())
    forms = page.find_all("form", id="story_form")
    sent = form_data(forms[0]) if forms else {}
    sent["tags"] = ["hacked"]
    sent["title"] = [story.title]
    contributor_client.post(change_url(story), sent)
    assert list(Story.objects.get(pk=story.pk).tags.names()) == ["housing"]
