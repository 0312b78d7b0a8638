"""The demo's evaluation: the seed's Section 75 award graded and evidenced as the issue
says, a realistic spread of levels and checks, the programme's pathway with one gap, and
a decided selection round; all of it loaded again without a change."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from demo.loader import read
from impact.funders import funder_view
from participants.models import Programme
from stories.models import (
    Consideration,
    Evidence,
    Outcome,
    PanelMember,
    PathwayStep,
    SelectionRound,
)

pytestmark = pytest.mark.django_db

SEED = "andrew-wilesmith-ipswich-leisure-to-community-health"
EVALUATION = (Outcome, Evidence, PathwayStep, SelectionRound, PanelMember, Consideration)


@pytest.fixture
def demo():
    call_command("load_demo", "--no-pictures")
    return Programme.objects.get(slug="leadership-essentials")


def rows():
    return {
        model.__name__: sorted(map(str, model.objects.values_list(
            *[f.attname for f in model._meta.concrete_fields]
        )))
        for model in EVALUATION
    }  # fmt: skip


def test_loading_again_changes_no_evaluation_row_nor_stored_file(demo):
    first = rows()
    call_command("load_demo", "--no-pictures")
    assert rows() == first


def test_the_seeds_section_75_award_is_a_corroborated_system_result(demo):
    award = Outcome.objects.get(story__slug=SEED, description__contains="Section 75")
    assert (award.level, award.who_changed, award.change_kind) == ("results", "system", "resources")
    assert award.verification == "corroborated"
    assert award.verifier_organisation == "Ipswich and East Suffolk Clinical Commissioning Group"
    assert award.verifier_relationship == "Commissioner"
    assert award.verified_on == dt.date(2021, 6, 30)
    [evidence] = award.evidence.all()
    assert evidence.kind == "document" and evidence.public
    assert "commissioning group's decision" in evidence.description
    assert evidence.file.read().startswith(b"Ipswich and East Suffolk Clinical Commissioning")
    assert evidence in Evidence.objects.public()


def test_every_demo_outcome_is_valid_as_the_editors_form_would_save_it(demo):
    for outcome in Outcome.objects.all():
        before = outcome.verification
        outcome.full_clean()
        assert outcome.verification == before, f"{outcome}: its checker makes it corroborated"
    for evidence in Evidence.objects.all():
        evidence.full_clean()


def test_the_outcomes_spread_across_levels_and_checks(demo):
    public = Outcome.objects.public()
    levels = Counter(public.values_list("level", flat=True))
    checks = Counter(public.values_list("verification", flat=True))
    assert set(levels) == {"not_assessed", "reaction", "learning", "behaviour", "results"}
    assert levels["not_assessed"] >= 3
    assert 2 <= checks["independent"] <= 5, "a few independently verified"
    assert checks["corroborated"] >= 5 and checks["self_reported"] >= 5
    assert public.filter(intended="no").count() == 1, "one unexpected"
    assert Evidence.objects.filter(public=False).exists(), "some evidence is held back"


def test_the_programmes_pathway_runs_from_activities_to_impact_with_one_gap(demo):
    steps = list(demo.pathway_steps.order_by("order"))
    assert [step.stage for step in steps] == [
        "activities", "outputs", "short_term", "long_term", "impact"
    ]  # fmt: skip
    view = funder_view(Outcome.objects.public(), Programme.objects.filter(pk=demo.pk))
    [pathway] = view.pathways
    assert all(figures.outcomes for figures in pathway.steps[:-1]), "outcomes on each step"
    assert [figures.step.title for figures in pathway.steps if figures.gap] == [
        "Fairer health in the places participants serve"
    ]


def test_one_decided_round_chose_a_story_per_theme_with_the_panels_reasons(demo):
    [selection_round] = SelectionRound.objects.decided()
    assert selection_round.programme == demo
    assert selection_round.panel.count() == 3
    chosen = Consideration.objects.public_choices().with_round()
    assert chosen.count() >= 3
    assert len({choice.theme_id for choice in chosen}) == chosen.count(), "one per theme"
    assert all(len(choice.reason) > 80 and choice.told_at for choice in chosen)
    seed = chosen.get(story__slug=SEED)
    assert seed.theme.slug == "health-inequalities"
    assert Consideration.objects.filter(chosen=False).exists(), "others were read too"
    for choice in Consideration.objects.select_related("story", "selection_round"):
        published = choice.story.published_at.date()
        assert choice.selection_round.period_start <= published <= choice.selection_round.period_end


def test_the_demo_data_names_only_steps_themes_and_stories_it_has():
    steps = {step["title"] for row in read("pathways") for step in row["steps"]}
    stories = {story["slug"] for story in read("stories")}
    themes = {theme["slug"] for theme in read("themes")}
    for story in read("stories"):
        for outcome in story["outcomes"]:
            assert outcome.get("step", next(iter(steps))) in steps, outcome["description"]
    for row in read("selection_rounds"):
        for item in row["considerations"]:
            assert item["story"] in stories and item["theme"] in themes
