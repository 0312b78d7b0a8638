"""The outcomes' grades kept for the funder's view (stories.tallies, `grades|...`) move with
every write that changes them, and always equal a recount."""

import pytest
from django.utils import timezone

from pagecache.renewal import renewal
from stories import tallies
from stories.models import TallyEntry
from tests.factories import (
    make_evidence,
    make_outcome,
    make_pathway_step,
    make_programme,
    make_story,
    make_theme,
)
from tests.stories.tally_checks import kept, made_afresh

pytestmark = pytest.mark.django_db


def grades(scope: str = tallies.ALL) -> dict[tuple, tuple[int, int]]:
    return {
        (r["level"], r["verification"], r["intended"], r["pathway_step_id"]): (
            r["outcomes"],
            r["evidenced"],
        )
        for r in tallies.grades(scope)
    }


@pytest.fixture
def story():
    story = make_story()
    story.themes.add(make_theme(slug="housing"))
    return story


def test_a_public_story_counts_its_outcomes_grades_in_the_archive_and_each_theme(story):
    step = make_pathway_step(make_programme())
    make_outcome(
        story,
        level="results",
        verification="independent",
        verified_by="Jo",
        intended="no",
        pathway_step=step,
        evidence_url="https://example.org/a",
    )
    make_outcome(
        story,
        level="results",
        verification="independent",
        verified_by="Jo",
        intended="no",
        pathway_step=step,
    )
    make_outcome(story, level="learning")
    draft = make_story(status="draft")
    make_outcome(draft, level="behaviour")
    made_afresh()
    expected = {
        ("results", "independent", "no", step.pk): (2, 1),
        ("learning", "self_reported", "not_known", None): (1, 0),
    }
    theme = story.themes.get()
    assert grades() == expected == grades(tallies.key("theme", theme.pk))
    entry = TallyEntry.objects.get(story_id=story.pk)
    assert entry.measures[f"grades|all|results|independent|no|{step.pk}"] == [2, 1, 0]
    assert entry.measures["grades|all|learning|self_reported|not_known|0"] == [1, 0, 0]


def test_evidence_ticked_added_and_deleted_moves_the_evidenced_count(story):
    outcome = make_outcome(story, level="behaviour")
    assert grades() == {("behaviour", "self_reported", "not_known", None): (1, 0)}
    evidence = make_evidence(outcome, public=False)  # held, not published
    assert grades()[("behaviour", "self_reported", "not_known", None)] == (1, 0)
    evidence.public = True
    evidence.save()
    assert grades()[("behaviour", "self_reported", "not_known", None)] == (1, 1)
    made_afresh()
    second = make_evidence(outcome)
    evidence.delete()
    assert grades()[("behaviour", "self_reported", "not_known", None)] == (1, 1)
    second.delete()
    assert grades()[("behaviour", "self_reported", "not_known", None)] == (1, 0)
    made_afresh()


def test_evidence_moved_to_another_story_s_outcome_counts_both_again(story):
    first = make_outcome(story)
    other = make_outcome(make_story())
    evidence = make_evidence(first)
    evidence.outcome = other
    evidence.save()
    made_afresh()
    assert grades()[("not_assessed", "self_reported", "not_known", None)] == (2, 1)


def test_a_deleted_pathway_step_leaves_its_outcomes_on_no_step(story):
    step = make_pathway_step(make_programme())
    make_outcome(story, pathway_step=step)
    step.delete()
    assert grades() == {("not_assessed", "self_reported", "not_known", None): (1, 0)}
    made_afresh()


def test_a_programme_deleted_with_its_steps_leaves_no_count_behind(story):
    programme = make_programme()
    make_outcome(story, pathway_step=make_pathway_step(programme))
    programme.delete()
    made_afresh()
    assert list(grades()) == [("not_assessed", "self_reported", "not_known", None)]


def test_withdrawn_consent_takes_every_grade_of_the_story_off_at_once(story):
    make_outcome(story, level="results", evidence_url="https://example.org/a")
    person = story.participant
    person.consent_withdrawn_at = timezone.now()
    person.save()
    assert grades() == {}
    assert not [key for key in kept() if key.startswith("grades|")]
    made_afresh()


def test_writes_in_a_renewal_block_count_the_story_once_as_it_ends(story):
    outcome = make_outcome(story, level="learning")
    with renewal():
        make_evidence(outcome)
        outcome.level = "behaviour"
        outcome.save()
        # Not yet: counted as the block ends.
        assert ("behaviour", "self_reported", "not_known", None) not in grades()
    assert grades() == {("behaviour", "self_reported", "not_known", None): (1, 1)}
    made_afresh()
