"""Consent changes only by an editor's hand, and every change is kept, append-only.

Contributors may edit the people and organisations that no published story shows;
once one is shown, only an editor changes it.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from editorial.people_services import save_organisation, save_participant
from participants.models import ConsentChange, ConsentWording, Participant
from stories.models import Story
from tests.factories import make_organisation, make_participant, make_partner, make_story

pytestmark = pytest.mark.django_db


def participant_form(participant: Participant, **changes) -> dict:
    """The participant change form as a browser posts it, with `changes` applied."""
    data = {
        "name": participant.name,
        "slug": participant.slug,
        "job_title": participant.job_title,
        "organisation": participant.organisation_id or "",
        "bio": participant.bio,
        "photo_alt": participant.photo_alt,
        "consent_given": "on" if participant.consent_given else "",
        "consent_given_at": participant.consent_given_at or "",
        "consent_scope": participant.consent_scope,
        "consent_name": "on" if participant.consent_name else "",
        "consent_photo": "on" if participant.consent_photo else "",
        "consent_quotes": "on" if participant.consent_quotes else "",
        "consent_expires_on": participant.consent_expires_on or "",
        "consent_withdrawn_at_0": "",
        "consent_withdrawn_at_1": "",
        "consent_wording": participant.consent_wording_id or "",
    }
    for prefix in ("stories", "consent_changes", "invitations"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data |= {key: value for key, value in changes.items()}
    return {key: value for key, value in data.items() if value != ""}


def change_url(participant) -> str:
    return f"/admin/participants/participant/{participant.pk}/change/"


def withdrawn_participant_with_hidden_story():
    participant = make_participant(consent_withdrawn_at=timezone.now() - dt.timedelta(days=2))
    story = make_story(participant=participant)
    return participant, story


def test_contributor_cannot_clear_a_withdrawal_and_the_hidden_story_stays_hidden(
    contributor_client,
):
    participant, story = withdrawn_participant_with_hidden_story()
    data = participant_form(participant, bio="Tidied the bio.")
    data.pop("consent_withdrawn_at_0", None)
    response = contributor_client.post(change_url(participant), data)
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.consent_withdrawn_at is not None
    assert not Story.objects.public().filter(pk=story.pk).exists()
    assert not ConsentChange.objects.exists()


def test_contributor_cannot_change_consent_of_a_person_on_no_published_story(
    contributor_client, contributor
):
    participant = make_participant(consent_given=False)
    make_story(participant=participant, status="draft", published_at=None)
    page = contributor_client.get(change_url(participant)).content.decode()
    assert 'name="consent_given"' not in page  # read-only for contributors
    data = participant_form(participant, consent_given="on", bio="New bio")
    assert contributor_client.post(change_url(participant), data).status_code == 302
    participant.refresh_from_db()
    assert participant.bio == "New bio"  # what they may change, changed
    assert participant.consent_given is False  # consent, not
    with pytest.raises(PermissionDenied, match="Only an editor can change a participant's consent"):
        participant.consent_given = True
        save_participant(participant=participant, by=contributor)


def test_contributor_cannot_rename_a_person_a_published_story_shows(contributor_client):
    story = make_story()
    participant = story.participant
    data = participant_form(participant, name="Someone Else")
    assert contributor_client.post(change_url(participant), data).status_code == 403
    participant.refresh_from_db()
    assert participant.name != "Someone Else"
    # The page is read-only for them.
    page = contributor_client.get(change_url(participant)).content.decode()
    assert 'name="name"' not in page


def test_contributor_cannot_change_an_organisation_a_published_story_shows(contributor):
    employer = make_organisation(website="https://example.org")
    partner = make_organisation()
    story = make_story(participant=make_participant(organisation=employer))
    make_partner(story, partner)
    for organisation in (employer, partner):
        organisation.website = "https://attacker.example"
        with pytest.raises(PermissionDenied, match="only an editor can change it"):
            save_organisation(organisation=organisation, by=contributor)
        organisation.refresh_from_db()
        assert organisation.website != "https://attacker.example"


def test_contributor_may_change_an_organisation_only_drafts_show(contributor):
    organisation = make_organisation()
    make_story(
        participant=make_participant(organisation=organisation), status="draft", published_at=None
    )
    organisation.website = "https://new.example.org"
    save_organisation(organisation=organisation, by=contributor)
    organisation.refresh_from_db()
    assert organisation.website == "https://new.example.org"


def test_editor_withdrawal_is_recorded_with_who_what_and_the_wording(editor_client, editor):
    wording = ConsentWording.objects.get(version=1)
    participant = make_participant(consent_wording=wording)
    story = make_story(participant=participant)
    data = participant_form(
        participant, consent_withdrawn_at_0="2026-12-01", consent_withdrawn_at_1="10:00"
    )
    assert editor_client.post(change_url(participant), data).status_code == 302
    assert not Story.objects.public().filter(pk=story.pk).exists()
    change = ConsentChange.objects.get(participant=participant)
    assert change.by == editor
    assert change.withdrawal is True
    assert change.wording == wording
    assert change.changes["consent_withdrawn_at"][0] == ""
    assert change.changes["consent_withdrawn_at"][1].startswith("2026-12-01")
    page = editor_client.get(change_url(participant)).content.decode()
    assert "consent history" in page.lower()
    assert "editor" in page  # who did it, in the history


def test_a_save_that_changes_no_consent_field_writes_no_history(editor):
    participant = make_participant()
    participant.bio = "Only the bio"
    save_participant(participant=participant, by=editor)
    assert not ConsentChange.objects.exists()


def test_consent_history_is_append_only(editor):
    participant = make_participant()
    participant.consent_scope = Participant.ConsentScope.PRINT
    save_participant(participant=participant, by=editor)
    change = ConsentChange.objects.get()
    change.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        change.save()


def test_a_wording_someone_agreed_to_cannot_be_edited(editor_client):
    wording = ConsentWording.objects.get(version=1)
    make_participant(consent_wording=wording)
    url = f"/admin/participants/consentwording/{wording.pk}/change/"
    response = editor_client.post(url, {"version": 1, "in_use_from": "2026-01-01", "text": "x"})
    assert response.status_code == 403
    wording.refresh_from_db()
    assert wording.text != "x"


@pytest.mark.parametrize(
    "withdrawn",
    [
        dt.datetime(2025, 7, 5, 8, 0, tzinfo=dt.UTC),  # 09:00 in London, summer time
        dt.datetime(2025, 1, 5, 9, 0, 0, 123456, tzinfo=dt.UTC),  # a fraction of a second
    ],
)
def test_saving_an_unchanged_form_writes_no_consent_history(editor_client, withdrawn):
    participant = make_participant(consent_withdrawn_at=withdrawn)
    local = timezone.localtime(withdrawn)
    data = participant_form(
        participant,
        bio="Only the bio changed.",
        consent_withdrawn_at_0=local.strftime("%Y-%m-%d"),
        consent_withdrawn_at_1=local.strftime("%H:%M:%S"),
    )
    assert editor_client.post(change_url(participant), data).status_code == 302
    participant.refresh_from_db()
    assert participant.bio == "Only the bio changed."
    assert not ConsentChange.objects.exists()
