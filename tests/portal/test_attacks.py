"""An outsider's and a hostile participant's attacks on /my/: what must hold."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial import participant_stories
from editorial.erasure import erase_participant
from editorial.invitations import create_invitation, invitation_path, invite
from editorial.participant_consent import participant_changes_consent
from editorial.people_services import save_participant
from notifications.models import Notification
from notifications.preferences import turn_off
from portal.new_links import PER_ADDRESS
from stories.models import SignOff, StoryDraft
from tests.factories import make_participant, make_story
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(participant):
    return make_story(status="draft", published_at=None, participant=participant)


@pytest.mark.parametrize("version", ["²", "9" * 5000, "١٢"])
def test_an_odd_version_on_the_approval_form_is_refused_not_a_500(
    participant_client, story, version
):
    url = reverse("portal:story", kwargs={"pk": story.pk})
    response = participant_client.post(url, {"decision": "approved", "version": version})
    assert response.status_code == 400
    assert not SignOff.objects.filter(story=story).exists()


def test_another_participants_story_and_draft_are_404(participant_client):
    other = make_participant(name="Other", email="other@example.org")
    their_story = make_story(status="draft", published_at=None, participant=other)
    their_draft = participant_stories.start_draft(participant=other)
    for url in [
        reverse("portal:story", kwargs={"pk": their_story.pk}),
        reverse("portal:draft_carry_on", kwargs={"pk": their_draft.pk}),
        reverse("portal:draft_check", kwargs={"pk": their_draft.pk}),
        reverse("portal:draft_delete", kwargs={"pk": their_draft.pk}),
        reverse("portal:draft_step", kwargs={"pk": their_draft.pk, "step": "about"}),
    ]:
        assert participant_client.get(url).status_code == 404, url
        assert participant_client.post(url, {"version": "0"}).status_code == 404, url
    assert StoryDraft.objects.filter(pk=their_draft.pk).exists()


def _draft_with_photo(participant):
    draft = participant_stories.start_draft(participant=participant)
    return participant_stories.save_answers(
        draft=draft,
        step="photo",
        data={"photo": upload(size=(400, 300)), "photo_alt": "Me at work", "photo_consent": True},
        version=draft.version,
    )


def _draft_with_words(participant, words="My unsent challenge"):
    draft = participant_stories.start_draft(participant=participant)
    return participant_stories.save_answers(
        draft=draft, step="challenge", data={"challenge": words}, version=draft.version
    )


def test_their_unsubmitted_drafts_and_draft_photo_are_in_their_data_download(
    participant_client, participant
):
    _draft_with_words(participant)
    _draft_with_photo(participant)
    other = make_participant(name="Other", email="other@example.org")
    _draft_with_words(other, "Someone else's words")

    response = participant_client.get(reverse("portal:data_download"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    everything = "".join(
        archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
    )
    assert "My unsent challenge" in everything
    assert "Me at work" in everything
    assert "Someone else's words" not in everything
    assert any(name.startswith("pictures/draft-") for name in archive.namelist())


def test_erasure_removes_their_drafts_and_the_draft_photo_files(
    participant, django_capture_on_commit_callbacks
):
    draft = _draft_with_photo(participant)
    _draft_with_words(participant)
    name = draft.photo.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        erase_participant(participant=participant, by=None)
    assert not StoryDraft.objects.exists()
    assert not default_storage.exists(name)


def test_a_staff_login_in_a_participants_browser_ends_the_participant_session(
    participant_client, participant, editor
):
    """Signing in as staff keeps the session's data (Django cycles its key): the
    participant's pages must not then sit beside the staff login."""
    participant_client.force_login(editor)
    response = participant_client.get(reverse("portal:home"))
    assert response.status_code == 403
    assert participant.name not in response.content.decode()
    participant_client.logout()
    assert participant_client.get(reverse("portal:home")).status_code == 403


