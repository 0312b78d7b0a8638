import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, OuterRef

from participants.models import Participant
from stories import tallies
from stories.models import Evidence, Outcome, PathwayStep, Story, StoryPartner, TaggedStory, Theme
from tests.stories.tally_checks import made_afresh

pytestmark = pytest.mark.django_db


def test_generate_stories_makes_exactly_n_linked_stories(capsys):
    call_command("generate_stories", 300, "--seed", "7")

    assert "Generated 300 stories" in capsys.readouterr().out
    assert Story.objects.count() == 300
    assert Theme.objects.count() >= 5
    assert Participant.objects.exists()
    # every story has at least one theme and one tag; partners and outcomes are spread
    assert not Story.objects.annotate(n=Count("themes")).filter(n=0).exists()
    assert TaggedStory.objects.values("content_object").distinct().count() == 300
    assert StoryPartner.objects.exists() and Outcome.objects.exists()
    public = Story.objects.public().count()
    assert 200 < public < 300, "most are public, some draft, review or archived"


def test_generated_stories_read_like_stories():
    call_command("generate_stories", 20, "--seed", "3")
    story = Story.objects.select_related("participant__organisation").first()
    assert story.participant.organisation is not None
    assert "<p>" in story.body and "<h2>" in story.body
    assert "lorem" not in story.body.lower()


def test_running_it_twice_adds_more_without_slug_clashes():
    call_command("generate_stories", 50)
    call_command("generate_stories", 50)
    assert Story.objects.count() == 100


def test_zero_or_negative_count_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_stories", 0)


def test_generated_stories_are_searchable():
    from stories.search import service as search

    call_command("generate_stories", 30, "--seed", "5")
    story = Story.objects.public().select_related("participant").first()
    surname = story.participant.name.split()[-1]
    assert story in search.matching(Story.objects.public(), surname)


def test_generated_stories_show_at_once_on_a_cached_page(client):
    client.get("/stories/")
    assert "0 stories" in client.get("/stories/").content.decode()  # now cached
    call_command("generate_stories", "3", "--seed", "1")
    assert "0 stories" not in client.get("/stories/").content.decode()


def test_generating_after_the_demo_shares_its_tags():
    from demo.loader import load_demo

    load_demo(with_pictures=False)
    demo_tags = set(TaggedStory.objects.values_list("tag_id", flat=True))
    tagged_before = TaggedStory.objects.count()
    call_command("generate_stories", 50, "--seed", "2")
    reused = TaggedStory.objects.filter(tag_id__in=demo_tags).count()
    assert reused > tagged_before, "generated stories share the demo's tags, not copies"


def test_generated_outcomes_have_a_spread_of_grades_evidence_and_pathway_steps():
    call_command("generate_stories", 400, "--seed", "11")
    outcomes = Outcome.objects.all()
    levels = set(outcomes.values_list("level", flat=True))
    assert levels == set(Outcome.Level.values)
    assert set(outcomes.values_list("verification", flat=True)) == set(Outcome.Verification.values)
    assert set(outcomes.values_list("intended", flat=True)) == set(Outcome.Intended.values)
    on_step = outcomes.exclude(pathway_step=None)
    assert 0.6 < on_step.count() / outcomes.count() < 0.95
    # Each on a step of its own participant's programme.
    same = Participant.cohorts.through.objects.filter(
        participant_id=OuterRef("story__participant_id"),
        cohort__programme_id=OuterRef("pathway_step__programme_id"),
    )
    assert not on_step.exclude(Exists(same)).exists()
    assert PathwayStep.objects.values("programme").distinct().count() >= 1
    evidence = Evidence.objects.all()
    assert 0.2 < evidence.count() / outcomes.count() < 0.4
    assert evidence.filter(public=True).exists() and evidence.filter(public=False).exists()
    # The checked ones name who checked them (as an editor must).
    assert not outcomes.exclude(verification="self_reported").filter(verified_by="").exists()
    assert tallies.grades()
    made_afresh()
