"""The public counts kept as stories change (stories.tallies) always equal a count made
afresh from the stories themselves, whatever path a write takes."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editorial import people_services
from impact import reports
from pagecache.renewal import renewal
from pagecache.versions import current_version
from participants.models import Participant
from stories import tallies
from stories.models import Outcome, Story, TaggedStory, Tally, TallyClock, TallyEntry
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_story,
    make_theme,
)
from tests.stories.tally_checks import kept, made_afresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes():
    return make_theme(name="Housing", slug="housing"), make_theme(name="Health", slug="health")


def test_a_public_story_counts_under_everything_it_shows_and_a_draft_under_nothing(themes):
    housing, health = themes
    cohort = make_cohort()
    person = make_participant()
    person.cohorts.add(cohort)
    story = make_story(participant=person)
    story.themes.add(housing, health)
    story.tags.add("Young people")
    draft = make_story(status=Story.Status.DRAFT, participant=person)
    draft.themes.add(housing)
    draft.tags.add("Draft only")
    tag = TaggedStory.objects.get(content_object=story).tag_id
    assert made_afresh() == {
        "stories": 1,
        "participants": 1,
        f"participant:{person.pk}": 1,
        f"theme:{housing.pk}": 1,
        f"theme:{health.pk}": 1,
        f"themes:{housing.pk}:{health.pk}": 1,
        f"themes:{health.pk}:{housing.pk}": 1,
        f"tag:{tag}": 1,
        f"cohort:{cohort.pk}": 1,
        f"programme:{cohort.programme_id}": 1,
        f"grid:{housing.pk}:{cohort.pk}": 1,  # the coverage grid's cells
        f"grid:{health.pk}:{cohort.pk}": 1,
        f"printed:{cohort.pk}": 1,  # agreed to print: in the cohort's brochure
        # What a theme page's filters offer: its tags and programmes, with how many.
        f"theme-tag:{housing.pk}:{tag}": 1,
        f"theme-tag:{health.pk}:{tag}": 1,
        f"theme-programme:{housing.pk}:{cohort.programme_id}": 1,
        f"theme-programme:{health.pk}:{cohort.programme_id}": 1,
    }


def test_every_kind_of_write_moves_the_counts_as_a_recount_would(themes):
    housing, health = themes
    person, other = make_participant(), make_participant()
    stories = [make_story(participant=person) for _ in range(3)] + [make_story(participant=other)]
    for story in stories:
        story.themes.add(housing)
    stories[0].themes.add(health)
    stories[1].tags.add("Carers", "Housing")
    made_afresh()

    stories[0].themes.remove(housing)  # a theme taken off
    health.stories.add(stories[2])  # from the theme's side
    housing.stories.clear()  # a theme emptied
    stories[1].tags.clear()
    assert made_afresh()[f"theme:{health.pk}"] == 2

    stories[2].status = Story.Status.DRAFT  # unpublished
    stories[2].save()
    person.consent_withdrawn_at = timezone.now()  # a person withdraws: all their stories go
    person.save()
    assert made_afresh()["stories"] == 1
    assert made_afresh()["participants"] == 1

    person.consent_withdrawn_at = None
    person.save()
    stories[3].delete()
    other.delete()
    counts = made_afresh()
    assert counts["stories"] == 2 and counts["participants"] == 1


def test_a_cohort_moved_to_another_programme_moves_its_stories_counts():
    cohort = make_cohort()
    person = make_participant()
    person.cohorts.add(cohort)
    make_story(participant=person)
    elsewhere = make_programme()
    cohort.programme = elsewhere
    cohort.save()
    counts = made_afresh()
    assert counts[f"programme:{elsewhere.pk}"] == 1
    assert f"programme:{cohort.programme_id}" in counts


def test_a_write_in_a_renewal_block_counts_its_story_once_as_it_ends(themes):
    housing, _ = themes
    with renewal():
        story = make_story()
        story.themes.add(housing)
        story.tags.add("One", "Two")
        assert not TallyEntry.objects.exists(), "counted before the write ended"
    assert TallyEntry.objects.get(story_id=story.pk).keys
    made_afresh()


def test_counting_a_story_again_never_counts_it_twice(themes):
    story = make_story()
    story.themes.add(themes[0])
    tallies.refresh([story.pk, story.pk])
    tallies.refresh([story.pk])
    assert kept()["stories"] == 1
    made_afresh()


def test_a_person_with_two_public_stories_is_one_participant_until_both_go():
    person = make_participant()
    first, second = make_story(participant=person), make_story(participant=person)
    assert kept()["participants"] == 1
    first.delete()
    assert kept()["participants"] == 1
    second.status = Story.Status.DRAFT
    second.save()
    assert kept().get("participants", 0) == 0


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_scheduled_publication_and_an_end_are_counted_when_their_moment_comes():
    tallies.recount()  # the clock stands at now
    make_story()
    go_live = timezone.now() + dt.timedelta(hours=1)
    ends = go_live + dt.timedelta(hours=1)
    make_story(published_at=go_live)
    make_story(expires_at=ends)
    current_version()
    assert tallies.count("stories") == 2
    with at(go_live):
        current_version()
        assert tallies.count("stories") == 3
    with at(ends):
        current_version()
        assert tallies.count("stories") == 2
        assert TallyClock.objects.get().swept_until == ends
        made_afresh()


def test_a_consent_running_out_takes_its_stories_off_the_counts_at_midnight():
    tallies.recount()
    person = make_participant(consent_expires_on=timezone.localdate())
    make_story(participant=person)
    make_story()
    current_version()
    assert tallies.count("participants") == 2
    midnight = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time())
    )
    with at(midnight):
        current_version()
        assert tallies.count("stories") == 1
        assert tallies.count("participants") == 1


def test_a_database_whose_counts_were_never_made_has_them_made_at_the_first_read(
    django_capture_on_commit_callbacks,
):
    Story.objects.bulk_create(  # no signals, as an import or an old database
        [Story(title="Bulk", slug="bulk", participant=make_participant(), **_published())]
    )
    Tally.objects.all().delete()
    TallyEntry.objects.all().delete()
    tallies._built = False
    with django_capture_on_commit_callbacks(execute=True):
        assert tallies.count("stories") == 1
    with CaptureQueriesContext(connection) as queries:
        tallies.count("stories")
    assert len(queries) == 1, "made once per process, then only read"


def _published():
    return {"status": Story.Status.PUBLISHED, "published_at": timezone.now()}


def test_withdrawing_through_the_service_takes_the_stories_off_every_count(themes, editor):
    person = make_participant()
    story = make_story(participant=person)
    story.themes.add(themes[0])
    withdrawing = Participant.objects.get(pk=person.pk)
    withdrawing.consent_withdrawn_at = timezone.now()
    people_services.save_participant(participant=withdrawing, by=editor)
    assert kept() == {}
    made_afresh()


def _totals(rows) -> list[tuple]:
    return [(t.kind, t.unit, t.total, t.outcomes, t.with_figure) for t in rows]


def test_the_kept_outcome_totals_are_those_a_query_adds_up_after_every_change(themes):
    housing, health = themes
    funded, other = make_story(), make_story()
    funded.themes.add(housing, health)
    other.themes.add(housing)
    grant = make_outcome(funded, kind="funding", value=Decimal("250000.50"), unit="GBP")
    make_outcome(funded, kind="funding", value=None, unit="GBP")  # no figure
    make_outcome(other, kind="people_reached", value=Decimal("12"), unit="People")
    make_outcome(other, kind="people_reached", value=Decimal("3"), unit="people")  # merged
    draft = make_story(status=Story.Status.DRAFT)
    draft.themes.add(housing)
    make_outcome(draft, kind="funding", value=Decimal("999999"), unit="GBP")  # not public

    def agree():
        made_afresh()
        for scope, outcomes in [
            (tallies.ALL, Outcome.objects.public()),
            (f"theme:{housing.pk}", Outcome.objects.public().filter(story__themes=housing)),
            (f"theme:{health.pk}", Outcome.objects.public().filter(story__themes=health)),
        ]:
            rows, stories = tallies.outcome_totals(scope)
            assert _totals(reports.outcome_totals(None, rows=rows)) == _totals(
                reports.outcome_totals(outcomes)
            ), scope
            assert stories == outcomes.values("story_id").distinct().count(), scope

    agree()
    assert tallies.outcome_totals(tallies.ALL)[1] == 2
    grant.value = Decimal("100")
    grant.save()
    agree()
    grant.delete()
    agree()
    funded.themes.remove(health)
    agree()
    other.status = Story.Status.DRAFT
    other.save()
    agree()
    assert tallies.outcome_totals(f"theme:{housing.pk}")[1] == 1


def test_the_theme_page_and_the_impact_page_lead_with_the_kept_totals(client, themes):
    housing, _ = themes
    story = make_story()
    story.themes.add(housing)
    make_outcome(story, kind="funding", value=Decimal("7120000"), unit="GBP")
    hidden = make_story(status=Story.Status.DRAFT)
    hidden.themes.add(housing)
    make_outcome(hidden, kind="funding", value=Decimal("5000000"), unit="GBP")
    for address in ("/impact/", f"/themes/{housing.slug}/"):
        page = client.get(address).content.decode()
        assert "7,120,000" in page, address
        assert "12,120,000" not in page and "5,000,000" not in page, address


def test_organisations_count_once_whether_employer_or_partner_and_go_with_their_stories():
    council = make_organisation()
    charity = make_organisation()
    person = make_participant(organisation=council)
    story = make_story(participant=person)
    make_partner(story, council)  # its employer partnered too: still one organisation
    assert tallies.headline_figures()["organisations"] == 1
    story.partners.add(charity, through_defaults={"role": "Delivery partner"})
    assert tallies.headline_figures() == {"stories": 1, "participants": 1, "organisations": 2}
    charity.partnered_stories.clear()
    assert made_afresh()["organisations"] == 1
    story.partnerships.all().delete()
    council.delete()  # its people are left with none, without a signal of their own
    assert made_afresh().get("organisations", 0) == 0
    assert tallies.headline_figures()["stories"] == 1


def test_the_kept_coverage_grid_and_network_are_those_the_queries_make(themes):
    housing, health = themes
    march, june = make_cohort(), make_cohort()
    council = make_organisation(kind="local_authority")
    trust, charity = make_organisation(kind="nhs"), make_organisation(kind="vcs")
    people = [make_participant(organisation=council), make_participant(organisation=trust)]
    people[0].cohorts.add(march, june)
    people[1].cohorts.add(june)
    stories = [make_story(participant=people[n % 2]) for n in range(5)]
    for n, story in enumerate(stories):
        story.themes.add(housing if n % 2 else health)
        make_partner(story, charity)
        if n % 3 == 0:
            make_partner(story, trust if n % 2 == 0 else council)
    make_story(participant=people[0], status=Story.Status.DRAFT).themes.add(housing)

    def agree():
        made_afresh()
        public = Story.objects.public()
        grid = reports.coverage_grid(public, themes=themes, cohorts=[march, june])
        assert reports.kept_coverage_grid(themes=themes, cohorts=[march, june]) == grid
        network = reports.partner_network(public)
        kept_network = reports.kept_partner_network()
        assert kept_network.nodes == network.nodes
        assert kept_network.links == network.links
        assert kept_network.kinds == network.kinds
        return kept_network

    assert agree().kinds
    charity.kind = "education"  # a kind corrected
    charity.save()
    agree()
    people[1].cohorts.remove(june)
    stories[0].partnerships.all().delete()
    agree()
    stories[1].status = Story.Status.DRAFT
    stories[1].save()
    agree()
