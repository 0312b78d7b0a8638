"""Renditions: made on upload, in every size and format, reused, and cleaned up."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from stories.models import Story
from tests.factories import make_organisation, make_participant, make_story
from tests.images.pictures import image_bytes, upload

pytestmark = pytest.mark.django_db


def story_with_hero(size=(2400, 1600), **fields):
    story = make_story(hero_image_alt="A walking group in a park", **fields)
    story.hero_image.save("walk.jpg", upload(content=image_bytes(size=size)), save=False)
    story.save()
    story.refresh_from_db()
    return story


def dimensions(name, fmt):
    with default_storage.open(name) as handle, Image.open(handle) as image:
        assert image.format == fmt
        return image.size


def test_each_use_gets_its_sizes_in_webp_and_jpeg():
    made = story_with_hero().renditions["hero_image"]
    assert [(v["w"], v["h"]) for v in made["card"]] == [(400, 267), (800, 533)]
    assert [(v["w"], v["h"]) for v in made["hero"]] == [(720, 480), (1200, 800), (1800, 1200)]
    assert [(v["w"], v["h"]) for v in made["og"]] == [(1200, 630)]
    for variant in made["card"] + made["hero"]:
        assert dimensions(variant["webp"], "WEBP") == (variant["w"], variant["h"])
        assert dimensions(variant["jpeg"], "JPEG") == (variant["w"], variant["h"])
    assert "webp" not in made["og"][0]
    assert dimensions(made["og"][0]["jpeg"], "JPEG") == (1200, 630)


def test_small_images_are_not_enlarged():
    made = story_with_hero(size=(600, 400)).renditions["hero_image"]
    assert [v["w"] for v in made["hero"]] == [600]
    assert [v["w"] for v in made["card"]] == [400]


def test_profile_photos_are_square_and_logos_keep_their_transparency():
    person = make_participant(photo_alt="Portrait")
    person.photo.save("me.jpg", upload(content=image_bytes(size=(900, 1200))), save=True)
    person.refresh_from_db()
    assert [(v["w"], v["h"]) for v in person.renditions["photo"]["profile"]] == [
        (160, 160),
        (320, 320),
    ]

    organisation = make_organisation(logo_alt="Council logo")
    logo = image_bytes("PNG", size=(480, 240), mode="RGBA", colour=(0, 90, 150, 0))
    organisation.logo.save("logo.png", upload("logo.png", logo), save=True)
    organisation.refresh_from_db()
    largest = organisation.renditions["logo"]["logo"][-1]
    with default_storage.open(largest["webp"]) as handle, Image.open(handle) as image:
        assert image.mode == "RGBA"
    assert (largest["w"], largest["h"]) == (240, 120)


def test_saving_again_reuses_the_renditions():
    story = story_with_hero()
    before = story.renditions
    story.title = "A new title"
    story.save()
    story.refresh_from_db()
    assert story.renditions == before


def test_replacing_an_image_removes_the_old_renditions_and_original():
    story = story_with_hero()
    old = story.renditions["hero_image"]
    story.hero_image.save(
        "new.png", upload("new.png", image_bytes("PNG", size=(1000, 800))), save=False
    )
    story.save()
    assert all(not default_storage.exists(name) for name in old["files"])
    assert not default_storage.exists(old["source"])
    new = Story.objects.get(pk=story.pk).renditions["hero_image"]
    assert all(default_storage.exists(name) for name in new["files"])


def test_clearing_or_deleting_removes_every_file():
    story = story_with_hero()
    files = [*story.renditions["hero_image"]["files"], story.hero_image.name]
    story.hero_image = None
    story.save()
    assert not any(default_storage.exists(name) for name in files)
    assert Story.objects.get(pk=story.pk).renditions == {}

    story = story_with_hero()
    files = [*story.renditions["hero_image"]["files"], story.hero_image.name]
    story.delete()
    assert not any(default_storage.exists(name) for name in files)


def test_make_renditions_command_fills_in_what_is_missing(capsys):
    story = story_with_hero()
    Story.objects.filter(pk=story.pk).update(renditions={})
    call_command("make_renditions")
    assert "Made renditions for 1 objects" in capsys.readouterr().out
    assert Story.objects.get(pk=story.pk).renditions["hero_image"]["card"]


def test_a_missing_original_leaves_no_renditions_and_no_error(caplog):
    story = story_with_hero()
    default_storage.delete(story.hero_image.name)
    Story.objects.filter(pk=story.pk).update(renditions={})
    call_command("make_renditions")
    assert Story.objects.get(pk=story.pk).renditions == {}
    assert "Could not make renditions" in caplog.text


def test_a_very_tall_image_is_cut_to_a_portrait_hero():
    made = story_with_hero(size=(1000, 6000)).renditions["hero_image"]
    assert [(v["w"], v["h"]) for v in made["hero"]] == [(720, 900)]
