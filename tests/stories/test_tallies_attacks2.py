"""A second outside review of the kept counts (stories.tallies): the kept versions of
the /impact/ figures, brochure cohorts, headline figures and sitemaps held against the
queries they replace."""

import datetime as dt
import re
from decimal import Decimal
from unittest import mock
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from impact import brochure, reports
from impact.headline import Reach
from pagecache.versions import current_version
from participants.models import Cohort, ConsentScope, Organisation, Participant
from stories import tallies
from stories.models import Outcome, Story, Theme
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)
from tests.stories.tally_checks import made_afresh

pytestmark = pytest.mark.django_db


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _totals(rows) -> list[tuple]:
    return [(t.kind, t.unit, t.total, t.outcomes, t.with_figure) for t in rows]


def kept_totals(scope=tallies.ALL):
    rows, stories = tallies.outcome_totals(scope)
    return _totals(reports.outcome_totals(None, rows=rows)), stories


def queried_totals(outcomes):
    return (
        _totals(reports.outcome_totals(outcomes)),
        outcomes.order_by().values("story_id").distinct().count(),
    )


def printed_by_query() -> set[int]:
    rows = (
        brochure.printable(Story.objects.public())
        .order_by()
        .values_list("participant__cohorts", flat=True)
        .distinct()
    )
    return {pk for pk in rows if pk is not None}


def agree(*, recount=True):
    """Every kept figure equals the query it replaces (and a recount)."""
    if recount:
        made_afresh()
    public = Story.objects.public()
    themes, cohorts = list(Theme.objects.order_by("pk")), list(Cohort.objects.order_by("pk"))
    assert reports.kept_coverage_grid(themes=themes, cohorts=cohorts) == reports.coverage_grid(
        public, themes=themes, cohorts=cohorts
    ), "coverage grid"
    network, kept_network = reports.partner_network(public), reports.kept_partner_network()
    assert kept_network.nodes == network.nodes, "network nodes"
    assert kept_network.links == network.links, "network links"
    assert kept_network.kinds == network.kinds, "kind pairings"
    assert kept_totals() == queried_totals(Outcome.objects.public()), "outcome totals"
    for theme in themes:
        assert kept_totals(tallies.key("theme", theme.pk)) == queried_totals(
            Outcome.objects.public().filter(story__themes=theme)
        ), f"outcome totals of {theme}"
    assert tallies.printed_cohorts() == printed_by_query(), "brochure cohorts"
    assert tallies.headline_figures() == {
        "stories": public.count(),
        "participants": Participant.objects.public().count(),
        "organisations": Organisation.objects.public().count(),
    }, "headline figures"


@pytest.fixture
def world():
    housing, health = make_theme(name="Housing"), make_theme(name="Health")
    march, june = make_cohort(), make_cohort()
    council = make_organisation(name="Council", kind="local_authority")
    trust = make_organisation(name="Trust", kind="nhs")
    charity = make_organisation(name="Charity", kind="vcs")
    ann = make_participant(organisation=council)
    bob = make_participant(organisation=trust)
    ann.cohorts.add(march, june)
    bob.cohorts.add(june)
    first = make_story(participant=ann)
    first.themes.add(housing, health)
    make_partner(first, charity)
    make_partner(first, trust)
    second = make_story(participant=bob)
    second.themes.add(health)
    make_partner(second, charity)
    make_outcome(first, kind="funding", value=Decimal("1000.50"), unit="GBP")
    make_outcome(second, kind="people_reached", value=Decimal("12"), unit="people")
    agree()
    return {
        "housing": housing, "health": health, "march": march, "june": june,
        "council": council, "trust": trust, "charity": charity,
        "ann": ann, "bob": bob, "first": first, "second": second,
    }  # fmt: skip


# --- kept equals queried after each kind of edit ----------------------------------------


def test_an_organisations_kind_edited(world):
    world["charity"].kind = "education"
    world["charity"].save()
    agree()
    world["council"].kind = "nhs"  # now the same kind as the trust: an nhs-nhs pairing
    world["council"].save()
    agree()


def test_a_participant_moving_to_another_organisation(world):
    ann = world["ann"]
    ann.organisation = world["charity"]  # now the employer is also a partner
    ann.save()
    agree()
    ann.organisation = None
    ann.save()
    agree()
    ann.organisation = make_organisation(kind="private")
    ann.save()
    agree()


