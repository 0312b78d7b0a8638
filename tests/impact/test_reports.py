"""The impact report's figures, against a small world counted by hand.

Four public stories in two cohorts and four themes, with partners of five kinds
and outcomes in "GBP", "£", "pounds", "people", "People" and with no figure; and
beside them one hidden story of each sort (draft, in review, scheduled, expired,
consent withdrawn, print-only consent) whose outcomes, partners, themes and
cohorts would change every figure below if they leaked.
"""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from editorial import services
from impact import reports
from participants.models import Participant
from stories.models import Outcome, Story
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_staff,
    make_story,
    make_theme,
)
from tests.markup import Element, parse, table_rows

pytestmark = pytest.mark.django_db

LONG_AGO = dt.timedelta(days=30)
DASH = "\N{EN DASH}"  # what a gap in the coverage table shows


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.housing = make_theme(name="Housing", slug="housing", order=1)
    w.health = make_theme(name="Health", slug="health", order=2)
    w.jobs = make_theme(name="Jobs", slug="jobs", order=3)
    w.arts = make_theme(name="Arts", slug="arts", order=4)  # on a hidden story only

    w.c1 = make_cohort(name="March 2020", programme=make_programme(name="Alpha Programme"))
    w.c2 = make_cohort(name="May 2021", programme=make_programme(name="Beta Programme"))
    w.c3 = make_cohort(name="June 2022", programme=make_programme(name="Gamma Programme"))

    w.council = make_organisation(name="Ipswich Borough Council", kind="local_authority")
    w.trust = make_organisation(name="East Suffolk NHS Trust", kind="nhs")
    w.mind = make_organisation(name="Suffolk Mind", kind="vcs")
    w.college = make_organisation(name="Suffolk New College", kind="education")
    w.hospital = make_organisation(name="Ipswich Hospital", kind="nhs")
    w.hidden_org = make_organisation(name="Hidden Holdings", kind="private")

    w.pat = make_participant(name="Pat", organisation=w.council)
    w.pat.cohorts.add(w.c1, w.c2)
    w.sam = make_participant(name="Sam", organisation=w.trust)
    w.sam.cohorts.add(w.c1)
    w.alex = make_participant(name="Alex")  # works for no organisation
    w.alex.cohorts.add(w.c2)
    w.wendy = make_participant(
        name="Wendy", organisation=w.hidden_org, consent_withdrawn_at=timezone.now()
    )
    w.wendy.cohorts.add(w.c1, w.c3)
    w.paula = make_participant(
        name="Paula", organisation=w.college, consent_scope=Participant.ConsentScope.PRINT
    )
    w.paula.cohorts.add(w.c2, w.c3)

    # The public stories.
    w.leisure = make_story(title="Leisure centres", participant=w.pat)
    w.leisure.themes.add(w.housing, w.health)
    make_partner(w.leisure, w.mind)
    make_partner(w.leisure, w.trust)
    make_outcome(w.leisure, kind="funding", value=1_000_000, unit="GBP")
    make_outcome(w.leisure, kind="people_reached", value=120, unit="people")

    w.discharge = make_story(title="Hospital discharge", participant=w.sam)
    w.discharge.themes.add(w.health)
    make_partner(w.discharge, w.council)
    make_partner(w.discharge, w.trust)  # the employer is also named as a partner
    make_outcome(w.discharge, kind="funding", value=250_000, unit="£")
    make_outcome(w.discharge, kind="people_reached", value=80, unit="People")

    w.apprentices = make_story(title="Apprenticeships", participant=w.sam)
    w.apprentices.themes.add(w.jobs)
    make_partner(w.apprentices, w.college)
    make_partner(w.apprentices, w.hospital)
    make_outcome(w.apprentices, kind="staff_skills", value=12, unit="posts")
    make_outcome(w.apprentices, kind="service_change")
    make_outcome(w.apprentices, kind="people_reached")

    w.hubs = make_story(title="Community hubs", participant=w.alex)
    w.hubs.themes.add(w.housing)
    make_partner(w.hubs, w.mind)
    make_partner(w.hubs, w.college)
    make_outcome(w.hubs, kind="partnership")
    make_outcome(w.hubs, kind="funding", value=90_000, unit="pounds")

    # The hidden stories, one of each sort.
    now = timezone.now()
    w.draft = hidden(w, "draft", participant=w.pat, status="draft", published_at=None)
    w.draft.themes.add(w.jobs, w.arts)
    make_partner(w.draft, w.hidden_org)
    make_outcome(w.draft, kind="funding", value=5_000_000, unit="GBP")
    make_outcome(w.draft, kind="other", value=1, unit="award")

    w.review = hidden(w, "review", participant=w.sam, status="review", published_at=None)
    w.review.themes.add(w.housing)
    make_partner(w.review, w.college)
    make_outcome(w.review, kind="people_reached", value=1000, unit="people")

    w.scheduled = hidden(w, "scheduled", participant=w.alex, published_at=now + LONG_AGO)
    w.scheduled.themes.add(w.jobs)
    make_partner(w.scheduled, w.trust)
    make_outcome(w.scheduled, kind="staff_skills", value=7, unit="posts")

    w.expired = hidden(
        w,
        "expired",
        participant=w.sam,
        published_at=now - LONG_AGO,
        expires_at=now - dt.timedelta(days=1),
    )
    w.expired.themes.add(w.jobs)
    make_partner(w.expired, w.mind)
    make_partner(w.expired, w.council)
    make_outcome(w.expired, kind="other", value=3, unit="awards")

    w.withdrawn = hidden(w, "withdrawn", participant=w.wendy)
    w.withdrawn.themes.add(w.housing)
    make_partner(w.withdrawn, w.council)
    make_outcome(w.withdrawn, kind="funding", value=777, unit="GBP")

    w.print_only = hidden(w, "print_only", participant=w.paula)
    w.print_only.themes.add(w.health)
    make_partner(w.print_only, w.trust)
    make_outcome(w.print_only, kind="people_reached", value=5, unit="people")
    return w


