"""Attacks on narrow renewal: a change the public must see at once, and a cached page
that might keep showing what is no longer public or no longer true.

Each test warms the pages (twice, so the second load is from the cache), makes the
change the way an editor would (the admin, or a service), then reads the pages as a
reader. A test fails if a page is stale.
"""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client
from django.utils import timezone

from editorial import people_services, services
from pagecache.renewal import renewal
from participants.models import Organisation, Participant
from stories.models import Outcome, Story, Theme
from tests.admin_posts import CHANGELIST_URL
from tests.editorial.test_consent_is_an_editors_act import participant_form
from tests.editorial.test_renewal import admin_edit, from_the_cache, warm
from tests.factories import (
    make_cohort,
    make_outcome,
    make_participant,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def body(reader, url) -> str:
    response = reader.get(url)
    return f"{response.status_code} {response.content.decode()}"


def may(client, codename: str) -> None:
    """Give the signed-in editor one more permission (deleting is for superusers)."""
    user = get_user(client)
    user.user_permissions.add(Permission.objects.get(codename=codename))


def warm_urls(reader, urls):
    for url in urls:
        reader.get(url)
    for url in urls:
        reader.get(url)


BROCHURES = ["/programmes/leaders/brochure/", "/programmes/leaders/first/brochure/"]


# 1. The brochure keeps an edited story's old text.
def test_brochure_shows_a_public_storys_edit(editor_client, programme_site):
    reader = Client()
    warm(reader)
    warm_urls(reader, BROCHURES)
    for url in BROCHURES:
        assert "A ward that listened" in body(reader, url), url
    admin_edit(editor_client, programme_site["ward"], title="A ward that was renamed")
    assert "A ward that was renamed" in body(reader, "/stories/ward/")
    for url in BROCHURES:
        assert "A ward that was renamed" in body(reader, url), url


# 2. Consent narrowed to the website only: the printable brochure must drop the story.
def test_brochure_drops_a_story_whose_consent_no_longer_covers_print(editor, programme_site):
    reader = Client()
    warm_urls(reader, BROCHURES)
    assert "A ward that listened" in body(reader, BROCHURES[0])
    amara = Participant.objects.get(slug="amara")
    amara.consent_scope = Participant.ConsentScope.WEB
    people_services.save_participant(participant=amara, by=editor, note="Web only, please")
    for url in BROCHURES:
        assert "A ward that listened" not in body(reader, url), url


# 3. A story taken out of a cohort (the person left it): the cohort's brochure and the
# filter bar's cohort choice must go.
def test_leaving_a_cohort_through_the_admin_renews_the_cohort_brochure(
    editor_client, programme_site
):
    reader = Client()
    warm_urls(reader, [*BROCHURES, "/stories/"])
    assert "First Cohort" in body(reader, "/stories/")
    amara = Participant.objects.get(slug="amara")
    url = f"/admin/participants/participant/{amara.pk}/change/"
    response = editor_client.post(url, participant_form(amara, cohorts=[]))
    assert response.status_code == 302, response.content[:2000]
    assert not amara.cohorts.exists()
    assert "A ward that listened" not in body(reader, BROCHURES[1])
    assert "A ward that listened" not in body(reader, BROCHURES[0])


def test_leaving_a_cohort_takes_it_off_the_filter_bar(editor_client, programme_site):
    reader = Client()
    warm_urls(reader, ["/stories/", "/impact/"])
    assert "First Cohort" in body(reader, "/stories/")
    amara = Participant.objects.get(slug="amara")
    url = f"/admin/participants/participant/{amara.pk}/change/"
    response = editor_client.post(url, participant_form(amara, cohorts=[]))
    assert response.status_code == 302, response.content[:2000]
    assert "First Cohort" not in body(reader, "/stories/")
    assert "First Cohort" not in body(reader, "/impact/")


# 4. Scheduled publication decided after the pages were cached.
def test_a_story_scheduled_after_the_pages_were_cached_appears_at_its_time(editor, site):
    reader = Client()
    warm(reader)
    go_live = timezone.now() + dt.timedelta(hours=1)
    draft = Story.objects.get(slug="notes")
    draft.published_at = go_live
    draft.save(update_fields=["published_at"])  # outside a block: a bump, then warm again
    warm(reader)
    services.publish_story(story=Story.objects.get(slug="notes"), by=editor)
    assert Story.objects.get(slug="notes").published_at == go_live
    with at(go_live + dt.timedelta(seconds=1)):
        assert "Notes toward a housing story" in body(reader, "/stories/")
        assert "Notes toward a housing story" in body(reader, "/themes/housing/")


# 5. An end of publication set by an editor after the pages were cached.
def test_an_expiry_set_by_an_editor_takes_the_story_off_cached_pages_at_its_time(
    editor,
    site,
):
    reader = Client()
    warm(reader)
    ends = timezone.now() + dt.timedelta(hours=1)
    ward = Story.objects.get(slug="ward")
    ward.expires_at = ends
    services.save_edit(story=ward, from_status=ward.status, by=editor)
    warm(reader)  # cached again, after the edit, still public
    with at(ends + dt.timedelta(seconds=1)):
        assert Story.objects.public().filter(slug="ward").count() == 0
        assert reader.get("/stories/ward/").status_code == 404
        assert "A ward that listened" not in body(reader, "/stories/")
        assert "A ward that listened" not in body(reader, "/participants/amara/")


# 6. A consent end date recorded by an editor after the pages were cached.
def test_a_consent_end_recorded_by_an_editor_takes_the_person_off_at_midnight(editor, site):
    reader = Client()
    warm(reader)
    amara = Participant.objects.get(slug="amara")
    last_day = timezone.localdate()
    amara.consent_expires_on = last_day
    people_services.save_participant(participant=amara, by=editor, note="Until today")
    warm(reader)
    midnight = timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()))
    with at(midnight + dt.timedelta(seconds=1)):
        assert "Amara" not in body(reader, "/participants/")
        assert reader.get("/participants/amara/").status_code == 404
        assert reader.get("/stories/ward/").status_code == 404


