"""What an archive holds: every model of the content apps decided on, and a manifest."""

import json
import zipfile

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User

from archive.contents import COVERED_APPS, EXCLUDED, PARTS
from tests.archive.site import archived_rows, rows, run, wipe_site

pytestmark = pytest.mark.django_db


def test_every_model_of_the_content_apps_is_archived_or_left_out_on_purpose():
    decided = {part.label for part in PARTS} | set(EXCLUDED)
    for app in COVERED_APPS:
        for model in apps.get_app_config(app).get_models():
            assert model._meta.label_lower in decided, model._meta.label


def test_the_manifest_counts_every_row_and_names_every_file(site, archive):
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        names = opened.namelist()
    media = sorted(name.removeprefix("media/") for name in names if name.startswith("media/"))
    assert (manifest["format"], manifest["version"]) == ("impactcms-site-archive", 1)
    here = rows()
    assert manifest["counts"] == {part.label: len(here[part.label]) for part in PARTS}
    assert manifest["counts"]["stories.story"] == 2
    assert media == sorted(manifest["media"])
    assert any(name.startswith("renditions/") for name in manifest["media"])


def test_staff_and_the_accounts_content_names_go_in_with_their_password_hashes(site, tmp_path):
    User.objects.create_user("someone-who-never-wrote", password="pw-for-tests-only")
    path = tmp_path / "site.zip"
    run("export_site", path)
    users = {row["fields"]["username"]: row["fields"] for row in archived_rows(path, "auth.user")}
    assert set(users) == {"erin-editor", "casey-contributor"}
    assert users["erin-editor"]["password"] == User.objects.get(username="erin-editor").password
    assert users["erin-editor"]["groups"] == [["Editors"]]


def test_a_stray_file_that_is_not_a_picture_is_left_out_and_the_archive_still_imports(
    site, tmp_path
):
    (settings.MEDIA_ROOT / "notes.txt").write_text("minutes of the steering group")
    path = tmp_path / "site.zip"
    output = run("export_site", path)
    assert "Left out 1 files in the media folder that are not pictures" in output
    assert "notes.txt" in output
    with zipfile.ZipFile(path) as archive:
        assert "media/notes.txt" not in archive.namelist()
    wipe_site()
    assert "Restored" in run("import_site", path)
