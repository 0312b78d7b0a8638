"""Second round of attacks on narrow renewal: a change made through the admin or a
service, and a cached public page that might keep showing what is no longer public or
no longer true. And the opposite: a change nobody can see must leave the pages cached.

Each test warms the pages (twice, so the second load is from the cache), makes the
change as an editor would, then reads the pages as a reader (a separate Client).
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from editorial import services, sharing
from participants.models import Cohort, Organisation, Participant
from stories.models import Outcome, Story, Theme
from tests.admin_posts import CHANGELIST_URL
from tests.editorial.test_consent_is_an_editors_act import participant_form
from tests.editorial.test_renewal import PAGES, admin_edit, from_the_cache, warm
from tests.editorial.test_renewal_attacks import may, warm_urls
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
)
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db


def body(reader, url) -> str:
    """The status and text of a page, a streamed download included."""
    response = reader.get(url)
    streamed = response.streaming
    content = b"".join(response.streaming_content) if streamed else response.content
    return f"{response.status_code} {content.decode()}"


def admin_post(client, story, **data):
    """Save the story through the admin's form, with `data` over what it sends."""
    admin_edit(client, story, extra=data)


def grant(client, *codenames):
    for codename in codenames:
        may(client, codename)


def participant_admin(client, participant, **changes):
    participant.refresh_from_db()
    changes.setdefault("cohorts", [str(c.pk) for c in participant.cohorts.all()])
    url = f"/admin/participants/participant/{participant.pk}/change/"
    response = client.post(url, participant_form(participant, **changes))
    assert response.status_code == 302, response.content[:3000]


def organisation_admin(client, organisation, **changes):
    organisation.refresh_from_db()
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "website": organisation.website,
        "description": organisation.description,
        "logo_alt": organisation.logo_alt,
    } | changes
    data = {k: v for k, v in data.items() if v != ""}
    url = f"/admin/participants/organisation/{organisation.pk}/change/"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]


def theme_admin(client, theme, **changes):
    theme.refresh_from_db()
    data = {
        "name": theme.name,
        "slug": theme.slug,
        "summary": theme.summary,
        "description": theme.description,
        "order": str(theme.order),
    } | changes
    response = client.post(f"/admin/stories/theme/{theme.pk}/change/", data)
    assert response.status_code == 302, response.content[:3000]


def partner_rows(story, extra_rows=()):
    """The partnerships formset as it stands, plus new rows."""
    rows = list(story.partnerships.all())
    data = {
        "partnerships-TOTAL_FORMS": str(len(rows) + len(extra_rows)),
        "partnerships-INITIAL_FORMS": str(len(rows)),
    }
    for i, p in enumerate(rows):
        data |= {
            f"partnerships-{i}-id": str(p.pk),
            f"partnerships-{i}-story": str(story.pk),
            f"partnerships-{i}-organisation": str(p.organisation_id),
            f"partnerships-{i}-role": p.role,
            f"partnerships-{i}-order": str(p.order),
        }
    for j, row in enumerate(extra_rows, start=len(rows)):
        data |= {f"partnerships-{j}-{k}": v for k, v in row.items()}
    return data


# 1. The participant list's story counts, and its page 2.
def test_participant_list_counts_and_page_two(editor_client, site, monkeypatch):
    monkeypatch.setattr("public.people_views.PEOPLE_PER_PAGE", 1)
    reader = Client()
    urls = ["/participants/", "/participants/?page=2"]
    warm_urls(reader, urls)
    assert "Beatriz" in body(reader, urls[1]) and ">1 story</p>" in body(reader, urls[1])
    bea = Participant.objects.get(slug="bea")
    admin_edit(editor_client, site["draft"], participant=str(bea.pk), status="published")
    assert Story.objects.public().filter(participant=bea).count() == 2
    assert ">2 stories</p>" in body(reader, urls[1])
    assert ">1 story</p>" in body(reader, urls[0])


# 2. The organisation list's counts (people's stories, partnerships), and its page 2.
def test_organisation_list_counts_and_page_two(editor_client, site, monkeypatch):
    monkeypatch.setattr("public.people_views.ORGANISATIONS_PER_PAGE", 1)
    reader = Client()
    urls = ["/organisations/", "/organisations/?page=2"]
    warm_urls(reader, urls)
    assert "Suffolk Community Trust" in body(reader, urls[1])
    assert "partner in 1 story<" in body(reader, urls[1])
    trust = Organisation.objects.get(slug="trust")
    ward = site["ward"]
    admin_post(
        editor_client,
        ward,
        **partner_rows(ward, [{"organisation": str(trust.pk), "role": "Funder", "order": "0"}]),
    )
    assert "partner in 2 stories<" in body(reader, urls[1])


