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


@pytest.mark.parametrize(
    ("model", "field", "make", "names"),
    [
        ("story", "participant", make_participant, ["Zainab Okafor", "Bronwen Rhys", "Aaron Kim"]),
        (
            "storypartner",
            "organisation",
            make_organisation,
            ["Wrexham County Borough Council", "Age UK", "NHS Grampian"],
        ),
    ],
    ids=["participants", "organisations"],
)
def test_choices_are_offered_by_name(editor_client, model, field, make, names):
    for name in names:
        make(name=name, slug=name.lower().replace(" ", "-"))
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "stories", "model_name": model, "field_name": field},
    )
    assert [row["text"] for row in response.json()["results"]] == sorted(names)
