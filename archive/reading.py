"""Opening an archive and checking all of it before anything is written.

Nothing in an archive is read whole but the manifest: each data file is read a
row at a time (archive.streaming), within the limits below, both
when it is checked here and when it is loaded.
"""

import functools
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import NoReturn
from zipfile import ZIP_DEFLATED, ZIP_STORED, BadZipFile, ZipFile

from django.core.exceptions import ValidationError
from django.db.models import FileField

from archive.contents import PARTS, part_for
from archive.streaming import Unreadable, counted, json_rows
from stories.evidence_files import EXTENSIONS as EVIDENCE_KINDS
from stories.evidence_files import check_content

FORMAT = "impactcms-site-archive"
VERSION = 1
MANIFEST = "manifest.json"
DATA, MEDIA = "data/", "media/"
EVIDENCE_LABEL = "stories.evidence"
# Media are pictures (uploads and renditions), and evidence files in their own folder:
# any other file served from the site's own address (an .html, an .svg) would be a way
# in for script. Evidence files are checked by content as uploads are (an archive's
# bytes are no more trusted than a form's) and are only ever served as downloads.
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
EVIDENCE_FOLDER = "evidence/"
MB = 1024 * 1024
# Far beyond any real site: all the data files together, and one picture.
MAX_DATA_BYTES = 1024 * MB
MAX_MEDIA_BYTES = 50 * MB
# A data file is read a row at a time, so its length costs time, not memory. The
# longest a real site writes is its revisions (every saved version of every story):
# some 600 MB for 10,000 stories like the demo's, saved ten times each.
MAX_DATA_FILE_BYTES = 1024 * MB
# A row is held whole while it is parsed, checked and saved, a few copies of it at
# once, so this bounds what one row costs. The longest real rows are revisions of
# long stories, the whole text escaped twice: about 100,000 characters for 10,000 words.
MAX_ROW_CHARS = 4_000_000
# Rows in all. A site of 10,000 stories with their history has some 200,000; --merge
# keeps a few dozen bytes a row to follow the archive's keys, so this bounds that too.
MAX_ROWS = 3_000_000
# The manifest is read whole; a media name takes about 60 bytes of it.
MAX_MANIFEST_BYTES = 16 * MB
# What export_site writes. Other methods (bzip2, LZMA) decompress a whole block at
# once, however little is asked for: 400 bytes of bzip2 become 300 MB in one read.
COMPRESSIONS = (ZIP_STORED, ZIP_DEFLATED)
# What a 64-bit primary key (BigAutoField) can hold.
LARGEST_KEY = 2**63 - 1
# What reading a damaged or cut-short member can raise.
DAMAGE = (BadZipFile, EOFError, OSError, zlib.error)
# What is quoted of a value a row names: a hostile one can be megabytes long.
MAX_QUOTED_CHARS = 120


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
    """A picture, or an evidence file in the evidence folder, at a safe name: what an
    archive may carry, and all that import takes."""
    if not is_safe_name(name):
        return False
    return name.lower().endswith(MEDIA_SUFFIXES) or is_evidence_media(name)


def is_evidence_media(name: str) -> bool:
    return name.startswith(EVIDENCE_FOLDER) and PurePath(name).suffix.lower() in EVIDENCE_KINDS


@dataclass
class Archive:
    zip: ZipFile
    manifest: dict
    path: Path

    @property
    def media(self) -> list[str]:
        return self.manifest["media"]

    def open_media(self, name: str):
        return self.zip.open(MEDIA + name)

    def rows(self, label: str) -> Iterator[tuple[int, dict]]:
        """The rows of one model's data file, numbered from 1, each checked as it is read.

        Raises ArchiveError naming the file and row at the first thing wrong: a
        file or row over its limit, JSON that is not a list of rows, a row of
        another model or out of order, more or fewer rows than the manifest counts.
        """
        if label not in self.manifest["models"]:
            return
        name, count = data_name(label), self.manifest["counts"][label]
        numbered, last, number = part_for(label).numbered, 0, 0
        too_large = f"is larger than the {MAX_DATA_FILE_BYTES // MB} MB a data file may be"
        try:
            with self.zip.open(name) as member:
                blocks = counted(member, MAX_DATA_FILE_BYTES, too_large=too_large)
                for number, record in json_rows(blocks, row_limit=MAX_ROW_CHARS):
                    if number > count:
                        more = f"row {number} is one more"
                        raise Unreadable(f"does not hold the {count} rows counted: {more}")
                    last = _checked_row(record, label, number, numbered=numbered, last=last)
                    yield number, record
        except Unreadable as exc:
            raise ArchiveError(f"{self.path}: {name} {exc}; nothing was changed.") from None
        except DAMAGE:
            raise ArchiveError(_damaged(self.path, name)) from None
        if number != count:
            raise ArchiveError(f"{self.path}: {name} does not hold the {count} rows counted.")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.zip.close()