# 3. The participant page's cohort list, joining and leaving through the admin.
def test_participant_page_cohort_list(editor_client, programme_site):
    reader = Client()
    urls = ["/participants/amara/", "/stories/ward/"]
    warm_urls(reader, urls)
    assert "First Cohort cohort" in body(reader, urls[0])
    second = make_cohort(name="Second Cohort", slug="second", programme=programme_site["programme"])
    warm_urls(reader, urls)  # the cohort's creation bumped everything: cache again
    amara = Participant.objects.get(slug="amara")
    participant_admin(editor_client, amara, cohorts=[str(second.pk)])
    for url in urls:
        text = body(reader, url)
        assert "Second Cohort cohort" in text, url
        assert "First Cohort cohort" not in text, url


# 4. The organisation page's people (with job titles) and partner roles.
def test_organisation_page_people_and_partner_roles(editor_client, site):
    reader = Client()
    warm(reader)
    amara = Participant.objects.get(slug="amara")
    participant_admin(editor_client, amara, job_title="Chief Listener")
    for url in ["/organisations/council/", "/themes/housing/", "/stories/ward/", "/participants/"]:
        assert "Chief Listener" in body(reader, url), url
    clinic = site["clinic"]
    clinic.refresh_from_db()
    data = partner_rows(clinic)
    data["partnerships-0-role"] = "Lead host"
    admin_post(editor_client, clinic, **data)
    for url in ["/organisations/trust/", "/stories/clinic/"]:
        assert "Lead host" in body(reader, url), url


# 5. A tag added to a public story for the first time: its page appears, and the
# filter bars offer it.
def test_a_tag_new_to_public_stories_gets_a_page(editor_client, site):
    reader = Client()
    warm(reader)
    warm_urls(reader, ["/tags/damp-homes/", "/themes/health/"])
    assert reader.get("/tags/damp-homes/").status_code == 404
    admin_edit(editor_client, site["ward"], tags="covid-19, damp-homes")
    assert "A ward that listened" in body(reader, "/tags/damp-homes/")
    for url in ["/stories/", "/themes/housing/", "/stories/ward/"]:
        assert "damp-homes" in body(reader, url), url
    # A theme page offers only the tags of its own stories (the ward is on housing).
    assert "damp-homes" not in body(reader, "/themes/health/")


# 6. The theme list's counts, and the home page's theme grid.
def test_theme_list_counts(editor_client, site):
    reader = Client()
    warm(reader)
    assert "1 story" in body(reader, "/themes/")
    housing = Theme.objects.get(slug="housing")
    health = Theme.objects.get(slug="health")
    admin_edit(editor_client, site["clinic"], themes=[str(housing.pk), str(health.pk)])
    for url in ["/themes/", "/"]:
        text = body(reader, url)
        housing_entry = text[text.index("/themes/housing/") :][:400]
        assert "2 stories" in housing_entry, url


# 7. The home page's featured stories and headline figures.
def test_home_featured_and_figures(editor_client, site):
    reader = Client()
    warm(reader)
    assert "Featured stories" not in body(reader, "/")
    admin_edit(editor_client, site["clinic"], featured="on")
    assert Story.objects.get(slug="clinic").featured
    home = body(reader, "/")
    assert "Featured stories" in home
    warm(reader)
    admin_edit(editor_client, site["clinic"], featured=None)
    data_unfeatured = body(reader, "/")
    assert "Featured stories" not in data_unfeatured
    warm(reader)
    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "unpublish", "_selected_action": [str(site["clinic"].pk)], "index": "0"},
    )
    assert response.status_code == 302
    home = body(reader, "/")
    assert "<strong>1</strong> story" in home
    assert "<strong>1</strong> participant<" in home
    assert "<strong>1</strong> organisation<" in home
    assert "<strong>1</strong> theme<" in home


# 8. The impact report's filters and its open data, after an outcome is added in the admin.
IMPACT_URLS = [
    "/impact/?theme=housing&programme=leaders&cohort=first&kind=nhs",
    "/impact/?theme=housing",
    "/impact/?cohort=first",
    "/impact/?kind=nhs&type=funding",
    "/api/outcomes/?theme=housing",
    "/api/outcomes/?cohort=first&type=funding",
    "/api/stories/?theme=housing",
    "/api/stories/?cohort=first",
    "/impact/export.csv?theme=housing",
    "/impact/stories.csv?theme=housing",
]


