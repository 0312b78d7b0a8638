"""The brochure's cover: the programme, its introduction, the cohorts, and what the
printed stories add up to, counted by hand here."""

import pytest
from django.utils import timezone

from participants.models import Participant
from tests.factories import make_cohort, make_organisation, make_outcome, make_partner
from tests.impact.test_brochure import COHORT_URL, PROGRAMME_URL, cover_figures, page, story_in

pytestmark = pytest.mark.django_db


def cover_of(html: str) -> str:
    return html.split('class="brochure-page brochure-cover"')[1].split("</section>")[0]


@pytest.mark.parametrize("url", [COHORT_URL, PROGRAMME_URL])
def test_the_figures_count_only_what_the_brochure_prints(client, cohort, url):
    employer, funder, charity, university = (
        make_organisation(name=name) for name in ["Council A", "CCG B", "Charity C", "Uni D"]
    )
    first = story_in(cohort, person={"name": "Ann", "organisation": employer})
    make_partner(first, funder)
    make_partner(first, charity)
    make_outcome(first, kind="funding", value=1_000_000, unit="GBP")
    make_outcome(first, kind="people_reached", value=450, unit="people")
    make_outcome(first, description="A new way of working, with no figure")
    # Ann's second story: she, and her employer named again as a partner, count once.
    second = story_in(cohort)
    second.participant = first.participant
    second.save()
    make_partner(second, employer)
    make_outcome(second, kind="funding", value=250_000, unit="")
    third = story_in(cohort, person={"name": "Bob", "organisation": None})
    make_partner(third, university)
    # A draft, the story of someone who withdrew consent and one for the website
    # only are not printed, so count nowhere.
    for left_out in [
        story_in(cohort, status="draft", published_at=None),
        story_in(cohort, person={"consent_withdrawn_at": timezone.now()}),
        story_in(cohort, person={"consent_scope": Participant.ConsentScope.WEB}),
    ]:
        make_partner(left_out, make_organisation(name="Counted nowhere"))
        make_outcome(left_out, kind="funding", value=9_999, unit="GBP")

    assert cover_figures(page(client, url)) == {
        "stories": "3",
        "participants": "2",  # Ann and Bob
        "organisations": "4",  # Council A, CCG B, Charity C, Uni D
        "outcomes": "4",
        "funding": "£1,250,000",
    }


def test_without_funding_the_cover_shows_no_funding_figure(client, cohort):
    make_outcome(story_in(cohort), kind="people_reached", value=12, unit="people")
    figures = cover_figures(page(client, COHORT_URL))
    assert figures["outcome"] == "1"
    assert "funding" not in figures


def test_the_cover_introduces_the_programme_in_its_own_words(client, cohort, programme):
    programme.description = "A six-month programme for managers in public services."
    programme.save()
    story_in(cohort)
    cover = cover_of(page(client, COHORT_URL))
    assert '<p class="cover-intro">A six-month programme for managers in public services.</p>' in (
        cover
    )
    assert "Cohort: March 2020, started 2 March 2020" in cover


def test_a_programme_without_a_description_says_what_the_brochure_holds(client, cohort):
    story_in(cohort)
    cover = cover_of(page(client, COHORT_URL))
    assert (
        "The stories of participants of the Leadership Essentials: what they did after the "
        "programme, with whom, and what changed." in cover
    )


def test_the_programme_brochure_names_the_cohorts_its_stories_come_from(client, cohort, programme):
    story_in(cohort)
    later = make_cohort(name="September 2021", slug="sept-2021", programme=programme)
    story_in(later)
    make_cohort(name="No printed story yet", slug="empty", programme=programme)
    cover = cover_of(page(client, PROGRAMME_URL))
    assert "Cohorts: March 2020, September 2021</p>" in cover


def test_the_cover_carries_the_site_mark_as_text(client, cohort):
    story_in(cohort)
    cover = cover_of(page(client, COHORT_URL))
    assert '<span class="mark-letters" aria-hidden="true">SI</span>' in cover
    assert '<span class="mark-name">Stories of Impact</span>' in cover
    assert "<img" not in cover


def test_a_new_introduction_is_on_the_next_request(client, cohort, programme):
    story_in(cohort)
    assert "The stories of participants of the Leadership Essentials" in page(client, COHORT_URL)
    programme.description = "Twelve months for senior leaders."
    programme.save()
    cover = cover_of(page(client, COHORT_URL))
    assert "Twelve months for senior leaders." in cover
    assert "The stories of participants" not in cover
