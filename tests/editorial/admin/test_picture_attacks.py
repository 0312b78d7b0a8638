"""The change forms' picture thumbnails: signed addresses, after erasure, and guessed."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from editorial.erasure import erase_participant
from tests.factories import make_participant, make_staff, make_story, picture_of
from tests.markup import parse

pytestmark = pytest.mark.django_db


def stored(row, field, spec, name) -> str:
    """A rendition recorded as an upload records it (listed under "files") and on disk."""
    address = picture_of(row, field, spec, name)
    rendition = address.removeprefix("/pictures/")
    default_storage.save(rendition, ContentFile(jpeg()))
    type(row).objects.filter(pk=row.pk).update(
        renditions={field: {spec: [{"w": 400, "h": 267, "jpeg": rendition}], "files": [rendition]}}
    )
    return address


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return out.getvalue()


def thumbnail_src(client, url) -> str:
    page = parse(client.get(url).content.decode())
    return page.one("img", class_="admin-current-picture").attrs["src"]


@pytest.fixture
def pictured(editor):
    person = make_participant(name="Pictured person")
    stored(person, "photo", "profile", "face")
    person.refresh_from_db()
    return person


def change(person):
    return f"/admin/participants/participant/{person.pk}/change/"


@pytest.mark.parametrize("group", ["Viewers", "Contributors", "Editors"])
def test_the_thumbnail_is_shown_to_every_reader_and_its_address_works(client, pictured, group):
    client.force_login(make_staff(f"r-{group}", group))
    src = thumbnail_src(client, change(pictured))
    assert "sig=" in src
    assert client.get(src).status_code == 200


def test_a_copied_thumbnail_address_dies_with_erasure(client, editor_client, editor, pictured):
    src = thumbnail_src(editor_client, change(pictured))
    erase_participant(participant=pictured, by=editor)
    client.logout()
    assert client.get(src).status_code == 404


def test_a_thumbnail_address_without_or_with_a_forged_signature_is_404(
    client, editor_client, pictured
):
    src = thumbnail_src(editor_client, change(pictured))
    bare, _, sig = src.partition("?sig=")
    # consent withdrawn: not public, so the unsigned address must not serve it
    type(pictured).objects.filter(pk=pictured.pk).update(consent_given=False)
    assert client.get(bare).status_code == 404
    assert client.get(f"{bare}?sig={sig[:-2]}xx").status_code == 404
    other = make_participant(name="Other")
    other_address = stored(other, "photo", "profile", "other")
    type(other).objects.filter(pk=other.pk).update(consent_given=False)
    assert client.get(f"{other_address}?sig={sig}").status_code == 404


def test_a_story_hero_thumbnail_is_signed_and_never_the_original(editor_client):
    story = make_story(status="draft", published_at=None)
    address = stored(story, "hero_image", "card", "hero")
    src = thumbnail_src(editor_client, f"/admin/stories/story/{story.pk}/change/")
    assert src.startswith(address) and "sig=" in src
    assert editor_client.get(src).status_code == 200
