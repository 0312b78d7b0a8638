"""The printable impact report of a programme for a period: what it prints, for whom,
for which dates, and what it never prints."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from pagecache import dependencies
from pagecache.versions import current_token
from participants.models import Participant
from stories.models import Story
from tests.factories import (
    make_cohort,
    make_consideration,
    make_evidence,
    make_organisation,
    make_outcome,
    make_panel_member,
    make_participant,
    make_pathway_step,
    make_programme,
    make_selection_round,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db

URL = "/programmes/essentials/report/"


def on(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9)))


def teller(cohort, name: str, **fields) -> Participant:
    person = make_participant(name=name, organisation=make_organisation(), **fields)
    person.cohorts.add(cohort)
    return person


@pytest.fixture
def world():
    """Hand-counted: four printed outcomes on two public stories of the programme (three in
    2021, one in 2022); outcomes of a draft, of withdrawn consent and of web-only consent;
    a decided round choosing the Ipswich story, and an undecided one."""
    programme = make_programme(name="Leadership Essentials", slug="essentials")
    cohort = make_cohort(name="March 2020", programme=programme)
    peers = make_pathway_step(programme, stage="activities", title="Leaders meet as peers", order=1)
    funding = make_pathway_step(programme, stage="long_term", title="Funding follows", order=2)
    make_pathway_step(programme, stage="impact", title="Healthier towns", order=3)
    ipswich = make_story(
        title="From leisure centres to community health",
        slug="ipswich",
        participant=teller(cohort, "Andrew Wilesmith"),
        published_at=on("2021-09-01"),
    )
    award = make_outcome(
        ipswich,
        kind="funding",
        description="Section 75 award",
        value=Decimal("250000"),
        unit="GBP",
        achieved_on=dt.date(2021, 4, 1),
        level="results",
        who_changed="system",
        change_kind="resources",
        intended="yes",
        verification="corroborated",
        verified_by="Head of Transformation",
        verifier_organisation="Ipswich and East Suffolk CCG",
        verifier_relationship="Commissioner",
        verified_on=dt.date(2021, 6, 30),
        pathway_step=funding,
    )
    make_evidence(award, kind="document", description="The commissioning group's decision")
    make_evidence(award, description="Internal finance email", public=False)
    make_outcome(
        ipswich,
        kind="people_reached",
        description="Residents at drop-ins",
        value=450,
        unit="people",
        achieved_on=dt.date(2021, 7, 1),
        level="behaviour",
        intended="no",
        verification="independent",
        verified_by="Dr Nia Evans",
        verifier_organisation="University of Suffolk",
        verifier_relationship="External evaluator",
        pathway_step=peers,
    )
    make_outcome(
        ipswich, kind="staff_skills", description="New engagement officers", level="learning"
    )
    glasgow = make_story(
        title="Money advice in early years settings",
        slug="glasgow",
        participant=teller(cohort, "Siân Llŷr"),
        published_at=on("2023-03-20"),
    )
    make_outcome(
        glasgow,
        kind="funding",
        description="Income for families",
        value=1000,
        unit="GBP",
        achieved_on=dt.date(2022, 12, 31),
    )
    draft = make_story(participant=teller(cohort, "Drafty"), status=Story.Status.DRAFT)
    make_outcome(draft, description="Secret draft outcome", achieved_on=dt.date(2021, 5, 1))
    withdrawn = make_story(participant=teller(cohort, "Gone", consent_withdrawn_at=timezone.now()))
    make_outcome(withdrawn, description="Withdrawn consent outcome")
    web = make_story(participant=teller(cohort, "Webby", consent_scope="web"))
    make_outcome(web, description="Website-only outcome")

    health, systems = make_theme(name="Health inequalities"), make_theme(name="System leadership")
    decided = make_selection_round(
        programme,
        title="2021 panel",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
        decided_on=dt.date(2022, 2, 1),
    )
    for n, (name, role) in enumerate(
        [("Amira Haddad", "Funder"), ("Li Wei", "Alumnus"), ("Dai Price", "Community member")]
    ):
        make_panel_member(decided, name=name, role=role, order=n)
    make_consideration(
        decided, health, ipswich, chosen=True, reason="It shows a whole system moving."
    )
    make_consideration(decided, systems, glasgow)
    pending = make_selection_round(programme, title="Undecided panel", decided_on=None)
    make_consideration(pending, systems, glasgow, chosen=True, reason="Not yet decided words")
    return programme


def page(client, url=URL, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def figures(html: str) -> dict[str, str]:
    """The strong figure of each item of the report's lists of figures, by its words."""
    found = {}
    for value, words in re.findall(r"<li><strong>([^<]+)</strong>([^<]+)", html):
        found[words.split(",")[0].strip()] = value
    return found


