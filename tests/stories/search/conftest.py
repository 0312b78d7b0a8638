import pytest
from django.db import connection

from tests.factories import (
    make_organisation,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)


@pytest.fixture
def postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def ipswich(db):
    """The seed story's shape: a person, an organisation, partners, themes, tags."""
    council = make_organisation(name="Ipswich Borough Council", slug="ipswich")
    person = make_participant(
        name="Andrew Wilesmith",
        job_title="Operations Manager, Sport and Leisure",
        organisation=council,
    )
    story = make_story(
        title="From leisure centres to community health",
        participant=person,
        summary="How a council and the CCG built trust before they built services.",
        pull_quote="It isn't rocket science, it's having a conversation",
        body=(
            "<p>In 2021 the CCG made a funding award under Section 75 of the NHS Act.</p>"
            "<p>The focus is on co-design and a partnership with local charities.</p>"
        ),
    )
    story.themes.add(make_theme(name="Proportionate universalism", slug="proportionate"))
    story.tags.add("covid-19")
    make_partner(
        story, make_organisation(name="Suffolk Mind", slug="suffolk-mind"), role="Delivery"
    )
    return story
