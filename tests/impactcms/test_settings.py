"""Production refuses to start without real secrets; development needs nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


A_DATABASE = "sqlite:////srv/impactcms/impact.sqlite3"  # named, never opened by these checks


def start_django(**env) -> subprocess.CompletedProcess:
    named = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in named}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "impactcms.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_development_starts_with_no_environment():
    assert start_django().stdout.strip() == "started"


def test_production_refuses_a_missing_secret_key():
    result = start_django(DEBUG="0", ALLOWED_HOSTS="stories.example.org", DATABASE_URL=A_DATABASE)
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = start_django(
        DEBUG="0",
        ALLOWED_HOSTS="stories.example.org",
        SECRET_KEY="django-insecure-development-only-never-in-production",
        DATABASE_URL=A_DATABASE,
    )
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_production_refuses_missing_allowed_hosts():
    result = start_django(DEBUG="0", SECRET_KEY="x" * 60, DATABASE_URL=A_DATABASE)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_guess_its_database():
    """A SQLite file beside the code would give every app server a database of its own."""
    result = start_django(DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="stories.example.org")
    assert result.returncode != 0
    assert "set DATABASE_URL" in result.stderr


def test_production_starts_with_real_settings():
    result = start_django(
        DEBUG="0",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="stories.example.org",
        DATABASE_URL=A_DATABASE,
    )
    assert result.stdout.strip() == "started", result.stderr


def test_a_debug_value_that_is_not_a_boolean_is_a_clear_error():
    result = start_django(DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


# The variables the README's "Deploying" section tells a site to set.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-" + "x" * 60,
    "ALLOWED_HOSTS": "stories.example.org",
    "DATABASE_URL": "postgres://impactcms:PASSWORD@db.internal:5432/impactcms",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "MEDIA_ROOT": "/srv/impactcms/media",
    "TRUSTED_PROXY_COUNT": "1",
}


def deploy_check(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in PRODUCTION} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deployment_checklist_without_a_warning():
    result = deploy_check(**PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checklist_flags_plain_http():
    """The check above can fail: turning off the https redirect is a warning."""
    result = deploy_check(**PRODUCTION, SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "security.W008" in result.stderr


def settings_with(**env) -> subprocess.CompletedProcess:
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], settings.MEDIA_URL, "
        "settings.STORAGES['default']['BACKEND'], sep='|')"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "impactcms.settings", "DEBUG": "1"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_media_in_a_bucket_pictures_still_come_from_the_site_alone():
    """The app serves every picture (/pictures/), from the bucket too: the policy names no
    other origin, and an upload's url() is the app's staff-only address, never the bucket's."""
    done = settings_with(
        MEDIA_BUCKET="impact-media", MEDIA_S3_ENDPOINT_URL="http://minio.internal:9000"
    )
    assert done.stdout.strip().split("|") == [
        "[\"'self'\", 'data:']",
        "/admin/originals/",
        "impactcms.bucket_storage.PrivateBucketStorage",
    ], done.stderr


def test_a_setting_for_a_public_bucket_stops_the_app_with_what_to_do():
    done = settings_with(MEDIA_BUCKET="impact-media", MEDIA_PUBLIC_URL="https://cdn.example.org")
    assert done.returncode != 0
    assert "MEDIA_PUBLIC_URL is no longer used" in done.stderr
    assert "remove any public-read policy from the bucket" in done.stderr
