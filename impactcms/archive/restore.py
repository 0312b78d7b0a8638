"""Restoring an archive exactly, into a database with no content yet.

Every row keeps its primary key and every media file its name and bytes.
Rows are saved raw, as loaddata does, so no signal renders, indexes or
stamps anything on the way in; what the site derives from them (search text,
the cached pages' content version, PostgreSQL's sequences) is rebuilt once
at the end, in the same transaction.
"""

import contextlib
from collections import defaultdict

from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from impactcms.archive.contents import PARTS, part_for
from impactcms.archive.media import MediaWriter, digest
from impactcms.archive.reading import Archive, ArchiveError
from pagecache.versions import bump
from stories.fields import SanitizedBodyField
from stories.search.documents import refresh_documents

# What loading a row can raise when the archive's data does not fit this database.
LOAD_ERRORS = (DatabaseError, DeserializationError, ValidationError, ObjectDoesNotExist)
LOAD_ERRORS += (FieldDoesNotExist, LookupError, ValueError, TypeError)


@contextlib.contextmanager
def all_or_nothing(writer: MediaWriter):
    """One transaction; on any failure the media written so far are taken away again.

    Foreign keys are checked before it ends, as loaddata does: the database
    would only check them at the commit, which a caller's transaction delays.
    """
    try:
        with transaction.atomic():
            yield
            connection.check_constraints(table_names=[part.model._meta.db_table for part in PARTS])
    except BaseException as exc:
        writer.undo()
        if isinstance(exc, OSError):
            message = f"Could not write the media files ({exc}); nothing was changed."
            raise ArchiveError(message) from exc
        if isinstance(exc, LOAD_ERRORS):
            message = f"The archive does not load here ({exc}); nothing was changed."
            raise ArchiveError(message) from exc
        raise


def save_raw(obj, m2m: dict[str, list]) -> None:
    """Save a row as loaddata does (no signals acted on), and its many-to-many links.

    A raw save skips fields' pre_save, so the story body is sanitised here: an
    archive is typed by no editor, and may have been edited by anyone.
    """
    for field in obj._meta.concrete_fields:
        if isinstance(field, SanitizedBodyField):
            field.pre_save(obj, add=True)
    obj.save_base(raw=True)
    for name, pks in m2m.items():
        field = obj._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        # A row updated in place (a group made by migrate) has links already.
        through._base_manager.filter(**{f"{source}_id": obj.pk}).delete()
        through._base_manager.bulk_create(
            through(**{f"{source}_id": obj.pk, f"{target}_id": pk}) for pk in pks
        )


def rows(records: list[dict]):
    """Archived rows as unsaved objects, each with its many-to-many lists."""
    return serializers.deserialize("python", records)


def refresh_derived(story_ids) -> None:
    """Search text for these stories, and a new content version for every cached page."""
    refresh_documents(story_ids)
    bump()


def _refuse_content_here(archive: Archive) -> None:
    present = [
        f"{part.model._base_manager.count()} {part.model._meta.verbose_name_plural}"
        for part in PARTS
        if part.label not in ("auth.group", "auth.user") and part.model._base_manager.exists()
    ]
    if present:
        raise ArchiveError(
            f"This database already has content ({', '.join(present)}). import_site restores "
            "into an empty, just-migrated database; use --merge to add the archive's content "
            "to what is here."
        )
    users = {r.get("pk"): r["fields"].get("username") for r in archive.records.get("auth.user", [])}
    here = part_for("auth.user").model._base_manager.filter(
        Q(pk__in=users) | Q(username__in=users.values())
    )
    for user in here:
        if users.get(user.pk) != user.username:
            raise ArchiveError(
                f"The account “{user.username}” here clashes with the archive's accounts "
                "(same name or number, not both): restore into a fresh database, or use --merge."
            )


def _media_to_write(archive: Archive, storage) -> list[str]:
    """The archive's media not here already, refusing if any name here holds other bytes."""
    missing = []
    for name in archive.media:
        if not storage.exists(name):
            missing.append(name)
            continue
        with storage.open(name, "rb") as here, archive.open_media(name) as archived:
            if digest(here) != digest(archived):
                raise ArchiveError(
                    f"The media folder already has a different file at {name}: "
                    "move it away, or restore into an empty media folder."
                )
    return missing


def restore_site(archive: Archive, *, storage=default_storage) -> dict[str, int]:
    """Load the whole archive into this empty database and media folder; return counts."""
    _refuse_content_here(archive)
    media = _media_to_write(archive, storage)
    writer = MediaWriter(storage)
    counts = defaultdict(int)
    with all_or_nothing(writer):
        for part in PARTS:
            for row in rows(archive.records.get(part.label, [])):
                save_raw(row.object, row.m2m_data)
                counts[part.label] += 1
        statements = connection.ops.sequence_reset_sql(no_style(), [p.model for p in PARTS])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        for name in media:
            with archive.open_media(name) as handle:
                writer.save(name, handle, exact=True)
        refresh_derived(part_for("stories.story").model._base_manager.values_list("pk", flat=True))
    counts["media files"] = len(archive.media)
    return dict(counts)
