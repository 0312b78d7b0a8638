"""Attacks: the new theme-tag / theme-programme kept counts equal a recount after each write."""

import pytest
from django.utils import timezone
from taggit.models import Tag

from editorial.people_services import save_participant
from stories import tallies
from stories.models import Story
from tests.factories import make_cohort, make_participant, make_programme, make_story, make_theme
from tests.stories.tally_checks import made_afresh

pytestmark = pytest.mark.django_db


def theme_keys():
    return {
        k: v for k, v in made_afresh().items() if k.startswith(("theme-tag", "theme-programme"))
    }


def test_every_kind_of_write_keeps_theme_tag_and_theme_programme_counts_true(client):
    tallies.recount()
    housing, health = make_theme(name="Housing"), make_theme(name="Health")
    first, second = make_programme(), make_programme()
    march = make_cohort(programme=first)
    person = make_participant()
    person.cohorts.add(march)
    story = make_story(participant=person)
    story.themes.add(housing)
    story.tags.add("alpha", "beta")
    assert theme_keys()
    story.themes.add(health)
    theme_keys()
    story.tags.remove("alpha")
    theme_keys()
    march.programme = second  # a cohort moved to another programme
    march.save()
    theme_keys()
    person.cohorts.remove(march)
    theme_keys()
    person.cohorts.add(march)
    theme_keys()
    Tag.objects.filter(name="beta").delete()  # a superuser deletes a raw tag
    theme_keys()
    story.tags.add("gamma")
    gamma = Tag.objects.get(name="gamma")
    gamma.name = "Gamma renamed"  # a superuser renames a raw tag
    gamma.save()
    theme_keys()
    health.delete()
    theme_keys()
    story.themes.clear()
    theme_keys()
    story.themes.add(housing)
    story.status = Story.Status.DRAFT
    story.save()
    theme_keys()
    story.status = Story.Status.PUBLISHED
    story.save()
    person.consent_withdrawn_at = timezone.now()
    save_participant(participant=person, by=None)
    theme_keys()
    march.delete()
    theme_keys()
    story.delete()
    assert theme_keys() == {}