# 7. Reverse many-to-many: a theme's stories changed from the theme's side.
def test_removing_a_story_from_a_theme_from_the_themes_side(site):
    reader = Client()
    warm(reader)
    housing = Theme.objects.get(slug="housing")
    with transaction.atomic(), renewal():
        housing.stories.remove(site["ward"])
    assert reader.get("/themes/housing/").status_code == 404
    assert "Housing" not in body(reader, "/stories/ward/")


def test_adding_a_story_to_a_theme_from_the_themes_side(site):
    reader = Client()
    warm(reader)
    health = Theme.objects.get(slug="health")
    with transaction.atomic(), renewal():
        health.stories.add(site["ward"])
    assert "A ward that listened" in body(reader, "/themes/health/")
    assert "A ward that listened" in body(reader, "/feeds/themes/health/")


# 9. A story given to another participant.
def test_a_story_given_to_another_participant(editor_client, site):
    reader = Client()
    warm(reader)
    bea = Participant.objects.get(slug="bea")
    admin_edit(editor_client, site["ward"], participant=str(bea.pk))
    assert "A ward that listened" not in body(reader, "/participants/amara/")
    assert "A ward that listened" in body(reader, "/participants/bea/")
    assert "A ward that listened" not in body(reader, "/organisations/council/")
    assert "A ward that listened" in body(reader, "/organisations/trust/")
    assert "Beatriz" in body(reader, "/stories/ward/")


# 10. A partner organisation removed from a story in the admin.
def test_a_partner_removed_in_the_admin(editor_client, site):
    reader = Client()
    council = Organisation.objects.get(slug="council")
    ward = site["ward"]
    from tests.factories import make_partner

    partner = make_partner(ward, council, role="Funder of the ward")
    warm(reader)
    assert "Funder of the ward" in body(reader, "/organisations/council/")
    ward.refresh_from_db()
    fields = {
        "partnerships-TOTAL_FORMS": "1",
        "partnerships-INITIAL_FORMS": "1",
        "partnerships-0-id": str(partner.pk),
        "partnerships-0-story": str(ward.pk),
        "partnerships-0-organisation": str(council.pk),
        "partnerships-0-role": "Funder of the ward",
        "partnerships-0-order": "0",
        "partnerships-0-DELETE": "on",
    }
    admin_edit(editor_client, ward, extra=fields)
    assert not ward.partnerships.exists()
    assert "Funder of the ward" not in body(reader, "/organisations/council/")
    assert "Funder of the ward" not in body(reader, "/stories/ward/")


