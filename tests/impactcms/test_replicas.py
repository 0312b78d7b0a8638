"""Public pages read the replica; the admin, writes and anything after a write read the primary.

The replica here is a second real database (see replica_stand_in) holding other
rows than the primary, as a lagging copy would: a story retitled only in the
replica, and one still public there that the primary has since unpublished.
Whichever of them a page shows says which database it read.
"""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import OperationalError, connections, transaction
from django.db.models import QuerySet
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from editorial.sharing import create_share_link, share_url
from impactcms import databases, replicas
from impactcms.databases import PRIMARY, REPLICA
from impactcms.replicas import PrimaryReplicaRouter
from pagecache import versions
from pagecache.data import REQUEST_TOKEN
from pagecache.models import ContentVersion
from participants.models import Participant
from stories.models import SignOff, Story, Tally
from tests.factories import make_participant, make_story
from tests.impactcms.replica_stand_in import copy_to_replica, stand_in_replica

ROOT = Path(__file__).resolve().parent.parent.parent
ROUTER = "impactcms.replicas.PrimaryReplicaRouter"
MIDDLEWARE = "impactcms.replicas.PublicReadsMiddleware"
REPLICA_TITLE = "Walking football in Wrexham, as the replica has it"

both_databases = pytest.mark.django_db(databases=[PRIMARY, REPLICA])


@pytest.fixture(scope="module")
def replica_database(django_db_setup, django_db_blocker, tmp_path_factory):
    # Module-scoped, so the alias exists before each test opens its transactions.
    with django_db_blocker.unblock(), stand_in_replica(tmp_path_factory.mktemp("replica")):
        yield


def settle_content_version() -> None:
    """The version as a quiet moment leaves it (schedule worked out), the same in both."""
    versions.forget()
    versions.current_token()
    copy_to_replica(ContentVersion.objects.get(pk=versions.ROW))


@pytest.fixture
def world(replica_database, settings):
    shared = make_story(title="Walking football in Wrexham")
    unpublished = make_story(title="Allotments in Leith")
    copy_to_replica(shared.participant, shared, unpublished.participant, unpublished)
    copy_to_replica(*Tally.objects.all())  # the public counts replicate with the stories
    Story.objects.using(REPLICA).filter(pk=shared.pk).update(title=REPLICA_TITLE)
    Story.objects.filter(pk=unpublished.pk).update(status="draft")
    settle_content_version()
    # As settings do when DATABASE_REPLICA_URL is set.
    settings.DATABASE_ROUTERS = [ROUTER]
    security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    settings.MIDDLEWARE = [*settings.MIDDLEWARE]
    settings.MIDDLEWARE.insert(security + 1, MIDDLEWARE)
    return SimpleNamespace(shared=shared, unpublished=unpublished)


@contextmanager
def public_page():
    """What the middleware and the page cache set while a public page renders."""
    with replicas.serving_public_request():
        reset = REQUEST_TOKEN.set(versions.current_token())
        try:
            yield
        finally:
            REQUEST_TOKEN.reset(reset)


def read_from(model) -> str:
    return PrimaryReplicaRouter().db_for_read(model)


# What readers see


@both_databases
def test_anonymous_story_list_is_read_from_the_replica(client, world):
    page = client.get("/stories/").content.decode()
    assert REPLICA_TITLE in page
    assert "Allotments in Leith" in page


@both_databases
def test_anonymous_story_page_is_read_from_the_replica(client, world):
    assert client.get(world.unpublished.get_absolute_url()).status_code == 200
    assert REPLICA_TITLE in client.get(world.shared.get_absolute_url()).content.decode()


@both_databases
def test_admin_changelist_is_read_from_the_primary(editor_client, world):
    response = editor_client.get(reverse("admin:stories_story_changelist"))
    page = response.content.decode()
    assert response.status_code == 200  # the editor exists in the primary only
    assert "Walking football in Wrexham" in page
    assert REPLICA_TITLE not in page


