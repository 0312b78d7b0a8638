"""Public pages may read a copy of the database; everything else uses the primary.

With DATABASE_REPLICA_URL set, settings add a "replica" database
(impactcms.databases), this module's router and its middleware. A read goes
to the replica only while all of these hold:

- a public request is being served (PublicReadsMiddleware): GET or HEAD, and
  not under /admin/ or /share/ (a share link records a participant's answer);
- the read is made by the view of a public page, one the page cache serves
  (`cached_public_page`, which tells the version the page is cached under);
- nothing has been written in that request yet (any `db_for_write` turns the
  rest of the request to the primary, so it reads what it wrote);
- no transaction is open on the primary since the request began;
- the model is not one that must be current (PRIMARY_APPS, PRIMARY_MODELS);
- the replica has caught up with that content version (`_replica_is_current`).

Anything else (the admin, writes, management commands, the shell, tests,
background work) reads and writes the primary. The replica is kept by the
database's own replication, so migrations run on the primary only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DatabaseError, connections

from impactcms.databases import PRIMARY, REPLICA
from pagecache.data import REQUEST_SERIAL, REQUEST_TOKEN
from pagecache.models import ContentVersion
from pagecache.versions import ROW

logger = logging.getLogger(__name__)

# Who is signed in, sessions, login throttling and revisions are read where they are
# written: a session saved by the last response, or a lockout counted a moment ago,
# may not have reached the replica yet. contenttypes, because Django caches them per
# database and the admin's log and reversion write rows that refer to them.
PRIMARY_APPS = frozenset({"admin", "auth", "axes", "contenttypes", "reversion", "sessions"})
# Read on every public request to choose the cached copy of a page: from a replica
# that lags, an edit would stay unseen for as long as the lag, and the version's own
# bookkeeping writes (pagecache.versions) must see the row they update.
PRIMARY_MODELS = frozenset({"pagecache.ContentVersion", "pagecache.Dependency"})

# Paths whose GET may still be private or write: read them from the primary.
PRIVATE_PATHS = ("/admin/", "/share/")
SAFE_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class _PublicRequest:
    """What the router knows about the public request being served."""

    # Transactions already open on the primary when the request began (none, when
    # serving a real request; a test's own, when its client is called inside one).
    atomic_depth: int
    wrote: bool = False
    # The content version the replica was last checked against, and what was found.
    checked_token: tuple[str, int] | None = None
    replica_current: bool = False


# Set by PublicReadsMiddleware for the length of one request; a ContextVar, so that
# each request (thread, or task) has its own and nothing is shared between workers.
# It holds a mutable object so that a write seen anywhere in the request counts.
_public_request: ContextVar[_PublicRequest | None] = ContextVar("public_request", default=None)


def is_public(request) -> bool:
    """A request whose reads may come from the replica."""
    return request.method in SAFE_METHODS and not request.path_info.startswith(PRIVATE_PATHS)


@contextmanager
def serving_public_request() -> Iterator[None]:
    """Let reads go to the replica until the block ends (or something is written)."""
    state = _PublicRequest(atomic_depth=len(connections[PRIMARY].atomic_blocks))
    reset = _public_request.set(state)
    try:
        yield
    finally:
        _public_request.reset(reset)


class PublicReadsMiddleware:
    """Marks public requests, so that the router may send their reads to the replica.

    Sits right after SecurityMiddleware: before the session, authentication and
    anything else that reads the database (those read the primary all the same).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public(request):
            return self.get_response(request)
        with serving_public_request():
            return self.get_response(request)


def _replica_is_current(state: _PublicRequest, token: str, serial: int) -> bool:
    """Has the replica caught up with the content version this page is cached under?

    The page cache keeps a page under the content version read (from the primary)
    before rendering. Rendered from a replica still behind that version, a page
    would show the old content under the new version, and stay cached so until the
    next edit. Every edit writes a new version, in its transaction or just after
    it, and a replica applies transactions in commit order: a replica holding the
    version holds the edit too. Behind it, the page reads the primary. One small
    query on the replica per page rendered (none for a page served from the cache).
    """
    if state.checked_token != (token, serial):
        try:
            seen = (
                ContentVersion.objects.using(REPLICA)
                .filter(pk=ROW)
                .values_list("token", "serial")
                .first()
            )
        except DatabaseError:
            logger.warning(
                "The read replica cannot be reached; reading the primary.", exc_info=True
            )
            seen = None
        # A narrower renewal (pagecache.dependencies) moves the serial, not the token.
        current = seen is not None and seen[0] == token and seen[1] >= serial
        state.checked_token, state.replica_current = (token, serial), current
    return state.replica_current


class PrimaryReplicaRouter:
    """Public reads to the replica when that is safe (see the module), all else to the primary."""

    def db_for_read(self, model, **hints):
        state = _public_request.get()
        # Set by the page cache while a public page's view renders: the version it is
        # cached under. Reads before the view (the version itself, its bookkeeping) and
        # in views the page cache does not serve have none, and use the primary.
        token = REQUEST_TOKEN.get()
        if (
            state is None
            or token is None
            or state.wrote
            or model._meta.app_label in PRIMARY_APPS
            or model._meta.label in PRIMARY_MODELS
            # A transaction opened in this request reads its own writes, on the primary.
            or len(connections[PRIMARY].atomic_blocks) > state.atomic_depth
        ):
            return PRIMARY
        serial = REQUEST_SERIAL.get() or 0
        return REPLICA if _replica_is_current(state, token, serial) else PRIMARY

    def db_for_write(self, model, **hints):
        if (state := _public_request.get()) is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: an object read from one may refer to the other.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
