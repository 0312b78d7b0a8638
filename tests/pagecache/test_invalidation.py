"""Cached public pages are never stale: every kind of edit shows on the next request."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone
from taggit.models import Tag

from participants.models import Participant
from stories.models import Outcome, Story
from tests.admin_posts import change_url, story_form
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    theme = make_theme(name="Housing", slug="housing")
    organisation = make_organisation(name="Ipswich Borough Council", slug="ipswich")
    person = make_participant(name="Andrew Wilesmith", slug="andrew", organisation=organisation)
    story = make_story(title="Leisure centres", slug="leisure", participant=person)
    story.themes.add(theme)
    story.tags.add("covid-19")
    make_partner(story, make_organisation(name="Suffolk Mind", slug="suffolk-mind"))
    make_outcome(story, description="Funding secured", value=250000, unit="GBP")
    return story


def page(client, url):
    return client.get(url).content.decode()


def cached(client, url, django_assert_num_queries):
    """Load a page until it comes from the cache (one query: the content version)."""
    page(client, url)
    with django_assert_num_queries(1):
        return page(client, url)


def test_a_page_comes_from_the_cache_the_second_time(client, story, django_assert_num_queries):
    assert "Leisure centres" in cached(client, "/stories/leisure/", django_assert_num_queries)


def saved_with(row, field, value):
    """Change one field and save, as the admin does; return what the page should now show."""
    setattr(row, field, value)
    row.save()
    return value


def retitle(story):
    return saved_with(story, "title", "Swimming pools")


def rename_participant(story):
    return saved_with(story.participant, "name", "Andrea Wilesmith")


def rename_organisation(story):
    return saved_with(story.participant.organisation, "name", "Ipswich Council")


def rename_theme(story):
    return saved_with(story.themes.get(), "name", "Homes")


def rename_tag(story):
    return saved_with(Tag.objects.get(name="covid-19"), "name", "pandemic")


def add_tag(story):
    story.tags.add("loneliness")
    return "loneliness"


def add_theme(story):
    story.themes.add(make_theme(name="Mental health"))
    return "Mental health"


def change_partner_role(story):
    return saved_with(story.partnerships.get(), "role", "Section 75 funder")


def add_outcome(story):
    make_outcome(story, description="Posts created", value=3, unit="posts")
    return "Posts created"


def change_outcome(story):
    Outcome.objects.filter(story=story).first().delete()
    make_outcome(story, description="Funding doubled")
    return "Funding doubled"


def cohort_added(story):
    cohort = make_cohort(name="March 2020")
    story.participant.cohorts.add(cohort)
    return "March 2020 cohort"


EDITS_SHOWN = [
    ("/stories/leisure/", retitle),
    ("/stories/", retitle),
    ("/themes/housing/", retitle),
    ("/feeds/stories/", retitle),
    ("/search/?q=leisure", rename_participant),
    ("/stories/leisure/", rename_participant),
    ("/participants/", rename_participant),
    ("/stories/leisure/", rename_organisation),
    ("/organisations/", rename_organisation),
    ("/stories/leisure/", rename_theme),
    ("/themes/", rename_theme),
    ("/stories/leisure/", rename_tag),
    ("/stories/leisure/", add_tag),
    ("/stories/leisure/", add_theme),
    ("/stories/leisure/", change_partner_role),
    ("/organisations/suffolk-mind/", change_partner_role),
    ("/stories/leisure/", add_outcome),
    ("/stories/leisure/", change_outcome),
    ("/stories/leisure/", cohort_added),
]


@pytest.mark.parametrize(
    "url,edit", EDITS_SHOWN, ids=[f"{edit.__name__} on {url}" for url, edit in EDITS_SHOWN]
)
def test_an_edit_shows_on_the_next_request(client, story, django_assert_num_queries, url, edit):
    cached(client, url, django_assert_num_queries)
    shown = edit(Story.objects.get(pk=story.pk))
    assert shown in page(client, url)


def unpublish(story):
    story.status = Story.Status.DRAFT
    story.save()


def withdraw_consent(story):
    person = story.participant
    person.consent_withdrawn_at = timezone.now()
    person.save()


def delete_story(story):
    story.delete()


@pytest.mark.parametrize("hide", [unpublish, withdraw_consent, delete_story])
@pytest.mark.parametrize("url", ["/", "/stories/", "/themes/housing/", "/sitemap-stories.xml"])
def test_a_story_taken_down_leaves_every_cached_page_at_once(
    client, story, django_assert_num_queries, hide, url
):
    assert "/stories/leisure/" in cached(client, url, django_assert_num_queries)
    hide(Story.objects.get(pk=story.pk))
    body = page(client, url)
    assert "Leisure centres" not in body and "/stories/leisure/" not in body


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_scheduled_story_appears_at_its_time_on_a_cached_page(client, story):
    go_live = timezone.now() + dt.timedelta(hours=1)
    make_story(title="Scheduled story", published_at=go_live)
    assert "Scheduled story" not in page(client, "/stories/")
    with at(go_live - dt.timedelta(seconds=1)):
        assert "Scheduled story" not in page(client, "/stories/")
    with at(go_live):
        assert "Scheduled story" in page(client, "/stories/")


def test_an_unpublish_time_takes_the_story_off_a_cached_page_at_its_time(client, story):
    ends = timezone.now() + dt.timedelta(hours=1)
    story.expires_at = ends
    story.save()
    assert "Leisure centres" in page(client, "/stories/")
    with at(ends):
        assert "Leisure centres" not in page(client, "/stories/")


def test_consent_running_out_takes_the_person_off_a_cached_page_at_midnight(client, story):
    last_day = timezone.localdate()
    Participant.objects.filter(pk=story.participant_id).update(consent_expires_on=last_day)
    story.participant.refresh_from_db()
    story.participant.save()
    assert "Andrew Wilesmith" in page(client, "/participants/")
    midnight = timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()))
    with at(midnight - dt.timedelta(seconds=1)):
        assert "Andrew Wilesmith" in page(client, "/participants/")
    with at(midnight):
        assert "Andrew Wilesmith" not in page(client, "/participants/")


def test_an_edit_through_the_admin_shows_at_once(client, editor_client, story):
    assert "Leisure centres" in page(client, "/stories/")
    editor_client.post(
        change_url(story),
        story_form(
            title="Renamed in the admin",
            slug="leisure",
            participant=story.participant.pk,
            status="published",
            published_at=(
                f"{timezone.localtime(story.published_at):%Y-%m-%d}",
                f"{timezone.localtime(story.published_at):%H:%M:%S}",
            ),
            opened_version=story.edit_version,
        ),
    )
    client.logout()
    assert "Renamed in the admin" in page(client, "/stories/")


def test_browsers_revalidate_and_get_304_until_something_changes(client, story):
    first = client.get("/stories/leisure/")
    assert "no-cache" in first["Cache-Control"]
    etag = first["ETag"]
    assert client.get("/stories/leisure/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    retitle(Story.objects.get(pk=story.pk))
    again = client.get("/stories/leisure/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and "Swimming pools" in again.content.decode()


def test_pages_for_other_hosts_and_queries_are_cached_apart(client, story, settings):
    settings.ALLOWED_HOSTS = ["stories.example.org", "testserver"]
    page(client, "/stories/")
    other_host = client.get("/stories/", HTTP_HOST="stories.example.org").content.decode()
    assert "http://stories.example.org/stories/" in other_host
    assert "1 story" in page(client, "/stories/?theme=housing")
    assert "0 stories" in page(client, "/stories/?theme=nothing-here")


def test_kept_counts_follow_an_edit_even_with_the_page_cache_off(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "1 story" in page(client, "/stories/?theme=housing")
    assert "1 story" in page(client, "/stories/?theme=housing")  # from the kept count
    make_story(title="Second", slug="second").themes.add(story.themes.get())
    assert "2 stories" in page(client, "/stories/?theme=housing")


def test_a_page_says_whether_it_came_from_the_cache(client, story):
    assert client.get("/stories/leisure/")["X-Page-Cache"] == "miss"
    again = client.get("/stories/leisure/")
    assert again["X-Page-Cache"] == "hit"
    assert again.headers.get("X-Page-Cache") == "hit" and "miss" not in str(again.headers)
