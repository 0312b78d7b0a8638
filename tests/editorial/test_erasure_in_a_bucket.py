"""With media in a bucket, erasure deletes their pictures there and nothing else."""

import hashlib
import os

import pytest
from django.conf import settings
from django.test import override_settings

from editorial.erasure import erase_participant
from impactcms.object_storage import media_storage
from tests.editorial.personal_data import digests, make_person, with_picture
from tests.images.s3_server import OFFLINE_ENV, REGION, Bucket, moto_server

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as address:
        yield address


@pytest.fixture
def bucket(endpoint, monkeypatch):
    """A new bucket on moto's server, and Django's default storage pointed at it."""
    for name in [name for name in os.environ if name.startswith(("MEDIA_", "AWS_"))]:
        monkeypatch.delenv(name)
    for name, value in OFFLINE_ENV.items():
        monkeypatch.setenv(name, value)
    bucket = Bucket.create(endpoint)
    monkeypatch.setenv("MEDIA_BUCKET", bucket.name)
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("MEDIA_S3_REGION", REGION)
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        yield bucket
    bucket.destroy()


def test_no_key_of_theirs_is_left_in_the_bucket(bucket, editor, django_capture_on_commit_callbacks):
    person = make_person(editor)
    with_picture(person.other_story, "hero_image", "river.jpg", (40, 90, 200))
    story = person.other_story
    others = {story.hero_image.name, *story.renditions["hero_image"]["files"]}
    assert person.files <= bucket.keys()
    with django_capture_on_commit_callbacks(execute=True):
        erase_participant(participant=person.participant, by=editor)
    left = bucket.keys()
    assert left == others
    theirs = digests(person.pictures.values())
    assert not any(hashlib.sha256(bucket.read(key)).hexdigest() in theirs for key in left)
    assert not any("quillfeather" in key.lower() or "zebedee" in key.lower() for key in left)