def hidden(w, name, **fields):
    return make_story(title=f"Hidden {name}", **fields)


def totals():
    return [
        (t.kind, t.unit.casefold(), t.total, t.outcomes, t.with_figure)
        for t in reports.outcome_totals(Outcome.objects.public())
    ]


def kinds():
    return [
        (k.kind, k.outcomes, bool(k.href))
        for k in reports.kind_counts(
            reports.outcome_totals(Outcome.objects.public()), lambda kind: f"?type={kind}"
        )
    ]


def coverage(w):
    grid = reports.coverage_grid(
        Story.objects.public(),
        themes=[w.housing, w.health, w.jobs, w.arts],
        cohorts=[w.c1, w.c2],
    )
    return {theme.name: counts for theme, counts in grid.rows}, grid.gaps


def network():
    """(nodes as (name, stories), links as {two names: stories}, kind pairs) of public stories."""
    found = reports.partner_network(Story.objects.public())
    names = {node.organisation_id: node.name for node in found.nodes}
    return (
        [(node.name, node.stories) for node in found.nodes],
        {frozenset((names[link.source], names[link.target])): link.stories for link in found.links},
        [(pair.kind_a, pair.kind_b, pair.pairings) for pair in found.kinds],
    )


# --- What the hand count says -----------------------------------------------------------------

TOTALS = [
    ("funding", "gbp", Decimal("1340000"), 3, 3),
    ("service_change", "", None, 1, 0),
    ("partnership", "", None, 1, 0),
    ("people_reached", "people", Decimal("200"), 2, 2),
    ("people_reached", "", None, 1, 0),
    ("staff_skills", "posts", Decimal("12"), 1, 1),
]
KINDS = [
    ("funding", 3, True),
    ("service_change", 1, True),
    ("partnership", 1, True),
    ("people_reached", 3, True),
    ("staff_skills", 1, True),
    ("other", 0, False),
]
COVERAGE = {"Housing": [1, 2], "Health": [2, 1], "Jobs": [1, 0], "Arts": [0, 0]}
NODES = [
    ("East Suffolk NHS Trust", 3),
    ("Ipswich Borough Council", 2),
    ("Suffolk Mind", 2),
    ("Suffolk New College", 2),
    ("Ipswich Hospital", 1),
]
KIND_PAIRS = [
    ("education", "nhs", 2),
    ("local_authority", "nhs", 2),
    ("education", "vcs", 1),
    ("local_authority", "vcs", 1),
    ("nhs", "nhs", 1),
    ("nhs", "vcs", 1),
]