def test_asking_for_a_new_link_takes_the_same_work_for_a_known_address_as_any(
    client, participant, settings
):
    """The page only enqueues the request: no lookup of the address, nor an invitation
    and its email written, inside the request (a timing oracle for who is on the
    programme)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    counts = []
    for email in ["amara@example.org", "nobody@example.org"]:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("portal:new_link"), {"email": email})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert not participant.invitations.exists()  # the worker writes it, not the request


def test_erasure_removes_the_emails_to_staff_about_them(participant, editor):
    """Editors' emails about a participant (their story submitted, their consent
    changed, their answer with its comment) hold their name and words: erased with
    them, while emails about others stay."""
    editor.email = "erin@example.org"
    editor.save()
    draft = _draft_with_words(participant, "A challenge")
    draft = participant_stories.save_answers(
        draft=draft,
        step="about",
        data={"title": "Pool", "job_title": "Lifeguard"},
        version=draft.version,
    )
    draft = participant_stories.save_answers(
        draft=draft, step="what-you-did", data={"what_i_did": "Swam"}, version=draft.version
    )
    participant_stories.submit_draft(draft=draft, participant=participant)
    participant_changes_consent(participant=participant, withdraw=True)
    other = make_participant(name="Zebedee Other", email="z@example.org")
    participant_changes_consent(participant=other, withdraw=True)
    about_them = Notification.objects.filter(body_text__contains=participant.name)
    assert about_them.count() >= 2
    erase_participant(participant=participant, by=None)
    assert not Notification.objects.filter(body_text__contains=participant.name).exists()
    assert Notification.objects.filter(body_text__contains="Zebedee Other").exists()


def test_putting_a_mistyped_address_right_shuts_the_links_sent_to_it(client, editor):
    """A link emailed to a mistyped address and opened by its stranger: once an editor
    corrects the address, that stranger's session ends (it reached the data download)."""
    person = make_participant(name="Amara Okafor", email="amara@exmaple.org")
    invitation, token = invite(participant=person, by=editor)
    stranger = client
    assert stranger.post(invitation_path(token)).status_code == 302
    assert stranger.get(reverse("portal:data")).status_code == 200

    person.email = "amara@example.org"
    save_participant(participant=person, by=editor)

    assert stranger.get(reverse("portal:data")).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    # Links to the right address (a change of case is the same address) stand.
    right, _ = create_invitation(participant=person, by=editor)
    person.email = "Amara@Example.org"
    save_participant(participant=person, by=editor)
    right.refresh_from_db()
    assert right.revoked_at is None


def test_their_download_holds_what_staff_were_emailed_about_them_and_their_choices(
    participant_client, participant, editor
):
    editor.email = "erin@example.org"
    editor.save()
    participant_changes_consent(participant=participant, withdraw=True)
    turn_off("consent_ending", participant=participant)
    other = make_participant(name="Zebedee Other", email="z@example.org")
    participant_changes_consent(participant=other, withdraw=True)

    archive = zipfile.ZipFile(
        io.BytesIO(participant_client.get(reverse("portal:data_download")).content)
    )
    about = json.loads(archive.read("emails-to-staff-about-them.json"))
    assert [email["event"] for email in about] == ["consent_changed"]
    assert participant.name in about[0]["body_text"]
    everything = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert "Zebedee Other" not in everything
    assert "erin@example.org" not in everything
    assert json.loads(archive.read("email-choices.json")) == [{"turned off": "consent_ending"}]


def test_a_dotless_i_is_no_way_round_the_count_for_an_address(client, db):
    """PostgreSQL's case-insensitive match takes "w\u0131gan" (a dotless i) for
    "wigan": the count for an address takes it so too."""
    make_participant(name="Amara Okafor", email="amara@wigan.gov.uk")
    for _ in range(PER_ADDRESS):
        assert (
            client.post(reverse("portal:new_link"), {"email": "amara@wigan.gov.uk"}).status_code
            == 200
        )
    response = client.post(reverse("portal:new_link"), {"email": "amara@w\u0131gan.gov.uk"})
    assert response.status_code == 429
