"""A theme is public only through a public story (issue 19).

A theme that only drafts have (or stories that are scheduled, expired, or of a
participant who withdrew consent) has no page or feed and is named nowhere the
public looks: /themes/, the home page, the sitemap, the listing's filters, the
impact report. It appears with its first public story, and leaves with its
last, on the next request.
"""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from stories.models import Story
from tests.factories import make_cohort, make_participant, make_story, make_theme
from tests.pagecache.test_invalidation import unpublish, withdraw_consent

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/themes/", "/stories/", "/search/", "/impact/", "/sitemap-themes.xml"]


@pytest.fixture
def themes():
    """A public theme; one only a draft has; one only a withdrawn participant's story has.

    The draft and the withdrawn story share the public theme, so "often found with"
    would name the others if it counted them.
    """
    cohort = make_cohort()
    person = make_participant()
    person.cohorts.add(cohort)
    health = make_theme(name="Health inequalities", slug="health")
    drafted = make_theme(name="Drafted theme", slug="drafted")
    withdrawn = make_theme(name="Withdrawn theme", slug="withdrawn")
    make_story(title="Public story", participant=person).themes.add(health)
    draft = make_story(title="Draft story", status="draft", published_at=None, participant=person)
    draft.themes.add(drafted, health)
    gone = make_participant(consent_withdrawn_at=timezone.now())
    gone.cohorts.add(cohort)
    make_story(title="Withdrawn story", participant=gone).themes.add(withdrawn, health)
    return {"health": health, "drafted": drafted, "withdrawn": withdrawn, "draft": draft}


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def named_on(client, theme, url: str) -> bool:
    page = body(client, url)
    return theme.name in page or f"/themes/{theme.slug}/" in page


@pytest.mark.parametrize("url", PUBLIC_PAGES)
@pytest.mark.parametrize("hidden", ["drafted", "withdrawn"])
def test_a_theme_without_a_public_story_is_named_on_no_public_page(client, themes, url, hidden):
    assert named_on(client, themes["health"], url if url != "/search/" else "/search/?q=story")
    assert not named_on(client, themes[hidden], url)


@pytest.mark.parametrize("hidden", ["drafted", "withdrawn"])
def test_a_theme_without_a_public_story_has_no_page_and_no_feed(client, themes, hidden):
    assert client.get(f"/themes/{hidden}/").status_code == 404
    assert client.get(f"/feeds/themes/{hidden}/").status_code == 404
    assert client.get("/themes/health/").status_code == 200
    assert client.get("/feeds/themes/health/").status_code == 200


@pytest.mark.parametrize("hidden", ["drafted", "withdrawn"])
def test_a_theme_without_a_public_story_is_not_in_the_listing_or_report_filters(
    client, themes, hidden
):
    listing = client.get("/stories/")
    assert [theme.slug for theme in listing.context["facets"]] == ["health"]
    report = client.get("/impact/")
    assert [theme.slug for theme in report.context["theme_options"]] == ["health"]


@pytest.mark.parametrize("hidden", ["drafted", "withdrawn"])
def test_a_filter_by_a_theme_without_a_public_story_reads_not_found(client, themes, hidden):
    page = body(client, f"/stories/?theme={hidden}")
    assert f"Theme: <strong>{hidden}</strong> (not found)" in page
    assert '<p class="result-count" id="results">0 stories</p>' in page
    assert not client.get(f"/impact/?theme={hidden}").context["filters"].all_found


def test_often_found_with_names_only_public_themes(client, themes):
    assert client.get("/themes/health/").context["related_themes"] == []


def test_editors_coverage_still_shows_every_theme(editor_client, themes):
    page = body(editor_client, "/admin/theme-coverage/")
    assert "Drafted theme" in page and "Withdrawn theme" in page


def test_a_theme_appears_with_its_first_public_story(client, themes):
    assert client.get("/themes/drafted/").status_code == 404
    assert not named_on(client, themes["drafted"], "/themes/")  # now cached
    draft = Story.objects.get(pk=themes["draft"].pk)
    draft.status = Story.Status.PUBLISHED
    draft.published_at = timezone.now() - dt.timedelta(minutes=1)
    draft.save()
    assert named_on(client, themes["drafted"], "/themes/")
    assert named_on(client, themes["drafted"], "/sitemap-themes.xml")
    assert "Draft story" in body(client, "/themes/drafted/")
    assert client.get("/feeds/themes/drafted/").status_code == 200


def reschedule(story):
    story.published_at = timezone.now() + dt.timedelta(days=1)
    story.save()


def remove_theme(story):
    story.themes.clear()


@pytest.mark.parametrize("hide", [unpublish, withdraw_consent, reschedule, remove_theme])
def test_a_theme_whose_last_public_story_goes_leaves_on_the_next_request(client, hide):
    theme = make_theme(name="Lonely theme", slug="lonely")
    story = make_story()
    story.themes.add(theme)
    for url in ["/themes/", "/themes/lonely/", "/feeds/themes/lonely/", "/"]:
        client.get(url)  # kept by the page cache
    assert named_on(client, theme, "/themes/")
    hide(Story.objects.get(pk=story.pk))
    assert not named_on(client, theme, "/themes/")
    assert not named_on(client, theme, "/")
    assert client.get("/themes/lonely/").status_code == 404
    assert client.get("/feeds/themes/lonely/").status_code == 404


def test_a_theme_leaves_when_its_last_story_expires(client):
    theme = make_theme(name="Lonely theme", slug="lonely")
    ends = timezone.now() + dt.timedelta(hours=1)
    make_story(expires_at=ends).themes.add(theme)
    assert named_on(client, theme, "/themes/")
    assert client.get("/themes/lonely/").status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=ends):
        assert not named_on(client, theme, "/themes/")
        assert client.get("/themes/lonely/").status_code == 404
