"""Writing the whole site into one archive file.

Renditions are archived with their originals rather than made again on import:
the restored site then has exactly the files its rows describe, whatever
version of Pillow it runs, and is whole the moment the import ends.
"""

import contextlib
import datetime as dt
import json
import os
import shutil
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile

from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from archive.contents import PARTS, part_for
from archive.media import stored_names
from archive.reading import (
    FORMAT,
    MANIFEST,
    MEDIA,
    VERSION,
    data_name,
    is_archivable_media,
)


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but keeping microseconds (it cuts times to milliseconds)."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _users():
    """The users content refers to, and every staff account (so editors can sign in)."""
    user_model = part_for("auth.user").model
    referred = Q(is_staff=True) | Q(is_superuser=True)
    for part in PARTS:
        for field in part.model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                ids = part.model._base_manager.exclude(**{f"{field.name}__isnull": True})
                referred |= Q(pk__in=ids.values(field.attname))
    return user_model._base_manager.filter(referred)


def _rows(part) -> list[dict]:
    rows = _users() if part.label == "auth.user" else part.model._base_manager.all()
    return serializers.serialize(
        "python",
        rows.order_by("pk").iterator(),
        use_natural_foreign_keys=part.natural,
        use_natural_primary_keys=not part.numbered,
    )


def _write_json_list(archive: ZipFile, name: str, rows: list[dict]) -> None:
    lines = ",\n".join(json.dumps(row, cls=_Encoder, ensure_ascii=False) for row in rows)
    archive.writestr(name, f"[\n{lines}\n]\n", compress_type=ZIP_DEFLATED)


@contextlib.contextmanager
def one_snapshot():
    """Every table read as of one moment, however long the export takes, blocking no one.

    Within a caller's transaction (a test's), that transaction is the snapshot.
    """
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "sqlite":
        # atomic() would BEGIN IMMEDIATE (see settings) and hold the write lock for the
        # whole export; a deferred read transaction sees one snapshot (WAL) and lets
        # editors save meanwhile.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield


def _write(archive: ZipFile, storage) -> dict:
    counts = {}
    for part in PARTS:
        rows = _rows(part)
        _write_json_list(archive, data_name(part.label), rows)
        counts[part.label] = len(rows)
    media, left_out = [], []
    for name in stored_names(storage):
        (media if is_archivable_media(name) else left_out).append(name)
    for name in media:
        with storage.open(name, "rb") as source, archive.open(MEDIA + name, "w") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "models": [part.label for part in PARTS],
        "counts": counts,
        "media": media,
        # Not pictures (or at names no import would take): a stray file in the media folder.
        "media_left_out": left_out,
    }


def export_site(path, *, storage=default_storage) -> dict:
    """Write the archive to `path` (replacing it only once whole); return its manifest."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with one_snapshot(), ZipFile(partial, "w", ZIP_STORED) as archive:
            manifest = _write(archive, storage)
            archive.writestr(
                MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False), ZIP_DEFLATED
            )
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest
