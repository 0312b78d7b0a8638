import pytest
from django.utils import timezone

from tests.factories import (
    make_cohort,
    make_organisation,
    make_participant,
    make_partner,
    make_story,
    picture_of,
)

pytestmark = pytest.mark.django_db


def test_participant_page_shows_the_person_and_their_public_stories(client):
    council = make_organisation(name="Ipswich Borough Council")
    person = make_participant(
        name="Siân Pritchard",
        job_title="Community Development Manager",
        organisation=council,
        bio="Fifteen years in the valleys.",
    )
    person.cohorts.add(make_cohort(name="October 2019"))
    make_story(title="Keeping the valleys fed", participant=person)
    make_story(title="A draft about her", participant=person, status="draft", published_at=None)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "<h1>Siân Pritchard</h1>" in page
    assert "Community Development Manager" in page and "Ipswich Borough Council</a>" in page
    assert "October 2019 cohort" in page and "Fifteen years in the valleys." in page
    assert "Keeping the valleys fed" in page
    assert "A draft about her" not in page


@pytest.mark.parametrize(
    "participant_fields,story_fields",
    [
        ({}, {"status": "draft", "published_at": None}),
        ({"consent_withdrawn_at": timezone.now()}, {}),
        ({"consent_given": False}, {}),
    ],
    ids=["no-public-story", "consent-withdrawn", "consent-never-given"],
)
def test_participant_page_is_a_404_without_consent_and_a_public_story(
    client, participant_fields, story_fields
):
    person = make_participant(**participant_fields)
    make_story(participant=person, **story_fields)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert person.name not in client.get("/participants/").content.decode()


def test_people_index_lists_public_participants_with_story_counts(client):
    person = make_participant(name="Kwame Mensah")
    make_story(participant=person)
    make_story(participant=person)
    make_participant(name="No Stories Yet")
    page = client.get("/participants/").content.decode()
    assert "Kwame Mensah</a>" in page and '<p class="count">2 stories</p>' in page
    assert "No Stories Yet" not in page


def test_organisation_page_shows_its_people_and_partnerships(client):
    mind = make_organisation(name="Suffolk Mind", kind="vcs")
    employee = make_participant(name="Kerry Walsh", organisation=mind)
    make_story(title="Kerry's own story", participant=employee)
    partnered = make_story(title="A story it supported")
    make_partner(partnered, mind, role="Delivery partner for mental health")
    page = client.get(mind.get_absolute_url()).content.decode()
    assert "<h1>Suffolk Mind</h1>" in page and "Voluntary and community sector" in page
    assert "Kerry Walsh</a>" in page
    assert "Kerry&#x27;s own story" in page
    assert (
        "A story it supported" in page
        and "Partner role: Delivery partner for mental health" in page
    )


def test_organisation_on_no_public_story_is_a_404_and_not_indexed(client):
    secret = make_organisation(name="Unannounced Partner")
    make_partner(make_story(status="draft", published_at=None), secret)
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert "Unannounced Partner" not in client.get("/organisations/").content.decode()


def test_organisations_index_counts_people_stories_and_partnerships(client):
    council = make_organisation(name="Barnsley Council", kind="local_authority")
    make_story(participant=make_participant(organisation=council))
    make_partner(make_story(), council)
    make_partner(make_story(), council)
    page = client.get("/organisations/").content.decode()
    assert "Barnsley Council</a>" in page
    assert '<p class="card-meta">Local authority</p>' in page
    assert '<p class="count">1 story by its people · partner in 2 stories</p>' in page


def test_people_index_shows_a_photo_only_with_consent_and_else_a_plain_shape(client):
    agreed = make_participant(name="Agreed To Photo", consent_photo=True)
    declined = make_participant(name="Declined Photo", consent_photo=False)
    for person in (agreed, declined):
        make_story(participant=person)
    shown = picture_of(agreed, "photo", "profile", "agreed")
    kept = picture_of(declined, "photo", "profile", "declined")
    page = client.get("/participants/").content.decode()
    assert shown in page
    assert kept not in page
    # No initials: the shape is drawn by the stylesheet in an empty box.
    assert '<div class="placeholder person-placeholder"></div>' in page


def test_organisations_index_shows_each_logo_or_a_plain_shape(client):
    with_logo = make_organisation(name="Has A Logo")
    without = make_organisation(name="Has No Logo")
    for organisation in (with_logo, without):
        make_story(participant=make_participant(organisation=organisation))
    logo = picture_of(with_logo, "logo", "logo", "logo")
    page = client.get("/organisations/").content.decode()
    assert logo in page
    assert '<div class="placeholder organisation-placeholder"></div>' in page
