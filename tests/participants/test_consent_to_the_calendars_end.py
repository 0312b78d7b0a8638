"""Consent valid until the calendar's last day (31 December 9999, which the admin's
date field takes) never runs out within it: saving it renews the public pages, and
they are served, rather than a 500 working out "the midnight after" a day that has
none."""

import datetime as dt

import pytest

from editorial.people_services import save_participant
from participants.models import Participant
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db

LAST_DAY = dt.date.max


def test_consent_to_the_last_day_has_no_end_to_schedule():
    make_participant(consent_expires_on=LAST_DAY)
    assert Participant.objects.next_consent_end(dt.date(2026, 12, 6)) is None


def test_an_earlier_end_is_still_scheduled_beside_it():
    make_participant(consent_expires_on=LAST_DAY)
    make_participant(consent_expires_on=dt.date(2027, 3, 1))
    moment = Participant.objects.next_consent_end(dt.date(2026, 12, 6))
    assert moment is not None and moment.date() == dt.date(2027, 3, 2)


def test_saving_consent_to_the_last_day_keeps_the_site_up(client):
    story = make_story(title="A ward that listened")
    participant = story.participant
    participant.consent_expires_on = LAST_DAY
    save_participant(participant=participant, by=None)
    for address in ("/", "/stories/", story.get_absolute_url(), "/impact/"):
        response = client.get(address)
        assert response.status_code == 200, address
    assert "A ward that listened" in client.get("/stories/").content.decode()
