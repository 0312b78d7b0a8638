"""With MEDIA_BUCKET set, uploads and renditions live in a private bucket, served by the app.

The bucket is a real S3-compatible server (moto's, on loopback); what is in it is
read with boto3 directly, never through Django. Who may fetch which picture is
tests/images/test_picture_access.py's business, in both modes.
"""

import re

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import override_settings
from PIL import Image

from impactcms.bucket_storage import PrivateBucketStorage
from impactcms.object_storage import enabled, media_storage
from participants.models import Organisation, Participant
from stories.models import Story
from tests.admin_posts import ADD_URL, change_url, story_form
from tests.factories import make_organisation, make_participant
from tests.images.pictures import image_bytes, upload
from tests.images.test_renditions import story_with_hero

pytestmark = pytest.mark.usefixtures("offline_environment")


def live_files() -> set[str]:
    """Every file some row still names: originals and the renditions recorded for them."""
    names = set()
    for model in (Story, Participant, Organisation):
        for row in model.objects.all():
            for field in row.IMAGES:
                if image := getattr(row, field):
                    names.add(image.name)
                names.update((row.renditions.get(field) or {}).get("files", []))
    return names


def add_story_in_admin(client) -> Story:
    response = client.post(
        ADD_URL, story_form(hero_image=upload("walk.jpg"), hero_image_alt="A walking group")
    )
    assert response.status_code == 302
    return Story.objects.get()


def change_story_in_admin(client, story, **changes):
    data = story_form(title=story.title, slug=story.slug, hero_image_alt="A walking group")
    response = client.post(change_url(story), data | changes)
    assert response.status_code == 302
    story.refresh_from_db()
    return story


# --- The settings --------------------------------------------------------------------


def test_without_a_bucket_uploads_stay_on_the_file_system():
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert not enabled()


def test_a_bucket_turns_on_a_private_s3_storage_with_its_options_from_the_environment(
    monkeypatch,
):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "http://minio.internal:9000")
    monkeypatch.setenv("MEDIA_S3_REGION", "eu-west-2")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
    storage = media_storage()
    assert storage["BACKEND"] == "impactcms.bucket_storage.PrivateBucketStorage"
    assert storage["OPTIONS"] == {
        "bucket_name": "impact-media",
        "endpoint_url": "http://minio.internal:9000",
        "region_name": "eu-west-2",
        "addressing_style": "path",
        "default_acl": "private",
        "file_overwrite": False,
        "access_key": "AKIAEXAMPLE",
        "secret_key": "not-a-real-secret",
    }
    assert enabled()


def test_a_session_token_is_optional_and_unset_credentials_are_left_to_boto3(monkeypatch):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "a-session-token")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    options = media_storage()["OPTIONS"]
    assert options["security_token"] == "a-session-token"
    assert "access_key" not in options, "unset credentials are left to boto3's own chain"
    assert options["endpoint_url"] is None and options["addressing_style"] is None


@pytest.mark.parametrize(
    "variable,value,message",
    [
        ("MEDIA_S3_ADDRESSING_STYLE", "sideways", "MEDIA_S3_ADDRESSING_STYLE must be one of"),
        ("MEDIA_PUBLIC_URL", "https://cdn.example.org", "MEDIA_PUBLIC_URL is no longer used"),
        ("MEDIA_SIGNED_URLS", "1", "MEDIA_SIGNED_URLS is no longer used"),
        ("MEDIA_CACHE_CONTROL", "public, max-age=60", "remove any public-read policy"),
    ],
)
def test_a_bad_or_retired_value_is_a_clear_error(monkeypatch, variable, value, message):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    monkeypatch.setenv(variable, value)
    with pytest.raises(Exception, match=message):
        media_storage()


def test_a_file_in_the_bucket_has_no_address_at_the_bucket(monkeypatch):
    """Its url() is the app's staff-only view of originals, as on disk, never the bucket's."""
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "http://minio.internal:9000")
    storage = PrivateBucketStorage(**media_storage()["OPTIONS"])
    assert storage.url("stories/a b.jpg") == "/admin/originals/stories/a%20b.jpg"
    assert FileSystemStorage().url("stories/a b.jpg") == storage.url("stories/a b.jpg")


# --- Against a real S3-compatible server -----------------------------------------------


def test_the_default_storage_follows_the_storages_setting(monkeypatch):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    assert isinstance(default_storage, FileSystemStorage)
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        assert isinstance(default_storage, PrivateBucketStorage)
        assert isinstance(Story._meta.get_field("hero_image").storage, PrivateBucketStorage)
    assert isinstance(default_storage, FileSystemStorage)


@pytest.mark.django_db
def test_an_editors_upload_lands_in_the_bucket_with_its_renditions(editor_client, bucket):
    story = add_story_in_admin(editor_client)
    made = story.renditions["hero_image"]
    assert re.fullmatch(r"stories/[\w-]{22}\.jpg", story.hero_image.name)
    assert len(made["files"]) == 9  # card and hero, 2 sizes x 2 formats, and Open Graph
    assert bucket.keys() == {story.hero_image.name, *made["files"]} == live_files()
    for variant in made["hero"]:
        with default_storage.open(variant["webp"]) as handle, Image.open(handle) as picture:
            assert (picture.format, picture.size) == ("WEBP", (variant["w"], variant["h"]))
        assert bucket.head(variant["webp"])["ContentType"] == "image/webp"
    assert bucket.head(made["og"][0]["jpeg"])["ContentType"] == "image/jpeg"


