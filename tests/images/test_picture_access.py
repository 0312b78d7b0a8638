"""Pictures follow consent: an address answers only while what it shows is public.

Every test runs twice (the `media` fixture): uploads in MEDIA_ROOT, and in a
private bucket on moto's S3 server.
"""

import datetime as dt
import html
import io
import re

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from editorial.sharing import create_share_link, share_url
from images.access import SIGNATURE, picture_url
from participants.models import Participant
from stories.models import Story
from tests.factories import make_organisation, make_participant, make_partner, make_staff
from tests.images.pictures import image_bytes, upload
from tests.images.test_renditions import story_with_hero

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

PICTURE = re.compile(r"<picture[^>]*>.*?</picture>", re.S)
SOURCES = re.compile(r' (srcset|src)="([^"]+)"')
OG_IMAGE = re.compile(r'<meta property="og:image" content="http://testserver([^"]+)"')


def picture_addresses(page: str) -> list[str]:
    """Every address the page's pictures offer (srcset and src) and its og:image."""
    found = [
        candidate.split()[0] if kind == "srcset" else candidate
        for picture in PICTURE.findall(page)
        for kind, value in SOURCES.findall(picture)
        for candidate in value.split(", ")
    ]
    return [html.unescape(address) for address in found + OG_IMAGE.findall(page)]


