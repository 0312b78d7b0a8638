"""An editor grades an outcome and gives its evidence on the story's own page, in a real
browser: level, verification, who checked it and one evidence link, saved together; the
change page passes axe, folded part and evidence rows included."""

import pytest

from stories.models import Evidence, Outcome
from tests.e2e.pages import axe_violations, log_in, screenshot
from tests.factories import make_cohort, make_participant, make_pathway_step, make_staff, make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_editor_adds_a_graded_outcome_with_evidence_on_the_story_page(browser):
    make_staff("erin-editor", "Editors")
    cohort = make_cohort(name="Carfan 2024")
    make_pathway_step(cohort.programme, stage="long_term", title="Systems change together")
    participant = make_participant(name="Siân Llewellyn")
    participant.cohorts.add(cohort)
    story = make_story(title="Y gampfa", status="draft", published_at=None, participant=participant)
    change = f"/admin/stories/story/{story.pk}/change/"

    with browser() as open_page:
        page = open_page()
        log_in(page, "erin-editor")
        page.goto(change)
        page.get_by_role("button", name="Add another outcome").click()
        outcome = page.locator("#outcomes-0")
        outcome.get_by_label("Type").select_option(label="Funding secured")
        outcome.get_by_label("Description").fill("Section 75 award for the pools")
        outcome.get_by_label("Value").fill("250000")
        outcome.get_by_label("Level").select_option(label="Results")
        outcome.get_by_label("Verification").select_option(label="Corroborated")
        outcome.get_by_label("Verified by").fill("Commissioning group finance lead")
        outcome.get_by_role("button", name="Add another evidence item").click()
        evidence = page.locator("#outcomes-0-evidence-0")
        evidence.get_by_label("What it shows").fill("Commissioning group's decision")
        evidence.get_by_label("Link").fill("https://example.org/decision.pdf")
        evidence.get_by_label("Show to the public").check()
        # The folded part holds the pathway step, offered from the participant's programme.
        outcome.get_by_text("Who changed, how, and why it matters").click()
        step = outcome.get_by_label("Step on the pathway")
        step.select_option(label="Long-term outcomes: Systems change together")
        page.get_by_role("button", name="Save and continue editing").click()
        page.get_by_text("was changed successfully").wait_for()

        # Saved and shown again: the folded part opens itself, since it holds a value.
        outcome = page.locator("#outcomes-0")
        assert outcome.get_by_label("Step on the pathway").is_visible()
        evidence = page.locator("#outcomes-0-evidence-0")
        assert evidence.get_by_label("Link").input_value() == "https://example.org/decision.pdf"
        violations = axe_violations(page)
        screenshot(page, "admin-outcome-with-evidence")

    assert violations == []
    outcome = Outcome.objects.get(story=story)
    assert (outcome.level, outcome.verification, outcome.verified_by) == (
        "results",
        "corroborated",
        "Commissioning group finance lead",
    )
    assert outcome.pathway_step.title == "Systems change together"
    assert list(Evidence.objects.values_list("outcome", "url", "public")) == [
        (outcome.pk, "https://example.org/decision.pdf", True)
    ]
