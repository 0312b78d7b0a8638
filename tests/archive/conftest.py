import pytest

from tests.archive.site import build_site, run


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Hashing staff passwords properly takes most of a site's build time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def archive(site, tmp_path):
    """The site written to an archive file."""
    path = tmp_path / "site.zip"
    run("export_site", path)
    return path
