"""Erasing a person: nothing of them left in any table, file, search index or cached page."""

import io
from unittest import mock

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Revision, Version
from taggit.models import Tag

from editorial import erasure, sharing
from editorial.erasure import erase_participant, plan_erasure
from participants.models import Erasure, Organisation, Participant
from stories.models import SearchDocument, ShareLink, SignOff, Story, Theme
from tests.editorial.personal_data import (
    CHANGELIST,
    NAME,
    OTHER,
    files_of_theirs,
    make_viewer,
    media_files,
    rows_naming_them,
    scanned_models,
    search_index_naming_them,
    story_versions,
)
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def erase(django_capture_on_commit_callbacks):
    """Erase as the service does it, running what waits for the commit."""

    def run(participant, by):
        with django_capture_on_commit_callbacks(execute=True):
            return erase_participant(participant=participant, by=by)

    return run


def test_the_scan_would_find_them_everywhere_beforehand(person):
    found = {row.split(" #")[0] for row in rows_naming_them()}
    assert {
        "participants.Participant",
        "participants.ConsentChange",
        "stories.Story",
        "stories.Outcome",
        "stories.ShareLink",
        "stories.SignOff",
        "stories.SearchDocument",
        "taggit.Tag",
        "admin.LogEntry",
        "reversion.Version",
    } <= found
    # SQLite keeps words in FTS5 shadow tables too; PostgreSQL's index is the
    # SearchDocument row's own vector, scanned above.
    assert search_index_naming_them() or connection.vendor != "sqlite"
    assert files_of_theirs(media_files(), person)
    assert {Version, Revision, LogEntry} <= set(scanned_models())


def test_after_erasure_no_table_names_them(person, editor, erase):
    erase(person.participant, editor)
    assert rows_naming_them() == []
    assert search_index_naming_them() == []


def test_after_erasure_no_file_of_theirs_is_left(person, editor, erase):
    erase(person.participant, editor)
    assert files_of_theirs(media_files(), person) == []
    assert not any(default_storage.exists(name) for name in person.files)


def test_their_stories_and_every_revision_of_them_are_gone(person, editor, erase):
    erase(person.participant, editor)
    assert not Participant.objects.filter(pk=person.participant.pk).exists()
    mine = [person.published.pk, person.draft.pk, person.deleted_story_id]
    assert not Story.objects.filter(pk__in=mine).exists()
    assert not SearchDocument.objects.filter(story_id__in=mine).exists()
    assert all(story_versions(pk) == [] for pk in mine)
    # No revision is left holding only the names of themes and organisations.
    assert not Revision.objects.filter(version__isnull=True).exists()
    assert not Revision.objects.exclude(version__content_type__model="story").exists()


def test_other_peoples_stories_and_revisions_stay(person, editor, erase):
    before = {
        pk: [v.pk for v in story_versions(pk)] for pk in (person.other_story.pk, person.moved.pk)
    }
    erase(person.participant, editor)
    assert Participant.objects.get(pk=person.other.pk).name == OTHER
    assert Story.objects.filter(pk=person.other_story.pk, participant=person.other).exists()
    assert [v.pk for v in story_versions(person.other_story.pk)] == before[person.other_story.pk]
    # The story given to Ottoline keeps her revision and loses the one that was about Zebedee.
    moved = Story.objects.get(pk=person.moved.pk)
    assert moved.participant == person.other
    kept = story_versions(person.moved.pk)
    first, _, last = before[person.moved.pk]
    assert [v.pk for v in kept] == [first, last]
    assert [v.field_dict["participant_id"] for v in kept] == [None, person.other.pk]
    # What others share stays: the shared tag, the theme, the organisations.
    assert Tag.objects.filter(name="allotments").exists()
    assert not Tag.objects.filter(name="quillfeather-gardens").exists()
    assert Theme.objects.filter(slug="community-development").exists()
    assert Organisation.objects.filter(slug="mudford").exists()
    assert SearchDocument.objects.filter(story_id=person.other_story.pk).exists()


def test_a_story_given_to_someone_else_loses_their_link_answer_and_log_and_keeps_hers(
    person, editor, erase
):
    report = erase(person.participant, editor)
    moved = person.moved
    assert [link.label for link in ShareLink.objects.filter(story=moved)] == [
        "Ottoline, to approve"
    ]
    assert [answer.comment for answer in SignOff.objects.filter(story=moved)] == ["Lovely."]
    assert sorted(
        LogEntry.objects.filter(object_id=str(moved.pk)).values_list("change_message", flat=True)
    ) == ["Changed body.", "Created a share link for Ottoline, to approve."]
    assert (report.removed["share links"], report.removed["sign-offs"]) == (2, 2)


