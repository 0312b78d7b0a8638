"""`manage.py send_reminders`: a story waiting a week for approval, and consent about to end.

Run twice, as cron might (or a person by hand after cron): the second run sends nothing.
"""

import datetime as dt
import io
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone

from editorial.invitations import resolve_token
from editorial.reminders import send_reminders
from notifications.models import Notification
from notifications.preferences import turn_off
from stories.models import ApprovalRequest, SignOff, Story
from tests.factories import make_participant, make_staff, make_story


@pytest.fixture
def editors(editor):
    editor.email = "erin@example.org"
    editor.save()
    second = make_staff("olu-editor", "Editors")
    second.email = "olu@example.org"
    second.save()
    return [editor, second]


@pytest.fixture
def amara(db):
    return make_participant(name="Amara Okafor", email="amara@example.org")


def ask(story, *, days_ago, by=None, version=None) -> ApprovalRequest:
    request = ApprovalRequest.objects.create(
        story=story, asked_by=by, edit_version=story.edit_version if version is None else version
    )
    asked_at = timezone.now() - dt.timedelta(days=days_ago)
    ApprovalRequest.objects.filter(pk=request.pk).update(asked_at=asked_at)
    request.refresh_from_db()
    return request


def waiting_story(participant, **fields) -> Story:
    defaults = {
        "title": "A ward that listened",
        "status": Story.Status.REVIEW,
        "edit_version": 3,
        "published_at": None,
    }
    return make_story(participant=participant, **defaults | fields)


def run() -> str:
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def mail_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def link_in(message) -> str:
    return next(word for word in message.body.split() if "/my/enter/" in word)


def lands_on(link) -> str:
    match = resolve(urlparse(link).path)
    return resolve_token(match.kwargs["token"]).lands_on


# Approval reminders


def test_a_story_waiting_a_week_is_remembered_once(amara, editor):
    editor.first_name, editor.last_name = "Erin", "Edwards"
    editor.save()
    story = waiting_story(amara)
    request = ask(story, days_ago=8, by=editor)

    first = run()
    assert len(mail.outbox) == 1
    assert "Reminded Amara Okafor (amara@example.org)" in first
    assert "A ward that listened" in first
    second = run()
    assert len(mail.outbox) == 1
    assert "nothing was sent" in second

    request.refresh_from_db()
    assert request.reminded_at is not None
    (message,) = mail.outbox
    assert message.to == ["amara@example.org"]
    assert "A ward that listened" in message.subject
    assert "Erin Edwards asked you" in message.body
    assert lands_on(link_in(message)) == f"/my/stories/{story.pk}/"
    html = message.alternatives[0][0]
    assert link_in(message).replace("&", "&amp;") in html


@pytest.mark.parametrize("days_ago", [0, 6])
def test_no_reminder_before_a_week(amara, days_ago):
    ask(waiting_story(amara), days_ago=days_ago)
    run()
    assert mail.outbox == []


def test_no_reminder_once_answered(amara):
    request = ask(waiting_story(amara), days_ago=9)
    ApprovalRequest.objects.filter(pk=request.pk).update(answered_at=timezone.now())
    run()
    assert mail.outbox == []


def test_no_reminder_once_signed_off_through_a_share_link(amara):
    story = waiting_story(amara)
    ask(story, days_ago=9)
    SignOff.objects.create(story=story, decision="approved", edit_version=story.edit_version)
    run()
    assert mail.outbox == []


def test_no_reminder_for_an_edit_made_since_the_request(amara):
    # The story changed after the participant was asked: a new request will ask again.
    ask(waiting_story(amara, edit_version=4), days_ago=9, version=3)
    run()
    assert mail.outbox == []


def test_only_the_latest_request_for_a_story_is_remembered(amara):
    story = waiting_story(amara)
    ask(story, days_ago=12)
    ask(story, days_ago=8)
    run()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", [Story.Status.PUBLISHED, Story.Status.ARCHIVED])
def test_no_reminder_for_a_story_no_longer_waiting(amara, status):
    story = waiting_story(amara, status=status, published_at=timezone.now())
    ask(story, days_ago=9)
    run()
    assert mail.outbox == []


def test_no_reminder_without_an_address_or_with_consent_withdrawn(db):
    silent = make_participant(email="")
    withdrawn = make_participant(email="gone@example.org", consent_withdrawn_at=timezone.now())
    ask(waiting_story(silent), days_ago=9)
    ask(waiting_story(withdrawn), days_ago=9)
    run()
    assert mail.outbox == []


