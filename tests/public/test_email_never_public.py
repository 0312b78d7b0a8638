"""A participant's email address is personal data: no public address ever shows it."""

import pytest

from tests.factories import make_organisation, make_participant, make_story, make_theme

pytestmark = pytest.mark.django_db

EMAIL = "zq.unmistakable.7731@example.org"


def test_no_public_page_feed_search_sitemap_or_export_shows_the_email(client):
    organisation = make_organisation(name="Mudford Council", slug="mudford")
    person = make_participant(
        name="Zara Quent", slug="zara", email=EMAIL, organisation=organisation
    )
    theme = make_theme(name="Housing", slug="housing")
    story = make_story(participant=person, title="A ward that listened", slug="ward")
    story.themes.add(theme)
    story.tags.add("covid-19")
    addresses = [
        "/",
        "/stories/",
        story.get_absolute_url(),
        "/stories/?q=Zara",
        "/search/?q=Zara",
        "/themes/",
        "/themes/housing/",
        "/tags/covid-19/",
        "/participants/",
        "/participants/zara/",
        "/organisations/mudford/",
        "/feeds/stories/",
        "/feeds/themes/housing/",
        "/sitemap.xml",
        "/impact/",
        "/impact/export.csv",
        "/impact/stories.csv",
        "/impact/organisations.csv",
        "/api/stories/",
        "/api/outcomes/",
        "/api/organisations/",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        content = b"".join(response) if response.streaming else response.content
        assert EMAIL.encode() not in content, address
        assert b"unmistakable" not in content, address
    # Searching finds them by name, never by their address.
    for address in ("/search/?q=Zara", "/stories/?q=Zara"):
        assert b"A ward that listened" in client.get(address).content, address
    # Nor does searching for it find them (the page echoes the words searched for).
    for address in (f"/search/?q={EMAIL}", "/stories/?q=unmistakable", "/api/stories/?q=7731"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert b"A ward that listened" not in response.content, address