LINKS = {
    frozenset(("Ipswich Borough Council", "East Suffolk NHS Trust")): 2,
    frozenset(("Ipswich Borough Council", "Suffolk Mind")): 1,
    frozenset(("Suffolk Mind", "East Suffolk NHS Trust")): 1,
    frozenset(("East Suffolk NHS Trust", "Suffolk New College")): 1,
    frozenset(("East Suffolk NHS Trust", "Ipswich Hospital")): 1,
    frozenset(("Suffolk New College", "Ipswich Hospital")): 1,
    frozenset(("Suffolk Mind", "Suffolk New College")): 1,
}


# --- Totals -----------------------------------------------------------------------------------


def test_totals_add_up_public_outcomes_by_type_and_unit(world):
    assert totals() == TOTALS


def test_pounds_typed_as_gbp_pound_sign_or_pounds_are_one_total_shown_in_pounds(world):
    [funding] = [t for t in reports.outcome_totals(Outcome.objects.public()) if t.kind == "funding"]
    assert (funding.unit, funding.total, funding.kind_label) == (
        "GBP",
        Decimal("1340000"),
        "Funding secured",
    )


def test_people_and_people_with_a_capital_are_one_total_in_the_spelling_most_use(world):
    def people():
        found = reports.outcome_totals(Outcome.objects.public())
        return [(t.unit, t.total) for t in found if t.unit.casefold() == "people"]

    assert people() == [("people", Decimal("200"))]  # one each way: lower case
    make_outcome(world.hubs, kind="people_reached", value=10, unit="People")
    assert people() == [("People", Decimal("210"))]


def test_every_type_is_counted_and_only_types_with_outcomes_link_to_the_ledger(world):
    assert kinds() == KINDS


# --- Coverage ---------------------------------------------------------------------------------


def test_coverage_counts_distinct_public_stories_per_theme_and_cohort(world):
    assert coverage(world) == (COVERAGE, 3)


def test_a_story_counts_in_every_cohort_of_its_participant(world):
    grid = reports.coverage_grid(
        Story.objects.public().filter(pk=world.leisure.pk),
        themes=[world.housing],
        cohorts=[world.c1, world.c2],
    )
    assert grid.rows == [(world.housing, [1, 1])]


def test_coverage_counts_only_the_cohorts_asked_for(world):
    grid = reports.coverage_grid(
        Story.objects.public(), themes=[world.housing, world.health], cohorts=[world.c2]
    )
    assert [counts for _, counts in grid.rows] == [[2], [1]]
    assert grid.largest == 2 and grid.gaps == 0


# --- The partner network ----------------------------------------------------------------------


def test_network_nodes_are_organisations_by_the_public_stories_they_are_on(world):
    # The trust is on three stories, employer and partner on one of them: three, not four.
    assert network()[0] == NODES


def test_network_links_join_organisations_named_on_the_same_story_once_per_story(world):
    assert network()[1] == LINKS


def test_network_counts_pairings_by_the_kinds_of_the_two_organisations(world):
    assert network()[2] == KIND_PAIRS


def test_network_keeps_the_12_organisations_on_most_stories_and_links_among_them(world):
    extra = [make_organisation(name=f"Extra {n}", kind="other") for n in range(10)]
    for organisation in extra:
        make_partner(world.hubs, organisation)
    found = reports.partner_network(Story.objects.public())
    # Ties on one story go to the organisation added first.
    expected = [*NODES, *((f"Extra {n}", 1) for n in range(7))]
    assert [(node.name, node.stories) for node in found.nodes] == expected
    shown = {node.organisation_id for node in found.nodes}
    assert found.links and all(
        link.source in shown and link.target in shown for link in found.links
    )
    # Kind pairs count every organisation, shown or not: the ten with each other and the hubs'.
    counted = {(pair.kind_a, pair.kind_b): pair.pairings for pair in found.kinds}
    assert counted[("other", "other")] == 45
    assert counted[("education", "other")] == counted[("other", "vcs")] == 10


# --- Hidden stories ---------------------------------------------------------------------------


def make_public(story):
    Story.objects.filter(pk=story.pk).update(
        status="published", published_at=timezone.now() - LONG_AGO, expires_at=None
    )
    Participant.objects.filter(pk=story.participant_id).update(
        consent_withdrawn_at=None, consent_scope=Participant.ConsentScope.WEB_AND_PRINT
    )


@pytest.mark.parametrize(
    "name", ["draft", "review", "scheduled", "expired", "withdrawn", "print_only"]
)
def test_a_hidden_story_adds_to_every_figure_once_it_is_public(world, name):
    # The hand counts above hold only because these stories are left out.
    make_public(getattr(world, name))
    assert totals() != TOTALS
    assert Outcome.objects.public().count() > 9
    assert coverage(world) != (COVERAGE, 3)
    assert network()[0] != NODES


