"""A real S3-compatible server for the tests: moto's, on loopback, needing no AWS account."""

import contextlib
import os
import socket
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

import boto3
from botocore.config import Config
from django.conf import settings
from django.test import override_settings

from impactcms.object_storage import media_storage

REGION = "eu-west-2"
# Dummy credentials, and no instance metadata or ~/.aws files: boto3 never looks elsewhere.
OFFLINE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "NO_PROXY": "127.0.0.1,localhost",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def moto_server():
    """moto in server mode on 127.0.0.1 and a free port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@dataclass
class Bucket:
    """One bucket on the server, seen directly with boto3 (not through Django)."""

    endpoint: str
    name: str

    @classmethod
    def create(cls, endpoint: str) -> "Bucket":
        """A new private bucket: no policy, only the app's credentials read it."""
        bucket = cls(endpoint, f"media-{uuid.uuid4().hex[:12]}")
        bucket.client().create_bucket(
            Bucket=bucket.name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return bucket

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=Config(s3={"addressing_style": "path"}),
        )

    def keys(self) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def head(self, key: str) -> dict:
        return self.client().head_object(Bucket=self.name, Key=key)

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=self.name, Key=key)["Body"].read()

    def anonymous_status(self, key: str) -> int:
        """What the bucket answers anyone without credentials who asks for `key`."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{self.name}/{key}", timeout=10) as answer:
                return answer.status
        except urllib.error.HTTPError as refused:
            return refused.code

    def destroy(self) -> None:
        client = self.client()
        for key in self.keys():
            client.delete_object(Bucket=self.name, Key=key)
        client.delete_bucket(Bucket=self.name)


def go_offline(monkeypatch) -> None:
    """No MEDIA_ or AWS_ variable but dummy credentials: boto3 never looks beyond this machine."""
    for name in [name for name in os.environ if name.startswith(("MEDIA_", "AWS_"))]:
        monkeypatch.delenv(name)
    for name, value in OFFLINE_ENV.items():
        monkeypatch.setenv(name, value)


@contextlib.contextmanager
def media_in_a_new_bucket(endpoint: str, monkeypatch):
    """A new, empty, private bucket, and Django's default storage pointed at it as the
    settings would, with no other media setting."""
    go_offline(monkeypatch)
    bucket = Bucket.create(endpoint)
    monkeypatch.setenv("MEDIA_BUCKET", bucket.name)
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("MEDIA_S3_REGION", REGION)
    try:
        # Django forgets its storages (default_storage included) when STORAGES changes.
        with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
            yield bucket
    finally:
        bucket.destroy()
