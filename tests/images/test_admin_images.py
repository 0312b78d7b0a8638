"""Editors upload through the admin: alt text or decorative, clear errors, nothing half-saved."""

import pytest

from stories.models import Story
from tests.admin_posts import ADD_URL, change_url, story_form
from tests.factories import make_story
from tests.images.pictures import image_bytes, upload

pytestmark = pytest.mark.django_db


def test_an_image_without_alt_text_or_decorative_is_refused(editor_client):
    response = editor_client.post(ADD_URL, story_form(hero_image=upload()))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["hero_image_alt"] == [
        "Describe this image for people who cannot see it, or tick “decorative”."
    ]
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "fields", [{"hero_image_alt": "Volunteers at a food bank"}, {"hero_image_decorative": "on"}]
)
def test_alt_text_or_decorative_lets_it_through(editor_client, fields):
    response = editor_client.post(ADD_URL, story_form(hero_image=upload(), **fields))
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.renditions["hero_image"]["hero"]


def test_a_refused_upload_leaves_the_story_as_it_was(editor_client):
    story = make_story(status="draft", published_at=None, title="Before")
    data = story_form(
        title="After",
        slug=story.slug,
        hero_image=upload("bomb.png", image_bytes("PNG", size=(12000, 9000), mode="1")),
        hero_image_alt="A picture",
    )
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Before" and not story.hero_image


def test_the_upload_help_states_the_limits(editor_client):
    page = editor_client.get(ADD_URL).content.decode()
    assert "up to 20 MB and 50 megapixels" in page


def test_the_story_form_shows_a_small_rendition_not_the_original(admin_client):
    from tests.images.test_renditions import story_with_hero

    story = story_with_hero()
    page = admin_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "/pictures/renditions/" in page
    assert f'src="{story.hero_image.url}"' not in page
