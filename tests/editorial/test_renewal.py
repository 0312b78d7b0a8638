"""What a save renews: a draft nothing, one story what shows it, a withdrawal every
page of the person's stories; anything unexplained, everything."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editorial import people_services, services, sharing
from pagecache.models import ContentVersion
from participants.models import Participant
from stories.models import Story, Theme
from tests.admin_posts import change_url, story_form, with_evidence_management

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/stories/",
    "/stories/?theme=housing",
    "/themes/",
    "/themes/housing/",
    "/themes/health/",
    "/stories/ward/",
    "/stories/clinic/",
    "/tags/covid-19/",
    "/participants/",
    "/participants/amara/",
    "/participants/bea/",
    "/organisations/",
    "/organisations/council/",
    "/organisations/trust/",
    "/search/?q=ward",
    "/feeds/stories/",
    "/feeds/themes/housing/",
    "/sitemap.xml",
    "/impact/",
]


def warm(reader) -> dict[str, tuple]:
    """Every page, loaded twice (the second from the cache): its ETag and bytes."""
    for url in PAGES:
        assert reader.get(url).status_code == 200, url
    kept = {}
    for url in PAGES:
        response = reader.get(url)
        kept[url] = (response["ETag"], response.content)
    return kept


def page_entries() -> dict:
    return {k: v for k, v in cache._cache.items() if ":page:" in k}


def from_the_cache(reader, url) -> bool:
    """Served as kept: no template rendered, and at most the version and the tokens of
    what the page shows read (a page made afresh reads its stories)."""
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(url)
    return response.status_code == 200 and response.context is None and len(queries) <= 2


def admin_edit(client, story: Story, *, extra: dict | None = None, **changes):
    """Save the story through the admin's form as it stands, with `changes` to its fields
    and `extra` rows for the inline forms (partners, outcomes)."""
    story.refresh_from_db()
    fields = {
        "title": story.title,
        "slug": story.slug,
        "participant": str(story.participant_id),
        "summary": story.summary,
        "body": story.body,
        "status": story.status,
        "themes": [str(t.pk) for t in story.themes.all()],
        "tags": ", ".join(story.tags.names()),
        "opened_version": str(story.edit_version),
    }
    if story.published_at:
        local = timezone.localtime(story.published_at)
        fields["published_at"] = (f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}")
    data = with_evidence_management(story_form(**fields | changes) | (extra or {}))
    response = client.post(change_url(story), data)
    assert response.status_code == 302, response.content[:3000]


def test_a_drafts_save_leaves_every_public_page_cached_with_its_etag(editor_client, site):
    reader = Client()
    before, entries = warm(reader), page_entries()
    token = ContentVersion.objects.get().token
    draft = site["draft"]
    admin_edit(
        editor_client,
        draft,
        title="Notes toward a housing story, second try",
        themes=[str(t.pk) for t in Theme.objects.all()],
        tags="covid-19, جديد",
    )
    services.send_for_review(story=Story.objects.get(pk=draft.pk), by=None)
    sharing.create_share_link(story=Story.objects.get(pk=draft.pk), by=None, label="For Amara")
    assert ContentVersion.objects.get().token == token
    assert page_entries() == entries
    for url in PAGES:
        assert from_the_cache(reader, url), url
        response = reader.get(url)
        assert (response["ETag"], response.content) == before[url], url


def test_editing_one_story_leaves_the_theme_page_that_does_not_show_it_cached(editor_client, site):
    reader = Client()
    before = warm(reader)
    admin_edit(editor_client, site["clinic"], title="The clinic that stayed open")
    # Pages that never showed the clinic stay as they were kept.
    for url in ["/themes/housing/", "/participants/amara/", "/tags/covid-19/"]:
        assert from_the_cache(reader, url), url
        assert reader.get(url)["ETag"] == before[url][0], url
    # Every page that shows it shows the new title at once.
    for url in ["/", "/stories/", "/themes/health/", "/stories/clinic/", "/participants/bea/"]:
        assert "The clinic that stayed open" in reader.get(url).content.decode(), url
    assert "The clinic that stayed open" in reader.get("/organisations/trust/").content.decode()


def test_moving_a_story_to_another_theme_renews_the_theme_it_left(editor_client, site):
    reader = Client()
    warm(reader)
    health = Theme.objects.get(slug="health")
    admin_edit(editor_client, site["ward"], themes=[str(health.pk)])
    assert "A ward that listened" in reader.get("/themes/health/").content.decode()
    # Housing is left with no public story: its page goes, as its place in the lists.
    assert reader.get("/themes/housing/").status_code == 404
    assert "/themes/housing/" not in reader.get("/themes/").content.decode()


def test_a_withdrawal_reaches_every_page_of_the_persons_stories_at_once(editor, site):
    reader = Client()
    warm(reader)
    amara = Participant.objects.get(slug="amara")
    amara.consent_withdrawn_at = timezone.now() - dt.timedelta(minutes=1)
    people_services.save_participant(participant=amara, by=editor, note="Asked by phone")
    for url in ["/", "/stories/", "/themes/", "/tags/covid-19/", "/search/?q=ward"]:
        assert "A ward that listened" not in reader.get(url).content.decode(), url
    for url in ["/stories/ward/", "/participants/amara/", "/themes/housing/"]:
        assert reader.get(url).status_code == 404, url
    assert "Amara" not in reader.get("/participants/").content.decode()
    assert "The clinic on the corner" in reader.get("/themes/health/").content.decode()


def test_renaming_an_organisation_renews_the_pages_of_its_stories(editor, site):
    reader = Client()
    warm(reader)
    trust = site["trust"]
    trust.name = "East Suffolk and North Essex Trust"
    people_services.save_organisation(organisation=trust, by=editor)
    for url in ["/stories/clinic/", "/themes/health/", "/organisations/trust/", "/organisations/"]:
        assert "East Suffolk and North Essex Trust" in reader.get(url).content.decode(), url
    assert from_the_cache(reader, "/themes/housing/")


def test_a_write_outside_the_services_renews_everything(site):
    reader = Client()
    warm(reader)
    Theme.objects.filter(slug="health").update(name="Health and care")  # no signal at all
    theme = Theme.objects.get(slug="housing")
    theme.name = "Homes"  # a plain save: the safety net
    theme.save()
    for url in ["/themes/housing/", "/stories/ward/", "/stories/clinic/"]:
        assert not from_the_cache(reader, url), url
    assert "Homes" in reader.get("/stories/ward/").content.decode()


def test_an_admin_save_renews_once(editor_client, site, monkeypatch):
    from pagecache import dependencies

    renewals = []
    real = dependencies.renew
    monkeypatch.setattr(
        dependencies, "renew", lambda keys, **kw: renewals.append(set(keys)) or real(keys, **kw)
    )
    admin_edit(
        editor_client,
        site["clinic"],
        title="The clinic, renamed",
        tags="covid-19, 診療所",
        outcomes=[{"description": "Open six days a week", "order": "0"}],
    )
    clinic, ward = site["clinic"], site["ward"]
    assert len(renewals) == 1
    health = clinic.themes.get()
    assert {f"story:{clinic.pk}", "listing", f"theme:{health.pk}"} <= renewals[0]
    assert f"story:{ward.pk}" not in renewals[0]


def test_an_edit_is_found_by_search_at_once(editor_client, site):
    reader = Client()
    warm(reader)
    assert "/stories/clinic/" not in reader.get("/search/?q=zqlczyhjwu").content.decode()
    reader.get("/search/?q=zqlczyhjwu")
    admin_edit(editor_client, site["clinic"], title="The clinic zqlczyhjwu")
    assert "/stories/clinic/" in reader.get("/search/?q=zqlczyhjwu").content.decode()


def test_an_admin_save_rebuilds_the_search_text_once(editor_client, site, monkeypatch):
    from stories.search import signals

    rebuilt = []
    real = signals.refresh_documents
    monkeypatch.setattr(
        signals, "refresh_documents", lambda ids: rebuilt.append(set(ids)) or real(ids)
    )
    admin_edit(
        editor_client,
        site["clinic"],
        title="The clinic zqlczyhjwu",
        tags="covid-19, 診療所",
        themes=[str(t.pk) for t in Theme.objects.all()],
        extra={
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-0-kind": "other",
            "outcomes-0-description": "Open six days a week",
            "outcomes-0-order": "0",
        },
    )
    assert rebuilt == [{site["clinic"].pk}]
    assert "/stories/clinic/" in Client().get("/search/?q=zqlczyhjwu").content.decode()
