"""The participant reads their story as it will be published and answers it."""

import datetime as dt

import pytest
from django.core import mail
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from editorial.approvals import request_approval
from editorial.sharing import sign_off_warning
from stories.models import ApprovalRequest, SignOff, Story
from tests.factories import (
    make_outcome,
    make_participant,
    make_partner,
    make_story,
    make_theme,
    picture_of,
)
from tests.portal.helpers import sign_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def editor_email(editor):
    editor.email = "erin@example.org"
    editor.save()


@pytest.fixture
def draft(participant):
    story = make_story(
        title="Leisure centres and community health",
        status="draft",
        published_at=None,
        participant=participant,
        body="<p>What changed in Wigan.</p>",
    )
    story.themes.add(make_theme(name="Health"))
    make_partner(story)
    make_outcome(story)
    return story


def url(story):
    return reverse("portal:story", kwargs={"pk": story.pk})


def edit(story):
    Story.objects.filter(pk=story.pk).update(edit_version=F("edit_version") + 1)
    story.refresh_from_db()


def test_the_email_link_lands_on_the_story(client, draft, editor):
    request_approval(story=draft, by=editor)
    invitation = sign_in_as(client, draft.participant, lands_on=url(draft))
    assert invitation.lands_on == url(draft)
    page = client.get(url(draft)).content.decode()
    assert "Your story: Leisure centres and community health" in page
    assert "What changed in Wigan." in page
    assert "Being written: it is not on the website yet." in page
    assert "I approve this story" in page and "I would like changes" in page


def test_the_page_shows_the_version_an_editor_will_publish_with_private_pictures(
    participant_client, draft, django_assert_max_num_queries
):
    address = picture_of(draft, "hero_image", "hero", "wigan")
    with django_assert_max_num_queries(10):
        response = participant_client.get(url(draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert f"{address}?sig=" in page  # signed: the draft is not public
    assert "Health" in page and "Funding secured" in page
    assert page.count("<h1") == 1
    assert f'name="version" value="{draft.edit_version}"' in page


def test_another_participants_story_is_not_found(participant_client):
    other = make_story(status="draft", published_at=None)
    assert participant_client.get(url(other)).status_code == 404
    response = participant_client.post(url(other), {"decision": "approved", "version": "0"})
    assert response.status_code == 404
    assert not SignOff.objects.exists()


def test_signed_out_the_page_asks_for_the_email_link(client, draft):
    assert client.get(url(draft)).status_code == 403


def test_approving_records_the_version_and_tells_the_editor_who_asked(
    participant_client, draft, editor
):
    request_approval(story=draft, by=editor)
    mail.outbox.clear()
    response = participant_client.post(
        url(draft), {"decision": "approved", "comment": "", "version": draft.edit_version}
    )
    assert response.status_code == 302
    answer = SignOff.objects.get()
    assert answer.decision == "approved" and answer.edit_version == draft.edit_version
    assert answer.share_link is None and answer.participant == draft.participant
    assert ApprovalRequest.objects.get().answered_at is not None
    assert [email.to for email in mail.outbox] == [["erin@example.org"]]
    page = participant_client.get(url(draft)).content.decode()
    assert "Your answer has been sent" in page
    assert "you approved this version of the story" in page
    assert sign_off_warning(draft) is None


def test_a_later_edit_asks_them_again(participant_client, draft):
    participant_client.post(
        url(draft), {"decision": "approved", "comment": "", "version": draft.edit_version}
    )
    edit(draft)
    page = participant_client.get(url(draft)).content.decode()
    assert "The story has changed since your last answer" in page
    assert "an earlier version" in page
    assert "approved an earlier version" in sign_off_warning(draft)


def test_a_stale_version_is_refused_with_the_new_one_and_nothing_recorded(
    participant_client, draft
):
    read = draft.edit_version
    edit(draft)
    response = participant_client.post(url(draft), {"decision": "approved", "version": read})
    page = response.content.decode()
    assert response.status_code == 409
    assert "The story changed while you were reading: here is the new version" in page
    assert f'name="version" value="{draft.edit_version}"' in page
    assert not SignOff.objects.exists()


def test_changes_need_words_and_hostile_markup_is_shown_as_text(participant_client, draft):
    response = participant_client.post(
        url(draft), {"decision": "changes", "comment": " ", "version": draft.edit_version}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say what you would like changed." in page
    assert 'href="#id_comment"' in page
    assert not SignOff.objects.exists()
    hostile = '<img src=x onerror="alert(1)">Change my title'
    participant_client.post(
        url(draft), {"decision": "changes", "comment": hostile, "version": draft.edit_version}
    )
    page = participant_client.get(url(draft)).content.decode()
    assert "&lt;img src=x onerror=" in page
    assert "<img src=x" not in page


@pytest.mark.parametrize("version", ["", "abc", "1; drop"])
def test_a_tampered_version_is_a_bad_request(participant_client, draft, version):
    response = participant_client.post(url(draft), {"decision": "approved", "version": version})
    assert response.status_code == 400
    assert not SignOff.objects.exists()


def test_a_published_story_shows_its_public_link_instead_of_the_form(
    participant_client, participant
):
    story = make_story(participant=participant, title="Out in the world")
    page = participant_client.get(url(story)).content.decode()
    assert "Published: anyone can read it on the website." in page
    assert f'href="{story.get_absolute_url()}"' in page
    assert "I approve this story" not in page
    response = participant_client.post(url(story), {"decision": "approved", "version": "1"})
    assert response.status_code == 400
    assert not SignOff.objects.exists()


def test_a_scheduled_story_says_when_it_will_appear(participant_client, participant):
    when = timezone.now() + dt.timedelta(days=2)
    story = make_story(participant=participant, published_at=when)
    page = participant_client.get(url(story)).content.decode()
    assert "will appear on the website on" in page


def test_a_pull_quote_without_quote_consent_is_not_shown(client, db):
    person = make_participant(email="q@example.org", consent_quotes=False)
    story = make_story(participant=person, status="draft", published_at=None, pull_quote="Secret")
    sign_in_as(client, person)
    page = client.get(url(story)).content.decode()
    assert "Secret" not in page


def test_a_story_published_while_they_read_is_refused_in_words(
    participant_client, draft, monkeypatch
):
    """The page was opened on a draft; an editor publishes before the answer arrives."""
    from editorial import approvals

    real = approvals.answer

    def published_meanwhile(**kwargs):
        Story.objects.filter(pk=draft.pk).update(status="published", published_at=timezone.now())
        return real(**kwargs)

    monkeypatch.setattr("portal.views.approval.answer", published_meanwhile)
    response = participant_client.post(
        url(draft), {"decision": "approved", "version": draft.edit_version}
    )
    assert response.status_code == 400
    assert "can no longer be answered here" in response.content.decode()
    assert not SignOff.objects.exists()