def test_the_report_prints_its_parts_in_order(client, world):
    html = text(page(client))
    order = [
        "Leadership Essentials Impact report All outcomes to date",
        "Headline figures",
        "Pathway of change",
        "Selected stories",
        "The outcomes ledger",
    ]
    assert [html.find(part) for part in order] == sorted(html.find(part) for part in order)
    assert all(part in html for part in order)


def test_the_figures_are_counted_by_hand(client, world):
    found = figures(page(client))
    assert found["outcomes reported"] == "4"
    assert found["stories"] == "2"
    assert found["funding secured"] == "£251,000"
    assert found["at behaviour or results level"] == "50%"  # 2 of 4
    assert found["independently verified"] == "25%"  # 1 of 4
    assert found["corroborated"] == "1"
    assert found["unexpected"] == "1"


def test_a_period_keeps_the_outcomes_dated_in_it_and_undated_ones_by_their_story(client, world):
    html = page(client, f"{URL}?from=2021-01-01&to=2021-12-31")
    found = figures(html)
    assert found["outcomes reported"] == "3"  # the undated one by its story's date
    assert found["at behaviour or results level"] == "67%"
    assert "1 January 2021 to 31 December 2021" in text(html)
    assert "New engagement officers" in html and "Income for families" not in html


def test_a_period_after_the_round_has_no_selected_story(client, world):
    html = text(page(client, f"{URL}?from=2022-01-01"))
    assert "From 1 January 2022" in html
    assert "It shows a whole system moving." not in html
    assert "No panel has chosen a story of this period yet." in html
    assert figures(page(client, f"{URL}?from=2022-01-01"))["outcome reported"] == "1"


def test_the_chosen_story_shows_the_panel_and_its_reason(client, world):
    html = text(page(client))
    assert "2021 panel (1 January 2021 to 31 December 2021), decided on 1 February 2022" in html
    assert "Amira Haddad (Funder); Li Wei (Alumnus); Dai Price (Community member)" in html
    assert "Health inequalities From leisure centres to community health" in html
    assert "It shows a whole system moving." in html
    assert "Not yet decided words" not in html, "an undecided round is not public"


def test_the_ledger_shows_level_verification_and_public_evidence(client, world):
    html = page(client)
    plain = text(html)
    assert (
        "Verification Corroborated by Head of Transformation, Ipswich and East Suffolk CCG "
        "(Commissioner), 30 June 2021" in plain
    )
    assert "Level Results; who changed: a partnership or system; change in resources" in plain
    assert "Pathway step Long-term outcomes: Funding follows" in plain
    assert "Document: The commissioning group&#x27;s decision" in plain
    assert 'href="https://example.org/board-paper.pdf"' in html
    assert "Internal finance email" not in html
    assert "Level Behaviour; unexpected" in plain
    assert "Level Not yet assessed" in plain


def test_the_pathway_shows_each_step_and_the_gap(client, world):
    html = text(page(client))
    assert "Activities: Leaders meet as peers" in html
    assert "No evidence yet for: Healthier towns." in html
    assert "2 outcomes are not yet placed on a step." in html


@pytest.mark.parametrize(
    "words",
    [
        "Secret draft outcome",
        "Withdrawn consent outcome",
        "Website-only outcome",
        "Drafty",
        "Gone",
        "Webby",
    ],
)
def test_nothing_but_printed_public_content_is_in_the_report(client, world, words):
    assert words not in page(client)


def test_a_story_taken_down_leaves_the_report_on_the_next_request(client, world):
    assert "Section 75 award" in page(client)
    person = Participant.objects.get(name="Andrew Wilesmith")
    person.consent_withdrawn_at = timezone.now()
    person.save()
    html = page(client)
    assert "Section 75 award" not in html and "It shows a whole system moving." not in html


@pytest.mark.parametrize(
    "query,problem",
    [
        ("from=2021-13-01", "The start date 2021-13-01 is not a date on the calendar."),
        ("to=yesterday", "The end date must be written YYYY-MM-DD"),
        ("from=2022-01-01&to=2021-01-01", "The period ends before it starts"),
        ("from=%3Cscript%3Ealert(1)%3C/script%3E", "The start date must be written YYYY-MM-DD"),
        ("from=99999-01-01", "The start date must be written YYYY-MM-DD"),
        ("to=2021-02-30", "is not a date on the calendar"),
    ],
)
def test_a_bad_period_is_a_400_that_says_why(client, world, query, problem):
    html = page(client, f"{URL}?{query}", status=400)
    assert problem in html.replace("&#x27;", "'")
    assert "<script>alert" not in html
    assert 'name="from"' in html, "the form to try again"