@both_databases
def test_signed_in_editor_on_a_public_page_is_known_from_the_primary(editor_client, world):
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = editor_client.get("/stories/")
    assert REPLICA_TITLE in response.content.decode()
    replica_sql = " ".join(query["sql"] for query in on_replica)
    assert "django_session" not in replica_sql
    assert "auth_user" not in replica_sql


@both_databases
def test_share_link_sign_off_is_read_from_and_written_to_the_primary(client, world, editor):
    draft = make_story(title="Leisure centres", status="draft", published_at=None)
    link = create_share_link(story=draft, by=editor)
    assert client.get(share_url(link)).status_code == 200  # link and draft: primary only
    response = client.post(
        share_url(link), {"version": draft.edit_version, "decision": "approved", "comment": ""}
    )
    assert response.status_code == 302
    assert SignOff.objects.filter(story=draft).count() == 1
    assert not SignOff.objects.using(REPLICA).exists()


@both_databases
def test_a_public_page_that_writes_reads_the_primary_from_then_on(client, world):
    # Just after an edit: the first request works out the schedule and writes it down.
    ContentVersion.objects.filter(pk=versions.ROW).update(schedule_known=False)
    versions.forget()
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        page = client.get("/stories/").content.decode()
    assert "Walking football in Wrexham" in page
    assert REPLICA_TITLE not in page
    assert "Allotments in Leith" not in page
    assert len(on_replica) == 0
    assert ContentVersion.objects.get(pk=versions.ROW).schedule_known


@both_databases
def test_a_replica_behind_the_content_version_is_not_read(client, world):
    versions.bump()  # an edit the replica has not received yet
    versions.current_token()  # its schedule worked out: the next page writes nothing
    page = client.get("/stories/").content.decode()
    assert "Walking football in Wrexham" in page
    assert REPLICA_TITLE not in page
    # Once it has, pages read it again. (What was cached from the primary under this
    # version is forgotten: a real replica would hold the same rows, this one does not.)
    settle_content_version()
    cache.clear()
    assert REPLICA_TITLE in client.get("/stories/").content.decode()


