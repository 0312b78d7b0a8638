"""The story form refuses what the model cannot hold, on the field, and saves nothing."""

import pytest

from stories.models import Outcome, Story, StoryPartner
from tests.admin_posts import ADD_URL, story_form
from tests.factories import make_organisation, make_participant, make_story

pytestmark = pytest.mark.django_db


def errors_of(response, field):
    return response.context["adminform"].form.errors.get(field, [])


def test_duplicate_slug_is_a_field_error(editor_client):
    make_story(slug="taken")
    response = editor_client.post(ADD_URL, story_form(slug="taken"))
    assert response.status_code == 200
    assert "Story with this Slug already exists." in errors_of(response, "slug")
    assert Story.objects.filter(slug="taken").count() == 1


def test_publishing_without_a_participant_is_a_field_error(editor_client):
    response = editor_client.post(ADD_URL, story_form(status="published"))
    assert response.status_code == 200
    assert "A story needs a participant before it can be published." in errors_of(
        response, "participant"
    )
    assert not Story.objects.exists()


def test_a_publish_date_that_is_not_a_date_is_a_field_error(editor_client):
    response = editor_client.post(
        ADD_URL,
        story_form(
            status="published",
            participant=make_participant().pk,
            published_at=("the 32nd of Smarch", "09:00"),
        ),
    )
    assert response.status_code == 200
    assert errors_of(response, "published_at") == ["Enter a valid date."]
    assert not Story.objects.exists()


def test_a_partner_role_longer_than_its_field_saves_nothing(editor_client):
    organisation = make_organisation()
    response = editor_client.post(
        ADD_URL,
        story_form(
            partners=[{"organisation": organisation.pk, "role": "x" * 121, "order": "0"}],
            outcomes=[
                {"description": "Funding secured", "value": "1000", "unit": "GBP", "order": "0"}
            ],
        ),
    )
    assert response.status_code == 200
    formset_errors = response.context["inline_admin_formsets"][0].formset.errors
    assert "Ensure this value has at most 120 characters (it has 121)." in formset_errors[0]["role"]
    assert not Story.objects.exists()
    assert not StoryPartner.objects.exists()
    assert not Outcome.objects.exists()


def test_an_outcome_value_that_is_not_a_number_is_a_field_error(editor_client):
    response = editor_client.post(
        ADD_URL,
        story_form(
            outcomes=[{"description": "People reached", "value": "lots", "unit": "", "order": "0"}]
        ),
    )
    formset_errors = response.context["inline_admin_formsets"][1].formset.errors
    assert formset_errors[0]["value"] == ["Enter a number."]
    assert not Story.objects.exists()


def test_hostile_body_from_the_admin_is_stored_clean(editor_client):
    body = '<p>Hello</p><script>alert(1)</script><p><a href="javascript:alert(1)">x</a></p>'
    assert editor_client.post(ADD_URL, story_form(body=body)).status_code == 302
    stored = Story.objects.get().body
    assert "<script" not in stored and "javascript:" not in stored
    assert "<p>Hello</p>" in stored


def test_a_full_story_with_partners_and_outcomes_saves_together(editor_client):
    organisation = make_organisation(name="Suffolk Mind")
    response = editor_client.post(
        ADD_URL,
        story_form(
            status="published",
            participant=make_participant().pk,
            tags="covid-19, section 75",
            partners=[{"organisation": organisation.pk, "role": "Delivery partner", "order": "0"}],
            outcomes=[{"description": "Funding", "value": "250000", "unit": "GBP", "order": "0"}],
        ),
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert [p.role for p in story.partnerships.all()] == ["Delivery partner"]
    assert [o.unit for o in story.outcomes.all()] == ["GBP"]
    assert sorted(story.tags.names()) == ["covid-19", "section 75"]


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_implausible_publish_dates_are_a_field_error(editor_client, date):
    response = editor_client.post(
        ADD_URL,
        story_form(
            status="published", participant=make_participant().pk, published_at=(date, "09:00")
        ),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_at"] == [
        "Enter a date between 1990 and 2100."
    ]
