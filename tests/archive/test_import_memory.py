"""A hostile archive is refused within 300 MB of memory, measured on a real import_site.

Each import runs as `manage.py import_site` in a process of its own, against a
just-migrated SQLite file and an empty media folder, with DEBUG off as in
production; its peak resident memory comes from the kernel (wait4's ru_maxrss).
"""

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from archive.reading import FORMAT, MAX_ROW_CHARS, VERSION

PEAK_MB = 300
# Stops a regression (reading a member whole) at a MemoryError instead of letting it
# take gigabytes of the machine; far above what is asserted.
ADDRESS_SPACE = 1536 * 1024 * 1024


def _environment(database: Path, media: Path) -> dict:
    keep = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "REDIS_", "MEDIA_", "DJANGO_"))
    }
    production = {"DEBUG": "0", "SECRET_KEY": "memory-test-" * 5, "ALLOWED_HOSTS": "localhost"}
    return keep | production | {"DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(media)}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A just-migrated SQLite file, made once; each import gets a copy."""
    database = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--skip-checks", "-v0"],
        cwd=settings.BASE_DIR,
        env=_environment(database, database.parent / "media"),
        check=True,
    )
    return database


class Import:
    def __init__(self, migrated: Path, folder: Path):
        self.database, self.media = folder / "db.sqlite3", folder / "media"
        shutil.copy(migrated, self.database)

    def run(self, archive: Path) -> tuple[int, str, float]:
        """Exit code, what it printed, and peak resident memory in MB."""
        with (archive.parent / "output.txt").open("w+b") as output:
            peak_file = archive.parent / "peak-kb.txt"
            # System checks import every URL and view: not what is measured here.
            command = [sys.executable, "manage.py", "import_site", "--skip-checks", str(archive)]
            process = subprocess.Popen(
                [sys.executable, "-c", MEASURED_CHILD, str(peak_file), *command],
                cwd=settings.BASE_DIR,
                env=_environment(self.database, self.media),
                stdout=output,
                stderr=subprocess.STDOUT,
                preexec_fn=_limit_address_space,
            )
            process.wait()
            output.seek(0)
            return process.returncode, output.read().decode(), int(peak_file.read_text()) / 1024

    def stories(self) -> list[tuple]:
        with sqlite3.connect(self.database) as db:
            return db.execute("SELECT id, length(body) FROM stories_story").fetchall()


# The import runs as the child of this small process, which reports the child's peak.
# Measured straight from the test's worker, the peak would include the worker's own
# memory: Linux counts what a process held before exec (the forked copy of the
# worker, 300 MB and more after a thousand tests) in its ru_maxrss.
MEASURED_CHILD = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(str(peak))
sys.exit(code)
"""


def _limit_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


@pytest.fixture
def importer(migrated, tmp_path):
    return Import(migrated, tmp_path)


def _archive(path: Path, label: str, count: int, pieces) -> Path:
    """A one-model archive whose data file is written piece by piece, never held whole."""
    manifest = {"format": FORMAT, "version": VERSION, "models": [label]}
    manifest |= {"counts": {label: count}, "media": []}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        with archive.open(f"data/{label}.json", "w", force_zip64=True) as data:
            for piece in pieces:
                data.write(piece)
    return path


STORY = (
    b'{"model": "stories.story", "pk": 1, "fields": {"title": "A long one", "slug": "long", '
    b'"status": "draft", "created_at": "2026-01-01T00:00:00Z", '
    b'"updated_at": "2026-01-01T00:00:00Z", '
)


def test_a_300_mb_field_is_refused_at_its_first_megabytes_and_nothing_is_saved(importer, tmp_path):
    def story_with_a_300_mb_summary():
        yield b"[" + STORY + b'"summary": "'
        for _megabyte in range(300):
            yield b"x" * 1024 * 1024
        yield b'"}}]'

    archive = _archive(tmp_path / "field.zip", "stories.story", 1, story_with_a_300_mb_summary())
    assert archive.stat().st_size < 3 * 1024 * 1024

    code, output, peak = importer.run(archive)

    assert code == 1
    assert (
        f"CommandError: {archive}: data/stories.story.json holds row 1, longer than the "
        "4,000,000 characters a row may have; nothing was changed."
    ) in output
    assert peak < PEAK_MB, f"{peak:.0f} MB"
    assert importer.stories() == [] and not importer.media.exists()


def test_600_000_rows_are_read_one_at_a_time_to_the_one_that_is_refused(importer, tmp_path):
    count = 600_000

    def tags_then_a_story():
        yield b"[\n"
        for start in range(1, count, 10_000):
            yield b"".join(
                b'{"model": "taggit.tag", "pk": %d, "fields": {"name": "t%d", "slug": "t%d"}},\n'
                % (pk, pk, pk)
                for pk in range(start, min(start + 10_000, count))
            )
        yield b'{"model": "stories.story", "pk": %d, "fields": {}}\n]' % count

    archive = _archive(tmp_path / "rows.zip", "taggit.tag", count, tags_then_a_story())

    code, output, peak = importer.run(archive)

    assert code == 1
    assert (
        f"data/taggit.tag.json holds a row of another model (row {count}); nothing was changed."
    ) in output
    assert peak < PEAK_MB, f"{peak:.0f} MB"


def test_a_story_as_long_as_a_row_may_be_loads_within_memory_and_one_longer_is_refused(
    importer, tmp_path
):
    """The heaviest row that loads: a body of wide characters, sanitised, checked and indexed."""

    def story(length: int):
        start, end = b"[" + STORY + b'"body": "<p>', '\U0001f600</p>"}}]'.encode()
        filler = length - len(start) + 1 - len('\U0001f600</p>"}}')  # the row, not the list
        yield start + b"word " * (filler // 5) + b"x" * (filler % 5) + end

    code, output, peak = importer.run(
        _archive(tmp_path / "at.zip", "stories.story", 1, story(MAX_ROW_CHARS))
    )
    assert code == 0, output
    assert peak < PEAK_MB, f"{peak:.0f} MB"
    [(_pk, body_length)] = importer.stories()
    assert body_length > MAX_ROW_CHARS - 300

    code, output, _peak = importer.run(
        _archive(tmp_path / "over.zip", "stories.story", 1, story(MAX_ROW_CHARS + 1))
    )
    assert code == 1 and "holds row 1, longer than the 4,000,000 characters" in output
