"""The participant's consent in their own hands: read it, change it, withdraw it."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from editorial.participant_consent import NOTE, ConsentChoices, participant_changes_consent
from editorial.people_services import save_participant
from participants.models import ConsentChange, ConsentWording, Participant
from stories.models import Story
from stories.search.documents import refresh_documents
from tests.factories import make_participant, make_story, make_theme, picture_of
from tests.portal.helpers import sign_in_as

pytestmark = pytest.mark.django_db

CONSENT = reverse("portal:consent")
WITHDRAW = reverse("portal:consent_withdraw")


@pytest.fixture(autouse=True)
def editor_email(editor):
    editor.email = "erin@example.org"
    editor.save()


@pytest.fixture
def wording():
    return ConsentWording.objects.create(
        version=3, text="I agree that my story may be <b>shared</b>."
    )


@pytest.fixture
def agreed(participant, wording, editor):
    participant.consent_wording = wording
    participant.consent_given_at = dt.date(2025, 3, 4)
    participant.consent_expires_on = dt.date(2030, 3, 4)
    save_participant(participant=participant, by=editor, note="Signed form")
    return participant


def choices(**changed):
    return {
        "consent_scope": "web_and_print",
        "consent_name": "on",
        "consent_photo": "on",
        "consent_quotes": "on",
    } | changed


def test_the_page_shows_what_they_agreed_to_and_its_history(
    participant_client, agreed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = participant_client.get(CONSENT)
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "I agree that my story may be &lt;b&gt;shared&lt;/b&gt;." in page
    assert "version 3" in page
    assert "4 March 2025" in page and "4 March 2030" in page
    assert "Website and print" in page
    assert "by the programme team" in page
    assert page.count("<h1") == 1


def test_narrowing_consent_is_kept_as_theirs_and_the_editors_are_told(participant_client, agreed):
    mail.outbox.clear()
    response = participant_client.post(CONSENT, choices(consent_photo="", consent_scope="web"))
    assert response.status_code == 302
    agreed.refresh_from_db()
    assert not agreed.consent_photo and agreed.consent_scope == "web"
    change = ConsentChange.objects.first()
    assert change.by is None and change.note == NOTE
    assert set(change.changes) == {"consent_photo", "consent_scope"}
    [email] = mail.outbox
    assert email.to == ["erin@example.org"]
    assert "changed their consent" in email.subject
    page = participant_client.get(CONSENT).content.decode()
    assert "by you" in page and "Photo shown: yes → no" in page


def test_a_bad_scope_is_a_form_error_and_nothing_is_saved(participant_client, agreed):
    before = ConsentChange.objects.count()
    response = participant_client.post(CONSENT, choices(consent_scope="everywhere"))
    assert response.status_code == 400
    assert 'href="#id_consent_scope_0"' in response.content.decode() or "Select a valid choice" in (
        response.content.decode()
    )
    assert ConsentChange.objects.count() == before


def test_someone_with_no_consent_agrees_to_the_wording_in_use(client, wording):
    newer = ConsentWording.objects.create(version=4, text="The newest words.")
    person = make_participant(email="new@example.org", consent_given=False)
    sign_in_as(client, person)
    page = client.get(CONSENT).content.decode()
    assert "The newest words." in page and "I agree" in page
    response = client.post(CONSENT, choices())
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    client.post(CONSENT, choices(agree="on"))
    person.refresh_from_db()
    assert person.consent_given and person.consent_wording == newer
    assert person.consent_given_at is not None


def test_withdrawal_is_confirmed_on_its_own_page(participant_client, agreed):
    page = participant_client.get(WITHDRAW).content.decode()
    assert "Yes, withdraw my consent" in page
    assert Participant.objects.get(pk=agreed.pk).consent_withdrawn_at is None


def test_after_withdrawal_the_page_says_so_and_offers_no_re_consent(participant_client, agreed):
    participant_client.post(WITHDRAW)
    page = participant_client.get(CONSENT).content.decode()
    assert "You withdrew your consent" in page
    assert reverse("pages:contact") in page
    assert "Save my choices" not in page
    response = participant_client.post(CONSENT, choices())
    assert Participant.objects.get(pk=agreed.pk).consent_withdrawn_at is not None
    assert response.status_code == 200
    with pytest.raises(Exception, match="only the programme team"):
        participant_changes_consent(
            participant=agreed,
            changes=ConsentChoices("web", True, True, True),
        )


def test_withdrawal_takes_the_story_and_its_picture_off_the_site_at_once(
    client, participant_client, participant
):
    theme = make_theme(name="Wellbeing")
    story = make_story(participant=participant, title="Swimming for everyone")
    story.themes.add(theme)
    refresh_documents([story.pk])
    address = picture_of(story, "hero_image", "hero", "swim")
    name = address.removeprefix("/pictures/")
    story.refresh_from_db()
    story.renditions["hero_image"]["files"] = [name]  # as made: listed, and stored
    Story.objects.filter(pk=story.pk).update(renditions=story.renditions)
    default_storage.save(name, ContentFile(b"\xff\xd8\xff"))
    pages = [
        story.get_absolute_url(),
        reverse("stories:list"),
        theme.get_absolute_url(),
        reverse("stories:search") + "?q=Swimming",
        reverse("stories:feed"),
    ]
    public = client.__class__()
    for page in pages:
        assert "Swimming for everyone" in public.get(page).content.decode(), page
    assert public.get(address).status_code == 200
    mail.outbox.clear()

    response = participant_client.post(WITHDRAW)
    assert response.status_code == 302

    assert public.get(story.get_absolute_url()).status_code == 404
    for page in pages[1:]:
        assert "Swimming for everyone" not in public.get(page).content.decode(), page
    assert public.get(address).status_code == 404
    [email] = mail.outbox
    assert "withdrew their consent" in email.subject
    assert ConsentChange.objects.get(withdrawal=True).note == NOTE
