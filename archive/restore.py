"""Restoring an archive exactly, into a database with no content yet.

Every row keeps its primary key and every media file its name and bytes.
Rows are read one at a time, and each must pass its model's own rules
(lengths, choices, validators, the model's `clean()`; keys, uniqueness and
constraints the database checks as it saves) or the import stops, naming it.
They are saved raw, as loaddata does, so no signal renders, indexes or stamps
anything on the way in; what the site derives from them (search text, the
cached pages' content version, PostgreSQL's sequences) is rebuilt once at the
end, in the same transaction.
"""

import contextlib
import functools
import itertools
from collections import defaultdict

from django.core import serializers
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.validators import MaxLengthValidator
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, TextField

from archive.contents import MADE_BY_MIGRATE, PARTS, part_for
from archive.media import MediaWriter, digest
from archive.reading import Archive, ArchiveError, data_name
from pagecache.versions import bump
from stories import tallies
from stories.fields import SanitizedBodyField
from stories.search.documents import refresh_documents

# What loading a row can raise when the archive's data does not fit this database.
LOAD_ERRORS = (DatabaseError, DeserializationError, ValidationError, ObjectDoesNotExist)
LOAD_ERRORS += (FieldDoesNotExist, LookupError, ValueError, TypeError)
# What is quoted of an error is cut to this: a hostile row's value can be megabytes long.
MAX_REASON_CHARS = 300


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
            message = f"The archive does not load here ({_short(exc)}); nothing was changed."
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


def loaded_rows(archive: Archive, label: str, *, change=None):
    """Each row of one model as an unsaved object with its many-to-many lists, and where it is.

    `change` edits a row as read, before it becomes an object.
    """
    for number, record in archive.rows(label):
        where = f"{archive.path}: {data_name(label)}, row {number}"
        try:
            [row] = serializers.deserialize("python", [change(record) if change else record])
        except LOAD_ERRORS as exc:
            raise _refused(where, exc) from exc
        yield where, row


def save_checked(obj, m2m: dict[str, list], *, where: str) -> None:
    """Save a row once its model's own rules pass, or ArchiveError naming the row and why not.

    Python checks what only Python can: each field's length, choices and validators
    and the model's clean(). Keys, uniqueness and the Meta constraints the database
    checks itself as the row is saved, here, so a row that breaks one is named too;
    checking them first would cost several queries a row (and a restored row would
    clash with the one migrate made under its own key, as a group does).
    """
    try:
        _check_text_lengths(obj)
        obj.full_clean(
            exclude=_relations(type(obj)), validate_unique=False, validate_constraints=False
        )
        save_raw(obj, m2m)
    except LOAD_ERRORS as exc:
        raise _refused(where, exc) from exc


@functools.cache
def _relations(model) -> frozenset[str]:
    return frozenset(field.name for field in model._meta.concrete_fields if field.is_relation)


def _check_text_lengths(obj) -> None:
    """A TextField's max_length (a story's 400-character summary) is the model's rule too,
    though Django leaves it to forms: full_clean() checks it only on CharFields."""
    errors = {}
    for field in obj._meta.concrete_fields:
        if isinstance(field, TextField) and field.max_length is not None:
            try:
                MaxLengthValidator(field.max_length)(getattr(obj, field.attname) or "")
            except ValidationError as exc:
                errors[field.name] = exc.error_list
    if errors:
        raise ValidationError(errors)


def _refused(where: str, exc: Exception) -> ArchiveError:
    reason = _short(_reasons(exc) if isinstance(exc, ValidationError) else exc).rstrip(".")
    return ArchiveError(f"{where} does not load here: {reason}; nothing was changed.")


def _reasons(error: ValidationError) -> str:
    """Each field's complaints after its name: "summary: Ensure this value has at most…"."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return "; ".join(
        " ".join(messages) if field == NON_FIELD_ERRORS else f"{field}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )


def _short(reason) -> str:
    text = str(reason)
    return text if len(text) <= MAX_REASON_CHARS else f"{text[: MAX_REASON_CHARS - 1]}…"


def refresh_derived(story_ids) -> None:
    """Search text for these stories, the public counts made again, and a new content
    version for every cached page: rows saved raw sent no signals."""
    refresh_documents(story_ids)
    tallies.recount()
    bump()


def _refuse_content_here(archive: Archive) -> None:
    present = [
        f"{part.model._base_manager.count()} {part.model._meta.verbose_name_plural}"
        for part in PARTS
        if part.label not in MADE_BY_MIGRATE and part.model._base_manager.exists()
    ]
    if present:
        raise ArchiveError(
            f"This database already has content ({', '.join(present)}). import_site restores "
            "into an empty, just-migrated database; use --merge to add the archive's content "
            "to what is here."
        )
    accounts = part_for("auth.user").model._base_manager
    rows = (record for _number, record in archive.rows("auth.user"))
    while batch := list(itertools.islice(rows, 500)):
        users = {row["pk"]: row["fields"].get("username") for row in batch}
        here = accounts.filter(Q(pk__in=users) | Q(username__in=users.values()))
        for user in here:
            if users.get(user.pk) != user.username:
                raise ArchiveError(
                    f"The account “{user.username}” here clashes with the archive's accounts "
                    "(same name or number, not both): restore into a fresh database, or use "
                    "--merge."
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
            if part.replaces_defaults and archive.manifest["counts"].get(part.label):
                part.model._base_manager.all().delete()
            for where, row in loaded_rows(archive, part.label):
                save_checked(row.object, row.m2m_data, where=where)
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
