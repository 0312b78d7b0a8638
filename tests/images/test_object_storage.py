"""With MEDIA_BUCKET set, uploads and renditions live in the bucket and pages link it.

The bucket is a real S3-compatible server (moto's, on loopback); what is in it is
read with boto3 directly, never through Django.
"""

import re
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import override_settings
from PIL import Image
from storages.backends.s3 import S3Storage

from impactcms.object_storage import enabled, media_origins, media_storage
from participants.models import Organisation, Participant
from stories.models import Story
from tests.admin_posts import ADD_URL, change_url, story_form
from tests.factories import make_organisation, make_participant
from tests.images.pictures import image_bytes, upload
from tests.images.s3_server import OFFLINE_ENV, REGION, Bucket, moto_server
from tests.images.test_renditions import story_with_hero

MEDIA_VARIABLES = [
    "MEDIA_BUCKET",
    "MEDIA_S3_ENDPOINT_URL",
    "MEDIA_S3_REGION",
    "MEDIA_S3_ADDRESSING_STYLE",
    "MEDIA_PUBLIC_URL",
    "MEDIA_SIGNED_URLS",
    "MEDIA_SIGNED_URL_SECONDS",
    "MEDIA_CACHE_CONTROL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
]


@pytest.fixture(autouse=True)
def offline_environment(monkeypatch):
    """Only what a test sets, and dummy credentials: boto3 never looks beyond this machine."""
    for name in MEDIA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in OFFLINE_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="session")
def s3_endpoint():
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    """A new, empty bucket, and Django's default storage pointed at it as the settings would."""
    bucket = Bucket.create(s3_endpoint)
    monkeypatch.setenv("MEDIA_BUCKET", bucket.name)
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("MEDIA_S3_REGION", REGION)
    # Django forgets its storages (default_storage included) when STORAGES changes.
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        yield bucket
    bucket.destroy()


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
    assert media_origins() == []


def test_a_bucket_turns_on_s3_with_its_options_from_the_environment(monkeypatch):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "http://minio.internal:9000")
    monkeypatch.setenv("MEDIA_S3_REGION", "eu-west-2")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
    storage = media_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "impact-media",
        "endpoint_url": "http://minio.internal:9000",
        "region_name": "eu-west-2",
        "addressing_style": "path",
        "querystring_auth": False,
        "querystring_expire": 3600,
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
        "access_key": "AKIAEXAMPLE",
        "secret_key": "not-a-real-secret",
    }
    assert enabled()


def test_signed_urls_a_public_address_and_a_session_token_are_optional(monkeypatch):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    monkeypatch.setenv("MEDIA_SIGNED_URLS", "1")
    monkeypatch.setenv("MEDIA_SIGNED_URL_SECONDS", "7200")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "a-session-token")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    options = media_storage()["OPTIONS"]
    assert options["querystring_auth"] is True and options["querystring_expire"] == 7200
    assert options["security_token"] == "a-session-token"
    assert "access_key" not in options, "unset credentials are left to boto3's own chain"
    assert options["endpoint_url"] is None and options["addressing_style"] is None

    monkeypatch.delenv("MEDIA_SIGNED_URLS")
    monkeypatch.setenv("MEDIA_PUBLIC_URL", "https://cdn.example.org/impact/")
    options = media_storage()["OPTIONS"]
    assert options["custom_domain"] == "cdn.example.org/impact"
    assert options["url_protocol"] == "https:"


@pytest.mark.parametrize(
    "variable,value,message",
    [
        ("MEDIA_PUBLIC_URL", "cdn.example.org", "MEDIA_PUBLIC_URL must be an http"),
        ("MEDIA_S3_ADDRESSING_STYLE", "sideways", "MEDIA_S3_ADDRESSING_STYLE must be one of"),
        ("MEDIA_SIGNED_URLS", "perhaps", "MEDIA_SIGNED_URLS must be one of"),
        ("MEDIA_SIGNED_URLS", "1", "MEDIA_SIGNED_URLS or MEDIA_PUBLIC_URL, not both"),
    ],
)
def test_a_bad_value_is_a_clear_error(monkeypatch, variable, value, message):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    if variable == "MEDIA_SIGNED_URLS" and value == "1":
        monkeypatch.setenv("MEDIA_PUBLIC_URL", "https://cdn.example.org")
    monkeypatch.setenv(variable, value)
    with pytest.raises(Exception, match=message):
        media_storage()


