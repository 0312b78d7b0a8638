"""Rows an archive holds are loaded only within the models' rules and the reader's limits.

Each refusal names the file and the row, and changes nothing. (The memory an import
takes is measured in test_import_memory.py.)
"""

import io
import json
import re
import zipfile

import pytest
from django.core.management.base import CommandError

from archive import reading, streaming
from participants.models import Participant
from tests.archive.site import media_tree, rewritten, rows, run, wipe_site

pytestmark = pytest.mark.django_db

STORIES = "data/stories.story.json"
MODES = pytest.mark.parametrize("merge", [False, True], ids=["restore", "merge"])


def _first_story(change):
    """An edit of the archive's stories file: `change` applied to its first row."""

    def edit(content):
        stories = json.loads(content)
        stories[0]["fields"]["slug"] = "not-here-yet"  # so a merge takes the row
        change(stories[0])
        return json.dumps(stories)

    return edit


def _refused(archive, tmp_path, message, *, stories, merge=False):
    """Import the archive with its stories file edited, expecting `message` and no change."""
    if not merge:
        wipe_site()
    before, files = rows(), media_tree()
    bad = rewritten(archive, tmp_path / "bad.zip", replace={STORIES: stories})
    with pytest.raises(CommandError, match=message) as refusal:
        run("import_site", bad, *(["--merge"] if merge else []))
    assert rows() == before and media_tree() == files
    return str(refusal.value)


@MODES
def test_a_summary_over_its_400_characters_is_refused_naming_the_file_row_and_field(
    site, archive, tmp_path, merge
):
    long_summary = _first_story(lambda row: row["fields"].update(summary="x" * 401))
    message = _refused(
        archive,
        tmp_path,
        re.escape(
            f"{STORIES}, row 1 does not load here: summary: Ensure this value has at most "
            "400 characters (it has 401); nothing was changed."
        ),
        stories=long_summary,
        merge=merge,
    )
    assert message.startswith(str(tmp_path / "bad.zip"))


@MODES
def test_a_status_that_is_not_one_of_the_choices_is_refused_by_the_model(
    site, archive, tmp_path, merge
):
    bogus = _first_story(lambda row: row["fields"].update(status="bogus"))
    _refused(
        archive,
        tmp_path,
        re.escape(f"{STORIES}, row 1 does not load here: status: Value 'bogus' is not a valid"),
        stories=bogus,
        merge=merge,
    )


def test_the_model_s_own_clean_runs_too(site, archive, tmp_path):
    """Story.clean(): a story cannot be unpublished before it goes live."""

    def backwards(row):
        row["fields"].update(published_at="2025-05-01T10:00:00Z", expires_at="2025-04-01T10:00Z")

    _refused(
        archive,
        tmp_path,
        re.escape(f"{STORIES}, row 1 does not load here: expires_at: The story would be"),
        stories=_first_story(backwards),
    )


def test_what_the_database_checks_as_a_row_is_saved_names_the_row_too(site, archive, tmp_path):
    def one_slug_twice(content):
        stories = json.loads(content)
        stories[1]["fields"]["slug"] = stories[0]["fields"]["slug"]
        return json.dumps(stories)

    _refused(
        archive,
        tmp_path,
        rf"{re.escape(STORIES)}, row 2 does not load here: .*slug",
        stories=one_slug_twice,
    )


def test_a_quoted_value_is_cut_short_in_the_message(site, archive, tmp_path):
    huge = _first_story(lambda row: row["fields"].update(status="b" * 100_000))
    message = _refused(archive, tmp_path, "status: Value 'bbbb", stories=huge)
    assert len(message) < 500 and message.endswith("…; nothing was changed.")


@MODES
def test_a_row_over_the_row_limit_is_refused_before_anything_is_written(
    site, archive, tmp_path, merge
):
    long_body = _first_story(
        lambda row: row["fields"].update(body="<p>" + "x" * reading.MAX_ROW_CHARS + "</p>")
    )
    _refused(
        archive,
        tmp_path,
        re.escape(
            f"{STORIES} holds row 1, longer than the 4,000,000 characters a row may have; "
            "nothing was changed."
        ),
        stories=long_body,
        merge=merge,
    )


def test_more_rows_than_the_manifest_counts_are_refused_at_the_first_one_more(
    site, archive, tmp_path
):
    def doubled(content):
        stories = json.loads(content)
        extra = [dict(row, pk=row["pk"] + 1000) for row in stories]
        return json.dumps(stories + extra)

    _refused(
        archive,
        tmp_path,
        re.escape(f"{STORIES} does not hold the 2 rows counted: row 3 is one more"),
        stories=doubled,
    )