# 11. An outcome edited: the impact page and the theme page's figures.
def test_an_outcome_edited_in_the_admin(editor_client, site):
    reader = Client()
    outcome = make_outcome(site["ward"], description="Forty flats repaired", value=40)
    warm(reader)
    assert "Forty flats repaired" in body(reader, "/impact/")
    ward = site["ward"]
    ward.refresh_from_db()
    fields = {
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "1",
        "outcomes-0-id": str(outcome.pk),
        "outcomes-0-story": str(ward.pk),
        "outcomes-0-kind": outcome.kind,
        "outcomes-0-description": "Ninety-nine flats repaired",
        "outcomes-0-value": "99",
        "outcomes-0-unit": outcome.unit or "",
        "outcomes-0-order": "0",
    }
    admin_edit(editor_client, ward, extra=fields)
    assert Outcome.objects.get(pk=outcome.pk).description == "Ninety-nine flats repaired"
    assert "Ninety-nine flats repaired" in body(reader, "/impact/")
    assert "Forty flats repaired" not in body(reader, "/stories/ward/")
    assert "99" in body(reader, "/themes/housing/")


# 12. A tag removed through the admin form.
def test_a_tag_removed_in_the_admin(editor_client, site):
    reader = Client()
    warm(reader)
    admin_edit(editor_client, site["ward"], tags="")
    assert reader.get("/tags/covid-19/").status_code == 404
    assert "covid-19" not in body(reader, "/stories/ward/")
    assert "covid-19" not in body(reader, "/stories/?theme=housing")


# 13. A bulk admin action.
def test_the_bulk_unpublish_action(editor_client, site):
    reader = Client()
    warm(reader)
    pks = [str(site["ward"].pk), str(site["clinic"].pk)]
    response = editor_client.post(
        CHANGELIST_URL, {"action": "unpublish", "_selected_action": pks, "index": "0"}
    )
    assert response.status_code == 302
    assert not Story.objects.public().exists()
    for url in ["/stories/ward/", "/stories/clinic/", "/participants/amara/", "/themes/health/"]:
        assert reader.get(url).status_code == 404, url
    for url in ["/", "/stories/", "/feeds/stories/", "/sitemap.xml", "/api/stories/"]:
        assert "A ward that listened" not in body(reader, url), url


