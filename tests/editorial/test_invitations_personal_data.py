"""A participant's email, links and the emails written to them: in their export, gone on erasure."""

import io
import json
import zipfile

import pytest

from editorial.erasure import erase_participant, plan_erasure
from editorial.invitations import invite
from editorial.subject_access import export_participant
from notifications.models import Notification
from participants.models import Invitation
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db

EMAIL = "quill.private@example.org"


@pytest.fixture
def quill(editor):
    person = make_participant(name="Quill Marsh", email=EMAIL)
    make_story(participant=person)
    invite(participant=person, by=editor)
    Notification.objects.create(
        event="published",
        to_address=EMAIL,
        to_participant=person,
        subject="Your story is published",
        body_text="Your story is on the site.",
        body_html="<p>Your story is on the site.</p>",
    )
    return person


def exported(person) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(export_participant(person))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_has_their_email_their_links_and_the_emails_written_to_them(quill, editor):
    files = exported(quill)
    assert json.loads(files["person.json"])["email"] == EMAIL
    [link] = json.loads(files["invitations.json"])
    assert link["sent_to"] == EMAIL and link["created_by"] == editor.username
    assert {"created_at", "expires_at", "used_at", "revoked_at"} <= set(link)
    # The invitation's own email is there too once the queue keeps every email.
    emails = json.loads(files["emails.json"])
    assert len(emails) == Notification.objects.filter(to_participant=quill).count()
    [published] = [email for email in emails if email["event"] == "published"]
    assert published["subject"] == "Your story is published"
    assert published["body_text"] == "Your story is on the site."
    assert published["body_html"] == "<p>Your story is on the site.</p>"
    assert published["status"] == "Queued"
    readme = files["README.txt"].decode()
    assert "invitations.json: 1 links" in readme
    assert f"emails.json: {len(emails)} emails" in readme


def test_the_export_never_holds_a_links_secret(quill):
    key_hash = Invitation.objects.get(participant=quill).key_hash
    assert not any(key_hash.encode() in content for content in exported(quill).values())


def test_erasure_counts_and_removes_their_links_and_emails(quill, editor):
    counts = plan_erasure(quill).counts
    assert counts["invitations to their page"] == 1
    written = Notification.objects.filter(to_participant=quill).count()
    assert written >= 1
    assert counts["emails written to them"] == written
    report = erase_participant(participant=quill, by=editor)
    assert report.removed["invitations to their page"] == 1
    assert not Invitation.objects.exists()
    assert not Notification.objects.filter(to_participant_id=quill.pk).exists()
    assert not Notification.objects.filter(to_address=EMAIL).exists()
