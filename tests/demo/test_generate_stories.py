import pytest
from django.core.management import call_command
from django.db.models import Count

from participants.models import Participant
from stories.models import Outcome, Story, StoryPartner, TaggedStory, Theme

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
