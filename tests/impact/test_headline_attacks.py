"""Attacks: /impact/ headline, brochure cover figures and the story side column."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from participants.models import ConsentScope
from stories.models import OutcomeKind, Story
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
    make_theme,
    picture_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_money(db):
    cohort = make_cohort(slug="spring")
    shown = make_participant(name="Shown Person")
    shown.cohorts.add(cohort)
    story = make_story(participant=shown, title="Shown story")
    make_outcome(story, kind=OutcomeKind.FUNDING, unit="GBP", value=Decimal("1000"))
    hidden = [
        make_story(status=Story.Status.DRAFT, published_at=None),
        make_story(published_at=timezone.now() + dt.timedelta(days=3)),
        make_story(participant=make_participant(consent_withdrawn_at=timezone.now())),
        make_story(participant=make_participant(consent_scope=ConsentScope.WEB)),  # not print
    ]
    for n, other in enumerate(hidden):
        other.participant.cohorts.add(cohort)
        make_outcome(other, kind=OutcomeKind.FUNDING, unit="GBP", value=Decimal("777000"))
        make_partner(other, make_organisation(name=f"Secret Partner {n}"))
    return cohort


def test_impact_headline_counts_only_public_money_and_people(client, hidden_money):
    # The web-only story is public on the site (not in print): it counts here.
    response = client.get("/impact/")
    page = response.content.decode()
    for n in range(3):
        assert f"Secret Partner {n}" not in page
    headline = response.context["headline"]
    assert headline.funding == Decimal("778000")
    assert headline.reach.stories == 2 and headline.reach.people == 2
    assert "£778,000" in page


def test_brochure_cover_counts_only_printable_stories(client, hidden_money):
    response = client.get(f"/programmes/{hidden_money.programme.slug}/brochure/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["stories"] == 1 and figures["people"] == 1
    assert figures["funding"] == Decimal("1000")
    html = response.content.decode()
    assert "777" not in html and "Secret Partner" not in html


@pytest.mark.parametrize(
    "query",
    [
        "theme=a&theme=a",
        "theme=" + "x" * 5000,
        "cohort=%00",
        "programme[]=1",
        "theme=%E2%80%AE",
        "page=-1",
        "page=99999999999999999999",
        "theme=" + "&theme=".join(["a"] * 300),
        "q=helth&q=wellbing",
        "tag=%F0%9F%99%82",
        "organisation=1'--",
    ],
)
@pytest.mark.parametrize(
    "path", ["/impact/", "/stories/", "/search/", "/themes/", "/participants/", "/organisations/"]
)
def test_odd_query_strings_never_give_a_500(client, hidden_money, path, query):
    theme = make_theme(slug="a")
    make_story().themes.add(theme)
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 301, 302, 400, 404), (path, query)


def test_story_side_column_hides_a_photo_without_consent(client):
    person = make_participant(name="Side Person", consent_photo=False)
    story = make_story(participant=person)
    picture_of(person, "photo", "profile", "sideperson")
    picture_of(person, "photo", "card", "sideperson-card")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Side Person" in html
    assert "sideperson" not in html
