"""The admin's autocomplete pickers answer, in a steady order, for every field that has one."""

import pytest

from tests.factories import make_organisation, make_participant

pytestmark = pytest.mark.django_db

# (the form the picker is on, its field): each one an editor types into.
PICKERS = [
    ("stories", "story", "participant"),
    ("stories", "story", "themes"),
    ("stories", "storypartner", "organisation"),
    ("participants", "participant", "organisation"),
    ("participants", "participant", "cohorts"),
    ("participants", "cohort", "programme"),
]


@pytest.mark.parametrize(("app", "model", "field"), PICKERS, ids=lambda value: value)
def test_autocomplete_answers(editor_client, app, model, field):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": app, "model_name": model, "field_name": field, "term": ""},
    )
    assert response.status_code == 200


def offered(client, model: str, field: str) -> list[str]:
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "stories", "model_name": model, "field_name": field},
    )
    return [row["text"] for row in response.json()["results"]]


def test_participants_are_offered_by_name(editor_client):
    for name in ["Zainab Okafor", "Bronwen Rhys", "Aaron Kim"]:
        make_participant(name=name, slug=name.lower().replace(" ", "-"))
    assert offered(editor_client, "story", "participant") == [
        "Aaron Kim",
        "Bronwen Rhys",
        "Zainab Okafor",
    ]


def test_organisations_are_offered_by_name(editor_client):
    for name in ["Wrexham County Borough Council", "Age UK", "NHS Grampian"]:
        make_organisation(name=name, slug=name.lower().replace(" ", "-"))
    assert offered(editor_client, "storypartner", "organisation") == [
        "Age UK",
        "NHS Grampian",
        "Wrexham County Borough Council",
    ]