@pytest.mark.django_db
def test_every_object_is_private(editor_client, bucket):
    """Stored with the private ACL, and refused to anyone without the app's credentials."""
    story = add_story_in_admin(editor_client)
    for key in sorted(bucket.keys()):
        grants = bucket.client().get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
        assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"], grants
        assert "URI" not in grants[0]["Grantee"], "granted to a group (AllUsers), not the owner"
    assert bucket.anonymous_status(story.hero_image.name) == 403
    assert bucket.anonymous_status(story.renditions["hero_image"]["hero"][0]["jpeg"]) == 403


@pytest.mark.django_db
def test_the_story_page_links_the_apps_own_addresses_served_from_the_bucket(client, bucket):
    story = story_with_hero()
    page = client.get(story.get_absolute_url()).content.decode()
    hero = page.split('<picture class="hero">')[1].split("</picture>")[0]
    addresses = re.findall(r'(?:srcset="|, )(\S+) \d+w', hero) + re.findall(r' src="([^"]+)"', hero)
    assert len(addresses) == 7  # 3 WebP and 3 JPEG widths, and the fallback src
    assert all(address.startswith("/pictures/renditions/") for address in addresses), addresses
    assert bucket.endpoint not in page and "/media/" not in page
    assert '<meta property="og:image" content="http://testserver/pictures/renditions/' in page
    fallback = re.search(r'<img src="([^"]+)"', hero)[1]
    answer = client.get(fallback)
    assert answer["Content-Type"] == "image/jpeg"
    assert b"".join(answer.streaming_content) == bucket.read(
        story.renditions["hero_image"]["hero"][-1]["jpeg"]
    )


@pytest.mark.django_db
def test_the_app_serves_no_media_path_in_bucket_mode(client, bucket):
    story = story_with_hero()
    assert client.get(f"/media/{story.hero_image.name}").status_code == 404
    assert client.get(story.hero_image.url).status_code == 404  # staff only


@pytest.mark.django_db
def test_replacing_the_image_deletes_the_old_original_and_renditions(editor_client, bucket):
    story = add_story_in_admin(editor_client)
    old = {story.hero_image.name, *story.renditions["hero_image"]["files"]}
    # The same file name again: stored beside the old one, which then goes.
    png = upload("walk.jpg", image_bytes("PNG", size=(1000, 800)))
    story = change_story_in_admin(editor_client, story, hero_image=png)
    assert story.hero_image.name.endswith(".png")
    assert not old & bucket.keys()
    assert bucket.keys() == live_files() and len(bucket.keys()) == 8


@pytest.mark.django_db
def test_clearing_the_image_deletes_its_files(editor_client, bucket):
    story = add_story_in_admin(editor_client)
    story = change_story_in_admin(editor_client, story, **{"hero_image-clear": "on"})
    assert not story.hero_image and story.renditions == {}
    assert bucket.keys() == set()


@pytest.mark.django_db
def test_deleting_the_story_deletes_its_files(editor_client, bucket):
    add_story_in_admin(editor_client).delete()
    assert bucket.keys() == set()


@pytest.mark.django_db
def test_nothing_is_left_behind_in_the_bucket(editor_client, bucket):
    story = add_story_in_admin(editor_client)
    for size in [(1200, 900), (2400, 1600)]:
        story = change_story_in_admin(editor_client, story, hero_image=upload(size=size))
    person = make_participant(photo_alt="Portrait")
    person.photo.save("me.jpg", upload(content=image_bytes(size=(900, 1200))), save=True)
    gone = make_participant(photo_alt="Portrait")
    gone.photo.save("me.jpg", upload(content=image_bytes(size=(900, 1200))), save=True)
    gone.delete()
    organisation = make_organisation(logo_alt="Council logo")
    logo = image_bytes("PNG", size=(480, 240), mode="RGBA", colour=(0, 90, 150, 0))
    organisation.logo.save("logo.png", upload("logo.png", logo), save=True)
    organisation.logo = None
    organisation.save()

    live = live_files()
    assert {name.split("/")[0] for name in live} == {"stories", "participants", "renditions"}
    assert bucket.keys() == live


@pytest.mark.django_db
def test_a_truncated_upload_is_refused_and_leaves_the_bucket_empty(editor_client, bucket):
    content = image_bytes("JPEG", size=(1200, 900))
    broken = upload("cut-off.jpg", content[: len(content) // 2])
    response = editor_client.post(
        ADD_URL, story_form(hero_image=broken, hero_image_alt="A walking group")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["hero_image"]
    assert "damaged or incomplete" in " ".join(errors)
    assert not Story.objects.exists()
    assert bucket.keys() == set()
