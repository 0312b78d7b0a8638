"""Telling a story on the participant's page: step by step, over two visits, then submitted."""

import pytest
from django.core import mail
from django.urls import reverse

from participants.models import Organisation
from stories.models import Story, StoryDraft
from tests.factories import make_organisation, make_story, make_theme
from tests.images.pictures import upload
from tests.portal.helpers import sign_in_as
from tests.portal.story_steps import (
    ABOUT,
    CHALLENGE,
    OUTCOMES,
    PARTNERS,
    QUOTE,
    WHAT_I_DID,
    save_step,
    start,
    step_url,
)

STEPS = [
    "about",
    "challenge",
    "what-you-did",
    "what-changed",
    "partners",
    "quote",
    "themes",
    "photo",
]


@pytest.fixture
def editor_with_email(editor):
    editor.email = "erin@example.org"
    editor.save()
    return editor


def test_the_story_is_told_over_two_visits_and_submitted(client, participant, editor_with_email):
    themes = [make_theme(name="Health inequalities"), make_theme(name="System leadership")]
    make_theme(name="Housing")
    make_organisation(name="Suffolk Mind")  # matched whatever the case
    make_story(title="Already public")
    public_before = client.get(reverse("stories:list")).content.decode().count("<article")
    assert public_before == 1

    # First visit: step one, then "Save and come back later".
    sign_in_as(client, participant)
    draft = start(client)
    response = save_step(client, draft, "about", ABOUT, then="later")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:drafts")
    page = client.get(reverse("portal:drafts")).content.decode()
    assert "A thousand-piece jigsaw" in page
    carry_on = reverse("portal:draft_carry_on", args=[draft.pk])
    assert f'href="{carry_on}"' in page
    assert client.get(carry_on)["Location"] == step_url(draft, "challenge")  # where they stopped
    client.logout()

    # Second visit, through a new link: what was saved is there.
    sign_in_as(client, participant)
    page = client.get(step_url(draft, "about")).content.decode()
    assert 'value="Ipswich Borough Council"' in page
    assert save_step(client, draft, "challenge", CHALLENGE)["Location"] == step_url(
        draft, "what-you-did"
    )
    save_step(client, draft, "what-you-did", WHAT_I_DID)
    save_step(client, draft, "what-changed", {"changed": "We work as one team.", **OUTCOMES})
    save_step(
        client,
        draft,
        "partners",
        {
            **PARTNERS,
            "partners-0-name": "suffolk mind",
            "partners-1-name": "Integrated Care Academy",
            "partners-1-role": "Research partner",
        },
    )
    save_step(client, draft, "quote", QUOTE)
    save_step(client, draft, "themes", {"themes": [themes[0].pk, themes[1].pk]})
    response = client.post(
        step_url(draft, "photo"),
        {
            "version": StoryDraft.objects.get().version,
            "then": "next",
            "photo": upload(size=(800, 600)),
            "photo_alt": "Andrew at the leisure centre",
            "photo_consent": "on",
        },
    )
    assert response["Location"] == reverse("portal:draft_check", args=[draft.pk])

    check = client.get(response["Location"]).content.decode()
    for words in [
        "Ipswich Borough Council",
        "Section 75 funding",
        "Health inequalities",
        "Submit my story",
    ]:
        assert words in check
    assert check.count(">Change<") == 8

    draft.refresh_from_db()
    response = client.post(
        reverse("portal:draft_check", args=[draft.pk]), {"version": draft.version}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "the programme team has it now" in page

    story = Story.objects.get(draft=draft)
    assert story.status == Story.Status.REVIEW
    assert story.participant == participant
    assert story.title == "A thousand-piece jigsaw"
    assert story.summary == "Health inequalities were widening during lockdown."
    assert story.pull_quote == QUOTE["quote"]
    assert "<h2>The challenge</h2>" in story.body
    # Partners and outcomes are the story's records, shown once, not repeated in its text.
    assert "Who I worked with" not in story.body and "Section 75" not in story.body
    assert set(story.themes.all()) == set(themes)
    assert [(o.description, o.value, o.unit) for o in story.outcomes.all()] == [
        ("Section 75 funding", 250000, "GBP"),
        ("Engagement officers recruited", 4, "posts"),
    ]
    assert [(p.organisation.name, p.role) for p in story.partnerships.all()] == [
        ("Suffolk Mind", "Ran the wellbeing sessions"),
        ("Integrated Care Academy", "Research partner"),
    ]
    assert Organisation.objects.get(name="Integrated Care Academy").kind == "other"
    assert story.hero_image and story.hero_image_alt == "Andrew at the leisure centre"
    participant.refresh_from_db()
    assert participant.organisation is None  # their answers are not written to their record

    assert [m.to for m in mail.outbox] == [["erin@example.org"]]
    assert f"/admin/stories/story/{story.pk}/change/" in mail.outbox[0].body
    assert "A thousand-piece jigsaw" in mail.outbox[0].subject

    # Nothing the public sees changed.
    client.logout()
    listing = client.get(reverse("stories:list")).content.decode()
    assert listing.count("<article") == public_before
    assert client.get(story.get_absolute_url()).status_code == 404
    assert (
        client.get(
            Organisation.objects.get(name="Integrated Care Academy").get_absolute_url()
        ).status_code
        == 404
    )


def test_each_step_page_shows_its_place_and_both_buttons(participant_client, participant):
    make_theme(name="Health inequalities")
    draft = StoryDraft.objects.create(participant=participant)
    for number, step in enumerate(STEPS, start=1):
        page = participant_client.get(step_url(draft, step)).content.decode()
        assert f"Step {number} of 8" in page
        assert page.count("<h1") == 1
        assert "Save and continue" in page and "Save and come back later" in page
        assert 'aria-current="step"' in page
    assert (
        "Health inequalities" in participant_client.get(step_url(draft, "themes")).content.decode()
    )


@pytest.mark.parametrize("step", STEPS)
def test_a_step_page_costs_a_few_queries(
    participant_client, participant, step, django_assert_num_queries
):
    make_theme()
    draft = StoryDraft.objects.create(
        participant=participant, answers={"outcomes": [{"description": "x"}] * 5}
    )
    # The session, the participant's link, the draft (and the themes, on their step).
    with django_assert_num_queries(4 if step == "themes" else 3):
        response = participant_client.get(step_url(draft, step))
    assert response.status_code == 200


def test_the_check_page_costs_a_few_queries(
    participant_client, participant, django_assert_max_num_queries
):
    theme = make_theme()
    draft = StoryDraft.objects.create(participant=participant, answers={"themes": [theme.pk]})
    with django_assert_max_num_queries(4):
        response = participant_client.get(reverse("portal:draft_check", args=[draft.pk]))
    assert theme.name in response.content.decode()


def test_add_another_outcome_saves_and_shows_one_more_row(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant)
    page = participant_client.get(step_url(draft, "what-changed")).content.decode()
    assert page.count("<legend>Outcome ") == 3
    response = save_step(participant_client, draft, "what-changed", OUTCOMES, then="more")
    assert response.status_code == 302
    page = participant_client.get(response["Location"]).content.decode()
    assert page.count("<legend>Outcome ") == 4
    assert 'value="Section 75 funding"' in page
    draft.refresh_from_db()
    assert len(draft.answers["outcomes"]) == 2


def test_a_figure_that_is_not_a_number_is_explained(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant)
    response = save_step(
        participant_client,
        draft,
        "what-changed",
        {
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "0",
            "outcomes-0-description": "Funding",
            "outcomes-0-value": "a lot",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the figure as a number, like 250000 or 12.5." in page
    assert 'aria-invalid="true"' in page
    draft.refresh_from_db()
    assert draft.version == 0  # nothing half-saved


def test_a_participant_may_delete_a_draft_after_confirming(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant, answers={"title": "Old idea"})
    url = reverse("portal:draft_delete", args=[draft.pk])
    assert "Delete “Old idea”?" in participant_client.get(url).content.decode()
    assert StoryDraft.objects.filter(pk=draft.pk).exists()
    response = participant_client.post(url)
    assert response["Location"] == reverse("portal:drafts")
    assert not StoryDraft.objects.filter(pk=draft.pk).exists()


def test_starting_a_story_needs_a_post(participant_client):
    page = participant_client.get(reverse("portal:story_new"))
    assert "Start my story" in page.content.decode()
    assert not StoryDraft.objects.exists()


def test_the_drafts_page_costs_a_few_queries(
    participant_client, participant, django_assert_max_num_queries
):
    for n in range(5):
        StoryDraft.objects.create(participant=participant, answers={"title": f"Draft {n}"})
    with django_assert_max_num_queries(3):
        page = participant_client.get(reverse("portal:drafts")).content.decode()
    assert page.count("Carry on") == 5
