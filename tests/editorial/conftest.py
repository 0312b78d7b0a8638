import pytest

from tests.editorial.personal_data import make_person
from tests.factories import (
    make_cohort,
    make_organisation,
    make_participant,
    make_partner,
    make_programme,
    make_story,
    make_theme,
)


@pytest.fixture
def person(editor):
    """Zebedee Quillfeather, with something of every kind held about them (personal_data)."""
    return make_person(editor)


@pytest.fixture
def site():
    """Two public stories in two themes (Amara's ward, Beatriz's clinic) and a draft of
    Amara's: what the renewal tests change and read."""
    housing = make_theme(name="Housing", slug="housing")
    health = make_theme(name="Health", slug="health")
    council = make_organisation(name="Ipswich Borough Council", slug="council")
    trust = make_organisation(name="Suffolk Community Trust", slug="trust")
    amara = make_participant(name="Amara Okonkwo-Lewis", slug="amara", organisation=council)
    bea = make_participant(name="Beatriz Ó Súilleabháin", slug="bea", organisation=trust)
    ward = make_story(title="A ward that listened", slug="ward", participant=amara)
    ward.themes.add(housing)
    ward.tags.add("covid-19")
    clinic = make_story(title="The clinic on the corner", slug="clinic", participant=bea)
    clinic.themes.add(health)
    make_partner(clinic, trust, role="Host")
    draft = make_story(
        title="Notes toward a housing story", slug="notes", participant=amara, status="draft"
    )
    draft.themes.add(housing)
    return {"ward": ward, "clinic": clinic, "draft": draft, "amara": amara, "trust": trust}


@pytest.fixture
def programme_site(site):
    """Amara (web and print consent) in cohort "first" of programme "leaders"."""
    programme = make_programme(name="Leaders Programme", slug="leaders")
    cohort = make_cohort(name="First Cohort", slug="first", programme=programme)
    site["amara"].cohorts.add(cohort)
    site["programme"], site["cohort"] = programme, cohort
    return site