def test_a_link_filled_in_for_whom_a_story_is_about_now_goes_with_them(person, editor, erase):
    """As migration 0006 filled in a link from before: for the story's participant that day."""
    ShareLink.objects.filter(pk=person.moved_link.pk).update(participant=person.other)
    SignOff.objects.filter(share_link=person.moved_link).update(participant=person.other)
    erase(person.participant, editor)
    assert rows_naming_them() == []
    assert ShareLink.objects.filter(story=person.moved).count() == 1


def test_a_link_sent_to_their_address_that_records_no_one_goes_too(person, editor, erase):
    """A draft about no one yet, shown to them by the address they gave."""
    draft = make_story(participant=None, status=Story.Status.DRAFT, published_at=None)
    link = sharing.create_share_link(
        story=draft, by=editor, label="To check", sent_to="Zebedee@Quillfeather.example"
    )
    answer = sharing.record_sign_off(link=link, decision="approved")
    assert (link.participant, answer.participant) == (None, None)
    erase(person.participant, editor)
    assert not ShareLink.objects.filter(pk=link.pk).exists()
    assert not SignOff.objects.filter(pk=answer.pk).exists()
    assert Story.objects.filter(pk=draft.pk).exists()


def test_a_revision_shared_with_someone_elses_story_keeps_theirs(person, editor, erase):
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(person.published)
        reversion.add_to_revision(person.other_story)
        reversion.set_comment("Saved together")
    shared = Revision.objects.get(comment="Saved together")
    erase(person.participant, editor)
    left = Version.objects.filter(revision=shared)
    # Her story, its tag link, and the names it points at: not his partner's, not his tag.
    assert {v.content_type.model for v in left} == {"story", "theme", "taggedstory", "tag"}
    assert [v.object_repr for v in left if v.content_type.model == "tag"] == ["allotments"]
    assert {v.object_id for v in left if v.content_type.model == "story"} == {
        str(person.other_story.pk)
    }
    assert rows_naming_them() == []


def test_the_erasure_is_logged_by_id_and_who_never_by_name(person, editor, erase):
    report = erase(person.participant, editor)
    logged = Erasure.objects.get()
    assert (logged.participant_id, logged.by) == (person.participant.pk, editor)
    assert report.erasure == logged
    assert NAME not in str(logged)
    assert report.removed["stories"] == 2
    assert report.removed["saved revisions"] == 4
    assert report.files_not_deleted == []


def test_an_operator_may_erase_without_an_account(person, erase):
    erase(person.participant, None)
    assert Erasure.objects.get().by is None


@pytest.mark.parametrize("role", ["contributor", "viewer"])
def test_the_service_refuses_anyone_who_may_not_change_consent(person, role, request):
    user = request.getfixturevalue("contributor") if role == "contributor" else make_viewer()
    with pytest.raises(PermissionDenied):
        erase_participant(participant=person.participant, by=user)
    assert Participant.objects.filter(pk=person.participant.pk).exists()
    assert not Erasure.objects.exists()


def test_a_failed_erasure_keeps_every_row_and_file(
    person, editor, django_capture_on_commit_callbacks
):
    before = media_files()
    with (
        mock.patch.object(erasure, "bump", side_effect=RuntimeError("cache down")),
        django_capture_on_commit_callbacks(execute=True) as waiting,
        pytest.raises(RuntimeError),
    ):
        erase_participant(participant=person.participant, by=editor)
    assert waiting == []
    assert media_files() == before
    assert Participant.objects.get(pk=person.participant.pk).photo.name in before
    assert Story.objects.get(pk=person.published.pk).hero_image.name in before
    assert not Erasure.objects.exists()


def test_a_page_cached_before_shows_nothing_of_them_after(
    person, editor, client, erase, django_assert_max_num_queries
):
    pages = [
        person.published.get_absolute_url(),
        person.participant.get_absolute_url(),
        "/stories/",
        f"/themes/{Theme.objects.get(slug='community-development').slug}/",
        "/search/?q=allotments",
    ]
    for page in pages:
        assert NAME in client.get(page).content.decode()
        with django_assert_max_num_queries(1):  # from the cache (at most the content version)
            assert NAME in client.get(page).content.decode()
    erase(person.participant, editor)
    for page in pages:
        response = client.get(page)
        assert response.status_code in (200, 404)
        assert "Quillfeather" not in response.content.decode()


def test_their_name_in_other_peoples_records_is_reported_and_left(person, editor, erase):
    other = person.other
    other.bio = f"Ottoline learned to dig from {NAME}."
    other.save()
    plan = plan_erasure(person.participant)
    assert [(m.label, m.fields) for m in plan.mentions] == [(OTHER, ("bio",))]
    report = erase(person.participant, editor)
    assert [m.label for m in report.mentions] == [OTHER]
    assert rows_naming_them() == [f"participants.Participant #{other.pk} bio"]


