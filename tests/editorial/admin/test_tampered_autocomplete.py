"""A form sent back with a tampered autocomplete value (a story's participant, its
themes, a partner, a person's organisation and cohorts, a cohort's programme) is shown
again with "Select a valid choice", never a 500: Django's autocomplete looked the value
up as it came, and a value of the wrong type made the lookup raise."""

import pytest

from tests.admin_posts import ADD_URL, story_form
from tests.factories import make_programme

pytestmark = pytest.mark.django_db

TAMPERED = ["1 OR 1=1", "x", "9" * 30]


@pytest.mark.parametrize("value", TAMPERED)
def test_a_story_with_a_tampered_participant_or_theme_is_a_form_error(editor_client, value):
    data = story_form(participant=value, themes=value)
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("value", TAMPERED)
def test_a_tampered_partner_organisation_is_a_form_error(editor_client, value):
    data = story_form(partners=[{"organisation": value, "role": "Funder"}])
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("value", TAMPERED)
def test_a_person_with_a_tampered_organisation_or_cohort_is_a_form_error(admin_client, value):
    response = admin_client.post(
        "/admin/participants/participant/add/",
        {"name": "Siân Ó Briain", "slug": "sian", "organisation": value, "cohorts": value},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("value", TAMPERED)
def test_a_cohort_with_a_tampered_programme_is_a_form_error(admin_client, value):
    make_programme()
    response = admin_client.post(
        "/admin/participants/cohort/add/", {"name": "March 2020", "slug": "m", "programme": value}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