# 14. A story deleted through the admin.
def test_a_story_deleted_in_the_admin(editor_client, site):
    may(editor_client, "delete_story")
    reader = Client()
    warm(reader)
    ward = site["ward"]
    response = editor_client.post(f"/admin/stories/story/{ward.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.status_code
    assert not Story.objects.filter(pk=ward.pk).exists()
    for url in ["/stories/ward/", "/participants/amara/", "/themes/housing/", "/tags/covid-19/"]:
        assert reader.get(url).status_code == 404, url
    for url in ["/", "/stories/", "/search/?q=ward", "/api/stories/", "/organisations/council/"]:
        assert "A ward that listened" not in body(reader, url), url


# 15. An organisation deleted through the admin (its people are left without one).
def test_an_organisation_deleted_in_the_admin(editor_client, site):
    may(editor_client, "delete_organisation")
    reader = Client()
    warm(reader)
    council = Organisation.objects.get(slug="council")
    response = editor_client.post(
        f"/admin/participants/organisation/{council.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302, response.content[:2000]
    assert not Organisation.objects.filter(slug="council").exists()
    assert reader.get("/organisations/council/").status_code == 404
    for url in ["/stories/ward/", "/participants/amara/", "/organisations/", "/participants/"]:
        assert "Ipswich Borough Council" not in body(reader, url), url


# 16. Erasure, through the admin's action.
def test_erasure_through_the_admin(editor_client, site):
    reader = Client()
    warm(reader)
    amara = Participant.objects.get(slug="amara")
    response = editor_client.post(
        "/admin/participants/participant/",
        {"action": "erase_personal_data", "_selected_action": [amara.pk], "confirm": "erase"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert not Participant.objects.filter(slug="amara").exists()
    for url in ["/", "/stories/", "/participants/", "/themes/", "/search/?q=ward"]:
        assert "Amara" not in body(reader, url) and "A ward" not in body(reader, url), url


# 17. A revision restored: the title as it was.
def test_restoring_a_revision(editor, editor_client, site):
    from reversion.models import Version

    from editorial.revisions import save_revision

    ward = Story.objects.get(slug="ward")
    save_revision(ward, by=editor, comment="first")
    admin_edit(editor_client, ward, title="A ward that was renamed")
    reader = Client()
    warm(reader)
    assert "A ward that was renamed" in body(reader, "/stories/ward/")
    first = Version.objects.get_for_object(ward).order_by("pk").first()
    services.restore_revision(story=Story.objects.get(pk=ward.pk), version=first, by=editor)
    assert Story.objects.get(pk=ward.pk).title == "A ward that listened"
    for url in ["/stories/ward/", "/", "/themes/housing/", "/participants/amara/"]:
        assert "A ward that was renamed" not in body(reader, url), url


# 18. The related stories of a story page that shares its themes with every other story.
def test_related_stories_filled_in_when_a_new_story_is_published(editor, site):
    # Only the clinic besides the ward: give it the ward's theme, so the one related
    # story shares a theme (no filler, no `listing` dependency).
    housing = Theme.objects.get(slug="housing")
    Story.objects.get(slug="clinic").themes.add(housing)
    reader = Client()
    warm_urls(reader, ["/stories/ward/"])
    assert "The clinic on the corner" in body(reader, "/stories/ward/")
    other = make_theme(name="Transport", slug="transport")
    newcomer = make_story(
        title="Buses at dawn",
        slug="buses",
        status="draft",
        published_at=None,
        participant=Participant.objects.get(slug="bea"),
    )
    with transaction.atomic(), renewal():
        newcomer.themes.add(other)
    warm_urls(reader, ["/stories/ward/"])
    services.publish_story(story=Story.objects.get(slug="buses"), by=editor)
    fresh = Story.objects.related_to(Story.objects.get(slug="ward"))
    assert "Buses at dawn" in [s.title for s in fresh]
    assert "Buses at dawn" in body(reader, "/stories/ward/")


# 19. A participant moved to another organisation.
def test_a_participant_moved_to_another_organisation(editor, site):
    reader = Client()
    warm(reader)
    amara = Participant.objects.get(slug="amara")
    amara.organisation = Organisation.objects.get(slug="trust")
    people_services.save_participant(participant=amara, by=editor)
    assert reader.get("/organisations/council/").status_code == 404
    assert "Amara" in body(reader, "/organisations/trust/")
    assert "Suffolk Community Trust" in body(reader, "/participants/amara/")


# 20. The open data API after an unpublish by the service.
def test_the_open_data_api_after_an_unpublish(editor, site):
    reader = Client()
    warm_urls(reader, ["/api/stories/", "/api/organisations/", "/impact/organisations.csv"])
    assert "A ward that listened" in body(reader, "/api/stories/")
    services.unpublish_story(story=Story.objects.get(slug="ward"), by=editor)
    assert "A ward that listened" not in body(reader, "/api/stories/")
    assert "Ipswich Borough Council" not in body(reader, "/api/organisations/")


# 21. Sitemaps and feeds after a withdrawal by the service.
def test_feeds_and_sitemaps_after_a_withdrawal(editor, site):
    reader = Client()
    urls = ["/feeds/stories/", "/feeds/themes/housing/", "/sitemap.xml", "/sitemap-stories.xml"]
    warm_urls(reader, urls)
    amara = Participant.objects.get(slug="amara")
    amara.consent_withdrawn_at = timezone.now() - dt.timedelta(minutes=1)
    people_services.save_participant(participant=amara, by=editor)
    for url in urls:
        text = body(reader, url)
        assert "/stories/ward/" not in text and "/participants/amara/" not in text, url


# 22. The opposite bug: a draft's save must not renew the public pages.
def test_a_drafts_theme_and_participant_change_renews_nothing(editor_client, site):
    reader = Client()
    warm(reader)
    bea = Participant.objects.get(slug="bea")
    health = Theme.objects.get(slug="health")
    admin_edit(editor_client, site["draft"], participant=str(bea.pk), themes=[str(health.pk)])
    for url in ["/themes/health/", "/participants/bea/", "/stories/", "/"]:
        assert from_the_cache(reader, url), url


# 23. A person given consent whose only story is live shows at once.
def test_consent_given_brings_the_person_and_their_story_in_at_once(editor, site):
    reader = Client()
    quiet = make_participant(name="Quentin Quiet", slug="quentin", consent_given=False)
    make_story(title="A quiet story", slug="quiet", participant=quiet)
    warm(reader)
    warm_urls(reader, ["/themes/"])
    quiet.consent_given = True
    people_services.save_participant(participant=quiet, by=editor)
    assert "A quiet story" in body(reader, "/stories/")
    assert "Quentin Quiet" in body(reader, "/participants/")


# 24. An organisation's page after it is added as a partner to a story in the admin.
def test_organisation_counts_after_a_partner_added(editor_client, site):
    reader = Client()
    warm(reader)
    council = Organisation.objects.get(slug="council")
    clinic = site["clinic"]
    clinic.refresh_from_db()
    host = clinic.partnerships.get()
    admin_edit(
        editor_client,
        clinic,
        extra={
            "partnerships-TOTAL_FORMS": "2",
            "partnerships-INITIAL_FORMS": "1",
            "partnerships-0-id": str(host.pk),
            "partnerships-0-story": str(clinic.pk),
            "partnerships-0-organisation": str(host.organisation_id),
            "partnerships-0-role": "Host",
            "partnerships-0-order": "0",
            "partnerships-1-organisation": str(council.pk),
            "partnerships-1-role": "Co-host",
            "partnerships-1-order": "1",
        },
    )
    assert clinic.partnerships.count() == 2
    assert "The clinic on the corner" in body(reader, "/organisations/council/")


# 25. An organisation renamed: the brochure names each story's person and organisation.
def test_an_organisation_renamed_shows_on_the_brochure(editor, programme_site):
    reader = Client()
    warm_urls(reader, BROCHURES)
    assert "Ipswich Borough Council" in body(reader, BROCHURES[0])
    council = Organisation.objects.get(slug="council")
    council.name = "Ipswich Council (renamed)"
    people_services.save_organisation(organisation=council, by=editor)
    assert "Ipswich Council (renamed)" in body(reader, "/stories/ward/")
    for url in BROCHURES:
        assert "Ipswich Borough Council" not in body(reader, url), url


# 26. A person joins a second cohort: that cohort's brochure must exist at once.
def test_joining_a_cohort_gives_it_a_brochure_at_once(editor_client, programme_site):
    reader = Client()
    second = make_cohort(name="Second Cohort", slug="second", programme=programme_site["programme"])
    warm_urls(reader, [*BROCHURES, "/stories/"])
    amara = Participant.objects.get(slug="amara")
    url = f"/admin/participants/participant/{amara.pk}/change/"
    cohorts = [programme_site["cohort"].pk, second.pk]
    response = editor_client.post(url, participant_form(amara, cohorts=cohorts))
    assert response.status_code == 302, response.content[:2000]
    assert reader.get("/programmes/leaders/second/brochure/").status_code == 200
    assert "Second Cohort" in body(reader, "/stories/")


# 27. A brochure after a plain withdrawal (the public set changes: `options` is renewed).
def test_brochure_after_a_withdrawal(editor, programme_site):
    reader = Client()
    warm_urls(reader, BROCHURES)
    amara = Participant.objects.get(slug="amara")
    amara.consent_withdrawn_at = timezone.now() - dt.timedelta(minutes=1)
    people_services.save_participant(participant=amara, by=editor)
    for url in BROCHURES:
        assert "A ward that listened" not in body(reader, url), url


# 28. Consent to quote withdrawn: the pull quote must leave every page, the brochure too.
def test_consent_to_quotes_withdrawn_leaves_the_brochure(editor, programme_site):
    Story.objects.filter(slug="ward").update(pull_quote="They finally listened to us")
    Participant.objects.filter(slug="amara").update(consent_quotes=True)
    reader = Client()
    warm_urls(reader, [*BROCHURES, "/stories/ward/"])
    assert "They finally listened to us" in body(reader, BROCHURES[0])
    amara = Participant.objects.get(slug="amara")
    amara.consent_quotes = False
    people_services.save_participant(participant=amara, by=editor, note="No quotes")
    assert "They finally listened to us" not in body(reader, "/stories/ward/")
    for url in BROCHURES:
        assert "They finally listened to us" not in body(reader, url), url