# --- A story that stops being public ----------------------------------------------------------


def unpublish(world):
    services.unpublish_story(story=world.leisure, by=make_staff("ed", "Editors"))


def withdraw_consent(world):
    world.pat.consent_withdrawn_at = timezone.now()
    world.pat.save()


AFTER_TOTALS = [
    ("funding", "gbp", Decimal("340000"), 2, 2),
    ("service_change", "", None, 1, 0),
    ("partnership", "", None, 1, 0),
    ("people_reached", "people", Decimal("80"), 1, 1),
    ("people_reached", "", None, 1, 0),
    ("staff_skills", "posts", Decimal("12"), 1, 1),
]
AFTER_KINDS = [
    ("funding", 2, True),
    ("service_change", 1, True),
    ("partnership", 1, True),
    ("people_reached", 2, True),
    ("staff_skills", 1, True),
    ("other", 0, False),
]
AFTER_COVERAGE = {"Housing": [0, 1], "Health": [1, 0], "Jobs": [1, 0], "Arts": [0, 0]}
AFTER_NODES = [
    ("East Suffolk NHS Trust", 2),
    ("Suffolk New College", 2),
    ("Ipswich Borough Council", 1),
    ("Suffolk Mind", 1),
    ("Ipswich Hospital", 1),
]
AFTER_LINKS = {
    frozenset(("Ipswich Borough Council", "East Suffolk NHS Trust")): 1,
    frozenset(("East Suffolk NHS Trust", "Suffolk New College")): 1,
    frozenset(("East Suffolk NHS Trust", "Ipswich Hospital")): 1,
    frozenset(("Suffolk New College", "Ipswich Hospital")): 1,
    frozenset(("Suffolk Mind", "Suffolk New College")): 1,
}
AFTER_KIND_PAIRS = [
    ("education", "nhs", 2),
    ("education", "vcs", 1),
    ("local_authority", "nhs", 1),
    ("nhs", "nhs", 1),
]


@pytest.mark.parametrize("take_down", [unpublish, withdraw_consent])
def test_a_story_that_stops_being_public_drops_out_of_every_figure(world, take_down):
    take_down(world)
    assert totals() == AFTER_TOTALS
    assert kinds() == AFTER_KINDS
    assert coverage(world) == (AFTER_COVERAGE, 5)
    nodes, links, kind_pairs = network()
    assert (nodes, links, kind_pairs) == (AFTER_NODES, AFTER_LINKS, AFTER_KIND_PAIRS)
    assert Outcome.objects.public().count() == 7


# --- The same, on the pages as served ---------------------------------------------------------
# Read as they show: text for screen readers only (.visually-hidden) is left out.


def served(client, url) -> Element:
    response = client.get(url)
    assert response.status_code == 200
    return parse(response.content.decode())


def tables(page: Element) -> dict[str, Element]:
    """Each table on the page by its caption, as the caption shows."""
    return {caption.text(seen=True): caption.parent for caption in page.find_all("caption")}


def body_rows(page: Element, caption: str) -> list[list[str]]:
    """The table's body rows as they show: a gap reads as a dash, not its hidden words."""
    return table_rows(tables(page)[caption], "tbody")


def paragraphs(page: Element) -> list[str]:
    return [p.text(seen=True) for p in page.find_all("p")]


def listed_totals(page: Element) -> list[str]:
    """The totals' table as it shows, a row a line: type, total, outcomes."""
    return [
        " ".join(row)
        for table in page.find_all("table", class_="totals-table")
        for row in table_rows(table, "tbody")
    ]


def impact_figures(page):
    """What /impact/ says, table by table, as a reader reads it."""
    lead = page.one("p", class_="lead").text()
    [ledger] = [caption for caption in tables(page) if caption.startswith("Outcomes (")]
    return {
        "lead": lead,
        "totals": listed_totals(page),
        "kinds": body_rows(page, "Outcomes by type"),
        "coverage": body_rows(
            page, "Public stories by theme and cohort: stories per theme and cohort"
        ),
        "organisations": body_rows(page, "Organisations that appear together: organisations"),
        "links": {
            frozenset(row[:2]): int(row[2])
            for row in body_rows(page, "Organisations that appear together: stories shared")
        },
        "kind pairs": body_rows(
            page, "Pairs of organisations named on the same story, by their kinds"
        ),
        "ledger": ledger,
    }


