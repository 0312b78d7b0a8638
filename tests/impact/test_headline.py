"""/impact/ leads with one sentence in plain words and three headline figures.

The figures are hand-counted from the `world` of test_impact_page: Pat (Ipswich Borough
Council) tells "Leisure centres" (Housing; partner Suffolk Mind; £1,000,000 and 120
swimmers), Sam (East Suffolk NHS Trust) "Hospital discharge" (Health; partner the
council; £250,000 and a pathway), Alex (no employer) "Community hubs" (Housing and
Health; partner Suffolk Mind; £90,000 and a partnership).
"""

from decimal import Decimal

import pytest
from django.utils import timezone

from impact.headline import Headline, Reach, headline, pounds
from impact.reports import Total
from tests import factories
from tests.impact.test_impact_page import figures, lead, page

pytestmark = pytest.mark.django_db

WHOLE = (
    "3 stories from 3 people, involving 3 organisations, report 6 outcomes across 2 themes, "
    "including £1,340,000 of funding secured."
)
WHOLE_FIGURES = [
    "3 stories from 3 people",
    "£1,340,000 funding secured",
    "3 organisations involved as employers or partners",
]
BETA = (
    "With these filters: 2 stories from 2 people, involving 3 organisations, report "
    "4 outcomes across 2 themes, including £340,000 of funding secured."
)


def test_the_whole_report_and_a_filtered_one_say_what_their_stories_report(client, world):
    root = page(client)
    assert (lead(root), figures(root)) == (WHOLE, WHOLE_FIGURES)
    # Sam and Alex's cohort: the trust employs Sam; the council and Mind are partners.
    assert lead(page(client, "/impact/?cohort=beta-may")) == BETA


def test_the_summary_and_figures_come_before_the_filters_and_the_detail(client, world):
    html = client.get("/impact/").content.decode()
    order = [
        html.index('class="lead impact-summary"'),
        html.index('class="headline-figures"'),
        html.index('class="filters impact-filters"'),
        html.index('id="kinds-heading"'),
        html.index('id="ledger-heading"'),
    ]
    assert order == sorted(order)


@pytest.fixture
def hidden(world):
    """What the public never sees: a draft, and a published story whose teller withdrew
    consent, each with its own organisation, theme, partner and a large grant."""
    draft_teller = factories.make_participant(
        organisation=factories.make_organisation(name="Draft Council")
    )
    draft = factories.make_story(participant=draft_teller, status="draft")
    withdrawn_teller = factories.make_participant(
        organisation=factories.make_organisation(name="Withdrawn Trust"),
        consent_withdrawn_at=timezone.now(),
    )
    withdrawn = factories.make_story(participant=withdrawn_teller)
    for story in (draft, withdrawn):
        story.themes.add(factories.make_theme(name=f"Hidden theme of {story.title}"))
        factories.make_partner(story, factories.make_organisation(name=f"Partner of {story.title}"))
        factories.make_outcome(story, kind="funding", value=5_000_000, unit="GBP")
    return withdrawn_teller


@pytest.mark.parametrize(
    ("url", "sentence"),
    [("/impact/", WHOLE), ("/impact/?cohort=beta-may", BETA)],
)
def test_a_draft_and_a_withdrawn_story_are_not_counted(client, hidden, world, url, sentence):
    if "cohort" in url:
        hidden.cohorts.add(world["beta"])
    assert lead(page(client, url)) == sentence


def test_withdrawing_consent_takes_the_story_out_of_the_kept_counts(client, world):
    assert lead(page(client)) == WHOLE
    pat = world["alpha"].participants.get()
    pat.consent_withdrawn_at = timezone.now()
    pat.save()
    # Pat's story goes, and with it the council as employer (still Sam's partner) and £1m.
    assert lead(page(client)) == (
        "2 stories from 2 people, involving 3 organisations, report 4 outcomes across "
        "2 themes, including £340,000 of funding secured."
    )


def test_a_filter_that_matches_nothing_says_so_in_words(client, world):
    root = page(client, "/impact/?kind=private&type=partnership")
    assert lead(root) == "No public story matches these filters." and figures(root) == []


def test_an_empty_site_says_nothing_is_published_yet(client):
    root = page(client)
    assert lead(root) == "No story has been published yet." and figures(root) == []


# --- The sentence, for none, one and many ------------------------------------------------------


def total(kind="funding", unit="GBP", amount="1000", outcomes=1) -> Total:
    value = None if amount is None else Decimal(amount)
    return Total(kind, kind.title(), unit, value, outcomes, outcomes if value is not None else 0)


def read(reach: Reach, totals=(), *, filtered=False) -> Headline:
    return headline(reach, list(totals), filtered=filtered)


def test_one_of_everything_is_singular():
    one = read(Reach(stories=1, people=1, organisations=1, themes=1), [total()])
    assert one.sentence == (
        "1 story from 1 person, involving 1 organisation, reports 1 outcome across 1 theme, "
        "including £1,000 of funding secured."
    )
    assert [(f.value, f.label, f.note) for f in one.figures] == [
        ("1", "story", "from 1 person"),
        ("£1,000", "funding secured", ""),
        ("1", "organisation involved", "as employers or partners"),
    ]


def test_many_are_plural_with_thousands_separated():
    many = read(
        Reach(stories=1200, people=950, organisations=2, themes=14),
        [total(amount="2500000.5", outcomes=3000), total("people_reached", "people", "7", 2)],
    )
    assert many.sentence == (
        "1,200 stories from 950 people, involving 2 organisations, report 3,002 outcomes "
        "across 14 themes, including £2,500,000.50 of funding secured."
    )
    assert [f.value for f in many.figures] == ["1,200", "£2,500,000.50", "2"]
    assert [t.kind for t in many.rest] == ["people_reached"]  # the funding leads, not twice


def test_what_is_none_is_left_out_of_the_sentence_not_written_as_zero():
    quiet = read(Reach(stories=2, people=2, organisations=0, themes=0))
    assert quiet.sentence == "2 stories from 2 people report no outcome yet."
    # With no funding, the middle figure counts the outcomes.
    assert [(f.value, f.label) for f in quiet.figures][1] == ("0", "outcomes reported")


def test_funding_in_another_unit_or_without_a_figure_is_not_called_pounds():
    dollars = read(
        Reach(stories=1, people=1, organisations=0, themes=1),
        [total(unit="USD", amount="500"), total(amount=None)],
    )
    assert "£" not in dollars.sentence and dollars.funding is None
    assert [t.unit for t in dollars.rest] == ["USD"]


def test_no_story_reads_differently_with_and_without_filters():
    nothing = Reach(stories=0, people=0, organisations=0, themes=0)
    assert read(nothing).sentence == "No story has been published yet."
    assert read(nothing, filtered=True).sentence == "No public story matches these filters."
    assert read(nothing).figures == []


@pytest.mark.parametrize(
    ("amount", "shown"), [("0.5", "£0.50"), ("12", "£12"), ("1340000.00", "£1,340,000")]
)
def test_pounds_show_pence_only_when_there_are_some(amount, shown):
    assert pounds(Decimal(amount)) == shown