def test_impact_filters_and_open_data_after_an_outcome_added(editor_client, programme_site):
    reader = Client()
    warm_urls(reader, IMPACT_URLS)
    ward = programme_site["ward"]
    admin_post(
        editor_client,
        ward,
        **{
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "0",
            "outcomes-0-kind": "funding",
            "outcomes-0-description": "Zorbafunding secured",
            "outcomes-0-value": "12345",
            "outcomes-0-unit": "GBP",
            "outcomes-0-order": "0",
        },
        title="A ward that was zorbaed",
    )
    assert Outcome.objects.filter(description="Zorbafunding secured").exists()
    for url in IMPACT_URLS:
        text = body(reader, url)
        if "stories" in url:
            assert "A ward that was zorbaed" in text, url
        else:
            assert "Zorbafunding secured" in text, url


# 9. The organisation's kind changed in the admin: its page, the list, the filters.
def test_organisation_kind_changed(editor_client, site):
    reader = Client()
    make_outcome(site["ward"], description="Zorbaflats repaired", kind="service_change")
    urls = [
        "/organisations/council/",
        "/organisations/",
        "/impact/?kind=local_authority",
        "/api/organisations/",
        "/api/stories/",
        "/api/outcomes/",
    ]
    warm_urls(reader, urls)
    assert "Zorbaflats repaired" not in body(reader, urls[2])
    council = Organisation.objects.get(slug="council")
    organisation_admin(editor_client, council, kind="local_authority")
    assert "Local authority" in body(reader, "/organisations/council/")
    assert "Local authority" in body(reader, "/organisations/")
    assert "Zorbaflats repaired" in body(reader, urls[2])
    assert '"kind": "local_authority"' in body(reader, "/api/organisations/")
    for url in ["/api/stories/", "/api/outcomes/"]:
        assert "local_authority" in body(reader, url), url


# 10. A theme's description and order edited in the admin renew everything.
def test_theme_description_and_order_edited(editor_client, site):
    grant(editor_client, "change_theme")
    housing = Theme.objects.get(slug="housing")
    health = Theme.objects.get(slug="health")
    Story.objects.get(slug="ward").themes.add(health)  # outside a block: bumps, before warming
    reader = Client()
    warm(reader)
    theme_admin(editor_client, housing, description="Zorba description of homes")
    assert "Zorba description of homes" in body(reader, "/themes/housing/")
    warm(reader)
    theme_admin(editor_client, housing, order="500")
    theme_admin(editor_client, health, order="1")
    text = body(reader, "/themes/")
    assert text.index("/themes/health/") < text.index("/themes/housing/")
    ward = body(reader, "/stories/ward/")
    chips = ward[ward.index("themes-heading") :]
    assert chips.index("/themes/health/") < chips.index("/themes/housing/")


# 11. A participant's photo: consent to show it taken back, and its alt text changed.
def test_participant_photo_consent_and_alt(editor_client, site):
    amara = Participant.objects.get(slug="amara")
    amara.photo = upload()
    amara.photo_alt = "Amara at the zorba desk"
    amara.save()
    reader = Client()
    warm_urls(reader, ["/participants/amara/"])
    page = body(reader, "/participants/amara/")
    assert "Amara at the zorba desk" in page
    picture = re.search(r'src="(/pictures/[^"]+)"', page)[1]
    assert reader.get(picture).status_code == 200
    participant_admin(editor_client, amara, photo_alt="Amara, zorba portrait")
    assert "Amara, zorba portrait" in body(reader, "/participants/amara/")
    warm_urls(reader, ["/participants/amara/"])
    participant_admin(editor_client, amara, consent_photo="")
    assert not Participant.objects.get(pk=amara.pk).consent_photo
    page = body(reader, "/participants/amara/")
    assert "/pictures/" not in page and "zorba portrait" not in page
    assert reader.get(picture).status_code == 404


# 12. A hero image's alt text edited in the admin.
def test_hero_image_alt_text(editor_client, site):
    ward = Story.objects.get(slug="ward")
    ward.hero_image = upload()
    ward.hero_image_alt = "A zorba corridor"
    ward.save()
    reader = Client()
    urls = ["/stories/ward/", "/", "/themes/housing/", "/participants/amara/", "/tags/covid-19/"]
    warm_urls(reader, urls)
    for url in urls:
        assert "A zorba corridor" in body(reader, url), url
    admin_edit(editor_client, ward, hero_image_alt="Nurses in a bright zorba ward")
    for url in urls:
        text = body(reader, url)
        assert "Nurses in a bright zorba ward" in text and "A zorba corridor" not in text, url