def theme_figures(page):
    [said] = [p for p in paragraphs(page) if "public stor" in p and "reported" in p]
    return {
        "said": said,
        "totals": listed_totals(page),
        "kinds": body_rows(page, "Outcomes by type: Housing"),
    }


def kinds_table(counts):
    labels = dict(Outcome.Kind.choices)
    return [
        [labels[kind], f"{n} {'outcome' if n == 1 else 'outcomes'}"]
        for kind, n in zip(Outcome.Kind.values, counts, strict=True)
        if n  # a type with none has no bar, nor a row in its table
    ]


@pytest.mark.parametrize("take_down", [unpublish, withdraw_consent])
def test_a_story_that_stops_being_public_leaves_the_impact_page_on_the_next_request(
    client, world, take_down
):
    served(client, "/impact/")  # now in the page cache
    before = impact_figures(served(client, "/impact/"))
    assert before == {
        "lead": "4 stories from 3 people, involving 5 organisations, report 9 outcomes across "
        "3 themes, including £1,340,000 of funding secured.",
        # The funding is a headline figure; the other totals follow in the table.
        "totals": ["People reached 200 people 2", "Staff and skills 12 posts 1"],
        "kinds": kinds_table([3, 1, 1, 3, 1, 0]),
        # Arts is on a hidden story only: the public report does not name it.
        "coverage": [
            ["Housing", "1", "2"],
            ["Health", "2", "1"],
            ["Jobs", "1", DASH],
        ],
        "organisations": [
            ["East Suffolk NHS Trust", "NHS", "3"],
            ["Ipswich Borough Council", "Local authority", "2"],
            ["Suffolk Mind", "Voluntary and community sector", "2"],
            ["Suffolk New College", "Education", "2"],
            ["Ipswich Hospital", "NHS", "1"],
        ],
        "links": LINKS,
        "kind pairs": [
            ["Education", "NHS", "2"],
            ["Local authority", "NHS", "2"],
            ["Education", "Voluntary and community sector", "1"],
            ["Local authority", "Voluntary and community sector", "1"],
            ["NHS", "NHS", "1"],
            ["NHS", "Voluntary and community sector", "1"],
        ],
        "ledger": "Outcomes (9), newest first",
    }

    take_down(world)

    assert impact_figures(served(client, "/impact/")) == {
        "lead": "3 stories from 2 people, involving 5 organisations, report 7 outcomes across "
        "3 themes, including £340,000 of funding secured.",
        "totals": ["People reached 80 People 1", "Staff and skills 12 posts 1"],
        "kinds": kinds_table([2, 1, 1, 2, 1, 0]),
        "coverage": [
            ["Housing", DASH, "1"],
            ["Health", "1", DASH],
            ["Jobs", "1", DASH],
        ],
        "organisations": [
            ["East Suffolk NHS Trust", "NHS", "2"],
            ["Suffolk New College", "Education", "2"],
            ["Ipswich Borough Council", "Local authority", "1"],
            ["Suffolk Mind", "Voluntary and community sector", "1"],
            ["Ipswich Hospital", "NHS", "1"],
        ],
        "links": AFTER_LINKS,
        "kind pairs": [
            ["Education", "NHS", "2"],
            ["Education", "Voluntary and community sector", "1"],
            ["Local authority", "NHS", "1"],
            ["NHS", "NHS", "1"],
        ],
        "ledger": "Outcomes (7), newest first",
    }


@pytest.mark.parametrize("take_down", [unpublish, withdraw_consent])
def test_a_story_that_stops_being_public_leaves_its_themes_impact_on_the_next_request(
    client, world, take_down
):
    served(client, "/themes/housing/")
    assert theme_figures(served(client, "/themes/housing/")) == {
        "said": "4 outcomes reported in 2 public stories on Housing.",
        "totals": ["Funding secured £1,090,000 2", "People reached 120 people 1"],
        "kinds": kinds_table([2, 0, 1, 1, 0, 0]),
    }

    take_down(world)

    assert theme_figures(served(client, "/themes/housing/")) == {
        "said": "2 outcomes reported in 1 public story on Housing.",
        "totals": ["Funding secured £90,000 1"],
        "kinds": kinds_table([1, 0, 1, 0, 0, 0]),
    }
