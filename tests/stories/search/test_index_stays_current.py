"""The search index follows every change to a story or to what it shows."""

import pytest
from django.utils import timezone
from taggit.models import Tag

from editorial import services
from stories.models import SearchDocument, Story
from stories.search import service as search
from tests.factories import make_organisation, make_partner, make_story

pytestmark = pytest.mark.django_db


def found(words):
    best = search.ranked(Story.objects.public(), words)
    stories = Story.objects.in_bulk(best)
    return [stories[pk] for pk in best]


def test_renaming_the_participant_updates_results(ipswich):
    person = ipswich.participant
    person.name = "Andrea Whitlock"
    person.save()
    assert found("Whitlock") == [ipswich]
    assert found("Wilesmith") == []


def test_renaming_an_organisation_updates_results_for_employer_and_partner(ipswich):
    council = ipswich.participant.organisation
    council.name = "East Suffolk Unitary Authority"
    council.save()
    assert found("Unitary") == [ipswich]
    partner = ipswich.partners.get()
    partner.name = "Suffolk Wellbeing Collective"
    partner.save()
    assert found("Collective") == [ipswich]
    assert found("Mind") == []


def test_renaming_a_theme_or_a_tag_updates_results(ipswich):
    theme = ipswich.themes.get()
    theme.name = "Fair shares by need"
    theme.save()
    assert found("shares") == [ipswich]
    tag = Tag.objects.get(name="covid-19")
    tag.name = "pandemic recovery"
    tag.save()
    assert found("pandemic") == [ipswich]


def test_adding_and_removing_partners_themes_and_tags_updates_results(ipswich):
    make_partner(ipswich, make_organisation(name="University of Suffolk"))
    assert found("University") == [ipswich]
    ipswich.tags.add("social prescribing")
    assert found("prescribing") == [ipswich]
    ipswich.tags.remove("social prescribing")
    assert found("prescribing") == []
    theme = ipswich.themes.get()
    theme.stories.clear()
    assert found("proportionate") == []


def test_editing_the_story_updates_results(ipswich):
    ipswich.body = "<p>A new paragraph about allotments.</p>"
    ipswich.save()
    assert found("allotments") == [ipswich]
    assert found("Section 75") == []


def test_unpublishing_removes_the_story_from_results_at_once(ipswich, editor):
    assert found("Wilesmith") == [ipswich]
    services.unpublish_story(story=ipswich, by=editor)
    assert found("Wilesmith") == []


def test_withdrawn_consent_or_a_future_date_removes_it_at_once(ipswich):
    ipswich.participant.consent_withdrawn_at = timezone.now()
    ipswich.participant.save()
    assert found("Wilesmith") == []
    ipswich.participant.consent_withdrawn_at = None
    ipswich.participant.save()
    Story.objects.filter(pk=ipswich.pk).update(
        published_at=timezone.now() + timezone.timedelta(hours=1)
    )
    assert found("Wilesmith") == []


def test_deleting_a_story_deletes_its_search_text(ipswich):
    ipswich.partnerships.all().delete()
    ipswich.delete()
    assert not SearchDocument.objects.exists()
    assert found("Wilesmith") == []


def test_rebuild_command_indexes_stories_that_have_no_search_text(ipswich, capsys):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    assert found("Wilesmith") == []
    call_command("rebuild_search_index", "--missing")
    assert "Search index: indexed 1 story in" in capsys.readouterr().out
    assert found("Wilesmith") == [ipswich]


def test_deleting_a_story_with_partners_leaves_no_search_text_behind():
    story = make_story()
    make_partner(story)
    story.delete()
    assert not SearchDocument.objects.exists()