def test_an_employer_who_is_also_a_partner(world):
    make_partner(world["second"], world["trust"])  # bob's employer partners too
    agree()
    world["second"].partnerships.filter(organisation=world["trust"]).delete()
    agree()


def test_a_partner_removed_every_way(world):
    first = world["first"]
    first.partners.remove(world["trust"])
    agree()
    world["charity"].partnered_stories.clear()
    agree()
    make_partner(first, world["trust"])
    first.partnerships.all().delete()
    agree()


def test_a_partner_row_moved_to_another_story(world):
    """An edit that moves a partnership row to another story: the story it left keeps it."""
    row = world["first"].partnerships.get(organisation=world["trust"])
    row.story = world["second"]
    row.save()
    agree()


def test_an_outcome_moved_to_another_story(world):
    outcome = world["first"].outcomes.get()
    outcome.story = world["second"]
    outcome.save()
    agree()


def test_an_organisation_deleted_when_protect_allows(world):
    gone = world["council"]  # ann's employer, a partner of nothing
    gone.delete()
    agree()
    world["first"].partnerships.all().delete()
    world["charity"].partnerships.all().delete()
    world["charity"].delete()
    agree()


def test_an_outcome_value_set_to_none_and_back(world):
    outcome = world["first"].outcomes.get()
    outcome.value = None
    outcome.save()
    agree()
    outcome.value = Decimal("0")
    outcome.save()
    agree()
    outcome.value = Decimal("99.99")
    outcome.save()
    agree()


UNITS = [
    "a|b", "A|B", "per:day", "|", "||x||", "x" * 40, "€", "Ünïcödé 人", "People", "PEOPLE",
    "people", "ß", "SS", "İ", "i̇", ":", "outcomes|all|funding|GBP",
]  # fmt: skip


def test_awkward_units(world, client):
    story = world["first"]
    for n, unit in enumerate(UNITS):
        make_outcome(story, kind="other", value=Decimal(n + 1), unit=unit)
        make_outcome(world["second"], kind="funding", value=Decimal("0.01"), unit=unit)
    agree()
    assert client.get("/impact/").status_code == 200
    assert client.get(f"/themes/{world['health'].slug}/").status_code == 200
    story.outcomes.filter(unit__contains="|").update(unit="moved")  # no signal: recount
    tallies.recount()
    agree()


HUGE = Decimal("999999999999.99")  # max_digits=14, decimal_places=2


def test_huge_values_summed_over_many_stories(world):
    stories = [make_story(participant=world["ann"]) for _ in range(60)]
    for story in stories:
        story.themes.add(world["housing"])
        make_outcome(story, kind="funding", value=HUGE, unit="GBP")
    agree()
    exact = sum(o.value for o in Outcome.objects.public().filter(kind="funding") if o.value)
    (row,) = [t for t in kept_totals()[0] if t[0] == "funding"]
    assert row[2] == exact, "the kept total is not the exact sum"


def _huge_figures_then_small_edits(world) -> Decimal:
    """Thirty huge figures, then one small one edited 41 times: the exact sum after."""
    for _ in range(30):
        make_outcome(make_story(), kind="funding", value=HUGE, unit="GBP")
    small = make_outcome(world["second"], kind="funding", value=Decimal("0.01"), unit="GBP")
    for n in range(40):
        small.value = Decimal("0.01") * (n % 7 + 1)
        small.save()
    small.value = Decimal("0.01")
    small.save()
    return sum(o.value for o in Outcome.objects.public().filter(kind="funding"))


def test_small_edits_beside_huge_values_never_drift(world):
    """Each edit moves the kept total by a difference, in whole hundredths: exact however
    many edits (a decimal sum moved on SQLite drifted by floating point each time)."""
    exact = _huge_figures_then_small_edits(world)
    made_afresh()
    [funding] = [row for row in tallies.outcome_totals()[0] if row["kind"] == "funding"]
    assert funding["total"] == exact == Decimal("30000000001000.21")


def test_a_story_losing_all_its_themes(world):
    world["first"].themes.clear()
    agree()
    world["second"].themes.set([])
    agree()
    world["first"].themes.add(world["housing"])
    world["housing"].delete()
    agree()


def test_consent_scope_between_web_and_web_and_print(world):
    ann = world["ann"]
    ann.consent_scope = ConsentScope.WEB
    ann.save()
    agree()
    assert world["march"].pk not in tallies.printed_cohorts()
    ann.consent_scope = ConsentScope.WEB_AND_PRINT
    ann.save()
    agree()
    assert world["march"].pk in tallies.printed_cohorts()
    ann.cohorts.remove(world["march"])
    agree()


