"""A participant whose story a panel chose is told once, when the round is decided: the
theme, the panel's reason and the link to their public story; never for a round not
yet decided, a story the public cannot see, or a choice undone before the day."""

import datetime as dt
import email
import io
from email import policy
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from editorial.reminders import send_reminders
from editorial.selection import save_round, tell_chosen
from notifications.models import Notification
from notifications.preferences import turn_off
from participants.models import Participant
from stories.models import Consideration, Story
from tests.notifications.smtp_server import Controller, Inbox, free_port
from tests.selection_world import REASON, choose, decide, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def on(day: dt.date):
    """Run as if it were 9 in the morning of `day`."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_the_participant_is_told_once_with_the_theme_the_reason_and_their_story(world, settings):
    reason = "Siân's ward changed how the council listens: <b>not</b> a one-off."
    selection_round = choose(world.programme, (world.ward, world.housing), reason=reason)

    [message] = mail.outbox
    assert message.to == ["sian@example.org"]
    assert message.subject == "Your story was chosen by the panel: A ward that listened"
    assert "Hello Siân Llewelyn-ap-Rhys," in message.body
    assert "most significant change in Housing (Spring panel)" in message.body
    assert f'"{reason}"' in message.body  # the text email keeps the words as written
    assert f"{settings.SITE_URL}/stories/ward/" in message.body
    assert f'href="{settings.SITE_URL}/stories/ward/"' in message.alternatives[0][0]
    html = message.alternatives[0][0]
    assert "&lt;b&gt;not&lt;/b&gt;" in html and "<b>not</b>" not in html
    assert "<strong>Housing</strong>" in html
    assert "Stop these emails" in html  # optional: the participant may turn it off
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert selection_round.considerations.get().told_at is not None

    # Saved again, and the daily run, and a second run: nothing more.
    save_round(selection_round=selection_round, by=None)
    send_reminders()
    tell_chosen()
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(event="story_chosen").count() == 1


def test_an_undecided_round_tells_nobody_until_it_is_decided(world):
    selection_round = choose(world.programme, (world.ward, world.housing), decided_on=None)
    send_reminders()
    assert mail.outbox == []
    assert selection_round.considerations.get().told_at is None

    decide(selection_round, timezone.localdate())
    assert [m.to for m in mail.outbox] == [["sian@example.org"]]


def test_a_round_decided_for_a_later_day_is_told_by_the_daily_run_on_that_day(world):
    day = timezone.localdate() + dt.timedelta(days=3)
    choose(
        world.programme, (world.ward, world.housing), (world.clinic, world.health), decided_on=day
    )
    assert send_reminders().chosen_told == []
    with on(day - dt.timedelta(days=1)):
        assert send_reminders().chosen_told == []
    assert mail.outbox == []

    out = io.StringIO()
    with on(day):
        call_command("send_reminders", stdout=out)
    assert sorted(m.to[0] for m in mail.outbox) == ["layla@example.org", "sian@example.org"]
    assert "Told ليلى حداد (layla@example.org) that “Y clinig ar y gornel” was chosen" in (
        out.getvalue()
    )
    assert "told 2 participants of a panel's choice." in out.getvalue()

    with on(day + dt.timedelta(days=1)):
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_a_choice_undone_before_the_day_sends_nothing(world):
    day = timezone.localdate() + dt.timedelta(days=2)
    selection_round = choose(world.programme, (world.ward, world.housing), decided_on=day)
    choice = selection_round.considerations.get()
    choice.chosen = False
    choice.reason = ""
    save_round(selection_round=selection_round, considerations=[choice], by=None)

    with on(day):
        send_reminders()
    assert mail.outbox == []


def test_a_choice_moved_to_another_story_tells_its_participant(world):
    selection_round = choose(world.programme, (world.ward, world.housing))
    assert [m.to for m in mail.outbox] == [["sian@example.org"]]
    choice = selection_round.considerations.get()
    choice.story = world.clinic
    save_round(selection_round=selection_round, considerations=[choice], by=None)

    assert [m.to for m in mail.outbox] == [["sian@example.org"], ["layla@example.org"]]


@pytest.mark.parametrize("hidden", ["draft", "scheduled", "consent_withdrawn", "no_consent"])
def test_no_email_for_a_story_the_public_cannot_see(world, hidden):
    story = world.ward
    if hidden == "draft":
        Story.objects.filter(pk=story.pk).update(status=Story.Status.DRAFT)
    elif hidden == "scheduled":
        later = timezone.now() + dt.timedelta(days=30)
        Story.objects.filter(pk=story.pk).update(published_at=later)
    elif hidden == "consent_withdrawn":
        Participant.objects.filter(pk=world.sian.pk).update(consent_withdrawn_at=timezone.now())
    else:
        Participant.objects.filter(pk=world.sian.pk).update(consent_given=False)

    choose(world.programme, (story, world.housing))
    send_reminders()
    assert mail.outbox == []
    assert Consideration.objects.get().told_at is None


def test_a_participant_who_turned_these_emails_off_is_not_told(world):
    turn_off("story_chosen", participant=world.sian)
    choose(world.programme, (world.ward, world.housing), (world.clinic, world.health))
    assert [m.to for m in mail.outbox] == [["layla@example.org"]]


def test_a_participant_without_an_address_is_not_told(world):
    Participant.objects.filter(pk=world.sian.pk).update(email="")
    choose(world.programme, (world.ward, world.housing))
    assert mail.outbox == []


def test_the_email_arrives_through_a_real_smtp_server(world, settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        choose(world.programme, (world.clinic, world.health), reason=REASON)
    finally:
        controller.stop()

    [envelope] = inbox.received
    assert envelope.rcpt_tos == ["layla@example.org"]
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["Subject"] == "Your story was chosen by the panel: Y clinig ar y gornel"
    assert message["List-Unsubscribe"].strip().startswith("<")
    assert "/notifications/unsubscribe/" in message["List-Unsubscribe"]
    text = message.get_body(("plain",)).get_content()
    assert "Hello ليلى حداد," in text
    assert REASON in text
    assert "/stories/clinic/" in text
    assert Notification.objects.get().status == Notification.Status.SENT