@both_databases
def test_the_content_version_is_read_from_the_primary(client, world):
    versions.forget()
    with (
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        client.get("/stories/")
    version_reads = [q["sql"] for q in on_primary if "pagecache_contentversion" in q["sql"]]
    assert version_reads
    # The replica is only asked whether it has caught up with that version, once.
    checks = [q["sql"] for q in on_replica if "pagecache_contentversion" in q["sql"]]
    assert len(checks) == 1


# The router's decisions


@both_databases
def test_everything_reads_the_primary_outside_a_request(world):
    assert read_from(Story) == PRIMARY


@both_databases
def test_a_public_request_reads_the_primary_before_its_page_renders(world):
    with replicas.serving_public_request():
        assert read_from(Story) == PRIMARY  # no page token: not inside a public page


@both_databases
def test_a_public_page_reads_the_replica(world):
    with public_page():
        assert read_from(Story) == REPLICA
        assert read_from(Participant) == REPLICA
    assert read_from(Story) == PRIMARY


@both_databases
@pytest.mark.parametrize(
    "model", [ContentVersion, Session, User, Group, AccessAttempt, ContentType, Version, LogEntry]
)
def test_some_models_are_always_read_from_the_primary(world, model):
    with public_page():
        assert read_from(model) == PRIMARY


@both_databases
def test_after_a_write_the_request_reads_the_primary(world):
    router = PrimaryReplicaRouter()
    with public_page():
        assert router.db_for_write(Story) == PRIMARY
        assert read_from(Story) == PRIMARY
    with public_page():  # the next request starts afresh
        assert read_from(Story) == REPLICA


@both_databases
def test_reads_inside_a_transaction_stay_on_the_primary(world):
    with public_page():
        with transaction.atomic():
            assert read_from(Story) == PRIMARY
        assert read_from(Story) == REPLICA


@both_databases
def test_a_replica_behind_sends_the_page_to_the_primary(world):
    versions.bump()
    with public_page():
        assert read_from(Story) == PRIMARY


@both_databases
def test_a_replica_that_cannot_be_reached_sends_the_page_to_the_primary(world, monkeypatch, caplog):
    def unreachable(queryset):
        raise OperationalError("could not connect to server")

    with public_page():
        monkeypatch.setattr(QuerySet, "first", unreachable)
        assert read_from(Story) == PRIMARY
    assert "The read replica cannot be reached" in caplog.text


@both_databases
def test_objects_from_either_database_may_refer_to_each_other(world):
    from_replica = Story.objects.using(REPLICA).get(pk=world.shared.pk)
    assert PrimaryReplicaRouter().allow_relation(from_replica, make_participant()) is True


def test_migrations_run_on_the_primary_only():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate(PRIMARY, "stories", "story") is True
    assert router.allow_migrate(REPLICA, "stories", "story") is False


# Which requests are public


@pytest.mark.parametrize(
    ("method", "path", "public"),
    [
        ("get", "/stories/", True),
        ("head", "/stories/some-story/", True),
        ("post", "/stories/", False),
        ("get", "/admin/stories/story/", False),
        ("get", "/share/a-token/", False),
    ],
)
def test_which_requests_are_public(method, path, public):
    assert replicas.is_public(getattr(RequestFactory(), method)(path)) is public


def test_the_private_paths_are_where_the_admin_and_share_links_are():
    assert reverse("admin:index").startswith("/admin/")
    assert reverse("stories:shared", kwargs={"token": "x"}).startswith("/share/")


def test_the_middleware_marks_public_requests_only_while_they_are_served():
    seen = []

    def view(request):
        seen.append(replicas._public_request.get() is not None)
        return "response"

    middleware = replicas.PublicReadsMiddleware(view)
    assert middleware(RequestFactory().get("/stories/")) == "response"
    middleware(RequestFactory().post("/stories/"))
    assert seen == [True, False]
    assert replicas._public_request.get() is None


# Settings


def django_settings(**env) -> dict:
    """The database settings Django starts with, given these variables."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'databases': settings.DATABASES, 'routers': settings.DATABASE_ROUTERS,"
        " 'middleware': settings.MIDDLEWARE}, default=str))"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URL"}
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "impactcms.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_replica_url_there_is_no_router_and_one_database(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    assert databases.replica_database() is None
    started = django_settings()
    assert list(started["databases"]) == ["default"]
    assert started["routers"] == []
    assert MIDDLEWARE not in started["middleware"]


@pytest.mark.parametrize(
    ("primary", "replica", "field", "value"),
    [
        (
            "sqlite:////srv/primary.sqlite3",
            "sqlite:////srv/replica.sqlite3",
            "NAME",
            "/srv/replica.sqlite3",
        ),
        (
            "postgres://app@db-1:5432/impactcms",
            "postgres://app@db-2:5432/impactcms",
            "HOST",
            "db-2",
        ),
    ],
)
def test_a_replica_url_adds_the_replica_the_router_and_the_middleware(
    primary, replica, field, value
):
    started = django_settings(DATABASE_URL=primary, DATABASE_REPLICA_URL=replica)
    databases = started["databases"]
    assert databases["replica"][field] == value
    # The same engine options as the primary (SQLite's locking, PostgreSQL's trigrams).
    assert databases["replica"]["OPTIONS"] == databases["default"]["OPTIONS"] != {}
    assert databases["replica"]["TEST"]["MIRROR"] == "default"
    assert started["routers"] == [ROUTER]
    middleware = started["middleware"]
    assert middleware[middleware.index(MIDDLEWARE) - 1] == (
        "django.middleware.security.SecurityMiddleware"
    )
