"""The databases' settings: read by settings.py, before any app is loaded, so this
module imports none (the replica's router and middleware are impactcms.replicas)."""

import dj_database_url

from impactcms.env import envstr

PRIMARY = "default"
REPLICA = "replica"


def parse_database(url: str) -> dict:
    """A DATABASES entry for this URL, with the options every database of ours gets."""
    database = dj_database_url.parse(
        url,
        conn_max_age=int(envstr("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Several gunicorn workers write at once (editors saving under load): a transaction
        # takes the write lock when it begins, not halfway, and a writer waits its turn
        # rather than failing with "database is locked"; WAL lets readers go on meanwhile.
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Typo tolerance for names: "Ipswitch" finds Ipswich (pg_trgm's default is 0.6).
        database.setdefault("OPTIONS", {})["options"] = "-c pg_trgm.word_similarity_threshold=0.5"
    return database


def replica_database() -> dict | None:
    """The replica's DATABASES entry, or None when DATABASE_REPLICA_URL is not set."""
    url = envstr("DATABASE_REPLICA_URL")
    if not url:
        return None
    database = parse_database(url)
    # A test run reads the test database through this alias, rather than making a
    # second test database that nothing would ever copy into.
    database["TEST"] = {"MIRROR": PRIMARY}
    return database