def test_blank_dates_are_the_whole_record(client, world):
    assert "All outcomes to date" in page(client, f"{URL}?from=&to=")


def test_an_unknown_programme_or_one_with_no_public_story_is_not_found(client, world):
    hidden = make_programme(slug="drafts-only")
    person = make_participant()
    person.cohorts.add(make_cohort(programme=hidden))
    make_story(participant=person, status=Story.Status.DRAFT)
    page(client, "/programmes/nowhere/report/", status=404)
    page(client, "/programmes/drafts-only/report/", status=404)


def test_scripts_and_other_languages_are_shown_as_text(client, world):
    story = Story.objects.get(slug="glasgow")
    make_outcome(
        story,
        description="<script>alert('x')</script> تمويل جديد 新的资金",
        verified_by="<b>Gwenllïan</b>",
        verification="corroborated",
        achieved_on=dt.date(2022, 1, 1),
    )
    html = page(client)
    assert "<script>alert" not in html and "<b>Gwenllïan" not in html
    assert "تمويل جديد 新的资金" in html and "Siân Llŷr" in html


def test_the_impact_page_links_to_each_programmes_report(client, world):
    assert f'href="{URL}"' in page(client, "/impact/")


def more_stories(programme, count: int):
    cohort = programme.cohorts.get()
    round_ = programme.selection_rounds.get(title="2021 panel")
    for n in range(count):
        story = make_story(participant=teller(cohort, f"Person {n}"), published_at=on("2021-05-01"))
        outcome = make_outcome(story, achieved_on=dt.date(2021, 5, 1), level="behaviour")
        make_evidence(outcome)
        make_evidence(outcome, public=False)
        theme = make_theme()
        make_consideration(round_, theme, story, chosen=True, reason=f"Reason {n}")


# The tokens of what it shows; the totals; the stories and people; the funder's grades
# and the pathway's steps; the ledger and its public evidence; the chosen stories and
# their panels.
QUERIES = 9


@pytest.mark.parametrize("count", [2, 20])
def test_the_report_costs_the_same_queries_for_2_or_20_stories(
    client, world, count, django_assert_num_queries
):
    more_stories(world, count)
    page(client, "/impact/")  # the programmes with a public story, kept
    current_token()
    dependencies.forget()
    with django_assert_num_queries(QUERIES):
        html = page(client)
    assert figures(html)["outcomes reported"] == str(4 + count)
    assert html.count('class="report-choice"') == 1 + count


@pytest.mark.parametrize(
    "query", ["from=0001-01-01&to=9999-12-31", "from=2021-04-01&to=2021-04-01", "x=1&from="]
)
def test_the_widest_and_narrowest_periods_are_answered(client, world, query):
    assert "Impact report" in page(client, f"{URL}?{query}")


def test_a_huge_or_repeated_date_is_a_400_not_an_error(client, world):
    page(client, f"{URL}?from={'9' * 5000}", status=400)
    assert "1 April 2021 to 1 April 2021" in text(
        page(client, f"{URL}?from=junk&from=2021-04-01&to=2021-04-01")
    )


def test_the_report_is_read_only(client, world):
    assert client.post(URL).status_code == 405


def test_a_chosen_story_no_longer_public_or_printable_leaves_the_selected_stories(client, world):
    assert "It shows a whole system moving." in page(client)
    Participant.objects.filter(name="Andrew Wilesmith").update(consent_scope="web")
    Story.objects.get(slug="ipswich").save()  # a new content version, as the admin gives
    html = page(client)
    assert "It shows a whole system moving." not in html and "Section 75 award" not in html


def test_the_ledger_runs_oldest_first_with_undated_outcomes_at_their_storys_date(client, world):
    html = text(page(client))
    order = [
        "Section 75 award",  # 1 April 2021
        "Residents at drop-ins",  # 1 July 2021
        "New engagement officers",  # undated: its story was published on 1 September 2021
        "Income for families",  # 31 December 2022
    ]
    ledger = html[html.find("The outcomes ledger") :]
    assert [ledger.find(words) for words in order] == sorted(ledger.find(w) for w in order)
