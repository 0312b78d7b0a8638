"""An uploaded evidence file at /evidence/<pk>/<name>: a download while the evidence is
marked public and its story is public, and the same 404 the moment it is not, whatever
was asked for and however."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from editorial.participant_consent import participant_changes_consent
from stories.models import Evidence, Story
from tests.factories import make_evidence, make_outcome, make_staff, make_story
from tests.stories.evidence_uploads import HTML, PDF, good_files

pytestmark = pytest.mark.django_db


def file_evidence(story=None, name="board-paper.pdf", content=PDF, **fields) -> Evidence:
    outcome = make_outcome(story or make_story())
    upload = SimpleUploadedFile(name, content)
    return make_evidence(outcome, url="", file=upload, **fields)


def address(evidence: Evidence) -> str:
    return evidence.public_address


def test_public_evidence_is_a_download_that_runs_nothing(client):
    evidence = file_evidence()
    response = client.get(address(evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"evidence-{evidence.pk}.pdf" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("name", sorted(good_files()))
def test_every_kind_is_served_with_its_own_type_as_an_attachment(client, name):
    evidence = file_evidence(name=name, content=good_files()[name])
    response = client.get(address(evidence))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert not response["Content-Type"].startswith("text/html")


def test_head_answers_without_the_file_and_post_is_refused(client):
    evidence = file_evidence()
    head = client.head(address(evidence))
    assert head.status_code == 200 and head["Content-Disposition"].startswith("attachment;")
    assert client.post(address(evidence)).status_code == 405
    assert client.put(address(evidence)).status_code == 405


def test_a_browser_holding_it_gets_a_304_while_it_stays_public(client):
    evidence = file_evidence()
    tag = client.get(address(evidence))["ETag"]
    assert client.get(address(evidence), HTTP_IF_NONE_MATCH=tag).status_code == 304
    Evidence.objects.filter(pk=evidence.pk).update(public=False)
    assert client.get(address(evidence), HTTP_IF_NONE_MATCH=tag).status_code == 404


NOT_PUBLIC_STORY = {
    "draft": {"status": Story.Status.DRAFT, "published_at": None},
    "in review": {"status": Story.Status.REVIEW, "published_at": None},
    "scheduled": {"published_at": timezone.now() + dt.timedelta(days=3)},
    "expired": {"expires_at": timezone.now() - dt.timedelta(seconds=1)},
}


@pytest.mark.parametrize("state", NOT_PUBLIC_STORY)
def test_evidence_of_a_story_the_public_may_not_see_is_a_404(client, state):
    evidence = file_evidence(make_story(**NOT_PUBLIC_STORY[state]))
    assert client.get(address(evidence)).status_code == 404


def test_evidence_not_marked_public_is_a_404(client):
    assert client.get(address(file_evidence(public=False))).status_code == 404


@pytest.mark.parametrize(
    "participant",
    [
        {"consent_withdrawn_at": timezone.now()},
        {"consent_expires_on": timezone.localdate() - dt.timedelta(days=1)},
        {"consent_given": False},
    ],
    ids=["withdrawn", "expired", "never-given"],
)
def test_evidence_of_a_participant_without_consent_is_a_404(client, participant):
    evidence = file_evidence()
    Story.objects.get(outcomes__evidence=evidence).participant.__class__.objects.filter(
        stories__outcomes__evidence=evidence
    ).update(**participant)
    assert client.get(address(evidence)).status_code == 404


def test_the_moment_consent_is_withdrawn_the_file_is_gone(client):
    evidence = file_evidence()
    url = address(evidence)
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # asked again: nothing kept it
    participant = evidence.outcome.story.participant
    participant_changes_consent(participant=participant, withdraw=True)
    assert client.get(url).status_code == 404


def test_a_link_only_evidence_item_has_no_file_address(client):
    evidence = make_evidence(make_outcome(make_story()), url="https://example.org/paper")
    assert address(evidence) == "https://example.org/paper"
    assert client.get(f"/evidence/{evidence.pk}/paper").status_code == 404
    assert client.get(f"/evidence/{evidence.pk}/").status_code == 404


def test_tampered_addresses_are_the_same_404(client):
    evidence = file_evidence()
    other = file_evidence(public=False)
    stored = address(evidence).rsplit("/", 1)[1]
    tampered = [
        f"/evidence/{evidence.pk}/{stored.upper()}",
        f"/evidence/{evidence.pk}/{stored}x",
        f"/evidence/{evidence.pk}/board-paper.pdf",  # the uploader's own name
        f"/evidence/{evidence.pk + 1000}/{stored}",
        f"/evidence/{other.pk}/{stored}",  # another item's number, this one's name
        f"/evidence/{other.pk}/{address(other).rsplit('/', 1)[1]}",
        f"/evidence/{evidence.pk}/..%2F..%2Fsettings.py",
        f"/evidence/{evidence.pk}/../{stored}",
        f"/evidence/{evidence.pk}/%2e%2e",
        f"/evidence/0/{stored}",
        f"/evidence/-1/{stored}",
        f"/evidence/99999999999999999999999/{stored}",
        f"/evidence/{evidence.pk}/{stored}%00.html",
        f"/evidence/{evidence.pk}/{stored}?download=../../etc/passwd",
        evidence.file.url,  # the original upload's address: staff only
    ]
    for url in tampered:
        response = client.get(url)
        expected = 200 if "?download=" in url else 404
        assert response.status_code == expected, url


def test_a_file_gone_from_storage_is_a_404_not_a_500(client):
    evidence = file_evidence()
    evidence.file.storage.delete(evidence.file.name)
    assert client.get(address(evidence)).status_code == 404


def test_a_stored_file_of_another_kind_is_never_served(client):
    # Written behind the checks' back (a shell, a bad restore): a name no upload gets.
    evidence = file_evidence()
    name = evidence.file.storage.save("evidence/page.html", SimpleUploadedFile("p", HTML))
    Evidence.objects.filter(pk=evidence.pk).update(file=name)
    assert client.get(f"/evidence/{evidence.pk}/page.html").status_code == 404


def test_the_download_is_one_query(client, django_assert_num_queries):
    evidence = file_evidence()
    url = address(evidence)
    client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


# Staff open an uploaded file from the admin ("Currently:"), public or not.


def test_staff_who_read_outcomes_open_evidence_that_is_not_public(client):
    draft = make_story(status=Story.Status.DRAFT, published_at=None)
    evidence = file_evidence(draft, public=False)
    url = evidence.file.url
    assert url == f"{settings.MEDIA_URL}{evidence.file.name}"
    assert client.get(url).status_code == 404  # the public: never
    client.force_login(make_staff("casey", "Contributors"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_staff_without_the_right_to_read_outcomes_do_not(client):
    evidence = file_evidence(public=False)
    client.force_login(make_staff("no-rights"))
    assert client.get(evidence.file.url).status_code == 404
