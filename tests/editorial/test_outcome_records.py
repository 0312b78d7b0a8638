"""An outcome is a record that adds up: its rules, its units, and how the admin stores it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stories.models import Outcome, Story
from tests.admin_posts import ADD_URL, change_url, story_form
from tests.factories import make_outcome, make_story

pytestmark = pytest.mark.django_db

UNIT_WITHOUT_VALUE = "Enter the number the unit counts, or leave the unit empty."
CHECK_IN_FUTURE = "A check cannot be dated in the future."
NOBODY_VERIFIED = "Say who verified it, or leave the date empty."


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def cleaned(**fields) -> Outcome:
    outcome = Outcome(story=make_story(), description="Something changed", **fields)
    outcome.full_clean()
    return outcome


def errors(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        cleaned(**fields)
    return refused.value.message_dict


# --- The rules --------------------------------------------------------------------------------


def test_funding_with_a_figure_and_no_unit_is_in_pounds():
    assert cleaned(kind="funding", value=Decimal("250000")).unit == "GBP"


def test_other_types_with_a_figure_and_no_unit_keep_no_unit():
    assert cleaned(kind="people_reached", value=Decimal("40")).unit == ""


def test_funding_with_no_figure_needs_no_unit():
    outcome = cleaned(kind="funding")
    assert (outcome.value, outcome.unit) == (None, "")


def test_a_unit_without_a_figure_is_refused_on_the_figure():
    assert errors(kind="people_reached", unit="people") == {"value": [UNIT_WITHOUT_VALUE]}


def test_a_check_date_needs_who_checked():
    assert errors(value=Decimal("3"), unit="posts", verified_on=dt.date(2024, 1, 5)) == {
        "verified_by": [NOBODY_VERIFIED]
    }


def test_a_check_dated_in_the_future_is_refused():
    assert errors(verified_by="Jo Bloggs", verified_on=tomorrow()) == {
        "verified_on": [CHECK_IN_FUTURE]
    }


def test_a_check_dated_today_is_accepted():
    outcome = cleaned(verified_by="Jo Bloggs", verified_on=timezone.localdate())
    assert (outcome.verified_by, outcome.verified_on) == ("Jo Bloggs", timezone.localdate())


def test_every_broken_rule_is_reported_at_once():
    assert errors(unit="people", verified_on=tomorrow()) == {
        "value": [UNIT_WITHOUT_VALUE],
        "verified_by": [NOBODY_VERIFIED],
        "verified_on": [CHECK_IN_FUTURE],
    }


def test_a_negative_figure_is_refused():
    assert errors(value=Decimal("-1"), unit="people") == {"value": ["Enter a number of 0 or more."]}


def test_a_figure_of_nought_is_a_figure():
    assert cleaned(kind="funding", value=Decimal("0")).unit == "GBP"


# --- Units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("£", "GBP"),
        ("pounds", "GBP"),
        ("gbp", "GBP"),
        ("GBP", "GBP"),
        ("  Pounds   Sterling ", "GBP"),
        ("people", "people"),
        ("People", "People"),  # the totals merge case; the record keeps what was typed
        (" full-time   posts ", "full-time posts"),
    ],
)
def test_the_unit_is_stored_in_one_spelling_for_pounds_and_tidied_otherwise(typed, stored):
    outcome = make_outcome(make_story(), value=1, unit=typed)
    assert Outcome.objects.get(pk=outcome.pk).unit == stored


# --- The database -----------------------------------------------------------------------------


def test_the_database_refuses_a_negative_figure_that_skipped_validation():
    outcome = make_outcome(make_story(), value=5, unit="people")
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.filter(pk=outcome.pk).update(value=-5)
    assert Outcome.objects.get(pk=outcome.pk).value == 5


def test_the_database_refuses_a_new_outcome_with_a_negative_figure():
    story = make_story()
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(story=story, description="Minus", value=-1, unit="people")
    assert not story.outcomes.exists()


# --- The admin's outcome records --------------------------------------------------------------

FULL_OUTCOME = {
    "kind": "funding",
    "description": "Council grant for the pools",
    "value": "250000",
    "unit": "£",
    "achieved_on": "01/05/2023",  # 1 May: the form reads dates the British way
    "evidence_url": "https://example.org/board-paper.pdf",
    "verified_by": "Jo Bloggs, council finance lead",
    "verified_on": "12/06/2023",
    "order": "0",
}


def outcome_errors(response) -> list[dict]:
    [formset] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Outcome
    ]
    return formset.errors


def test_an_editor_stores_every_field_of_an_outcome(editor_client):
    response = editor_client.post(ADD_URL, story_form(outcomes=[FULL_OUTCOME]))
    assert response.status_code == 302
    [outcome] = Story.objects.get(slug="a-new-story").outcomes.all()
    assert (
        outcome.kind,
        outcome.description,
        outcome.value,
        outcome.unit,
        outcome.achieved_on,
        outcome.evidence_url,
        outcome.verified_by,
        outcome.verified_on,
    ) == (
        "funding",
        "Council grant for the pools",
        Decimal("250000"),
        "GBP",
        dt.date(2023, 5, 1),
        "https://example.org/board-paper.pdf",
        "Jo Bloggs, council finance lead",
        dt.date(2023, 6, 12),
    )


def test_funding_entered_with_no_unit_is_stored_in_pounds(editor_client):
    row = FULL_OUTCOME | {"unit": ""}
    assert editor_client.post(ADD_URL, story_form(outcomes=[row])).status_code == 302
    assert Outcome.objects.get().unit == "GBP"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"value": ""}, "value", UNIT_WITHOUT_VALUE),
        ({"verified_on": "not a date"}, "verified_on", "Enter a valid date."),
        ({"verified_on": "TOMORROW"}, "verified_on", CHECK_IN_FUTURE),
        ({"verified_by": ""}, "verified_by", NOBODY_VERIFIED),
        ({"value": "-10"}, "value", "Enter a number of 0 or more."),
    ],
)
def test_a_broken_outcome_reshows_the_form_with_the_reason_and_saves_nothing(
    editor_client, change, field, message
):
    if change.get("verified_on") == "TOMORROW":  # worked out when the test runs
        change = {"verified_on": tomorrow().strftime("%d/%m/%Y")}
    response = editor_client.post(ADD_URL, story_form(outcomes=[FULL_OUTCOME | change]))
    assert response.status_code == 200
    assert outcome_errors(response)[0][field] == [message]
    assert message in response.content.decode()
    assert not Story.objects.exists()
    assert not Outcome.objects.exists()


def edit(client, story, outcome):
    """Retitle the story and add `outcome`, from a form opened at its current version."""
    data = story_form(title="Swimming pools", slug=story.slug, outcomes=[outcome])
    return client.post(change_url(story), data | {"opened_version": str(story.edit_version)})


@pytest.fixture
def leisure():
    story = make_story(title="Leisure centres", slug="leisure", status="draft", published_at=None)
    make_outcome(story, description="Swimmers reached", value=120, unit="people")
    return story


def test_a_broken_outcome_leaves_the_story_being_edited_as_it_was(editor_client, leisure):
    response = edit(editor_client, leisure, FULL_OUTCOME | {"unit": "people", "value": ""})
    assert response.status_code == 200
    assert UNIT_WITHOUT_VALUE in response.content.decode()
    leisure.refresh_from_db()
    assert leisure.title == "Leisure centres"
    assert [o.description for o in leisure.outcomes.all()] == ["Swimmers reached"]


def test_the_same_edit_with_a_whole_outcome_saves_the_story_and_the_outcome(editor_client, leisure):
    assert edit(editor_client, leisure, FULL_OUTCOME).status_code == 302
    leisure.refresh_from_db()
    assert leisure.title == "Swimming pools"
    assert sorted(o.description for o in leisure.outcomes.all()) == [
        "Council grant for the pools",
        "Swimmers reached",
    ]


def test_an_evidence_link_must_be_a_web_address():
    assert "evidence_url" in errors(evidence_url="ftp://example.org/report.pdf")
    assert cleaned(evidence_url="https://example.org/report.pdf").evidence_url
