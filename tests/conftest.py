import pytest

from tests.factories import make_staff


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Passwords hashed once, not a million times: every test that makes a staff account
    or signs one in paid about a third of a second of CPU for PBKDF2's iterations,
    which guard nothing in a test database. Production keeps Django's hashers
    (tests/impactcms/test_settings.py reads the settings module itself)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks (notifications) run as they are enqueued, in the test's own
    transaction: an email a write queues is in `mail.outbox` when the write returns."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads made by a test land in a temporary folder, never in the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def contributor(db):
    return make_staff("casey-contributor", "Contributors")


@pytest.fixture
def editor(db):
    return make_staff("erin-editor", "Editors")


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages: the database a page came from is gone."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fresh_content_version():
    """Each test reads the content version and the dependencies' tokens from its own
    database, not copies kept before."""
    from pagecache import dependencies, versions

    versions.forget()
    dependencies.forget()


@pytest.fixture(autouse=True)
def tallies_kept_by_writes():
    """Every test database starts with no stories and no counts: the counts are then kept
    by each write's signals alone, never made anew by a first read (which a test of that
    asks for itself, tests/stories/test_tallies.py)."""
    from stories import tallies

    tallies._built = True


@pytest.fixture(scope="session", autouse=True)
def stop_listening_for_changes(django_db_setup):
    """PostgreSQL will not drop the test database while a connection listens on it."""
    yield
    from pagecache import changes

    changes.stop_listening()