def _damaged(path: Path, name: str) -> str:
    return f"{path} is damaged (at {name}): it may have been cut short."


def _checked_row(record: dict, label: str, number: int, *, numbered: bool, last: int) -> int:
    """The row's primary key, once the row is seen to be one of `label`'s, after `last`."""
    if record.get("model") != label:
        raise Unreadable(f"holds a row of another model (row {number})")
    if not isinstance(record.get("fields"), dict):
        raise Unreadable(f"holds a row without fields (row {number})")
    key = record.get("pk")
    if not numbered:
        return last
    if type(key) is not int or not 1 <= key <= LARGEST_KEY:
        raise Unreadable(f"holds a row numbered {key!r} (row {number})")
    if key <= last:
        raise Unreadable(f"holds row {number} numbered {key} after one numbered {last}")
    return key


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
    loaded = Archive(archive, _manifest(archive, path), path)
    expected = {MANIFEST} | {data_name(label) for label in loaded.manifest["models"]}
    expected |= {MEDIA + name for name in loaded.media}
    if set(names) != expected:
        odd = sorted(set(names) ^ expected)[0]
        raise ArchiveError(f"{path} does not match its manifest (at {odd!r}).")
    pictures = _Pictures(loaded)
    for label in loaded.manifest["models"]:
        for number, record in loaded.rows(label):
            pictures.check(label, number, record["fields"])
    too_large = "holds a media file too large to be a picture"
    for name in loaded.media:
        # Read through, so a damaged picture is found now rather than halfway through a load.
        try:
            with loaded.open_media(name) as member:
                for _block in counted(member, MAX_MEDIA_BYTES, too_large=too_large):
                    pass
        except Unreadable as exc:
            raise ArchiveError(f"{path} {exc}.") from None
        except DAMAGE:
            raise ArchiveError(_damaged(path, MEDIA + name)) from None
        if is_evidence_media(name):
            _check_evidence(loaded, name)
    return loaded


def _check_evidence(loaded: Archive, name: str) -> None:
    """An evidence file's bytes are what its name says, as an upload's must be."""
    try:
        with loaded.open_media(name) as member:
            check_content(member, name)
    except ValidationError as exc:
        reason = " ".join(exc.messages)
        raise ArchiveError(f"{loaded.path}: {MEDIA}{name} is refused: {reason}") from None
    except DAMAGE:
        raise ArchiveError(_damaged(loaded.path, MEDIA + name)) from None


