"""Media files: listing the storage, and writing files an import can take back."""

import contextlib
import hashlib
import posixpath
from pathlib import Path

from django.core.files import File


def stored_names(storage, folder: str = ""):
    """Every file in the storage, folders first-to-last in name order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # no upload yet: no media folder
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, name))


def digest(handle) -> str:
    return hashlib.file_digest(handle, "sha256").hexdigest()


class MediaWriter:
    """Saves files into the storage, remembering them so a failed import can undo it.

    On a local file system it also remembers the folders it had to make, so the
    media folder is left exactly as it was.
    """

    def __init__(self, storage):
        self.storage = storage
        self.written: list[str] = []
        self.folders: set[Path] = set()

    def save(self, name: str, handle, *, exact: bool) -> str:
        """Save `handle` as `name` (exactly that name, or the next free one); return it."""
        self.folders.update(self._missing_folders(name))
        saved = self.storage.save(name, File(handle, name=posixpath.basename(name)))
        self.written.append(saved)
        if exact and saved != name:
            raise OSError(f"{name} was stored as {saved}")
        return saved

    def remember(self, names) -> None:
        """Files written for us by others (renditions made during an import)."""
        self.written.extend(names)

    def undo(self) -> None:
        for name in reversed(self.written):
            with contextlib.suppress(OSError):
                self.storage.delete(name)
        for folder in sorted(self.folders, key=lambda path: len(path.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self.written, self.folders = [], set()

    def _missing_folders(self, name: str) -> list[Path]:
        try:
            root = Path(self.storage.location)
            folder = Path(self.storage.path(name)).parent
        except (AttributeError, NotImplementedError):  # not a local file system
            return []
        missing = []
        while not folder.exists() and (folder == root or root in folder.parents):
            missing.append(folder)
            folder = folder.parent
        return missing