# 13. A story's slug changed, then two stories swapping slugs.
def test_slug_changed_and_swapped(editor_client, site):
    reader = Client()
    warm(reader)
    warm_urls(reader, ["/sitemap-stories.xml"])
    admin_edit(editor_client, site["ward"], slug="ward-moved")
    assert reader.get("/stories/ward/").status_code == 404
    assert "A ward that listened" in body(reader, "/stories/ward-moved/")
    for url in [
        "/themes/housing/",
        "/participants/amara/",
        "/tags/covid-19/",
        "/sitemap-stories.xml",
    ]:
        text = body(reader, url)
        assert "/stories/ward-moved/" in text and "/stories/ward/" not in text, url
    warm_urls(reader, ["/stories/ward-moved/", "/stories/clinic/"])
    admin_edit(editor_client, site["ward"], slug="swap-tmp")
    admin_edit(editor_client, site["clinic"], slug="ward-moved")
    admin_edit(editor_client, site["ward"], slug="clinic")
    assert "<h1>The clinic on the corner</h1>" in body(reader, "/stories/ward-moved/")
    assert "<h1>A ward that listened</h1>" in body(reader, "/stories/clinic/")


# 14. A participant moved between organisations in the admin, with a new job title.
def test_participant_moved_between_organisations_in_the_admin(editor_client, site):
    council = Organisation.objects.get(slug="council")
    make_partner(site["clinic"], council, role="Zorba co-funder")
    reader = Client()
    warm(reader)
    amara = Participant.objects.get(slug="amara")
    trust = Organisation.objects.get(slug="trust")
    participant_admin(editor_client, amara, organisation=str(trust.pk), job_title="Zorba lead")
    # The council stays as a partner only: its page stays, without Amara.
    council_page = body(reader, "/organisations/council/")
    assert council_page.startswith("200")
    assert "Amara" not in council_page and "A ward that listened" not in council_page
    assert "Zorba co-funder" in council_page
    trust_page = body(reader, "/organisations/trust/")
    assert "Amara" in trust_page and "Zorba lead" in trust_page
    for url in ["/themes/housing/", "/tags/covid-19/", "/participants/", "/"]:
        text = body(reader, url)
        assert "Zorba lead, Suffolk Community Trust" in text, url
    ward = body(reader, "/stories/ward/")
    person = ward[ward.index('class="story-person"') :][:400]
    assert "Zorba lead" in person and "Suffolk Community Trust" in person


# 15. Search for a participant's and an organisation's new name (changed in the admin).
def test_search_for_renamed_people_and_organisations(editor_client, site):
    reader = Client()
    urls = ["/search/?q=Zanzibarova", "/themes/housing/?q=Zanzibarova", "/search/?q=Quixotica"]
    warm_urls(reader, urls)
    assert "/stories/ward/" not in body(reader, urls[0])
    amara = Participant.objects.get(slug="amara")
    participant_admin(editor_client, amara, name="Amara Zanzibarova")
    for url in urls[:2]:
        assert "/stories/ward/" in body(reader, url), url
    trust = Organisation.objects.get(slug="trust")
    organisation_admin(editor_client, trust, name="Quixotica Trust")
    assert "/stories/clinic/" in body(reader, urls[2])