@pytest.mark.parametrize(
    "environment",
    [
        {"MEDIA_S3_REGION": "eu-west-2"},
        {"MEDIA_S3_REGION": "us-east-1"},
        {"MEDIA_S3_REGION": "eu-west-2", "MEDIA_SIGNED_URLS": "1"},
        {"MEDIA_S3_REGION": "eu-west-2", "MEDIA_BUCKET": "media.example.org"},
        {"MEDIA_S3_ENDPOINT_URL": "http://minio.internal:9000"},
        {"MEDIA_S3_ENDPOINT_URL": "https://s3.example.org", "MEDIA_S3_ADDRESSING_STYLE": "virtual"},
        {
            "MEDIA_S3_ENDPOINT_URL": "http://minio:9000",
            "MEDIA_PUBLIC_URL": "https://media.example.org",
        },
    ],
    ids=["aws", "aws-us-east-1", "aws-signed", "aws-dotted", "minio", "virtual-host", "public-url"],
)
def test_the_media_origin_is_where_the_storage_points(monkeypatch, environment):
    """What a Content-Security-Policy must allow for pictures (the addresses are made offline)."""
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    storage = S3Storage(**media_storage()["OPTIONS"])
    address = urlsplit(storage.url("renditions/a/card-400.jpeg"))
    assert f"{address.scheme}://{address.netloc}" in media_origins()


# --- Against a real S3-compatible server -----------------------------------------------


def test_the_default_storage_follows_the_storages_setting(monkeypatch):
    monkeypatch.setenv("MEDIA_BUCKET", "impact-media")
    assert isinstance(default_storage, FileSystemStorage)
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        assert isinstance(default_storage, S3Storage)
        assert isinstance(Story._meta.get_field("hero_image").storage, S3Storage)
    assert isinstance(default_storage, FileSystemStorage)


@pytest.mark.django_db
def test_an_editors_upload_lands_in_the_bucket_with_its_renditions(editor_client, bucket):
    story = add_story_in_admin(editor_client)
    made = story.renditions["hero_image"]
    assert story.hero_image.name.startswith("stories/walk")
    assert len(made["files"]) == 9  # card and hero, 2 sizes x 2 formats, and Open Graph
    assert bucket.keys() == {story.hero_image.name, *made["files"]} == live_files()
    for variant in made["hero"]:
        with default_storage.open(variant["webp"]) as handle, Image.open(handle) as picture:
            assert (picture.format, picture.size) == ("WEBP", (variant["w"], variant["h"]))
        stored = bucket.head(variant["webp"])
        assert stored["ContentType"] == "image/webp"
        assert stored["CacheControl"] == "public, max-age=86400"
    assert bucket.head(made["og"][0]["jpeg"])["ContentType"] == "image/jpeg"


@pytest.mark.django_db
def test_the_story_page_links_renditions_at_the_bucket_not_media(client, bucket):
    story = story_with_hero()
    page = client.get(story.get_absolute_url()).content.decode()
    hero = page.split('<picture class="hero">')[1].split("</picture>")[0]
    addresses = re.findall(r'(?:srcset="|, )(\S+) \d+w', hero) + re.findall(r' src="([^"]+)"', hero)
    assert len(addresses) == 7  # 3 WebP and 3 JPEG widths, and the fallback src
    at_bucket = f"{bucket.endpoint}/{bucket.name}/renditions/"
    assert all(address.startswith(at_bucket) for address in addresses), addresses
    assert "/media/" not in page
    assert f'<meta property="og:image" content="{at_bucket}' in page
    assert media_origins() == [bucket.endpoint]
    # The address is the object itself, readable without a signature.
    fallback = re.search(r'<img src="([^"]+)"', hero)[1]
    with urllib.request.urlopen(fallback, timeout=10) as answer:
        assert answer.headers["Content-Type"] == "image/jpeg"
        assert answer.read() == bucket.read(story.renditions["hero_image"]["hero"][-1]["jpeg"])


@pytest.mark.django_db
def test_the_app_serves_no_media_when_it_is_in_the_bucket(client, bucket):
    story = story_with_hero()
    assert client.get(f"/media/{story.hero_image.name}").status_code == 404


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
