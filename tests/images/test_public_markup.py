"""Pages show renditions in <picture>, never the original upload."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from stories.models import Story
from tests.factories import make_story
from tests.images.pictures import upload
from tests.images.test_renditions import story_with_hero

pytestmark = pytest.mark.django_db


def test_story_page_has_a_responsive_picture_with_size_and_alt(client):
    story = story_with_hero()
    page = client.get(story.get_absolute_url()).content.decode()
    hero = page.split('<picture class="hero">')[1].split("</picture>")[0]
    assert '<source type="image/webp" srcset="' in hero and " 720w, " in hero and " 1800w" in hero
    assert 'width="1800" height="1200"' in hero
    assert 'alt="A walking group in a park"' in hero
    assert 'loading="eager"' in hero
    assert story.hero_image.url not in page, "the original upload is never linked"
    assert '<meta property="og:image" content="http://testserver/pictures/renditions/' in page
    assert "og-1200.jpeg" in page


def test_cards_lazy_load_the_card_rendition(client):
    story_with_hero()
    page = client.get("/stories/").content.decode()
    card = page.split('<picture class="card-image">')[1].split("</picture>")[0]
    assert "card-400.webp 400w" in card and 'loading="lazy"' in card
    assert 'width="800" height="533"' in card


def test_a_decorative_image_has_empty_alt(client):
    story = story_with_hero(hero_image_decorative=True)
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'alt=""' in page.split('<picture class="hero">')[1]


def test_a_missing_rendition_never_breaks_a_page(client):
    story = story_with_hero()
    Story.objects.filter(pk=story.pk).update(renditions={})
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "<picture" not in response.content.decode()
    assert client.get("/").status_code == 200


def test_demo_content_comes_with_drawn_pictures(client):
    call_command("load_demo")
    story = Story.objects.public().first()
    assert story.renditions["hero_image"]["hero"]
    assert story.hero_image_alt.startswith("Illustration: ")
    page = client.get("/").content.decode()
    assert page.count('<picture class="card-image">') >= 6


def test_open_graph_size_is_the_real_size_of_a_small_image(client):
    story = make_story(hero_image_alt="Tiny")
    story.hero_image.save("tiny.png", upload("tiny.png", _png((300, 200))), save=True)
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<meta property="og:image:width" content="300">' in page
    assert '<meta property="og:image:height" content="158">' in page


def _png(size):
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, "PNG")
    return out.getvalue()
