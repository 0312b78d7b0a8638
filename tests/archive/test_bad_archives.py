"""A missing, foreign, damaged or hostile archive is refused and changes nothing."""

import json
import re
import zipfile

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management.base import CommandError

from stories.models import Story
from tests.archive.site import media_tree, rewritten, rows, run, wipe_site

pytestmark = pytest.mark.django_db


def _manifest(change):
    def edit(content):
        manifest = json.loads(content)
        change(manifest)
        return json.dumps(manifest)

    return edit


def missing(good, tmp_path):
    return tmp_path / "nowhere.zip"


def not_an_archive(good, tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("Minutes of the steering group, not a zip.")
    return path


def truncated(good, tmp_path):
    path = tmp_path / "cut.zip"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def unknown_version(good, tmp_path):
    edit = _manifest(lambda manifest: manifest.update(version=99))
    return rewritten(good, tmp_path / "v99.zip", replace={"manifest.json": edit})


def climbing_out(good, tmp_path):
    edit = _manifest(lambda manifest: manifest["media"].append("../../etc/x"))
    add = {"media/../../etc/x": b"owned"}
    return rewritten(good, tmp_path / "dots.zip", replace={"manifest.json": edit}, add=add)


def absolute(good, tmp_path):
    return rewritten(good, tmp_path / "abs.zip", add={"/etc/x": b"owned"})


def unlisted_file(good, tmp_path):
    return rewritten(good, tmp_path / "extra.zip", add={"media/stories/extra.jpg": b"x"})


def not_a_picture(good, tmp_path):
    """An .html among the media would be served from the site's own address."""
    edit = _manifest(lambda manifest: manifest["media"].append("stories/evil.html"))
    add = {"media/stories/evil.html": b"<script>alert(1)</script>"}
    return rewritten(good, tmp_path / "html.zip", replace={"manifest.json": edit}, add=add)


def user_key_not_a_number(good, tmp_path):
    def edit(content):
        users = json.loads(content)
        users[0]["pk"] = [1]
        return json.dumps(users)

    return rewritten(good, tmp_path / "pk.zip", replace={"data/auth.user.json": edit})


def miscounted(good, tmp_path):
    edit = _manifest(lambda manifest: manifest["counts"].update({"stories.story": 7}))
    return rewritten(good, tmp_path / "count.zip", replace={"manifest.json": edit})


BAD = {
    missing: "There is no archive file",
    not_an_archive: "is not a site archive: it is not a zip file",
    truncated: "is not a site archive: it is not a zip file, or it was cut short",
    unknown_version: "format version 99; this site reads version 1 only",
    climbing_out: "unsafe name: 'media/../../etc/x'",
    absolute: "unsafe name: '/etc/x'",
    unlisted_file: "does not match its manifest",
    miscounted: "does not hold the 7 rows counted",
    not_a_picture: "names a media file that is not a picture",
    user_key_not_a_number: "holds a row numbered [1]",
}


@pytest.mark.parametrize("merge", [False, True], ids=["restore", "merge"])
@pytest.mark.parametrize("make", BAD, ids=[make.__name__ for make in BAD])
def test_a_bad_archive_is_refused_and_changes_nothing(site, archive, tmp_path, make, merge):
    bad = make(archive, tmp_path)
    before, files = rows(), media_tree()
    with pytest.raises(CommandError, match=re.escape(BAD[make])):
        run("import_site", bad, *(["--merge"] if merge else []))
    assert rows() == before
    assert media_tree() == files
    assert not (tmp_path / "etc").exists()


def test_rows_that_do_not_load_leave_other_files_alone(site, archive, tmp_path):
    wipe_site()
    (settings.MEDIA_ROOT / "notes").mkdir(parents=True)
    (settings.MEDIA_ROOT / "notes" / "keep.txt").write_text("left alone")
    before, files = rows(), media_tree()

    def break_a_story(content):
        stories = json.loads(content)
        stories[-1]["fields"]["status"] = "no-such-status"
        return json.dumps(stories)

    bad = rewritten(
        archive, tmp_path / "bad.zip", replace={"data/stories.story.json": break_a_story}
    )
    with pytest.raises(CommandError, match="does not load here"):
        run("import_site", bad)
    assert rows() == before and media_tree() == files


def test_a_media_write_failing_midway_takes_back_what_it_wrote(site, archive, monkeypatch):
    wipe_site()
    before = rows()
    save, saved = FileSystemStorage._save, []

    def full_disk_after_three(self, name, content):
        if len(saved) == 3:
            raise OSError(28, "No space left on device")
        saved.append(name)
        return save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", full_disk_after_three)
    with pytest.raises(CommandError, match=r"No space left on device.*nothing was changed"):
        run("import_site", archive)
    assert len(saved) == 3
    assert rows() == before and not Story.objects.exists()
    assert media_tree() is None


def test_a_different_file_already_at_an_archived_name_is_refused(site, archive):
    wipe_site()
    with zipfile.ZipFile(archive) as opened:
        name = json.loads(opened.read("manifest.json"))["media"][0]
    (settings.MEDIA_ROOT / name).parent.mkdir(parents=True)
    (settings.MEDIA_ROOT / name).write_bytes(b"someone else's file")
    files = media_tree()
    with pytest.raises(CommandError, match=f"already has a different file at {name}"):
        run("import_site", archive)
    assert media_tree() == files and not Story.objects.exists()


STORY_DAMAGE = {
    "unknown field": lambda row: row["fields"].update(colour="red"),
    "key not a number": lambda row: row.update(pk="abc"),
    "participant not archived": lambda row: row["fields"].update(participant=999_999),
    "date not a date": lambda row: row["fields"].update(published_at="yesterday"),
    "status not a status": lambda row: row["fields"].update(status="no-such-status"),
}


@pytest.mark.parametrize("merge", [False, True], ids=["restore", "merge"])
@pytest.mark.parametrize("damage", STORY_DAMAGE.values(), ids=STORY_DAMAGE)
def test_a_damaged_row_is_refused_and_changes_nothing(site, archive, tmp_path, damage, merge):
    if not merge:
        wipe_site()
    before, files = rows(), media_tree()

    def damaged(content):
        stories = json.loads(content)
        stories[0]["fields"]["slug"] = "not-here-yet"  # so a merge takes the row
        damage(stories[0])
        return json.dumps(stories)

    bad = rewritten(archive, tmp_path / "bad.zip", replace={"data/stories.story.json": damaged})
    with pytest.raises(CommandError, match="nothing was changed"):
        run("import_site", bad, *(["--merge"] if merge else []))
    assert rows() == before and media_tree() == files


@pytest.mark.parametrize("merge", [False, True], ids=["restore", "merge"])
def test_markup_slipped_into_an_archive_is_sanitised_on_the_way_in(
    site, archive, tmp_path, merge, client
):
    """An archive is typed by no editor: its story bodies are cleaned as the admin's are."""
    if not merge:
        wipe_site()

    def hostile(content):
        stories = json.loads(content)
        stories[0]["fields"]["slug"] = "slipped-in"
        stories[0]["fields"]["body"] = (
            '<p>Kept words</p><script>alert(1)</script><img src=x onerror="alert(2)">'
            '<p><a href="javascript:alert(3)">link</a></p>'
        )
        return json.dumps(stories)

    bad = rewritten(archive, tmp_path / "xss.zip", replace={"data/stories.story.json": hostile})
    run("import_site", bad, *(["--merge"] if merge else []))
    body = Story.objects.get(slug="slipped-in").body
    assert "Kept words" in body
    for live in ("<script", "onerror", "javascript:", "<img"):
        assert live not in body
