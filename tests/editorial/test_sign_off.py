"""The participant answers a draft through a share link; editors see the answer."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import Client
from django.utils import timezone

from editorial import services
from editorial.sharing import (
    create_share_link,
    latest_sign_off,
    record_sign_off,
    revoke_share_link,
    share_url,
    sign_off_warning,
)
from stories.models import SignOff, Story
from tests.admin_posts import ADD_URL, change_url, story_form
from tests.factories import make_participant, make_staff, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(editor):
    """An editor in a browser of their own: the participant answers in another (`client`)."""
    browser = Client()
    browser.force_login(editor)
    return browser


@pytest.fixture
def draft():
    return make_story(
        title="Leisure centres and community health",
        status="draft",
        published_at=None,
        participant=make_participant(name="Andrew Wilesmith"),
    )


@pytest.fixture
def link(draft, editor):
    return create_share_link(story=draft, by=editor, label="Andrew")


def answer(client, link, **data):
    story = Story.objects.get(pk=link.story_id)
    return client.post(share_url(link), {"version": story.edit_version, "comment": ""} | data)


def edit(story):
    """What saving the story in the admin does to its version."""
    Story.objects.filter(pk=story.pk).update(edit_version=F("edit_version") + 1)
    story.refresh_from_db()


def answered_on(sign_off, when):
    SignOff.objects.filter(pk=sign_off.pk).update(at=when)


# Answering through the share link


def test_participant_approves_and_is_thanked(client, link, draft):
    response = answer(client, link, decision="approved")
    assert response.status_code == 302
    assert response["Location"] == share_url(link)
    assert response["Referrer-Policy"] == "same-origin"

    page = client.get(response["Location"]).content.decode()
    assert "Thank you. Your answer has been sent to the editors." in page
    assert "<strong>you approved this story</strong>" in page

    sign_off = SignOff.objects.get()
    assert sign_off.decision == SignOff.Decision.APPROVED
    assert sign_off.story == draft
    assert sign_off.share_link == link
    assert sign_off.edit_version == draft.edit_version


def test_the_thank_you_shows_once(client, link):
    answer(client, link, decision="approved")
    client.get(share_url(link))
    assert "Thank you." not in client.get(share_url(link)).content.decode()


def test_participant_asks_for_changes_with_a_comment(client, link):
    response = answer(client, link, decision="changes", comment="Please use my job title.")
    page = client.get(response["Location"]).content.decode()
    assert "<strong>you asked for changes</strong>" in page
    assert "Please use my job title." in page
    assert SignOff.objects.get().comment == "Please use my job title."


def test_asking_for_changes_without_saying_which_is_refused(client, link):
    response = answer(client, link, decision="changes", comment="   ")
    assert response.status_code == 200
    assert "Say what you would like changed." in response.content.decode()
    assert not SignOff.objects.exists()


def test_an_answer_must_be_chosen(client, link):
    response = answer(client, link, comment="Looks fine")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "Looks fine" in response.content.decode()  # what was typed is kept
    assert not SignOff.objects.exists()


def test_an_unknown_answer_is_refused(client, link):
    response = answer(client, link, decision="publish-it-now")
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not SignOff.objects.exists()


def test_a_comment_over_5000_characters_is_refused(client, link):
    response = answer(client, link, decision="changes", comment="x" * 5001)
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    assert not SignOff.objects.exists()


def test_an_answer_to_a_version_that_has_since_changed_is_refused(client, link, draft):
    stale = draft.edit_version
    edit(draft)
    response = client.post(share_url(link), {"decision": "approved", "version": stale})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The story changed while you were reading it." in page
    assert f'name="version" value="{draft.edit_version}"' in page  # a second try can succeed
    assert not SignOff.objects.exists()


def test_comments_are_shown_as_text_not_html(client, link, editor_client, draft):
    answer(client, link, decision="changes", comment="<script>alert(1)</script>")
    assert "<script>alert(1)" not in client.get(share_url(link)).content.decode()
    page = editor_client.get(change_url(draft)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_no_answer_can_be_sent_through_a_revoked_link(client, link, editor):
    revoke_share_link(link=link, by=editor)
    assert answer(client, link, decision="approved").status_code == 404
    assert not SignOff.objects.exists()


def test_the_page_says_when_the_story_changed_after_the_answer(client, link, draft):
    answer(client, link, decision="approved")
    edit(draft)
    page = client.get(share_url(link)).content.decode()
    assert "The story has changed since then." in page


def test_the_service_refuses_an_answer_through_an_expired_link(link):
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    with pytest.raises(ValidationError):
        record_sign_off(link=link, decision="approved", comment="")
    assert not SignOff.objects.exists()


def test_the_service_refuses_changes_without_a_comment(link):
    with pytest.raises(ValidationError, match="Say what you would like changed"):
        record_sign_off(link=link, decision="changes", comment="")


# What editors see


def test_change_page_shows_no_answer_yet(editor_client, draft):
    assert "No answer yet." in editor_client.get(change_url(draft)).content.decode()


def test_change_page_shows_an_approval_of_this_version(client, editor_client, link, draft):
    answer(client, link, decision="approved")
    answered_on(SignOff.objects.get(), timezone.make_aware(dt.datetime(2026, 11, 3, 14, 5)))
    page = editor_client.get(change_url(draft)).content.decode()
    assert (
        "<strong>Approved</strong> on 3 Nov 2026, 14:05, about this version of the story." in page
    )


def test_change_page_shows_a_request_for_changes_with_its_comment(
    client, editor_client, link, draft
):
    answer(client, link, decision="changes", comment="Spell Wilesmith right.\nThanks")
    page = editor_client.get(change_url(draft)).content.decode()
    assert "<strong>Asked for changes</strong>" in page
    assert "<blockquote>Spell Wilesmith right.<br>Thanks</blockquote>" in page


def test_change_page_says_an_approval_was_of_an_earlier_version(client, editor_client, link, draft):
    answer(client, link, decision="approved")
    edit(draft)
    page = editor_client.get(change_url(draft)).content.decode()
    assert "about an earlier version: the story has changed since." in page


def test_change_page_shows_the_newest_answer(editor_client, link, draft):
    first = record_sign_off(link=link, decision="changes", comment="Change the quote.")
    answered_on(first, timezone.now() - dt.timedelta(days=1))
    second = record_sign_off(link=link, decision="approved", comment="")
    assert latest_sign_off(draft) == second
    page = editor_client.get(change_url(draft)).content.decode()
    assert "<strong>Approved</strong>" in page
    assert "Change the quote." not in page


# The warning an editor gets when publishing


def test_warning_when_the_participant_has_not_answered(draft):
    assert sign_off_warning(draft) == "Andrew Wilesmith has not approved this story yet."


def test_warning_quotes_a_request_for_changes_with_its_date(link, draft):
    sign_off = record_sign_off(link=link, decision="changes", comment="Use my new job title.")
    answered_on(sign_off, timezone.make_aware(dt.datetime(2026, 11, 3, 10, 0)))
    assert sign_off_warning(draft) == (
        "Andrew Wilesmith asked for changes on 3 Nov 2026: “Use my new job title.”"
    )


def test_warning_shortens_a_long_comment(link, draft):
    record_sign_off(link=link, decision="changes", comment="word " * 1000)
    warning = sign_off_warning(draft)
    assert len(warning) < 400
    assert warning.endswith("…”")


def test_no_warning_when_the_current_version_was_approved(link, draft):
    record_sign_off(link=link, decision="approved", comment="")
    assert sign_off_warning(draft) is None


def test_warning_when_an_earlier_version_was_approved(link, draft):
    record_sign_off(link=link, decision="approved", comment="")
    edit(draft)
    assert sign_off_warning(draft) == (
        "Andrew Wilesmith approved an earlier version (the story changed since)."
    )


def test_a_later_request_for_changes_overrides_an_approval(link, draft):
    approval = record_sign_off(link=link, decision="approved", comment="")
    answered_on(approval, timezone.now() - dt.timedelta(days=1))
    record_sign_off(link=link, decision="changes", comment="On second thoughts, no.")
    assert "asked for changes" in sign_off_warning(draft)


def test_no_warning_for_a_story_without_a_participant():
    story = make_story(status="draft", published_at=None, participant=None)
    assert sign_off_warning(story) is None


# Publishing in the admin: allowed without approval, with a warning


def publish_from_the_form(client, story):
    form = story_form(
        title=story.title,
        slug=story.slug,
        participant=story.participant.pk,
        status="published",
        opened_version=story.edit_version,
    )
    return client.post(change_url(story), form, follow=True)


def test_publishing_an_unapproved_story_warns_but_publishes(editor_client, draft):
    page = publish_from_the_form(editor_client, draft).content.decode()
    assert "Andrew Wilesmith has not approved this story yet." in page
    assert Story.objects.public().filter(pk=draft.pk).exists()


def test_publishing_an_approved_story_gives_no_warning(editor_client, link, draft):
    record_sign_off(link=link, decision="approved")
    page = publish_from_the_form(editor_client, draft).content.decode()
    assert "has not approved" not in page and "earlier version" not in page
    assert Story.objects.public().filter(pk=draft.pk).exists()


def test_bulk_publishing_warns_for_each_unapproved_story(editor_client, link, draft):
    record_sign_off(link=link, decision="changes", comment="Please use my new job title.")
    approved = make_story(status="review", published_at=None)
    approved_link = create_share_link(story=approved, by=None)
    record_sign_off(link=approved_link, decision="approved")
    response = editor_client.post(
        "/admin/stories/story/",
        {"action": "publish", "_selected_action": [draft.pk, approved.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Published 2 stories." in page
    assert "Andrew Wilesmith asked for changes on" in page
    assert "Please use my new job title." in page
    assert f"{approved.participant.name} has not approved" not in page


def test_line_breaks_count_once_as_the_browser_counted_them(client, link):
    # 4,800 characters in the text box; 5,600 on the wire, as browsers send CRLF.
    comment = "line1\r\n" * 800
    response = answer(client, link, decision="changes", comment=comment)
    assert response.status_code == 302
    assert latest_sign_off(link.story).comment == ("line1\n" * 800).strip()


def test_a_story_published_as_it_is_added_warns_that_no_one_has_approved_it(editor_client):
    person = make_participant(name="Priya Raman")
    response = editor_client.post(
        ADD_URL, story_form(status="published", participant=person.pk), follow=True
    )
    assert "Priya Raman has not approved this story yet." in response.content.decode()
    assert Story.objects.public().count() == 1


# The answer belongs to the participant


def test_signed_in_staff_can_read_the_page_but_not_approve_for_the_participant(editor_client, link):
    assert editor_client.get(share_url(link)).status_code == 200
    response = answer(editor_client, link, decision="approved")
    assert response.status_code == 200
    assert "only the participant can answer" in response.content.decode()
    assert not SignOff.objects.exists()


def test_the_service_refuses_an_answer_given_by_staff(link, editor):
    with pytest.raises(ValidationError, match="only the participant can answer"):
        record_sign_off(link=link, decision="approved", by=editor)


def test_an_approval_records_where_the_link_was_sent_and_a_hash_of_the_device(
    client, draft, editor
):
    sent = create_share_link(story=draft, by=editor, label="Andrew", sent_to="andrew@example.org")
    client.post(
        share_url(sent),
        {"version": draft.edit_version, "comment": "", "decision": "approved"},
        REMOTE_ADDR="203.0.113.9",
    )
    answer_row = SignOff.objects.latest("at")
    assert answer_row.sent_to == "andrew@example.org"
    assert answer_row.link_label == "Andrew"
    assert len(answer_row.client_hash) == 64
    assert "203.0.113.9" not in answer_row.client_hash
    assert answer_row.at is not None


def test_a_link_made_for_one_participant_dies_when_the_story_changes_hands(client, draft, editor):
    old = create_share_link(story=draft, by=editor, label="Andrew", sent_to="andrew@example.org")
    answer(client, old, decision="approved")
    draft.participant = make_participant(name="Bethan Morgan")
    services.save_edit(story=draft, from_status=draft.status, by=editor)
    # The link sent to Andrew no longer opens the story, nor takes an answer.
    assert client.get(share_url(old)).status_code == 404
    old.refresh_from_db()
    assert old.revoked_at is not None
    # Andrew's approval is not Bethan's.
    assert latest_sign_off(draft) is None
    assert sign_off_warning(draft) == "Bethan Morgan has not approved this story yet."


def test_a_link_whose_participant_differs_from_the_storys_opens_nothing(client, draft, editor):
    link = create_share_link(story=draft, by=editor)
    Story.objects.filter(pk=draft.pk).update(participant=make_participant())
    assert client.get(share_url(link)).status_code == 404


def test_view_only_staff_are_not_shown_the_address_that_answers_for_the_participant(
    client, link, draft
):
    client.force_login(make_staff("vic-viewer", "Viewers"))
    page = client.get(change_url(draft)).content.decode()
    assert page.count("/share/") == 0
    assert share_url(link) not in page