def test_a_participant_who_turned_reminders_off_gets_none(amara):
    request = ask(waiting_story(amara), days_ago=9)
    turn_off("approval_reminder", participant=amara)
    run()
    run()
    assert mail.outbox == []
    request.refresh_from_db()
    assert request.reminded_at is not None


def test_the_day_counts_from_the_time_given(amara):
    ask(waiting_story(amara), days_ago=3)
    assert not send_reminders().sent_anything
    summary = send_reminders(now=timezone.now() + dt.timedelta(days=5))
    assert len(summary.approval_reminders) == 1


# Consent ending


def test_consent_ending_within_30_days_is_told_once_to_editors_and_participant(editors, amara):
    ends = timezone.localdate() + dt.timedelta(days=20)
    amara.consent_expires_on = ends
    amara.save()

    first = run()
    assert len(mail.outbox) == 3
    assert "Told 2 editors and Amara Okafor (amara@example.org)" in first
    assert f"{ends:%-d %B %Y}" in first
    run()
    assert len(mail.outbox) == 3

    (theirs,) = mail_to("amara@example.org")
    assert f"{ends:%-d %B %Y}" in theirs.subject
    assert "in 20 days" in theirs.body
    assert "extend your consent" in theirs.body
    assert lands_on(link_in(theirs)) == "/my/consent/"
    (erins,) = mail_to("erin@example.org")
    assert "Amara Okafor" in erins.subject
    assert f"/admin/participants/participant/{amara.pk}/change/" in erins.body
    assert "we have emailed them a link" in erins.body


@pytest.mark.parametrize("days", [0, 1, 30])
def test_consent_ending_at_the_edges_of_the_window_is_told(editors, days):
    make_participant(
        email="p@example.org", consent_expires_on=timezone.localdate() + dt.timedelta(days)
    )
    run()
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("days", [-1, 31, 400])
def test_consent_ending_outside_the_window_is_not_told(editors, days):
    make_participant(
        email="p@example.org", consent_expires_on=timezone.localdate() + dt.timedelta(days)
    )
    run()
    assert mail.outbox == []


def test_consent_withdrawn_or_never_given_is_not_told(editors):
    soon = timezone.localdate() + dt.timedelta(days=10)
    make_participant(
        email="a@example.org", consent_expires_on=soon, consent_withdrawn_at=timezone.now()
    )
    make_participant(email="b@example.org", consent_expires_on=soon, consent_given=False)
    make_participant(email="c@example.org", consent_expires_on=None)
    run()
    assert mail.outbox == []


def test_a_participant_without_an_address_still_reaches_the_editors(editors):
    make_participant(
        name="Bea", email="", consent_expires_on=timezone.localdate() + dt.timedelta(5)
    )
    output = run()
    assert len(mail.outbox) == 2
    assert "Told 2 editors that Bea's consent ends" in output
    assert "no email address on their record" in mail.outbox[0].body
    run()
    assert len(mail.outbox) == 2


def test_an_editor_who_turned_it_off_is_not_told(editors, amara):
    turn_off("consent_ending", user=editors[1])
    amara.consent_expires_on = timezone.localdate() + dt.timedelta(days=5)
    amara.save()
    run()
    assert [m.to for m in mail.outbox if m.to != ["amara@example.org"]] == [["erin@example.org"]]


def test_a_new_end_date_is_told_again(editors, amara):
    amara.consent_expires_on = timezone.localdate() + dt.timedelta(days=10)
    amara.save()
    run()
    amara.consent_expires_on = timezone.localdate() + dt.timedelta(days=25)
    amara.save()
    run()
    run()
    assert len(mail_to("amara@example.org")) == 2


def test_both_kinds_in_one_run_and_none_in_the_next(editors, amara):
    ask(waiting_story(amara), days_ago=10)
    amara.consent_expires_on = timezone.localdate() + dt.timedelta(days=3)
    amara.save()
    output = run()
    assert "Sent 1 approval reminder and 1 consent ending notice." in output
    assert len(mail.outbox) == 4
    assert "No reminders were due: nothing was sent." in run()
    assert len(mail.outbox) == 4


# Emails left unsent


def test_each_run_sends_again_an_email_left_unsent(db):
    stranded = Notification.objects.create(
        event="story_submitted", to_address="erin@example.org", subject="Stranded", body_text="b"
    )
    Notification.objects.filter(pk=stranded.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=20)
    )
    output = run()
    assert "Queued again 1 email left unsent" in output
    assert [message.subject for message in mail.outbox] == ["Stranded"]
    assert "Queued again" not in run()
    assert len(mail.outbox) == 1
