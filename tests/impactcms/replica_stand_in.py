"""A second real database standing in for the read replica, for tests.

Settings add the "replica" alias only when DATABASE_REPLICA_URL is set, and a test
run reads the test database through it then (TEST MIRROR). To see which database
answered, these tests need the replica to be a database of its own, holding other
rows: `stand_in_replica` adds the alias at runtime, on a new database (a second
file on SQLite; `<test database>_replica` on PostgreSQL), migrates it, and drops it
afterwards.
"""

import copy
from contextlib import contextmanager
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connections

from impactcms.databases import PRIMARY, REPLICA


def _on_postgres_server(sql: str) -> None:
    # CREATE and DROP DATABASE cannot run in a transaction: the primary's connection
    # is in autocommit here, outside any test's transaction.
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute(sql)


@contextmanager
def stand_in_replica(directory: Path):
    """The "replica" alias, on a new, migrated database, gone when the block ends."""
    primary = connections[PRIMARY]
    replica = copy.deepcopy(primary.settings_dict)
    on_postgres = primary.vendor == "postgresql"
    if on_postgres:
        replica["NAME"] = f"{primary.settings_dict['NAME']}_replica"
        _on_postgres_server(f'DROP DATABASE IF EXISTS "{replica["NAME"]}"')
        _on_postgres_server(f'CREATE DATABASE "{replica["NAME"]}"')
    else:
        replica["NAME"] = str(directory / "replica.sqlite3")
    connections.settings[REPLICA] = replica
    try:
        # No router is installed yet, so migrate may build the replica's tables.
        call_command("migrate", database=REPLICA, run_syncdb=True, verbosity=0)
        yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        ContentType.objects.clear_cache()  # kept per database alias
        if on_postgres:
            _on_postgres_server(f'DROP DATABASE IF EXISTS "{replica["NAME"]}" WITH (FORCE)')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(replica["NAME"] + suffix).unlink(missing_ok=True)


def copy_to_replica(*rows) -> None:
    """Write these rows into the replica as they are, as replication would (raw: no signals).

    Call it before the router is installed: many-to-many rows then follow their
    object to the replica.
    """
    for item in serializers.deserialize("json", serializers.serialize("json", rows)):
        item.save(using=REPLICA)
