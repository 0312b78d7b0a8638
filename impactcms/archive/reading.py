"""Opening an archive and checking all of it before anything is written."""

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile, ZipFile

from impactcms.archive.contents import PARTS

FORMAT = "impactcms-site-archive"
VERSION = 1
MANIFEST = "manifest.json"
DATA, MEDIA = "data/", "media/"
# Media are pictures (uploads and renditions): any other file served from the site's
# own address (an .html, an .svg) would be a way in for script.
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# Far beyond any real site, short of what would exhaust the machine's memory.
MAX_DATA_BYTES = 1024 * 1024 * 1024
MAX_MEDIA_BYTES = 50 * 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be read or loaded; nothing was changed."""


def data_name(label: str) -> str:
    return f"{DATA}{label}.json"


def is_safe_name(name) -> bool:
    """A relative name inside the media folder: no `..`, no absolute path, no drive."""
    if not isinstance(name, str) or not name or name.startswith("/"):
        return False
    if any(char in name for char in "\\:\0"):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def is_archivable_media(name) -> bool:
    """A picture at a safe name: what an archive may carry, and all that import takes."""
    return is_safe_name(name) and name.lower().endswith(MEDIA_SUFFIXES)


@dataclass
class Archive:
    zip: ZipFile
    manifest: dict
    records: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def media(self) -> list[str]:
        return self.manifest["media"]

    def open_media(self, name: str):
        return self.zip.open(MEDIA + name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.zip.close()


def open_archive(path) -> Archive:
    """The archive at `path`, read and checked whole, or ArchiveError saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(f"There is no archive file at {path}.")
    try:
        archive = ZipFile(path)
    except (BadZipFile, EOFError):
        raise ArchiveError(
            f"{path} is not a site archive: it is not a zip file, or it was cut short."
        ) from None
    except OSError as exc:
        raise ArchiveError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        return _checked(archive, path)
    except BaseException:
        archive.close()
        raise


def _checked(archive: ZipFile, path: Path) -> Archive:
    names = archive.namelist()
    unsafe = [name for name in names if not is_safe_name(name)]
    if unsafe:
        raise ArchiveError(f"{path} holds a file with an unsafe name: {unsafe[0]!r}.")
    if MANIFEST not in names:
        raise ArchiveError(f"{path} is not a site archive: it has no {MANIFEST}.")
    _refuse_oversized(archive, path)
    try:
        broken = archive.testzip()
    except (BadZipFile, EOFError, OSError, zlib.error):
        broken = "?"
    if broken:
        raise ArchiveError(f"{path} is damaged (at {broken}): it may have been cut short.")
    manifest = _manifest(archive, path)
    loaded = Archive(archive, manifest)
    expected = {MANIFEST} | {data_name(label) for label in manifest["models"]}
    expected |= {MEDIA + name for name in manifest["media"]}
    if set(names) != expected:
        odd = sorted(set(names) ^ expected)[0]
        raise ArchiveError(f"{path} does not match its manifest (at {odd!r}).")
    for label in manifest["models"]:
        loaded.records[label] = _records(archive, label, manifest["counts"].get(label), path)
    return loaded


def _refuse_oversized(archive: ZipFile, path: Path) -> None:
    entries = archive.infolist()
    data = sum(entry.file_size for entry in entries if not entry.filename.startswith(MEDIA))
    if data > MAX_DATA_BYTES:
        raise ArchiveError(f"{path} holds more data than any site archive would.")
    for entry in entries:
        if entry.filename.startswith(MEDIA) and entry.file_size > MAX_MEDIA_BYTES:
            raise ArchiveError(f"{path} holds a media file too large to be a picture.")


def _json(archive: ZipFile, name: str, path: Path):
    try:
        return json.loads(archive.read(name).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ArchiveError(f"{path}: {name} is not valid JSON.") from None


def _manifest(archive: ZipFile, path: Path) -> dict:
    manifest = _json(archive, MANIFEST, path)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{path} is not a site archive: its manifest is not ours.")
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            f"{path} is in archive format version {manifest.get('version')!r}; "
            f"this site reads version {VERSION} only."
        )
    known = [part.label for part in PARTS]
    models, media = manifest.get("models"), manifest.get("media")
    if not isinstance(models, list) or any(label not in known for label in models):
        raise ArchiveError(f"{path}: the manifest names models this site does not have.")
    if models != [label for label in known if label in models]:
        raise ArchiveError(f"{path}: the manifest lists its models out of loading order.")
    if not isinstance(media, list) or not all(is_safe_name(name) for name in media):
        raise ArchiveError(f"{path}: the manifest names a media file unsafely.")
    if not all(is_archivable_media(name) for name in media):
        raise ArchiveError(f"{path}: the manifest names a media file that is not a picture.")
    if not isinstance(manifest.get("counts"), dict):
        raise ArchiveError(f"{path}: the manifest has no counts.")
    return manifest


def _records(archive: ZipFile, label: str, count, path: Path) -> list[dict]:
    records = _json(archive, data_name(label), path)
    if not isinstance(records, list) or len(records) != count:
        raise ArchiveError(f"{path}: {data_name(label)} does not hold the {count} rows counted.")
    for record in records:
        if not isinstance(record, dict) or record.get("model") != label:
            raise ArchiveError(f"{path}: {data_name(label)} holds a row of another model.")
        if not isinstance(record.get("fields"), dict):
            raise ArchiveError(f"{path}: {data_name(label)} holds a row without fields.")
        key = record.get("pk")
        if key is not None and (type(key) is not int or key < 1):
            raise ArchiveError(
                f"{path}: {data_name(label)} holds a row numbered {key!r}; nothing was changed."
            )
    return records
