"""A write renews the public pages once, however many rows it touches; a write made
outside the services still renews them (the safety net)."""

from unittest import mock

import pytest

from editorial import services
from pagecache import versions
from pagecache.models import ContentVersion
from tests.admin_posts import change_url, story_form
from tests.factories import make_organisation, make_participant, make_story, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def bumps():
    with mock.patch.object(versions, "bump", wraps=versions.bump) as counted:
        yield counted


@pytest.fixture
def story():
    person = make_participant(name="Amara Okonkwo-Lewis", slug="amara")
    story = make_story(title="A ward that listened", slug="ward", participant=person)
    story.themes.add(make_theme(name="Housing", slug="housing"))
    return story


def test_an_admin_save_of_a_story_with_its_relations_renews_once(editor_client, story, bumps):
    theme = make_theme(name="Health", slug="health")
    partner = make_organisation(name="Suffolk Mind", slug="suffolk-mind")
    data = story_form(
        title="A ward that listened, at last",
        slug="ward",
        participant=str(story.participant_id),
        status="published",
        published_at=("2026-01-05", "10:00"),
        themes=[str(theme.pk)],
        tags="housing, مجتمع",
        partners=[{"organisation": str(partner.pk), "role": "Delivery", "order": "0"}],
        outcomes=[{"description": "Funding secured", "value": "1200", "unit": "GBP", "order": "0"}],
        edit_version=str(story.edit_version),
    )
    bumps.reset_mock()
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "A ward that listened, at last"
    assert {t.slug for t in story.themes.all()} == {"health"}
    assert story.outcomes.count() == 1
    # Story row, themes (cleared and added), tags, a partner and an outcome: one renewal.
    assert bumps.call_count == 1


def test_a_service_write_renews_once_and_the_new_version_is_stored(editor, story, bumps):
    before = ContentVersion.objects.get().token
    services.publish_story(story=story, by=editor)
    assert bumps.call_count == 1
    assert ContentVersion.objects.get().token != before


def test_a_refused_write_renews_nothing(contributor, story, bumps):
    services.publish_story(story=story, by=None)
    bumps.reset_mock()
    with pytest.raises(services.PermissionDenied):
        services.unpublish_story(story=story, by=contributor)
    assert bumps.call_count == 0


def test_a_raw_write_outside_the_services_still_renews(story, bumps):
    story.title = "Changed in the shell"
    story.save()
    assert bumps.call_count == 1


def test_a_relation_change_renews_once_not_before_and_after(story, bumps):
    work = make_theme(name="Work", slug="work")
    bumps.reset_mock()
    story.themes.add(work)
    assert bumps.call_count == 1