def test_rows_out_of_the_order_of_their_keys_are_refused(site, archive, tmp_path):
    def reversed_rows(content):
        return json.dumps(json.loads(content)[::-1])

    _refused(
        archive,
        tmp_path,
        rf"{re.escape(STORIES)} holds row 2 numbered \d+ after one numbered \d+",
        stories=reversed_rows,
    )


def test_a_data_file_over_the_file_limit_is_refused(site, archive, tmp_path, monkeypatch):
    with zipfile.ZipFile(archive) as opened:
        largest = max(entry.file_size for entry in opened.infolist() if entry.filename != STORIES)
    monkeypatch.setattr(reading, "MAX_DATA_FILE_BYTES", largest)
    padded = rewritten(
        archive, tmp_path / "long.zip", replace={STORIES: lambda data: data + b" " * largest}
    )
    wipe_site()
    with pytest.raises(CommandError, match=re.escape(f"{STORIES} is larger than the")):
        run("import_site", padded)
    assert not rows()["stories.story"]


def test_a_member_compressed_as_export_never_does_is_refused_unread(site, archive, tmp_path):
    """bzip2 and LZMA decompress a whole block at once: 400 bytes can become 300 MB."""
    bad = tmp_path / "bzip2.zip"
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(bad, "w") as new:
        for name in old.namelist():
            method = zipfile.ZIP_BZIP2 if name == STORIES else zipfile.ZIP_DEFLATED
            new.writestr(name, old.read(name), compress_type=method)
    wipe_site()
    with pytest.raises(CommandError, match=f"{STORIES} is compressed or encrypted in a way"):
        run("import_site", bad)
    assert not rows()["stories.story"]


class _Endless(io.RawIOBase):
    """A member that decompresses for ever, whatever its header says."""

    def __init__(self):
        self.given = 0

    def read(self, size=-1):
        self.given += size
        return b" " * size


def test_reading_a_member_stops_as_soon_as_it_passes_the_limit():
    member = _Endless()
    with pytest.raises(streaming.Unreadable, match="too big"):
        for _block in streaming.counted(member, 1_000_000, too_large="too big"):
            pass
    assert member.given <= 1_000_000 + streaming.CHUNK


# --- Pictures a row names ------------------------------------------------------------

PARTICIPANTS = "data/participants.participant.json"


def _photo_of_first_participant(value):
    """An edit of the archive's participants file: its first row's photo set to `value`."""

    def edit(content):
        people = json.loads(content)
        people[0]["fields"]["slug"] = "not-here-yet"  # so a merge takes the row
        people[0]["fields"]["photo"] = value
        people[0]["fields"]["photo_alt"] = "A photo"
        return json.dumps(people)

    return edit


@MODES
@pytest.mark.parametrize(
    "value",
    ["../../outside.jpg", "/etc/hostname", "participants/../../x.jpg", "participants/absent.jpg"],
)
def test_a_picture_the_archive_does_not_carry_is_refused_naming_the_file_and_row(
    site, archive, tmp_path, merge, value
):
    if not merge:
        wipe_site()
    before, files = rows(), media_tree()
    bad = rewritten(
        archive,
        tmp_path / "bad.zip",
        replace={PARTICIPANTS: _photo_of_first_participant(value)},
    )
    with pytest.raises(CommandError) as refusal:
        run("import_site", bad, *(["--merge"] if merge else []))
    assert str(refusal.value) == (
        f"{tmp_path / 'bad.zip'}: {PARTICIPANTS}, row 1 names the file {value!r} (photo), "
        "which the archive does not carry; nothing was changed."
    )
    assert rows() == before and media_tree() == files


@MODES
def test_another_rows_picture_is_refused(site, archive, tmp_path, merge):
    hero = site["story"].hero_image.name
    if not merge:
        wipe_site()
    before = rows()
    bad = rewritten(
        archive, tmp_path / "bad.zip", replace={PARTICIPANTS: _photo_of_first_participant(hero)}
    )
    with pytest.raises(CommandError) as refusal:
        run("import_site", bad, *(["--merge"] if merge else []))
    assert str(refusal.value).endswith(
        f"data/stories.story.json, row 1 names the file {hero!r} (hero_image), which row 1 "
        f"of {PARTICIPANTS} names already; nothing was changed."
    )
    assert rows() == before


def test_a_resized_copy_naming_another_rows_picture_is_refused(site, archive, tmp_path):
    photo = Participant.objects.exclude(photo="").get().photo.name

    def edit(content):
        stories = json.loads(content)
        story = next(row for row in stories if row["fields"]["hero_image"])
        story["fields"]["renditions"]["hero_image"]["files"].append(photo)
        return json.dumps(stories)

    _refused(
        archive,
        tmp_path,
        re.escape(f"names the file {photo!r} (hero_image renditions), which row "),
        stories=edit,
    )