def test_consent_withdrawn(world, editor):
    ann = world["ann"]
    ann.consent_withdrawn_at = timezone.now()
    ann.save()
    agree()
    ann.consent_withdrawn_at = None
    ann.save()
    agree()


# --- the network's nodes when organisations tie ----------------------------------------


def _organisations_whose_keys_sort_unlike_their_ids(n_at_least: int) -> list[Organisation]:
    """Organisations whose ids differ in length (9 and 10, or 99 and 100): the kept
    `organisation:N` keys then sort as text unlike the ids as numbers."""
    made = [make_organisation() for _ in range(n_at_least)]
    while len({len(str(o.pk)) for o in made}) < 2 and len(made) < 1200:
        made.append(make_organisation())
    return made


def test_tied_organisations_are_the_same_nodes_in_the_same_order():
    organisations = _organisations_whose_keys_sort_unlike_their_ids(13)
    for organisation in organisations:  # each on one public story: all tie
        make_partner(make_story(), organisation)
    agree()


def test_the_top_twelve_are_those_the_query_picks_when_more_tie():
    organisations = _organisations_whose_keys_sort_unlike_their_ids(13)
    for organisation in organisations[-13:]:
        make_partner(make_story(), organisation)
    network, kept_network = (
        reports.partner_network(Story.objects.public()),
        reports.kept_partner_network(),
    )
    assert {n.organisation_id for n in kept_network.nodes} == {
        n.organisation_id for n in network.nodes
    }


# --- /impact/ and other pages: nothing of a hidden story ------------------------------


def _hidden_world():
    """Public stories, and hidden ones each with an organisation, a kind pairing and a
    figure of its own."""
    theme = make_theme(name="Shared", slug="shared")
    council = make_organisation(name="Plain Council", kind="local_authority")
    public = make_story(participant=make_participant(organisation=council))
    public.themes.add(theme)
    make_partner(public, make_organisation(name="Plain Trust", kind="nhs"))
    make_outcome(public, kind="funding", value=Decimal("1111"), unit="GBP")
    hidden = {
        "Draftonly": dict(status=Story.Status.DRAFT),
        "Scheduledonly": dict(published_at=timezone.now() + dt.timedelta(days=3)),
        "Endedonly": dict(expires_at=timezone.now() - dt.timedelta(hours=1)),
        "Withdrawnonly": dict(participant=dict(consent_withdrawn_at=timezone.now())),
        "Expiredonly": dict(
            participant=dict(consent_expires_on=timezone.localdate() - dt.timedelta(days=1))
        ),
        "Printonly": dict(participant=dict(consent_scope=ConsentScope.PRINT)),
        "Unnamedonly": dict(participant=dict(consent_name=False)),
    }
    for n, (word, fields) in enumerate(hidden.items()):
        employer = make_organisation(name=f"{word} Employer", kind="private")
        person = make_participant(organisation=employer, **fields.pop("participant", {}))
        story = make_story(participant=person, **fields)
        story.themes.add(theme)
        make_partner(story, make_organisation(name=f"{word} Partner", kind="national"))
        make_partner(story, council)
        make_outcome(story, kind="funding", value=Decimal(f"7{n}7{n}7"), unit="GBP")
        make_outcome(story, kind="other", value=Decimal("5"), unit=f"{word} units")
    return theme, hidden


def _assert_nothing_hidden(html: str, hidden, address: str):
    for word in hidden:
        assert word not in html, f"{address} names {word}"
    for n in range(len(hidden)):
        assert f"7{n}7{n}7" not in html and f"7,{n}7{n},7" not in html, address
    assert "Private sector" not in re.sub(r"<select.*?</select>", "", html, flags=re.S), (
        f"{address} shows a kind pairing only hidden stories make"
    )


def test_impact_with_no_filter_shows_nothing_of_a_hidden_story(client):
    theme, hidden = _hidden_world()
    agree()
    for address in ("/impact/", "/impact/?theme=shared", f"/themes/{theme.slug}/", "/"):
        response = client.get(address)
        assert response.status_code == 200, address
        _assert_nothing_hidden(response.content.decode(), hidden, address)


