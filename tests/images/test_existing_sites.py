"""A site from before private pictures: `make_renditions --all --rename-originals` moves it.

Its renditions sat in folders named by a hash of the upload's name, and its
originals under the uploader's own file name. Run on disk and in a bucket.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from images import renditions
from images.access import picture_url
from participants.models import Participant
from stories.models import Story
from tests.factories import make_participant, make_story
from tests.images.pictures import image_bytes
from tests.images.test_renditions import story_with_hero

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def stored_as_before(model, row, field: str, name: str):
    """An original stored under the uploader's name, as uploads were, with its renditions."""
    stored = default_storage.save(name, ContentFile(image_bytes(size=(900, 1200))))
    model.objects.filter(pk=row.pk).update(**{field: stored})
    call_command("make_renditions")
    row.refresh_from_db()
    return row


def test_all_renditions_move_to_new_folders_and_the_old_addresses_end(client, capsys):
    story = story_with_hero()
    old = story.renditions["hero_image"]["files"]
    assert client.get(picture_url(old[0])).status_code == 200

    call_command("make_renditions", "--all")

    story.refresh_from_db()
    new = story.renditions["hero_image"]["files"]
    assert len(new) == len(old) and not {n.rsplit("/", 1)[0] for n in new} & {
        o.rsplit("/", 1)[0] for o in old
    }
    assert not any(default_storage.exists(name) for name in old)
    assert client.get(picture_url(old[0])).status_code == 404
    assert client.get(picture_url(new[0])).status_code == 200
    assert "Made renditions for 1 objects" in capsys.readouterr().out


def test_originals_named_by_their_uploader_get_a_random_name(client, capsys):
    person = make_participant(name="Andrew Wilesmith", photo_alt="Portrait")
    make_story(participant=person)
    person = stored_as_before(Participant, person, "photo", "participants/andrew-wilesmith.jpg")
    with default_storage.open(person.photo.name) as handle:
        content = handle.read()
    old_renditions = person.renditions["photo"]["files"]

    call_command("make_renditions", "--all", "--rename-originals")

    person.refresh_from_db()
    assert person.photo.name.startswith("participants/")
    assert "andrew" not in person.photo.name and "wilesmith" not in person.photo.name
    assert not default_storage.exists("participants/andrew-wilesmith.jpg")
    with default_storage.open(person.photo.name) as handle:
        assert handle.read() == content
    assert person.renditions["photo"]["source"] == person.photo.name
    assert not any(default_storage.exists(name) for name in old_renditions)
    assert "renamed 1 originals" in capsys.readouterr().out
    photo = person.renditions["photo"]["profile"][0]["jpeg"]
    assert client.get(picture_url(photo)).status_code == 200


def test_renaming_alone_also_remakes_the_renditions():
    story = make_story(hero_image_alt="A hall")
    story = stored_as_before(Story, story, "hero_image", "stories/hall-in-ipswich.jpg")
    old = story.renditions["hero_image"]["files"]

    call_command("make_renditions", "--rename-originals")

    story.refresh_from_db()
    assert "hall" not in story.hero_image.name
    assert story.renditions["hero_image"]["source"] == story.hero_image.name
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in story.renditions["hero_image"]["files"])
    assert not default_storage.exists("stories/hall-in-ipswich.jpg")


def test_old_folders_are_served_by_the_same_rule_until_they_are_remade(client, monkeypatch):
    """Folders were named by a hash of the upload's name: between the upgrade and
    `make_renditions --all`, pages still link them, and they follow consent all the same."""

    def hashed(instance, field_name):
        return f"renditions/{instance._meta.label_lower}/{instance.pk}/{field_name}-0123456789"

    with monkeypatch.context() as patched:
        patched.setattr(renditions, "folder_for", hashed)
        story = story_with_hero()
    old = story.renditions["hero_image"]["files"]
    assert all("/hero_image-0123456789/" in name for name in old)
    assert client.get(picture_url(old[0])).status_code == 200
    Story.objects.filter(pk=story.pk).update(status=Story.Status.DRAFT)
    assert client.get(picture_url(old[0])).status_code == 404
    Story.objects.filter(pk=story.pk).update(status=Story.Status.PUBLISHED)

    call_command("make_renditions", "--all")

    story.refresh_from_db()
    assert not any("0123456789" in name for name in story.renditions["hero_image"]["files"])
    assert client.get(picture_url(old[0])).status_code == 404