class _Pictures:
    """Each picture a row names is one the archive carries, and no other row's.

    Erasure deletes the files a row names, and the pictures view serves a file as
    its row allows: a name outside the media folder, of a file the archive does not
    hold, or of another row's picture would reach what is not that row's. Only the
    names the manifest lists are remembered, so this costs no more than the manifest.
    """

    def __init__(self, archive: Archive):
        self.path = archive.path
        self.carried = set(archive.media)
        self.claimed: dict[str, tuple[str, int]] = {}  # name -> (label, row) naming it

    def check(self, label: str, number: int, fields: dict) -> None:
        if not _picture_fields(label):
            return
        for field in _picture_fields(label):
            value = fields.get(field)
            if value in (None, ""):
                continue
            if not is_archivable_media(value) or value not in self.carried:
                self._refuse(label, number, value, field, "which the archive does not carry")
            if is_evidence_media(value) != (label == EVIDENCE_LABEL):
                self._refuse(label, number, value, field, "a file of another kind")
            self._claim(label, number, value, field)
        listed = _rendition_files(fields.get("renditions") or {})
        if listed is None:
            raise ArchiveError(
                f"{self.path}: {data_name(label)}, row {number} lists its renditions in a "
                "form this site never writes; nothing was changed."
            )
        for field, name in listed:
            if not is_safe_name(name):
                self._refuse(label, number, name, f"{field} renditions", "an unsafe name")
            # A resized copy the archive lacks (lost on the other site) is let be: its
            # name reaches no file here.
            if name in self.carried:
                self._claim(label, number, name, f"{field} renditions")

    def _claim(self, label: str, number: int, name: str, field: str) -> None:
        if (earlier := self.claimed.setdefault(name, (label, number))) != (label, number):
            other, row = earlier
            already = f"which row {row} of {data_name(other)} names already"
            self._refuse(label, number, name, field, already)

    def _refuse(self, label: str, number: int, value, field: str, why: str) -> NoReturn:
        quoted = repr(value)
        if len(quoted) > MAX_QUOTED_CHARS:
            quoted = f"{quoted[: MAX_QUOTED_CHARS - 1]}…"
        raise ArchiveError(
            f"{self.path}: {data_name(label)}, row {number} names the file {quoted} "
            f"({field}), {why}; nothing was changed."
        )


@functools.cache
def _picture_fields(label: str) -> tuple[str, ...]:
    model = part_for(label).model
    return tuple(f.attname for f in model._meta.concrete_fields if isinstance(f, FileField))


def _rendition_files(renditions) -> list[tuple[str, object]] | None:
    """(image field, file name) for each resized copy a row lists, in the form
    images.renditions.make writes ({field: {"files": [...], ...}}); None for any other."""
    if not isinstance(renditions, dict):
        return None
    listed = []
    for field, made in renditions.items():
        if not made:
            continue
        if not isinstance(made, dict) or not isinstance(files := made.get("files", []), list):
            return None
        listed += [(field, name) for name in files]
    return listed


def _refuse_oversized(archive: ZipFile, path: Path) -> None:
    """Refuse at once what the zip's own directory admits to; the reading counts again."""
    entries = archive.infolist()
    for entry in entries:
        if entry.compress_type not in COMPRESSIONS or entry.flag_bits & 0x1:
            raise ArchiveError(
                f"{path}: {entry.filename} is compressed or encrypted in a way "
                "export_site never writes."
            )
    data = sum(entry.file_size for entry in entries if not entry.filename.startswith(MEDIA))
    if data > MAX_DATA_BYTES:
        raise ArchiveError(f"{path} holds more data than any site archive would.")
    for entry in entries:
        if entry.filename.startswith(MEDIA) and entry.file_size > MAX_MEDIA_BYTES:
            raise ArchiveError(f"{path} holds a media file too large to be a picture.")
        if entry.filename.startswith(DATA) and entry.file_size > MAX_DATA_FILE_BYTES:
            raise ArchiveError(
                f"{path}: {entry.filename} is larger than the {MAX_DATA_FILE_BYTES // MB} MB "
                "a data file may be; nothing was changed."
            )


def _manifest(archive: ZipFile, path: Path) -> dict:
    too_large = f"is larger than the {MAX_MANIFEST_BYTES // MB} MB a manifest may be"
    try:
        with archive.open(MANIFEST) as member:
            content = b"".join(counted(member, MAX_MANIFEST_BYTES, too_large=too_large))
        manifest = json.loads(content.decode("utf-8"))
    except Unreadable as exc:
        raise ArchiveError(f"{path}: {MANIFEST} {exc}.") from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ArchiveError(f"{path}: {MANIFEST} is not valid JSON.") from None
    except DAMAGE:
        raise ArchiveError(_damaged(path, MANIFEST)) from None
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
    counts = manifest.get("counts")
    if not isinstance(counts, dict):
        raise ArchiveError(f"{path}: the manifest has no counts.")
    if not all(type(counts.get(label)) is int and counts[label] >= 0 for label in models):
        raise ArchiveError(f"{path}: the manifest does not count the rows of every model.")
    if sum(counts[label] for label in models) > MAX_ROWS:
        raise ArchiveError(
            f"{path}: the manifest counts more than the {MAX_ROWS:,} rows an archive may hold."
        )
    return manifest