def test_impact_after_stories_go_hidden_by_edit_and_by_time(client, editor):
    from editorial import people_services, services

    theme = make_theme(slug="t")
    ends = timezone.now() + dt.timedelta(hours=2)
    people = {}
    for word in ("Withdrawing", "Ending", "Unpublishing", "Lapsing"):
        organisation = make_organisation(name=f"{word} Org", kind="private")
        person = make_participant(
            organisation=organisation,
            consent_expires_on=timezone.localdate() if word == "Lapsing" else None,
        )
        story = make_story(participant=person, expires_at=ends if word == "Ending" else None)
        story.themes.add(theme)
        make_partner(story, make_organisation(name=f"{word} Partner", kind="national"))
        make_outcome(story, kind="funding", value=Decimal("4242"), unit=f"{word} units")
        people[word] = (person, story)
    current_version()
    assert "Withdrawing Org" in client.get("/impact/").content.decode()
    assert "Lapsing units" in client.get(f"/themes/{theme.slug}/").content.decode()
    person = people["Withdrawing"][0]
    person.consent_withdrawn_at = timezone.now()
    people_services.save_participant(participant=person, by=editor)
    services.unpublish_story(story=people["Unpublishing"][1], by=editor)
    midnight = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time())
    )
    with at(max(ends, midnight) + dt.timedelta(minutes=1)):
        assert not Story.objects.public().exists()
        for address in ("/impact/", f"/themes/{theme.slug}/", "/", "/sitemap.xml"):
            html = client.get(address).content.decode()
            for word in people:
                assert word not in html, f"{address} still names {word}"
            assert "4,242" not in html and " units" not in html, address
        agree()


def test_impact_with_no_filter_equals_the_query_path(client):
    _hidden_world()
    second = make_theme(name="Second", slug="second")
    for n in range(3):
        story = make_story(participant=make_participant(organisation=make_organisation()))
        story.themes.add(second)
        make_outcome(
            story, kind="people_reached", value=Decimal(n), unit=["People", "people"][n % 2]
        )
    response = client.get("/impact/")
    context = response.context
    public = Story.objects.public()
    assert context["summary"].totals == reports.outcome_totals(Outcome.objects.public())
    # The headline's kept reach is what the queries count.
    assert context["headline"].reach == Reach(
        stories=public.count(),
        people=public.values("participant").distinct().count(),
        organisations=reports.partner_network(public).organisations,
        themes=Theme.objects.public().count(),
    )
    for theme in Theme.objects.public():
        filtered = client.get(f"/impact/?theme={theme.slug}").context
        page = client.get(f"/themes/{theme.slug}/").context["impact"].summary
        assert filtered["summary"].totals == page.totals, theme
        assert filtered["summary"].outcome_count == page.outcome_count, theme
        assert filtered["headline"].reach.stories == public.filter(themes=theme).count(), theme
    assert context["network"] == reports.partner_network(public)  # fails on ties only


def test_home_figures_equal_what_the_listings_list(client):
    _hidden_world()
    shared = make_organisation(name="Shared employer")
    for _ in range(3):
        make_story(participant=make_participant(organisation=shared))
    figures = client.get("/").context["figures"]
    assert figures["stories"] == client.get("/stories/").context["page"].paginator.count
    assert figures["participants"] == client.get("/participants/").context["page"].paginator.count
    assert figures["organisations"] == client.get("/organisations/").context["page"].paginator.count


# --- sitemaps ----------------------------------------------------------------------------


def _locs(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)
    return [el.text for el in root.iter() if el.tag.endswith("loc")]


def _lastmods(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)
    return [el.text for el in root.iter() if el.tag.endswith("lastmod")]


def test_sitemaps_never_list_or_date_a_draft(client):
    _theme, hidden = _hidden_world()
    old = timezone.now() - dt.timedelta(days=30)
    Story.objects.update(updated_at=old)
    Participant.objects.update(updated_at=old)
    Organisation.objects.update(updated_at=old)
    Theme.objects.update(updated_at=old)
    tallies.recount()
    later = timezone.now() + dt.timedelta(days=5)
    with at(later):  # drafts, hidden people and their organisations edited later
        for story in Story.objects.exclude(pk__in=Story.objects.public()):
            story.summary += " edited"
            story.save()
        for person in Participant.objects.exclude(pk__in=Participant.objects.public()):
            person.bio = "edited"
            person.save()
        for organisation in Organisation.objects.exclude(pk__in=Organisation.objects.public()):
            organisation.description = "edited"
            organisation.save()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    stamp = later.date().isoformat()
    assert not any(stamp in m for m in _lastmods(index.content)), "a hidden edit dates the index"
    for section, model in [
        ("stories", Story), ("participants", Participant), ("organisations", Organisation),
        ("themes", Theme),
    ]:  # fmt: skip
        response = client.get(f"/sitemap-{section}.xml")
        assert response.status_code == 200, section
        locs = _locs(response.content)
        assert len(locs) == model.objects.public().count(), section
        assert not any(stamp in m for m in _lastmods(response.content)), section
        for word in hidden:
            assert word.lower() not in " ".join(locs).lower(), (section, word)


