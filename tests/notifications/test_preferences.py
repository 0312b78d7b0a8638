"""Turning optional emails off and on: one row a person and event, whatever the clicks."""

import pytest

from notifications.models import TurnedOff
from notifications.preferences import turn_off, turn_on, turned_off_events, wants
from tests.factories import make_participant, make_staff


@pytest.fixture
def amara(db):
    return make_participant(name="Amara Okafor", email="amara@example.org")


def test_everyone_gets_every_email_until_they_turn_one_off(editor, amara):
    assert wants("story_submitted", user=editor)
    assert wants("consent_ending", participant=amara)


def test_turning_an_email_off_stops_it_for_that_person_only(editor, contributor, amara):
    turn_off("story_submitted", user=editor)
    turn_off("consent_ending", participant=amara)

    assert not wants("story_submitted", user=editor)
    assert wants("story_submitted", user=contributor)
    assert wants("sent_for_review", user=editor)
    assert not wants("consent_ending", participant=amara)
    assert wants("consent_ending", user=editor)
    assert turned_off_events(editor) == {"story_submitted"}
    assert turned_off_events(contributor) == set()


def test_turning_off_twice_leaves_one_row_and_says_so(editor):
    assert turn_off("consent_changed", user=editor) is True
    assert turn_off("consent_changed", user=editor) is False
    assert TurnedOff.objects.filter(user=editor, event="consent_changed").count() == 1


def test_turning_back_on_twice_is_harmless(amara):
    turn_off("approval_reminder", participant=amara)
    assert turn_on("approval_reminder", participant=amara) is True
    assert turn_on("approval_reminder", participant=amara) is False
    assert wants("approval_reminder", participant=amara)
    assert not TurnedOff.objects.exists()


def test_a_required_email_is_always_wanted_and_cannot_be_turned_off(amara):
    with pytest.raises(ValueError):
        turn_off("invitation", participant=amara)
    # Even a row written some other way does not stop it.
    TurnedOff.objects.create(event="approval_requested", participant=amara)
    assert wants("approval_requested", participant=amara)
    assert wants("invitation", participant=amara)


def test_an_unknown_event_or_no_person_is_refused(db):
    user = make_staff("someone")
    with pytest.raises(ValueError):
        wants("no_such_event", user=user)
    with pytest.raises(ValueError):
        turn_off("story_submitted")
