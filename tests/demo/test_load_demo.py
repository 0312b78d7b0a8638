import pytest
from django.core.management import call_command

from demo.loader import DATA, read
from participants.models import Cohort, Organisation, Participant, Programme
from stories.models import Outcome, Story, StoryPartner, TaggedStory, Theme

pytestmark = pytest.mark.django_db

SEED_PARTNERS = {
    "Ipswich and East Suffolk Clinical Commissioning Group",
    "Suffolk County Council",
    "Norfolk and Suffolk NHS Foundation Trust",
    "Suffolk GP Federation",
    "Suffolk Mind",
    "Ipswich and Suffolk Council for Racial Equality",
    "University of Suffolk",
}
SEED_THEMES = {
    "Health inequalities",
    "System leadership",
    "Proportionate universalism",
    "Co-design and co-production",
    "Community development",
}


MODELS = (
    Theme,
    Programme,
    Cohort,
    Organisation,
    Participant,
    Story,
    StoryPartner,
    Outcome,
    TaggedStory,
)


def snapshot():
    """Every row load_demo touches, as comparable values (bar `updated_at`, which moves)."""
    return {
        model.__name__: sorted(
            map(
                str,
                model.objects.values_list(
                    *[f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
                ),
            )
        )
        for model in MODELS
    }


def test_running_twice_leaves_the_same_rows():
    call_command("load_demo", "--no-pictures")
    first = snapshot()
    call_command("load_demo", "--no-pictures")
    second = snapshot()
    assert second == first
    assert Story.objects.count() == len(read("stories"))


def test_the_seed_story_comes_first_and_is_complete():
    call_command("load_demo", "--no-pictures")
    seed = read("stories")[0]
    story = Story.objects.get(slug=seed["slug"])
    assert story.pk == Story.objects.order_by("pk").first().pk
    assert story in Story.objects.public()
    assert story.participant.name == "Andrew Wilesmith"
    assert story.participant.organisation.name == "Ipswich Borough Council"
    assert story.participant.job_title == "Operations Manager, Sport and Leisure"
    cohort = story.participant.cohorts.get()
    assert (cohort.programme.name, cohort.name) == ("Leadership Essentials", "March 2020")
    assert "rocket science" in story.pull_quote
    assert set(story.themes.values_list("name", flat=True)) >= SEED_THEMES
    partners = set(story.partnerships.values_list("organisation__name", flat=True))
    assert partners >= SEED_PARTNERS
    assert all(story.partnerships.values_list("role", flat=True))
    assert any("Section 75" in o.description for o in story.outcomes.all())


def test_every_theme_has_at_least_three_public_stories():
    call_command("load_demo", "--no-pictures")
    counts = {t.name: t.story_count for t in Theme.objects.with_public_story_counts()}
    assert len(counts) >= 5
    assert min(counts.values()) >= 3, counts


def test_demo_has_a_draft_and_a_scheduled_story_that_stay_private():
    call_command("load_demo", "--no-pictures")
    public = Story.objects.public()
    assert public.count() >= 12
    assert Story.objects.filter(status="draft").exclude(pk__in=public).exists()
    scheduled = Story.objects.filter(status="published").exclude(pk__in=public)
    assert scheduled.count() == 1


def test_demo_bodies_are_formatted_text_without_lorem_ipsum():
    call_command("load_demo", "--no-pictures")
    for story in Story.objects.all():
        assert story.body.startswith("<"), story.slug
        assert "lorem" not in story.body.lower()


def test_if_empty_leaves_an_edited_database_alone(capsys):
    call_command("load_demo", "--no-pictures")
    seed = Story.objects.get(slug=read("stories")[0]["slug"])
    seed.title = "Edited by an editor"
    seed.save()

    call_command("load_demo", "--if-empty")

    assert "left as it is" in capsys.readouterr().out
    seed.refresh_from_db()
    assert seed.title == "Edited by an editor"


def test_every_demo_story_has_its_body_file_and_its_people_and_partners():
    stories = read("stories")
    bodies = {path.stem for path in (DATA / "bodies").glob("*.html")}
    assert bodies == {story["slug"] for story in stories}
    people = {row["slug"] for row in read("participants")}
    organisations = {row["slug"] for row in read("organisations")}
    for story in stories:
        assert story["participant"] in people, story["slug"]
        assert {p["organisation"] for p in story["partners"]} <= organisations, story["slug"]