@pytest.mark.parametrize("page", ["0", "-1", "2", "abc", "99999999999999999999", "1e3", "\uff12"])
def test_sitemap_page_numbers(client, page):
    make_story()
    for section in ("stories", "participants", "organisations", "themes"):
        response = client.get(f"/sitemap-{section}.xml", {"p": page})
        assert response.status_code in (200, 404), (section, page, response.status_code)


# --- more edits ------------------------------------------------------------------------


def test_a_cohort_deleted_and_a_story_deleted(world):
    world["june"].delete()
    agree()
    world["second"].delete()
    agree()


def test_outcomes_with_no_unit_and_no_figure(world):
    make_outcome(world["first"], kind="service_change", value=None, unit="")
    make_outcome(world["second"], kind="service_change", value=Decimal("3"), unit="")
    make_outcome(world["second"], kind="funding", value=Decimal("3"), unit="")
    agree()


def test_edits_through_the_services_in_a_renewal_block(world, editor):
    from editorial import people_services

    charity = world["charity"]
    charity.kind = "national"
    people_services.save_organisation(organisation=charity, by=editor)
    agree()
    bob = world["bob"]
    bob.organisation = world["council"]
    bob.consent_scope = ConsentScope.WEB
    people_services.save_participant(participant=bob, by=editor)
    agree()


def test_impact_page_follows_an_organisation_edit(client, world, editor):
    from editorial import people_services

    assert "Voluntary and community sector" in client.get("/impact/").content.decode()
    charity = world["charity"]
    charity.kind = "education"
    charity.name = "Renamed Charity"
    people_services.save_organisation(organisation=charity, by=editor)
    html = client.get("/impact/").content.decode()
    table = html[html.find("Which kinds of organisation") :]
    assert "Voluntary and community sector" not in table.split("</table>")[0]
    assert "Renamed Charity" in html


def test_a_scheduled_story_going_live_reaches_impact_and_the_sitemaps(client):
    make_story()
    go_live = timezone.now() + dt.timedelta(hours=1)
    employer = make_organisation(name="Launching Employer", kind="education")
    story = make_story(
        participant=make_participant(organisation=employer), published_at=go_live, slug="launch"
    )
    make_partner(story, make_organisation(name="Launching Partner", kind="national"))
    make_outcome(story, kind="funding", value=Decimal("31337"), unit="GBP")
    current_version()
    assert "Launching" not in client.get("/impact/").content.decode()
    assert "launch" not in client.get("/sitemap-stories.xml").content.decode()
    with at(go_live + dt.timedelta(minutes=1)):
        html = client.get("/impact/").content.decode()
        assert "Launching Employer" in html and "31,337" in html
        xml = client.get("/sitemap-stories.xml").content
        assert len(_locs(xml)) == Story.objects.public().count() == 2
        agree()


def test_impact_and_its_funding_filter_show_one_total_after_small_edits(client, world):
    """The kept total is exact; a filtered page adds up in the database, which on SQLite
    is floating point: past 10^13 a penny out at most (README, Impact reporting)."""
    exact = _huge_figures_then_small_edits(world)
    shown = client.get("/impact/").context["summary"].totals
    filtered = client.get("/impact/?type=funding").context["summary"].totals
    (kept_gbp,) = [t.total for t in shown if t.kind == "funding"]
    (query_gbp,) = [t.total for t in filtered if t.kind == "funding"]
    assert kept_gbp == exact, f"/impact/ {kept_gbp}; exact {exact}"
    assert abs(query_gbp - exact) <= Decimal("0.01"), f"?type=funding {query_gbp}"


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=0", "page=-1", "page=99999999999999999999", "page=2", "theme=", "kind=",
     "type=", "page=1e3", "page=%EF%BC%92", "theme=nope", "kind=nhs&page=9"],
)  # fmt: skip
def test_impact_query_strings_never_fail(client, world, query):
    for _ in range(30):
        make_outcome(world["first"], kind="other", value=HUGE, unit="x" * 40)
    assert client.get(f"/impact/?{query}").status_code in (200, 404)
