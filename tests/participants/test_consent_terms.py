"""Consent: what was agreed, until when, and what each term does on the public site."""

import datetime as dt
import zoneinfo
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from editorial import services
from participants.models import Participant
from stories.models import Story
from tests.factories import make_participant, make_story
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def edit(person_or_pk, **fields):
    """Change a participant as the admin does: load, set, save."""
    pk = getattr(person_or_pk, "pk", person_or_pk)
    person = Participant.objects.get(pk=pk)
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()


def public_when(moment, story) -> bool:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return Story.objects.public().filter(pk=story.pk).exists()


def test_consent_lasts_to_the_end_of_its_last_day_in_london():
    last_day = dt.date(2027, 6, 30)
    story = make_story(participant=make_participant(consent_expires_on=last_day))
    assert public_when(dt.datetime(2027, 6, 30, 23, 59, 59, tzinfo=LONDON), story)
    # Midnight in London is still 30 June in UTC (summer time), but consent has ended.
    assert not public_when(dt.datetime(2027, 7, 1, 0, 0, tzinfo=LONDON), story)


def test_the_participant_page_follows_the_same_end_date(client):
    person = make_participant(consent_expires_on=timezone.localdate())
    make_story(participant=person)
    assert client.get(person.get_absolute_url()).status_code == 200
    edit(person.pk, consent_expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(person.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "terms,reason",
    [
        ({"consent_given": False}, "has no consent recorded"),
        (
            {"consent_withdrawn_at": dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)},
            "withdrew consent on 2 March 2026",
        ),
        ({"consent_expires_on": dt.date(2026, 1, 31)}, "consent ended on 31 January 2026"),
        ({"consent_scope": "print"}, "agreed to print only, not the website"),
        ({"consent_name": False}, "has not agreed to be named"),
    ],
)
def test_publishing_is_refused_with_the_reason(editor, terms, reason):
    person = make_participant(name="Ngozi Adébáyọ̀", **terms)
    story = make_story(status="review", published_at=None, participant=person)
    with pytest.raises(ValidationError) as refused:
        services.publish_story(story=story, by=editor)
    message = refused.value.messages[0]
    assert message.startswith("Ngozi Adébáyọ̀") and reason in message
    assert Story.objects.get(pk=story.pk).status == "review"


def test_withdrawing_consent_takes_stories_and_profile_down_without_deleting(client):
    person = make_participant()
    story = make_story(participant=person)
    edit(person.pk, consent_withdrawn_at=timezone.now())
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(person.get_absolute_url()).status_code == 404
    assert Story.objects.filter(pk=story.pk, status="published").exists()  # nothing deleted


def test_a_photo_without_photo_consent_is_never_shown(client, settings):
    person = make_participant(consent_photo=False, photo_alt="Portrait of Ama")
    person.photo.save("ama.jpg", upload(), save=True)
    make_story(participant=person)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Portrait of Ama" not in page and "profile-photo" not in page
    edit(person.pk, consent_photo=True)
    assert "Portrait of Ama" in client.get(person.get_absolute_url()).content.decode()


def test_a_pull_quote_without_quote_consent_is_never_shown(client):
    story = make_story(
        participant=make_participant(consent_quotes=False), pull_quote="It changed everything."
    )
    assert "It changed everything." not in client.get(story.get_absolute_url()).content.decode()
    edit(story.participant_id, consent_quotes=True)
    assert "It changed everything." in client.get(story.get_absolute_url()).content.decode()


def test_consent_cannot_end_before_it_was_given():
    person = make_participant(
        consent_given_at=dt.date(2026, 5, 1), consent_expires_on=dt.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert "cannot end before" in refused.value.message_dict["consent_expires_on"][0]


def test_the_admin_records_each_term(admin_client):
    person = make_participant()
    response = admin_client.get(f"/admin/participants/participant/{person.pk}/change/")
    page = response.content.decode()
    for label in [
        "Agreed to be named",
        "Agreed to their photo being shown",
        "Agreed to be quoted",
        "Consent valid until",
    ]:
        assert label in page


def test_a_quote_without_quote_consent_is_not_searchable(client):
    person = make_participant(consent_quotes=True)
    make_story(participant=person, pull_quote="Zanzibarian marmalade changed everything.")
    assert "1 story" in client.get("/search/", {"q": "marmalade"}).content.decode()
    person.consent_quotes = False
    person.save()
    assert "1 story" not in client.get("/search/", {"q": "marmalade"}).content.decode()
