"""Export, empty the site, import: the same rows, tags, files and public pages come back."""

import pytest
from django.contrib.auth.models import User
from django.core.management.base import CommandError

from pagecache import versions
from stories.models import StatusChange, Story
from tests.archive.site import media_tree, rows, run, wipe_site
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_an_emptied_site_comes_back_row_for_row_and_byte_for_byte(site, archive):
    before, files = rows(), media_tree()
    wipe_site()
    assert Story.objects.count() == 0 and media_tree() is None

    output = run("import_site", archive)

    assert "2 stories" in output
    after = rows()
    for label in before:
        assert after[label] == before[label], label
    assert media_tree() == files
    assert after["tags"]["o-ganolfannau-hamdden"] == ["Café culture", "Iechyd a lles", "covid-19"]


def test_the_restored_story_is_served_and_found(site, archive, client):
    wipe_site()
    run("import_site", archive)
    story = Story.objects.get(slug="o-ganolfannau-hamdden")
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert "Siobhán Ní Bhriain" in page.content.decode()
    found = client.get("/search/", {"q": "Ceredigion hamdden"}).content.decode()
    assert story.title in found
    assert client.get(site["draft"].get_absolute_url()).status_code == 404
    hero = story.renditions["hero_image"]["hero"][-1]["jpeg"]
    assert hero in page.content.decode()


def test_cached_pages_from_before_the_import_are_not_served(site, archive, client):
    wipe_site()
    token = versions.current_token()
    run("import_site", archive)
    versions.forget()
    assert versions.current_token() != token


def test_new_rows_after_a_restore_take_fresh_keys(site, archive):
    wipe_site()
    run("import_site", archive)
    highest = Story.objects.order_by("-pk").first().pk
    story = make_story(title="Written after the restore")
    assert story.pk > highest
    StatusChange.objects.create(story=story, to_status="draft")
    User.objects.create_user("new-editor")


def test_restored_editors_keep_their_passwords_and_groups(site, archive):
    wipe_site()
    run("import_site", archive)
    editor = User.objects.get(username="erin-editor")
    assert editor.check_password("pw-for-tests-only")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]


def test_a_site_with_content_is_refused_without_merge(site, archive):
    before = rows()
    with pytest.raises(CommandError, match=r"already has content .*use --merge"):
        run("import_site", archive)
    assert rows() == before
