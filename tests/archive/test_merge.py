"""--merge: what is here stays as it is; the rest of the archive is added beside it."""

import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from reversion.models import Revision
from taggit.models import Tag

from editorial import revisions
from participants.models import Organisation
from stories.models import ShareLink, Story, Theme
from tests.archive.site import add_image, archived_rows, rows, run, wipe_site
from tests.factories import make_organisation, make_staff, make_story, make_theme
from tests.images.pictures import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_site(archive):
    """Another site that shares a few names with the archived one."""
    wipe_site()
    make_staff("erin-editor", "Editors")
    make_organisation(name="Ceredigion County Council", slug="cyngor-sir-ceredigion")
    make_theme(name="Anghydraddoldebau iechyd", slug="health-inequalities")
    ours = make_story(
        title="Our own draft", slug="drafft-sgwrs", status=Story.Status.DRAFT, published_at=None
    )
    ours.tags.add("covid-19")
    ours.hero_image_alt = "Our picture"
    add_image(ours, "hero_image", "taith-gerdded.jpg", image_bytes(colour=(10, 200, 10)))
    return ours


def test_what_is_here_is_kept_and_the_rest_added_and_linked(archive, other_site):
    ours = other_site
    our_hero = ours.hero_image.name
    our_bytes = default_storage.open(our_hero).read()
    [archived_story] = [
        row for row in archived_rows(archive, "stories.story") if row["fields"]["featured"]
    ]

    output = run("import_site", archive, "--merge")

    added, kept_here = output.split("; kept what was here already: ")
    assert "2 participants" in added and "1 stories" in added and "3 media files" in added
    assert kept_here.strip() == "1 users, 1 organisations, 1 themes, 1 tags, 1 stories."
    kept = Story.objects.get(slug="drafft-sgwrs")
    assert kept.title == "Our own draft" and list(kept.tags.names()) == ["covid-19"]
    assert not kept.share_links.exists() and not kept.sign_offs.exists()
    assert default_storage.open(our_hero).read() == our_bytes

    story = Story.objects.get(slug="o-ganolfannau-hamdden")
    assert story.pk != archived_story["pk"]
    council = Organisation.objects.get(slug="cyngor-sir-ceredigion")
    assert story.participant.name == "Siobhán Ní Bhriain"
    assert story.participant.organisation == council
    assert council.name == "Ceredigion County Council"
    assert {t.slug for t in story.themes.all()} == {"health-inequalities", "co-production"}
    assert Theme.objects.count() == 2
    assert sorted(story.tags.names()) == ["Café culture", "Iechyd a lles", "covid-19"]
    assert Tag.objects.filter(name="covid-19").count() == 1
    assert [p.role for p in story.partnerships.all()] == ["Gwerthuso", "Delivery partner"]
    assert [str(o.value) for o in story.outcomes.all()] == ["250000.00", "3.00", "None"]
    changes = {c.to_status: c.by.username for c in story.status_changes.all()}
    assert changes == {"review": "casey-contributor", "published": "erin-editor"}


def test_the_added_story_gets_its_own_upload_and_fresh_renditions(archive, other_site):
    archived_name = archived_rows(archive, "stories.story")[0]["fields"]["hero_image"]
    with zipfile.ZipFile(archive) as opened:
        archived_bytes = opened.read(f"media/{archived_name}")
    run("import_site", archive, "--merge")
    story = Story.objects.get(slug="o-ganolfannau-hamdden")
    assert story.hero_image.name != other_site.hero_image.name  # that name was taken here
    assert story.hero_image.read() == archived_bytes
    made = story.renditions["hero_image"]
    assert made["source"] == story.hero_image.name
    assert all(f"/{story.pk}/" in name and default_storage.exists(name) for name in made["files"])


def test_merged_accounts_cannot_sign_in_and_existing_ones_are_untouched(archive, other_site):
    run("import_site", archive, "--merge")
    casey = User.objects.get(username="casey-contributor")
    assert not casey.is_active and not casey.is_staff and not casey.has_usable_password()
    assert not casey.groups.exists()
    erin = User.objects.get(username="erin-editor")
    assert erin.is_active and erin.check_password("pw-for-tests-only")


def test_history_is_not_merged_but_each_added_story_starts_one(archive, other_site):
    run("import_site", archive, "--merge")
    story = Story.objects.get(slug="o-ganolfannau-hamdden")
    [version] = revisions.versions_of(story.pk)
    assert version.revision.comment == "Added from a site archive"
    assert Revision.objects.count() == 1
    assert revisions.deleted_stories() == []


def test_the_merged_story_is_served_and_found(archive, other_site, client):
    run("import_site", archive, "--merge")
    story = Story.objects.get(slug="o-ganolfannau-hamdden")
    assert client.get(story.get_absolute_url()).status_code == 200
    assert story.title in client.get("/search/", {"q": "hamdden"}).content.decode()


def test_merging_the_same_archive_again_adds_nothing(archive, other_site):
    run("import_site", archive, "--merge")
    before = rows()
    output = run("import_site", archive, "--merge")
    assert "added nothing and 0 media files" in output
    assert rows() == before


def test_share_links_are_not_merged_but_sign_offs_keep_their_answer(archive):
    """A link sent for the other site's draft must open nothing here."""
    wipe_site()
    make_story(title="Something of ours", slug="something-of-ours")
    run("import_site", archive, "--merge")
    draft = Story.objects.get(slug="drafft-sgwrs")
    assert not ShareLink.objects.exists()
    [answer] = draft.sign_offs.all()
    assert answer.comment == "Newidiwch y teitl, os gwelwch" and answer.share_link is None