def shown_on(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    addresses = picture_addresses(response.content.decode())
    assert addresses, f"{url} shows no picture"
    return addresses


def statuses(client, addresses, **headers) -> set[int]:
    return {client.get(address, headers=headers).status_code for address in addresses}


def every_file(row, field: str) -> list[str]:
    return [getattr(row, field).name, *row.renditions[field]["files"]]


def person_with_photo(name="Andrew Wilesmith", **fields) -> Participant:
    person = make_participant(name=name, photo_alt="Portrait", **fields)
    person.photo.save("andrew-wilesmith.jpg", upload(size=(900, 1200)), save=True)
    person.refresh_from_db()
    return person


def draft(**fields) -> Story:
    return story_with_hero(status=Story.Status.DRAFT, published_at=None, **fields)


# --- Public pictures ---------------------------------------------------------------------


def test_a_public_storys_renditions_are_served_revalidated_every_time(
    client, django_assert_num_queries
):
    story = story_with_hero()
    addresses = shown_on(client, story.get_absolute_url())
    assert len(addresses) == 8  # 3 WebP and 3 JPEG widths, the fallback src, Open Graph
    for address in set(addresses):
        with django_assert_num_queries(1):
            response = client.get(address)
        assert response.status_code == 200
        kind = "WEBP" if address.endswith(".webp") else "JPEG"
        assert response["Content-Type"] == f"image/{kind.lower()}"
        assert response["Cache-Control"] == "no-cache"
        assert response["X-Content-Type-Options"] == "nosniff"
        content = b"".join(response.streaming_content)
        with default_storage.open(address.removeprefix("/pictures/")) as stored:
            assert content == stored.read()
        assert Image.open(io.BytesIO(content)).format == kind

        with django_assert_num_queries(1):
            again = client.get(address, headers={"if-none-match": response["ETag"]})
        assert again.status_code == 304
        assert again["ETag"] == response["ETag"] and again["Cache-Control"] == "no-cache"


def test_head_is_answered_and_other_methods_are_not(client):
    address = shown_on(client, story_with_hero().get_absolute_url())[0]
    head = client.head(address)
    assert head.status_code == 200 and head["Content-Type"] == "image/webp"
    assert client.post(address).status_code == 405


def test_a_public_persons_photo_and_a_partners_logo_are_served(client):
    person = person_with_photo()
    story = story_with_hero(participant=person)
    organisation = make_organisation(logo_alt="Council logo")
    organisation.logo.save("logo.png", upload("logo.png", image_bytes("PNG")), save=True)
    make_partner(story, organisation)
    for page in (person.get_absolute_url(), organisation.get_absolute_url()):
        assert statuses(client, shown_on(client, page)) == {200}


# --- Not public, never public ------------------------------------------------------------


def test_a_drafts_hero_original_and_renditions_are_not_found(client):
    story = draft()
    for name in every_file(story, "hero_image"):
        assert client.get(f"/media/{name}").status_code == 404
        assert client.get(picture_url(name)).status_code == 404
    assert client.get(story.hero_image.url).status_code == 404


def test_a_person_known_only_to_a_draft_has_no_photo_anywhere(client):
    person = person_with_photo()
    draft(participant=person)
    assert client.get("/media/participants/andrew-wilesmith.jpg").status_code == 404
    assert client.get(person.photo.url).status_code == 404
    for name in person.renditions["photo"]["files"]:
        assert client.get(picture_url(name)).status_code == 404


def test_an_organisation_named_only_by_a_draft_has_no_logo(client):
    organisation = make_organisation(logo_alt="Council logo")
    organisation.logo.save("logo.png", upload("logo.png", image_bytes("PNG")), save=True)
    make_partner(draft(), organisation)
    for name in organisation.renditions["logo"]["files"]:
        assert client.get(picture_url(name)).status_code == 404


def test_stored_names_say_nothing_of_the_upload_or_the_person(media):
    person = person_with_photo()
    story = story_with_hero(participant=person)
    names = every_file(person, "photo") + every_file(story, "hero_image")
    said = [n for n in names if re.search("andrew|wilesmith|walk", n, re.IGNORECASE)]
    assert not said
    for name in names:
        # Each folder or file name is a random part, or says only what the file is.
        assert re.fullmatch(
            r"(stories|participants)/[\w-]{22}\.jpg"
            r"|renditions/[a-z.]+/\d+/(hero_image|photo)-[\w-]{22}/[a-z]+-\d+\.(jpeg|webp)",
            name,
        ), name
    if media is not None:
        assert media.keys() == set(names)


def test_a_new_upload_gets_a_new_folder_even_with_the_same_name():
    story = story_with_hero()
    folder = story.renditions["hero_image"]["files"][0].rsplit("/", 1)[0]
    story.hero_image.save("walk.jpg", upload(content=image_bytes(size=(2400, 1600))), save=True)
    story.refresh_from_db()
    assert {name.rsplit("/", 1)[0] for name in story.renditions["hero_image"]["files"]} != {folder}


def test_probing_for_pictures_learns_nothing(client):
    story = story_with_hero()
    listed = story.renditions["hero_image"]["files"][0]
    folder = listed.rsplit("/", 1)[0]
    refused = [
        f"/pictures/{folder}/card-401.jpeg",  # beside a public picture, but not one of them
        f"/pictures/{folder.rsplit('-', 1)[0]}-guessed/card-400.jpeg",
        f"/pictures/renditions/stories.story/{story.pk + 1}/hero_image-x/card-400.jpeg",
        "/pictures/renditions/stories.story/99999999999999999999999/hero_image-x/card-400.jpeg",
        "/pictures/renditions/auth.user/1/password-x/card-400.jpeg",
        "/pictures/renditions/stories.story/1/title-x/card-400.jpeg",
        f"/pictures/{story.hero_image.name}",  # an original is never a picture
    ]
    for address in ("/pictures/../impactcms/settings.py", "/pictures/"):
        assert client.get(address).status_code == 404
    bodies = set()
    for address in refused:
        response = client.get(address)
        assert response.status_code == 404, address
        bodies.add(response.content.decode().replace(address, "ADDRESS"))  # the page names it
    assert len(bodies) == 1, "every refusal looks the same"


# --- Taken down at once ------------------------------------------------------------------


def withdraw_consent(story):
    story.participant.consent_withdrawn_at = timezone.now()
    story.participant.save()


def let_consent_expire(story):
    story.participant.consent_expires_on = timezone.localdate() - dt.timedelta(days=1)
    story.participant.save()


def unpublish(story):
    story.status = Story.Status.DRAFT
    story.save()


def let_story_expire(story):
    story.expires_at = timezone.now() - dt.timedelta(minutes=1)
    story.save()


@pytest.mark.parametrize(
    "change", [withdraw_consent, let_consent_expire, unpublish, let_story_expire]
)
def test_addresses_copied_from_a_public_page_stop_answering_at_once(client, change):
    person = person_with_photo()
    story = story_with_hero(participant=person)
    copied = shown_on(client, story.get_absolute_url()) + shown_on(
        client, person.get_absolute_url()
    )
    etags = {address: client.get(address)["ETag"] for address in copied}

    change(story)

    for address in copied:
        assert client.get(address).status_code == 404, address
        # A browser asking whether its copy is still good is told it is gone.
        assert client.get(address, headers={"if-none-match": etags[address]}).status_code == 404


def test_withdrawing_photo_consent_takes_the_photo_down_but_not_the_story(client):
    person = person_with_photo()
    story = story_with_hero(participant=person)
    photo = [a for a in shown_on(client, person.get_absolute_url()) if "/photo-" in a]
    # The story page shows the person's photo too, in its side column.
    hero = [a for a in shown_on(client, story.get_absolute_url()) if "/photo-" not in a]
    assert photo and statuses(client, photo) == {200}
    person.consent_photo = False
    person.save()
    assert statuses(client, photo) == {404}
    assert hero and statuses(client, hero) == {200}
    assert not [a for a in shown_on(client, story.get_absolute_url()) if "/photo-" in a]


# --- Private pages: signed addresses -----------------------------------------------------


def test_a_signed_address_shows_a_draft_for_an_hour_and_no_longer(
    client, monkeypatch, django_assert_num_queries
):
    story = draft()
    name = story.renditions["hero_image"]["hero"][0]["jpeg"]
    with django_assert_num_queries(1):
        response = client.get(picture_url(name, signed=True))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"

    signed = picture_url(name, signed=True)
    tampered = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    another = picture_url(story.renditions["hero_image"]["hero"][0]["webp"], signed=True)
    borrowed = f"{picture_url(name)}?{another.split('?', 1)[1]}"
    real_time = signing.time.time
    with monkeypatch.context() as patched:
        patched.setattr(signing.time, "time", lambda: real_time() - 3601)
        expired = picture_url(name, signed=True)
    for address in (tampered, borrowed, expired, f"{picture_url(name)}?{SIGNATURE}="):
        assert client.get(address).status_code == 404, address


def test_a_signature_never_opens_an_original(client):
    story = draft()
    assert client.get(picture_url(story.hero_image.name, signed=True)).status_code == 404


def test_the_admin_shows_pictures_of_drafts_and_hidden_people(client, editor):
    """In the participant list's thumbnails and in each picture field's form, at a
    signed address that works while the picture is not public."""
    story = draft(participant=person_with_photo(consent_photo=False))
    client.force_login(editor)
    for address, kind in [
        ("/admin/participants/participant/", "admin-thumbnail"),
        (
            f"/admin/participants/participant/{story.participant.pk}/change/",
            "admin-current-picture",
        ),
        (f"/admin/stories/story/{story.pk}/change/", "admin-current-picture"),
    ]:
        page = client.get(address).content.decode()
        sources = re.findall(rf'<img src="([^"]+)"[^>]*class="{kind}"', page)
        assert len(sources) == 1, address
        assert f"?{SIGNATURE}=" in sources[0]
        assert statuses(client, [html.unescape(sources[0])]) == {200}
    assert client.get(story.get_absolute_url()).status_code == 404


def test_the_share_link_and_staff_previews_show_a_drafts_pictures(client, editor):
    story = draft()
    link = create_share_link(story=story, by=editor)
    addresses = shown_on(client, share_url(link))
    assert all(f"?{SIGNATURE}=" in address for address in addresses)
    assert statuses(client, addresses) == {200}

    client.force_login(editor)
    addresses = shown_on(client, f"/admin/stories/story/{story.pk}/preview/")
    client.logout()
    assert statuses(client, addresses) == {200}


# --- Originals: staff only ---------------------------------------------------------------


def test_staff_who_may_view_a_row_may_open_its_original(client, editor):
    person = person_with_photo()
    story = story_with_hero(participant=person)
    client.force_login(editor)
    form = client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert f'Currently: <a href="{story.hero_image.url}">' in form
    for image in (story.hero_image, person.photo):
        response = client.get(image.url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        with default_storage.open(image.name) as stored:
            assert b"".join(response.streaming_content) == stored.read()


def test_originals_are_refused_to_the_public_and_to_staff_without_the_permission(client):
    story = story_with_hero()
    assert client.get(story.hero_image.url).status_code == 404
    client.force_login(make_staff("no-groups"))
    assert client.get(story.hero_image.url).status_code == 404


def test_nothing_under_media_root_is_served_by_its_path(client, settings):
    (settings.MEDIA_ROOT / "participants").mkdir(parents=True)
    (settings.MEDIA_ROOT / "participants" / "andrew-wilesmith.jpg").write_bytes(image_bytes())
    assert client.get("/media/participants/andrew-wilesmith.jpg").status_code == 404
    assert client.get("/admin/originals/participants/andrew-wilesmith.jpg").status_code == 404
    default_storage.save("participants/andrew-wilesmith.jpg", ContentFile(image_bytes()))
    assert client.get("/pictures/participants/andrew-wilesmith.jpg").status_code == 404
