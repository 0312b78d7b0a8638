"""Attacks: consent withdrawal and photo consent reach the new pictures at once, cache or not."""

import pytest
from django.utils import timezone

from editorial.people_services import save_participant
from tests.factories import make_organisation, make_participant, make_story, make_theme, picture_of

pytestmark = pytest.mark.django_db


def test_withdrawal_removes_the_theme_index_picture_from_the_cached_page(client):
    theme = make_theme(name="Pictured")
    person = make_participant(name="Zelda Withdrawn")
    story = make_story(participant=person)
    story.themes.add(theme)
    address = picture_of(story, "hero_image", "card", "zelda")
    assert address in client.get("/themes/").content.decode()  # kept in the page cache
    person.consent_withdrawn_at = timezone.now()
    save_participant(participant=person, by=None)
    page = client.get("/themes/").content.decode()
    assert address not in page
    assert "(1)" not in page.split("Pictured")[1][:400] if "Pictured" in page else True


def test_a_person_without_photo_consent_shows_no_photo_on_the_people_index(client):
    person = make_participant(name="Nophoto Person", consent_photo=False)
    make_story(participant=person)
    address = picture_of(person, "photo", "profile", "nophoto")
    page = client.get("/participants/").content.decode()
    assert "Nophoto Person" in page
    assert address not in page


def test_withdrawing_photo_consent_removes_the_photo_from_the_cached_people_index(client):
    person = make_participant(name="Photo Person", consent_photo=True)
    make_story(participant=person)
    address = picture_of(person, "photo", "profile", "photoperson")
    assert address in client.get("/participants/").content.decode()
    person.consent_photo = False
    save_participant(participant=person, by=None)
    assert address not in client.get("/participants/").content.decode()


def test_withdrawal_removes_an_organisation_from_the_organisations_index(client):
    org = make_organisation(name="Only Through Withdrawn Ltd")
    person = make_participant(name="Org Person", organisation=org)
    make_story(participant=person)
    assert "Only Through Withdrawn Ltd" in client.get("/organisations/").content.decode()
    person.consent_withdrawn_at = timezone.now()
    save_participant(participant=person, by=None)
    assert "Only Through Withdrawn Ltd" not in client.get("/organisations/").content.decode()


def test_withdrawal_reaches_impact_headline_and_brochure_cover(client):
    person = make_participant(name="Headline Person")
    make_story(participant=person, title="Headline story")
    before = client.get("/impact/").content.decode()
    person.consent_withdrawn_at = timezone.now()
    save_participant(participant=person, by=None)
    after = client.get("/impact/").content.decode()
    assert "Headline Person" not in after
    assert "Headline story" not in after
    assert before != after
