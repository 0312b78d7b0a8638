"""Subject access: one zip with everything held about a person, and nothing that is not theirs."""

import io
import json
import zipfile

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command

from editorial.sharing import create_share_link, record_sign_off, share_token
from editorial.subject_access import MENTION_FIELDS, export_participant, mentions
from stories.models import ShareLink, SignOff, Story
from tests.editorial.personal_data import CHANGELIST, MARKS, NAME, OTHER, make_viewer
from tests.factories import (
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
)

pytestmark = pytest.mark.django_db

STORY = "stories/zebedee-quillfeather-allotments"


@pytest.fixture
def export(person):
    with zipfile.ZipFile(io.BytesIO(export_participant(person.participant))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def read(export, name):
    return json.loads(export[name])


def test_their_record_has_every_field(export, person):
    record = read(export, "person.json")
    assert record["name"] == NAME
    assert record["bio"] == "Zebedee Quillfeather looks after Mudford's allotments."
    assert record["organisation"] == "Mudford Town Council"
    assert len(record["cohorts"]) == 1
    assert record["photo"] == person.participant.photo.name
    assert record["consent_given"] is True and record["consent_scope"] == "web_and_print"


def test_consent_history_carries_the_words_of_each_version_agreed(export):
    consent = read(export, "consent.json")
    assert consent["now"]["consent_wording"]["version"] == 2
    assert consent["now"]["consent_wording"]["text"].startswith("Version two of the wording")
    history = consent["history"]
    assert [change["wording"]["version"] for change in history] == [1, 2]
    assert history[0]["wording"]["text"].startswith("I agree that")
    assert history[0]["note"] == "Zebedee agreed on the phone."
    assert history[0]["by"] == "erin-editor"
    assert history[0]["changes"] == {"consent_given": ["no", "yes"]}


def test_each_story_comes_with_everything_attached(export):
    story = read(export, f"{STORY}/story.json")
    assert story["title"] == "Zebedee Quillfeather's allotments"
    assert story["body"] == "<p>Zebedee Quillfeather started with one plot.</p>"
    assert story["themes"] == ["Community development"]
    assert sorted(story["tags"]) == ["allotments", "quillfeather-gardens"]
    [partner] = story["partners"]
    assert (partner["organisation"], partner["role"]) == ("Mudford Allotment Society", "Host")
    assert story["outcomes"][0]["description"] == "Quillfeather's plots opened"
    assert [(c["from"], c["to"]) for c in story["status history"]] == [("review", "published")]
    assert story["sign-offs"][0]["comment"] == "Quillfeather has two Ls, please."
    assert story["sign-offs"][0]["sent_to"] == "zebedee@quillfeather.example"
    [link] = story["share links"]
    assert (link["for"], link["sent to"]) == ("Zebedee, to approve", "zebedee@quillfeather.example")
    assert link["expires at"] and link["revoked at"] is None and link["created at"]


def test_drafts_are_included(export):
    draft = read(export, "stories/draft-quillfeather-at-the-council/story.json")
    assert draft["status"] == "draft"


def test_every_stored_revision_is_included_as_data(export, person):
    [revision] = read(export, f"{STORY}/revisions.json")
    assert revision["by"] == "erin-editor" and revision["comment"] == "Created"
    models = {row["model"].removeprefix("stories.") for row in revision["rows"]}
    assert {"story", "outcome", "storypartner", "taggedstory", "theme"} <= models
    story_row = next(row for row in revision["rows"] if row["model"] == "stories.story")
    assert story_row["fields"]["participant"] == person.participant.pk
    # A deleted story of theirs, and the revision of a story from when it was about them.
    gone = read(export, f"earlier-stories/{person.deleted_story_id}/revisions.json")
    assert gone[0]["rows"][0]["fields"]["title"] == "Zebedee Quillfeather's first try"
    moved = read(export, f"earlier-stories/{person.moved.pk}/revisions.json")
    assert len(moved) == 1 and "Zebedee Quillfeather's hubs" in json.dumps(moved)


def test_the_admin_log_about_them_and_their_stories_is_included(export, person):
    shown = {entry["shown as"]: entry for entry in read(export, "admin-log.json")}
    assert shown[NAME]["message"] == "Changed Zebedee Quillfeather's job title."
    assert shown["Zebedee Quillfeather's allotments"]["by"] == "erin-editor"
    assert "Zebedee Quillfeather's first try" in shown  # a story since deleted


def test_their_pictures_are_the_originals_under_plain_names(export, person):
    photo = person.participant.photo.name
    hero = person.published.hero_image.name
    assert export["pictures/photo.jpg"] == person.pictures[photo]
    hero_in_zip = "pictures/story-zebedee-quillfeather-allotments-hero.jpg"
    assert export[hero_in_zip] == person.pictures[hero]


def test_the_summary_says_what_is_held_and_where_it_shows(export):
    summary = export["README.txt"].decode()
    assert summary.startswith(f"Everything Impact CMS holds about {NAME}")
    assert "Consent stands" in summary
    assert "Their page: /participants/zebedee-quillfeather/" in summary
    assert "/stories/zebedee-quillfeather-allotments/" in summary
    assert "Draft: Quillfeather at the council (Draft)" in summary
    assert "Nowhere else." in summary


def test_no_share_link_secret_and_nothing_of_anyone_else(export, person):
    everything = b"".join(export.values())
    assert person.link.key.encode() not in everything
    assert share_token(person.link).encode() not in everything
    assert OTHER.encode() not in everything
    assert b"ottoline" not in everything.lower()


def test_a_story_given_to_someone_else_keeps_what_was_theirs_in_their_export(export, person):
    """The link sent them and their answer while it was theirs, and the log of them."""
    moved = read(export, f"earlier-stories/{person.moved.pk}/sharing.json")
    [link] = moved["share links"]
    assert (link["for"], link["sent to"]) == ("Zebedee, for the hubs", person.moved_link.sent_to)
    [answer] = moved["sign-offs"]
    assert answer["comment"] == "Zebedee here: not my hubs."
    messages = [entry["message"] for entry in read(export, "admin-log.json")]
    assert "Created a share link for Zebedee, for the hubs." in messages
    assert "Revoked a share link for Zebedee, for the hubs." in messages
    assert "Created a share link for Ottoline, to approve." not in messages
    assert "Changed body." not in messages  # logged once the story was hers


def test_the_export_of_whom_a_story_is_about_now_has_nothing_of_the_one_before(person):
    """Ottoline's story was Zebedee's: his words, link, answer, address and log stay out."""
    export = export_of(person.other)
    everything = b"".join(export.values()).lower()
    assert not [mark for mark in MARKS if mark.encode() in everything]
    story = read(export, "stories/community-hubs/story.json")
    assert [link["for"] for link in story["share links"]] == ["Ottoline, to approve"]
    assert [answer["comment"] for answer in story["sign-offs"]] == ["Lovely."]
    [revision] = read(export, "stories/community-hubs/revisions.json")
    assert "Ottoline's hubs" in json.dumps(revision)
    messages = [entry["message"] for entry in read(export, "admin-log.json")]
    assert "Changed body." in messages
    assert "Created a share link for Ottoline, to approve." in messages


def export_of(participant) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(export_participant(participant))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_link_filled_in_for_whom_a_story_is_about_now_is_shown_to_neither(person):
    """Links made before they recorded whom for were filled in by migration 0006 with
    the story's participant that day: Ottoline, for the link sent Zebedee."""
    ShareLink.objects.filter(pk=person.moved_link.pk).update(participant=person.other)
    SignOff.objects.filter(share_link=person.moved_link).update(participant=person.other)
    hers = b"".join(export_of(person.other).values()).lower()
    assert not [mark for mark in MARKS if mark.encode() in hers]
    assert f"earlier-stories/{person.moved.pk}/sharing.json" not in export_of(person.participant)


def test_other_peoples_records_naming_them_are_listed(person):
    person.other.bio = f"Ottoline learned to dig from {NAME}."
    person.other.save()
    with zipfile.ZipFile(io.BytesIO(export_participant(person.participant))) as archive:
        listed = json.loads(archive.read("mentioned-elsewhere.json"))
        assert "Participant: Ottoline Brackenbury (bio)" in archive.read("README.txt").decode()
    assert listed == [{"what": "participant", "which": OTHER, "where in it": ["bio"]}]


# --- Named elsewhere -----------------------------------------------------------------


def found(participant):
    return [(m.kind, m.label, m.fields) for m in mentions(participant)]


def test_their_name_is_found_in_every_field_of_others_records_that_holds_words(editor):
    harriet = make_participant(name="Harriet Vane")
    other = make_story(
        participant=make_participant(
            name="Peter Wimsey", job_title="Deputy to Harriet Vane", photo_alt="With Harriet Vane"
        ),
        title="Other",
        hero_image_alt="Harriet Vane at the opening",
    )
    make_outcome(other, verified_by="Harriet Vane", description="Harriet Vane's scheme funded")
    make_partner(other, make_organisation(name="Shrewsbury", description="Founded by Harriet Vane"))
    link = create_share_link(
        story=other, by=editor, label="Harriet Vane", sent_to="harriet.vane@example.org"
    )
    record_sign_off(link=link, decision="changes", comment="Harriet Vane here: fix it")
    make_partner(other, role="Chaired by Harriet Vane")
    assert found(harriet) == [
        (
            "story",
            "Other",
            (
                "hero image alt",
                "outcome description",
                "outcome verified by",
                "story partner role",
                "share link label",
                "share link sent to",
                "sign off comment",
                "sign off link label",
                "sign off sent to",
            ),
        ),
        ("participant", "Peter Wimsey", ("job title", "photo alt")),
        ("organisation", "Shrewsbury", ("description",)),
    ]


def test_their_name_is_found_in_any_case_of_any_alphabet(db):
    zoe = make_participant(name="Zoë Ørsted")
    make_story(participant=make_participant(), title="Shouted", body="<p>ZOË ØRSTED spoke.</p>")
    make_story(participant=make_participant(), title="Said", body="<p>Zoë Ørsted spoke.</p>")
    zhanna = make_participant(name="Жанна")
    make_story(participant=make_participant(), title="Cyrillic", body="<p>ЖАННА спела.</p>")
    assert [label for _kind, label, _fields in found(zoe)] == ["Shouted", "Said"]
    assert [label for _kind, label, _fields in found(zhanna)] == ["Cyrillic"]


def test_their_name_is_found_as_whole_words_only(db):
    ann = make_participant(name="Ann")
    make_story(participant=make_participant(), title="Annabel's year", body="<p>Annual.</p>")
    make_story(participant=make_participant(), title="Thanks", body="<p>Ann's idea.</p>")
    assert found(ann) == [("story", "Thanks", ("body",))]


def test_an_export_does_not_name_someone_elses_draft_or_hidden_profile(db):
    ann = make_participant(name="Ann Lee")
    draft = make_story(
        participant=make_participant(),
        title="Confidential: a hard year",
        status=Story.Status.DRAFT,
        published_at=None,
        body="<p>Ann Lee helped.</p>",
    )
    hidden = make_participant(name="Private Person", consent_given=False, bio="Met Ann Lee.")
    with zipfile.ZipFile(io.BytesIO(export_participant(ann))) as archive:
        listed = json.loads(archive.read("mentioned-elsewhere.json"))
        summary = archive.read("README.txt").decode()
    assert listed == [
        {"what": "story", "which": f"one not public (story #{draft.pk})", "where in it": ["body"]},
        {
            "what": "participant",
            "which": f"one not public (participant #{hidden.pk})",
            "where in it": ["bio"],
        },
    ]
    assert "Confidential" not in summary and "Private Person" not in summary
    # Staff still see which, to edit them by hand.
    assert [m.label for m in mentions(ann)] == [draft.title, hidden.name]


def test_the_search_costs_a_query_per_kind_of_record_however_many_rows(
    db, django_assert_max_num_queries
):
    ann = make_participant(name="Ann Lee")
    for n in range(30):
        make_story(participant=make_participant(), body=f"<p>Ann Lee, {n}.</p>")
    # One for each kind searched, and at most two to name each kind reported.
    with django_assert_max_num_queries(len(MENTION_FIELDS) + 2 * 3):
        assert len(mentions(ann)) == 30


# --- The command --------------------------------------------------------------------


def test_the_command_writes_the_zip(person, tmp_path):
    path = tmp_path / "zebedee.zip"
    out = io.StringIO()
    call_command("export_participant", "zebedee-quillfeather", str(path), stdout=out)
    assert f"Wrote everything held about {NAME} to {path}" in out.getvalue()
    with zipfile.ZipFile(path) as archive:
        assert {"README.txt", "person.json", "consent.json", "admin-log.json"} <= set(
            archive.namelist()
        )


def test_an_unknown_slug_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No participant has the slug “nobody”"):
        call_command("export_participant", "nobody", str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists()


def test_an_unwritable_path_is_a_clear_error(person, tmp_path):
    with pytest.raises(CommandError, match="Could not write"):
        call_command("export_participant", "zebedee-quillfeather", str(tmp_path / "no" / "x.zip"))


# --- The admin action ---------------------------------------------------------------


def download(client, *people):
    data = {"action": "export_personal_data", "_selected_action": [p.pk for p in people]}
    return client.post(CHANGELIST, data)


def test_editors_download_one_person_as_an_attachment_never_cached(person, editor_client):
    response = download(editor_client, person.participant)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="zebedee-quillfeather-personal-data.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "person.json" in archive.namelist()
    logged = LogEntry.objects.filter(change_message="Downloaded everything held about them.")
    assert logged.get().user.username == "erin-editor"


def test_two_people_at_once_are_refused_with_a_message(person, editor_client):
    response = download(editor_client, person.participant, person.other)
    assert response.status_code == 302
    page = editor_client.get(CHANGELIST).content.decode()
    assert "Select exactly one person to download the data of" in page


@pytest.mark.parametrize("role", ["contributor", "viewer"])
def test_others_are_not_offered_the_download_and_cannot_force_it(person, client, role, request):
    user = request.getfixturevalue("contributor") if role == "contributor" else make_viewer()
    client.force_login(user)
    assert "export_personal_data" not in client.get(CHANGELIST).content.decode()
    response = download(client, person.participant)
    assert response.status_code in (200, 302, 403)
    assert response.get("Content-Type") != "application/zip"
    assert "Content-Disposition" not in response


def test_editors_are_offered_the_download(editor_client, person):
    assert "export_personal_data" in editor_client.get(CHANGELIST).content.decode()
