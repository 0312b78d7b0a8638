"""Hearing that the content version may have changed, without asking the database.

A cached page is served under the content version (pagecache.versions). Reading
it from the database on every request cost more than the rest of a cache hit
(0.2-0.4 ms on PostgreSQL, where the whole bare-Django request takes about
0.7 ms), so each process keeps the version it last read, and trusts it only
while the database says nothing has changed since:

- PostgreSQL: every change also sends NOTIFY on one channel, which PostgreSQL
  delivers to every listening process, on any app server, when (and only when)
  the change commits. Each process listens on a connection of its own; a
  notification, or that connection failing, makes it read the version again.
  Asking costs a select() on that connection's socket.
- SQLite: `PRAGMA data_version` changes whenever another connection commits.

Changes made by this process clear its copy directly (`versions.bump`), since
neither signal reports a connection's own commits. Where neither signal is
available the version is read on every request, as before.
"""

import contextlib
import logging
import select

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

CHANNEL = "impactcms_content"


class _PostgresListener:
    """A connection that LISTENs on CHANNEL, owned by this process."""

    def __init__(self):
        self.conn = None
        self.heard = 0  # notifications taken in so far

    def start(self) -> None:
        if self.conn is not None:
            return
        import psycopg

        try:
            self.conn = psycopg.connect(**connection.get_connection_params(), autocommit=True)
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            logger.warning("Cannot listen for content changes; reading the version each time.")
            self.stop()

    def stop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):  # a broken connection may fail to close
                self.conn.close()
        self.conn = None

    def mark(self):
        """A mark that stays the same while nothing changed (None: unknown, read again)."""
        if self.conn is None:
            return None
        try:
            readable, _, _ = select.select([self.conn.fileno()], [], [], 0)
        except (OSError, ValueError):
            readable = True
        if not readable:
            return (id(self.conn), self.heard)
        # Something arrived: take it in (or find the connection gone) and report a change.
        # Counted, so that every reader of the mark (the version, the dependencies'
        # tokens) sees it has moved, not only the one that took the notification in.
        self.heard += 1
        try:
            list(self.conn.notifies(timeout=0))
        except Exception:
            self.stop()
        return None


_listener = _PostgresListener()


def stop_listening() -> None:
    """Close this process's listening connection (before its database is dropped)."""
    _listener.stop()


def start_listening() -> None:
    """Before reading the version: any change after this moment will be heard.

    PAGE_CACHE_LISTEN=0 turns listening off, for a pooler that cannot pass
    notifications on (PgBouncer in transaction mode): then every cached request
    reads the version.
    """
    if connection.vendor == "postgresql" and settings.PAGE_CACHE_LISTEN:
        _listener.start()


def mark():
    """What the last change looks like from here, or None if it cannot be told.

    Two equal marks taken at different times mean no other process committed
    a change in between.
    """
    if connection.vendor == "postgresql":
        return _listener.mark()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return sqlite_mark(connection.connection)
    return None


def sqlite_mark(raw) -> tuple[int, int]:
    """The connection and its data_version: it moves when another connection commits."""
    (version,) = raw.execute("PRAGMA data_version").fetchone()
    return (id(raw), version)


def notify_others() -> None:
    """Part of a change's transaction: other processes hear of it when it commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])
