"""Full-text indexes for SearchDocument, different on each database.

PostgreSQL: English stemming that ignores accents, a GIN index on the weighted
vector and a trigram index on names. SQLite: an FTS5 table over the documents
(mapped, unmanaged, as SqliteSearchIndex) kept in step by triggers.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# PostgreSQL: English stemming that ignores accents (Zoë is found by "zoe", as on
# SQLite), a GIN index on the weighted vector, and a trigram index on names for typos.
POSTGRES_INDEXES = [
    "CREATE TEXT SEARCH CONFIGURATION impact_english (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION impact_english "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    "CREATE INDEX searchdoc_vector_gin ON stories_searchdocument USING gin (vector)",
    "CREATE INDEX searchdoc_names_trgm ON stories_searchdocument USING gin (names gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS impact_english",
    "DROP INDEX IF EXISTS searchdoc_vector_gin",
    "DROP INDEX IF EXISTS searchdoc_names_trgm",
]

# SQLite: an FTS5 index over the documents (external content), kept in step by triggers.
SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE story_search_fts USING fts5(
        names, context, body,
        content='stories_searchdocument', content_rowid='story_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    # Rank by bm25 with column weights: names, context (summary and quote), body.
    "INSERT INTO story_search_fts(story_search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
    """CREATE TRIGGER searchdoc_ai AFTER INSERT ON stories_searchdocument BEGIN
        INSERT INTO story_search_fts(rowid, names, context, body)
        VALUES (new.story_id, new.names, new.context, new.body);
    END""",
    """CREATE TRIGGER searchdoc_ad AFTER DELETE ON stories_searchdocument BEGIN
        INSERT INTO story_search_fts(story_search_fts, rowid, names, context, body)
        VALUES ('delete', old.story_id, old.names, old.context, old.body);
    END""",
    """CREATE TRIGGER searchdoc_au AFTER UPDATE ON stories_searchdocument BEGIN
        INSERT INTO story_search_fts(story_search_fts, rowid, names, context, body)
        VALUES ('delete', old.story_id, old.names, old.context, old.body);
        INSERT INTO story_search_fts(rowid, names, context, body)
        VALUES (new.story_id, new.names, new.context, new.body);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS searchdoc_au",
    "DROP TRIGGER IF EXISTS searchdoc_ad",
    "DROP TRIGGER IF EXISTS searchdoc_ai",
    "DROP TABLE IF EXISTS story_search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


create_indexes = _run({"postgresql": POSTGRES_INDEXES, "sqlite": SQLITE_INDEX})
drop_indexes = _run({"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP})


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_roles")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
