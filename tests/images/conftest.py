"""Media in a bucket, for the tests that run against one (moto's S3 server on loopback)."""

import pytest

from tests.images.s3_server import go_offline, media_in_a_new_bucket, moto_server


@pytest.fixture
def offline_environment(monkeypatch):
    """Only what a test sets, and dummy credentials: boto3 never looks beyond this machine."""
    go_offline(monkeypatch)


@pytest.fixture(scope="session")
def s3_endpoint():
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    """A new, empty, private bucket, and Django's default storage pointed at it."""
    with media_in_a_new_bucket(s3_endpoint, monkeypatch) as bucket:
        yield bucket


@pytest.fixture(params=["disk", "bucket"])
def media(request):
    """Each test that asks for it runs twice: uploads in MEDIA_ROOT, and in a bucket."""
    return request.getfixturevalue("bucket") if request.param == "bucket" else None
