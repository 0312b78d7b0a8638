"""Tag pages: any language, and only for tags on public stories."""

import pytest

from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["王", "Ynys Môn", "café", "!!!"])
def test_a_tag_in_any_language_never_breaks_a_page(client, name):
    story = make_story(title="Tagged story")
    story.tags.add(name)
    for url in [story.get_absolute_url(), "/stories/", "/search/?q=tagged"]:
        assert client.get(url).status_code == 200, url
    tag = story.tags.get()
    if tag.slug:
        assert name in client.get(f"/tags/{tag.slug}/").content.decode()


def test_a_tag_only_on_drafts_has_no_page_whatever_the_filters(client):
    make_story(status="draft", published_at=None).tags.add("secret-plans")
    for query in ["", "?q=x", "?theme=nope", "?page=2"]:
        assert client.get(f"/tags/secret-plans/{query}").status_code == 404