def test_a_picture_that_cannot_be_deleted_is_reported(person, editor, erase):
    with mock.patch.object(default_storage, "delete", side_effect=OSError("disk gone")):
        report = erase(person.participant, editor)
    assert set(person.files) <= set(report.files_not_deleted)
    assert rows_naming_them() == []


# --- The command --------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("erase_participant", *args, stdout=out)
    return out.getvalue()


def test_the_command_without_confirm_says_what_would_go_and_removes_nothing(person):
    said = run("zebedee-quillfeather")
    assert "Zebedee Quillfeather's allotments" in said
    assert "stories: 2" in said and "Nothing was removed" in said
    assert Participant.objects.filter(pk=person.participant.pk).exists()
    assert files_of_theirs(media_files(), person)


def test_the_command_with_confirm_erases(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        said = run("zebedee-quillfeather", "--confirm")
    assert f"Erased participant #{person.participant.pk}" in said and NAME not in said
    assert rows_naming_them() == []
    assert files_of_theirs(media_files(), person) == []
    assert Erasure.objects.get().by is None


def test_the_command_names_an_unknown_slug():
    with pytest.raises(CommandError, match="No participant has the slug “nobody”"):
        run("nobody", "--confirm")


def test_the_command_takes_the_id_the_erasure_log_gives(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("--id", str(person.participant.pk), "--confirm")
    assert Erasure.objects.get().participant_id == person.participant.pk
    with pytest.raises(CommandError, match=f"No participant has the id {person.participant.pk}"):
        run("--id", str(person.participant.pk), "--confirm")
    with pytest.raises(CommandError, match="by slug or by --id"):
        run("--confirm")


# --- The admin action ---------------------------------------------------------------


def erase_in_admin(client, person, **extra):
    data = {"action": "erase_personal_data", "_selected_action": [person.participant.pk]}
    return client.post(CHANGELIST, data | extra)


def test_editors_confirm_on_a_page_that_lists_what_goes(person, editor_client):
    page = erase_in_admin(editor_client, person)
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Erase <strong>{NAME}</strong>" in text
    assert "Zebedee Quillfeather&#x27;s allotments" in text
    assert "Draft: Quillfeather at the council" in text
    assert 'name="confirm" value="erase"' in text
    assert "Backups taken before today still hold them" in text
    assert Participant.objects.filter(pk=person.participant.pk).exists()


def test_editors_erase_after_confirming(person, editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = erase_in_admin(editor_client, person, confirm="erase")
    assert response.status_code == 302
    assert rows_naming_them() == []
    listing = editor_client.get(CHANGELIST).content.decode()
    assert f"Erased participant #{person.participant.pk}" in listing
    assert "Quillfeather" not in listing


def test_erasing_two_people_at_once_is_refused(person, editor_client):
    both = [person.participant.pk, person.other.pk]
    data = {"action": "erase_personal_data", "_selected_action": both, "confirm": "erase"}
    response = editor_client.post(CHANGELIST, data, follow=True)
    assert "Select exactly one person to erase" in response.content.decode()
    assert Participant.objects.filter(pk=person.participant.pk).exists()


@pytest.mark.parametrize("role", ["contributor", "viewer"])
def test_others_are_not_offered_erasure_and_cannot_force_it(person, client, role, request):
    user = request.getfixturevalue("contributor") if role == "contributor" else make_viewer()
    client.force_login(user)
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert "erase_personal_data" not in listing.content.decode()
    response = erase_in_admin(client, person, confirm="erase")
    assert response.status_code in (200, 302, 403)
    assert "Erase <strong>" not in response.content.decode()
    assert Participant.objects.filter(pk=person.participant.pk).exists()
    assert not Erasure.objects.exists()


def test_editors_are_offered_erasure(editor_client, person):
    assert "erase_personal_data" in editor_client.get(CHANGELIST).content.decode()


def test_a_word_only_their_stories_had_leaves_the_search_vocabulary_and_shared_words_stay():
    """The words misspellings are corrected to (stories.SearchWord) are derived from
    the search text: erasing a person takes out the words that only they had."""
    from stories.models import SearchWord
    from stories.search.documents import refresh_documents
    from tests.factories import make_participant, make_story

    them = make_participant(name="Quillon Vantrobe", slug="quillon")
    theirs = make_story(title="Lantern walks in Marrowfield", participant=them)
    other = make_story(title="Lantern walks elsewhere", participant=make_participant(slug="o"))
    refresh_documents([theirs.pk, other.pk])
    assert {"quillon", "vantrobe", "marrowfield", "lantern"} <= set(
        SearchWord.objects.values_list("word", flat=True)
    )
    erase_participant(participant=them, by=None)
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert not {"quillon", "vantrobe", "marrowfield"} & words
    assert "lantern" in words
