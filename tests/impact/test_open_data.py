"""Open data exports: what each one says, and that only public content is in them."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from participants.models import Participant
from stories.models import Story
from tests.factories import (
    make_cohort,
    make_evidence,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_story,
    make_theme,
)

pytestmark = pytest.mark.django_db

CSVS = ["/impact/export.csv", "/impact/stories.csv", "/impact/organisations.csv"]
APIS = ["/api/stories/", "/api/outcomes/", "/api/organisations/"]
EXPORTS = CSVS + APIS


@pytest.fixture
def story():
    employer = make_organisation(
        name="Ipswich Borough Council", slug="ipswich", kind="local_authority"
    )
    person = make_participant(name="Andrew Wilesmith", slug="andrew", organisation=employer)
    programme = make_programme(name="Leadership Essentials", slug="essentials")
    person.cohorts.add(make_cohort(name="March 2020", slug="march-2020", programme=programme))
    story = make_story(
        title="Leisure centres", slug="leisure", participant=person, pull_quote="We listened."
    )
    story.themes.add(make_theme(name="Health inequalities", slug="health-inequalities"))
    story.tags.add("covid-19")
    make_partner(story, make_organisation(name="Suffolk Mind", slug="mind", kind="vcs"), "Host")
    make_outcome(
        story,
        kind="funding",
        description="Section 75 funding",
        value=Decimal("250000"),
        unit="GBP",
        achieved_on=dt.date(2021, 4, 1),
        evidence_url="https://example.org/board-paper",
        verified_by="CCG finance team",
        verified_on=dt.date(2021, 5, 1),
    )
    return story


def body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return (response.getvalue() if response.streaming else response.content).decode("utf-8-sig")


def csv_rows(client, url) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(client, url))))


def results(client, url) -> list[dict]:
    return client.get(url).json()["results"]


OUTCOME = {
    "type": "funding",
    "type_label": "Funding secured",
    "description": "Section 75 funding",
    "value": "250000.00",
    "unit": "GBP",
    "date": "2021-04-01",
    "evidence_url": "https://example.org/board-paper",
    # Made before the grades: checked by someone, so corroborated (stories 0011).
    "level": "not_assessed",
    "who_changed": "",
    "change_kind": "",
    "intended": "not_known",
    "contribution": "",
    "significance": "",
    "verification": "self_reported",
    "verified_by": "CCG finance team",
    "verifier_organisation": "",
    "verifier_relationship": "",
    "verified_on": "2021-05-01",
}
# The outcomes export adds where the outcome sits on the pathway, and its public evidence.
PLACED = {"pathway_stage": None, "pathway_step": None, "evidence": []}


def test_api_story_has_what_its_page_shows(client, story):
    [data] = results(client, "/api/stories/")
    assert data == {
        "title": "Leisure centres",
        "slug": "leisure",
        "url": "http://testserver/stories/leisure/",
        "summary": story.summary,
        "published_at": story.published_at.isoformat(),
        "participant": {
            "name": "Andrew Wilesmith",
            "slug": "andrew",
            "job_title": "Operations Manager",
            "url": "http://testserver/participants/andrew/",
            "organisation": {
                "name": "Ipswich Borough Council",
                "slug": "ipswich",
                "kind": "local_authority",
                "url": "http://testserver/organisations/ipswich/",
            },
        },
        "cohorts": [
            {
                "name": "March 2020",
                "slug": "march-2020",
                "programme": "Leadership Essentials",
                "programme_slug": "essentials",
            }
        ],
        "themes": [{"name": "Health inequalities", "slug": "health-inequalities"}],
        "tags": ["covid-19"],
        "partners": [
            {
                "name": "Suffolk Mind",
                "slug": "mind",
                "kind": "vcs",
                "url": "http://testserver/organisations/mind/",
                "role": "Host",
            }
        ],
        "outcomes": [OUTCOME],
        "pull_quote": "We listened.",
    }


def test_api_leaves_out_the_pull_quote_of_someone_who_did_not_agree_to_be_quoted(client, story):
    Participant.objects.filter(pk=story.participant_id).update(consent_quotes=False)
    story.save()  # a new content version, as the admin's save gives
    [data] = results(client, "/api/stories/")
    assert "pull_quote" not in data
    assert csv_rows(client, "/impact/stories.csv")[0]["pull_quote"] == ""


def test_api_outcome_names_its_story(client, story):
    [data] = results(client, "/api/outcomes/")
    assert (
        data
        == {
            "story": "Leisure centres",
            "story_slug": "leisure",
            "story_url": "http://testserver/stories/leisure/",
            "published_at": story.published_at.isoformat(),
            "participant": "Andrew Wilesmith",
            "organisation": "Ipswich Borough Council",
            "organisation_slug": "ipswich",
            "organisation_kind": "local_authority",
            "themes": ["Health inequalities"],
        }
        | OUTCOME
        | PLACED
    )


def test_api_organisations_count_public_stories_and_partnerships(client, story):
    assert results(client, "/api/organisations/") == [
        {
            "name": "Ipswich Borough Council",
            "slug": "ipswich",
            "kind": "local_authority",
            "kind_label": "Local authority",
            "url": "http://testserver/organisations/ipswich/",
            "website": "",
            "public_stories": 1,
            "public_partnerships": 0,
        },
        {
            "name": "Suffolk Mind",
            "slug": "mind",
            "kind": "vcs",
            "kind_label": "Voluntary and community sector",
            "url": "http://testserver/organisations/mind/",
            "website": "",
            "public_stories": 0,
            "public_partnerships": 1,
        },
    ]


def test_json_is_open_data(client, story):
    response = client.get("/api/stories/")
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_stories_csv_has_one_row_per_public_story(client, story):
    [row] = csv_rows(client, "/impact/stories.csv")
    assert row == {
        "title": "Leisure centres",
        "slug": "leisure",
        "url": "http://testserver/stories/leisure/",
        "summary": story.summary,
        "published_at": story.published_at.isoformat(),
        "participant": "Andrew Wilesmith",
        "participant_slug": "andrew",
        "job_title": "Operations Manager",
        "organisation": "Ipswich Borough Council",
        "organisation_slug": "ipswich",
        "organisation_kind": "local_authority",
        "cohorts": "Leadership Essentials, March 2020",
        "themes": "Health inequalities",
        "tags": "covid-19",
        "partners": "Suffolk Mind (Host)",
        "outcomes": "1",
        "pull_quote": "We listened.",
    }


def test_outcomes_csv_matches_the_api(client, story):
    make_evidence(story.outcomes.get(), url="https://example.org/minutes")
    make_evidence(story.outcomes.get(), url="https://example.org/letter")
    [row] = csv_rows(client, "/impact/export.csv")
    [data] = results(client, "/api/outcomes/")
    data["evidence"] = [item["url"] for item in data["evidence"]]  # the CSV's one column
    as_cells = {key: "; ".join(v) if isinstance(v, list) else v for key, v in data.items()}
    assert row == {key: "" if value is None else value for key, value in as_cells.items()}
    assert row["evidence"] == "https://example.org/minutes; https://example.org/letter"


def test_organisations_csv_matches_the_api(client, story):
    rows = csv_rows(client, "/impact/organisations.csv")
    data = results(client, "/api/organisations/")
    assert rows == [{key: str(value) for key, value in item.items()} for item in data]


# Visibility: each way a story is not public keeps it, its outcomes and the
# organisations found only on it out of every export.


def hide_as_draft(person):
    return {"status": Story.Status.DRAFT}


def hide_in_review(person):
    return {"status": Story.Status.REVIEW}


def hide_as_archived(person):
    return {"status": Story.Status.ARCHIVED}


def hide_as_scheduled(person):
    return {"published_at": timezone.now() + dt.timedelta(days=1)}


def hide_as_expired(person):
    return {
        "published_at": timezone.now() - dt.timedelta(days=2),
        "expires_at": timezone.now() - dt.timedelta(hours=1),
    }


def consent(name, **fields):
    def hide(person):
        Participant.objects.filter(pk=person.pk).update(**fields)
        return {}

    hide.__name__ = f"hide_as_{name}"
    return hide


HIDERS = [
    hide_as_draft,
    hide_in_review,
    hide_as_archived,
    hide_as_scheduled,
    hide_as_expired,
    consent("consent_withdrawn", consent_withdrawn_at=timezone.now()),
    consent("no_consent_recorded", consent_given=False),
    consent("consent_ended", consent_expires_on=dt.date(2021, 1, 1)),
    consent("not_agreed_to_be_named", consent_name=False),
    consent("print_only", consent_scope=Participant.ConsentScope.PRINT),
    consent("internal_only", consent_scope=Participant.ConsentScope.INTERNAL),
]


@pytest.mark.parametrize("hide", HIDERS, ids=[hide.__name__ for hide in HIDERS])
def test_a_story_that_is_not_public_is_in_no_export(client, story, hide):
    employer = make_organisation(name="Secret employer")
    person = make_participant(name="Secret person", organisation=employer)
    hidden = make_story(title="Secret story", participant=person, **hide(person))
    make_partner(hidden, make_organisation(name="Secret partner"))
    make_outcome(hidden, description="Secret outcome")
    hidden.tags.add("secret-tag")
    for url in EXPORTS:
        page = body(client, url)
        assert "Leisure centres" in page or "Suffolk Mind" in page, url
        assert "Secret" not in page and "secret" not in page, url


def test_nothing_private_is_exported(client, story):
    story.body = "<p>Private draft words</p>"
    story.save()
    [data] = results(client, "/api/stories/")
    assert not {"body", "hero_image", "renditions", "status", "share_links"} & set(data)
    assert "Private draft words" not in body(client, "/impact/stories.csv")


def archive(story):
    story.status = Story.Status.ARCHIVED
    story.save()


def withdraw_consent(story):
    story.participant.consent_withdrawn_at = timezone.now()
    story.participant.save()


@pytest.mark.parametrize("take_down", [archive, withdraw_consent])
@pytest.mark.parametrize("url", EXPORTS)
def test_a_story_taken_down_leaves_the_export_on_the_next_request(client, story, url, take_down):
    body(client, url)  # the JSON is now in the page cache
    before = body(client, url)
    assert "Leisure centres" in before or "Suffolk Mind" in before
    take_down(Story.objects.get(pk=story.pk))
    page = body(client, url)
    assert "Leisure centres" not in page and "Suffolk Mind" not in page