# 16. Search after an organisation is deleted in the admin: its name must no longer find
# its people's stories.
def test_search_after_an_organisation_is_deleted(editor_client, site):
    grant(editor_client, "delete_organisation")
    reader = Client()
    urls = ["/search/?q=Ipswich", "/themes/housing/?q=Ipswich"]
    warm_urls(reader, urls)
    assert "/stories/ward/" in body(reader, urls[0])
    council = Organisation.objects.get(slug="council")
    response = editor_client.post(
        f"/admin/participants/organisation/{council.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    for url in urls:
        text = body(reader, url)
        assert "/stories/ward/" not in text, url


# 17. Sitemaps' lastmod after a participant's edit in the admin.
def test_sitemap_lastmod_after_a_participant_edit(editor_client, site):
    old = timezone.make_aware(dt.datetime(2020, 1, 1, 12))
    Participant.objects.filter(slug="amara").update(updated_at=old)
    Organisation.objects.filter(slug="council").update(updated_at=old)
    Participant.objects.filter(slug="bea").update(updated_at=old)
    Organisation.objects.filter(slug="trust").update(updated_at=old)
    reader = Client()
    urls = ["/sitemap.xml", "/sitemap-participants.xml", "/sitemap-organisations.xml"]
    warm_urls(reader, urls)
    assert "2020-01-01" in body(reader, urls[1])
    amara = Participant.objects.get(slug="amara")
    participant_admin(editor_client, amara, bio="Zorba bio")
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert today in body(reader, "/sitemap-participants.xml")
    index = body(reader, "/sitemap.xml")
    participants_index = re.search(r"sitemap-participants.xml</loc>\s*<lastmod>([^<]+)", index)
    assert participants_index and participants_index[1].startswith(today)
    council = Organisation.objects.get(slug="council")
    organisation_admin(editor_client, council, description="Zorba council")
    assert today in body(reader, "/sitemap-organisations.xml")


# 18. The share page of a sign-off link is never cached, and shows the latest edit.
def test_share_page_is_never_cached(editor_client, site):
    for story in (site["draft"], site["ward"]):
        link = sharing.create_share_link(story=Story.objects.get(pk=story.pk), by=None)
        url = sharing.share_url(link)
        reader = Client()
        first, second = reader.get(url), reader.get(url)
        for response in (first, second):
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
        admin_edit(editor_client, story, title=f"Zorba retitled {story.slug}")
        assert f"Zorba retitled {story.slug}" in body(reader, url)


# 19. A theme deleted in the admin.
def test_a_theme_deleted_in_the_admin(editor_client, site):
    grant(editor_client, "delete_theme")
    reader = Client()
    warm(reader)
    housing = Theme.objects.get(slug="housing")
    response = editor_client.post(f"/admin/stories/theme/{housing.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content[:2000]
    assert reader.get("/themes/housing/").status_code == 404
    assert reader.get("/feeds/themes/housing/").status_code == 404
    for url in ["/themes/", "/", "/stories/ward/", "/stories/", "/participants/amara/"]:
        assert "/themes/housing/" not in body(reader, url), url


# 20. A cohort deleted in the admin.
def test_a_cohort_deleted_in_the_admin(editor_client, programme_site):
    grant(editor_client, "delete_cohort")
    reader = Client()
    urls = [
        "/participants/amara/",
        "/stories/ward/",
        "/stories/",
        "/impact/",
        "/programmes/leaders/first/brochure/",
    ]
    warm_urls(reader, urls)
    cohort = programme_site["cohort"]
    response = editor_client.post(
        f"/admin/participants/cohort/{cohort.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302, response.content[:2000]
    assert not Cohort.objects.filter(pk=cohort.pk).exists()
    assert reader.get("/programmes/leaders/first/brochure/").status_code == 404
    for url in urls[:4]:
        assert "First Cohort" not in body(reader, url), url


# 21. An outcome row deleted through the admin inline.
def test_an_outcome_deleted_through_the_admin_inline(editor_client, site):
    outcome = make_outcome(
        site["ward"], description="Zorba flats repaired", kind="service_change", value=40
    )
    reader = Client()
    urls = ["/impact/", "/api/outcomes/", "/stories/ward/", "/impact/?theme=housing"]
    warm_urls(reader, [*urls, "/themes/housing/"])
    for url in urls:
        assert "Zorba flats repaired" in body(reader, url), url
    assert "1 outcome reported" in body(reader, "/themes/housing/")
    ward = site["ward"]
    admin_post(
        editor_client,
        ward,
        **{
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "1",
            "outcomes-0-id": str(outcome.pk),
            "outcomes-0-story": str(ward.pk),
            "outcomes-0-kind": outcome.kind,
            "outcomes-0-description": outcome.description,
            "outcomes-0-value": "40",
            "outcomes-0-unit": "",
            "outcomes-0-order": "0",
            "outcomes-0-DELETE": "on",
        },
    )
    assert not Outcome.objects.filter(pk=outcome.pk).exists()
    for url in urls:
        assert "Zorba flats repaired" not in body(reader, url), url
    assert "outcome reported" not in body(reader, "/themes/housing/")


# 22. Page 2 of a theme and of the story list, after a story is unpublished.
def test_page_two_of_listings(editor_client, site):
    housing = Theme.objects.get(slug="housing")
    amara = Participant.objects.get(slug="amara")
    now = timezone.now()
    for n in range(12):
        story = make_story(
            title=f"Zorba housing {n:02d}",
            slug=f"zorba-{n:02d}",
            participant=amara,
            published_at=now - dt.timedelta(hours=n + 1),
        )
        story.themes.add(housing)
    reader = Client()
    urls = ["/themes/housing/?page=2", "/stories/?page=2", "/participants/amara/"]
    warm_urls(reader, urls)
    # 13 housing stories: the ward (a day old) alone on page 2.
    assert "A ward that listened" in body(reader, urls[0])
    newest = Story.objects.get(slug="zorba-00")
    response = editor_client.post(
        CHANGELIST_URL, {"action": "unpublish", "_selected_action": [str(newest.pk)], "index": "0"}
    )
    assert response.status_code == 302
    for url in urls:
        assert "Zorba housing 00" not in body(reader, url), url
    assert "A ward that listened" in body(reader, urls[0])


# 23. An organisation no story named becomes a partner: its page and the list.
def test_a_new_partner_organisation_appears(editor_client, site):
    harbour = make_organisation(name="Harbour Zorba Trust", slug="harbour")
    reader = Client()
    warm(reader)
    warm_urls(reader, ["/organisations/harbour/", "/api/organisations/"])
    assert reader.get("/organisations/harbour/").status_code == 404
    ward = site["ward"]
    admin_post(
        editor_client,
        ward,
        **partner_rows(
            ward, [{"organisation": str(harbour.pk), "role": "Zorba host", "order": "0"}]
        ),
    )
    assert "A ward that listened" in body(reader, "/organisations/harbour/")
    for url in ["/organisations/", "/api/organisations/", "/stories/ward/"]:
        assert "Harbour Zorba Trust" in body(reader, url), url
    assert "<strong>3</strong> organisations" in body(reader, "/")


# The opposite: changes nobody can see must leave every public page cached.


def assert_all_cached(reader, before):
    for url in PAGES:
        assert from_the_cache(reader, url), url
        response = reader.get(url)
        assert (response["ETag"], response.content) == before[url], url


# 24. A story in review, saved in the admin with themes, tags, partners and outcomes.
def test_a_review_storys_save_leaves_the_pages_cached(editor_client, site):
    services.send_for_review(story=Story.objects.get(slug="notes"), by=None)
    reader = Client()
    before = warm(reader)
    review = Story.objects.get(slug="notes")
    trust = Organisation.objects.get(slug="trust")
    admin_post(
        editor_client,
        review,
        title="Notes, zorba review",
        tags="covid-19, zorba-review-tag",
        themes=[str(t.pk) for t in Theme.objects.all()],
        **partner_rows(review, [{"organisation": str(trust.pk), "role": "Host", "order": "0"}]),
        **{
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "0",
            "outcomes-0-kind": "funding",
            "outcomes-0-description": "Review-only money",
            "outcomes-0-value": "5",
            "outcomes-0-unit": "GBP",
            "outcomes-0-order": "0",
        },
    )
    assert Story.objects.get(pk=review.pk).title == "Notes, zorba review"
    assert_all_cached(reader, before)


# 25. A draft deleted in the admin.
def test_a_draft_deleted_in_the_admin_leaves_the_pages_cached(editor_client, site):
    grant(editor_client, "delete_story")
    draft = site["draft"]
    draft.tags.add("covid-19")
    make_outcome(draft, description="Draft money")
    reader = Client()
    before = warm(reader)
    response = editor_client.post(f"/admin/stories/story/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Story.objects.filter(pk=draft.pk).exists()
    assert_all_cached(reader, before)


# 26. A person on drafts only, edited in the admin.
def test_editing_a_person_on_drafts_only_leaves_the_pages_cached(editor_client, site):
    council = Organisation.objects.get(slug="council")
    quinn = make_participant(name="Quinn Zorba", slug="quinn", organisation=council)
    make_story(title="Quinn's draft", slug="quinn-draft", participant=quinn, status="draft")
    reader = Client()
    before = warm(reader)
    participant_admin(editor_client, quinn, job_title="Zorba planner", bio="New bio")
    assert_all_cached(reader, before)


# 27. A new theme made in the admin for a draft (nothing public has it yet).
def test_a_new_theme_for_a_draft_leaves_the_pages_cached(editor_client, site):
    grant(editor_client, "add_theme")
    reader = Client()
    before = warm(reader)
    response = editor_client.post(
        "/admin/stories/theme/add/", {"name": "Zorba transport", "slug": "zorba", "order": "9"}
    )
    assert response.status_code == 302, response.content[:2000]
    assert_all_cached(reader, before)
