"""The admin's "Email notifications" page: each member of staff chooses their own emails."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from notifications.models import TurnedOff
from notifications.preferences import turn_off, turned_off_events
from tests.factories import make_staff

URL = "/admin/notifications/preferences/"
EDITORS_EVENTS = {"story_submitted", "sent_for_review", "consent_changed", "consent_ending"}


def choices_on(response) -> set[str]:
    return {name for name, _ in response.context["form"].fields["wanted"].choices}


def test_the_address_is_the_admins_own():
    assert reverse("admin:notification_preferences") == URL


def test_anyone_signed_out_is_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.post(URL, {"wanted": []}).status_code == 302
    assert not TurnedOff.objects.exists()


def test_a_contributor_chooses_the_emails_addressed_to_them(contributor_client, contributor):
    response = contributor_client.get(URL)
    assert response.status_code == 200
    assert choices_on(response) == {"approval_answered"}
    assert "Email notifications" in response.content.decode()


def test_an_editor_chooses_among_the_editors_emails_too(editor_client):
    response = editor_client.get(URL)
    assert choices_on(response) == EDITORS_EVENTS | {"approval_answered"}
    page = response.content.decode()
    assert "A participant submitted their story" in page
    # Every one is ticked until turned off; participants' emails are not theirs to choose.
    assert page.count("checked") == 5
    assert "approval_reminder" not in page and "invitation" not in page


def test_a_superuser_chooses_like_an_editor(client, db):
    admin = User.objects.create_superuser("sam-super", "sam@example.org", "pw-for-tests-only")
    client.force_login(admin)
    response = client.get(URL)
    assert choices_on(response) == EDITORS_EVENTS | {"approval_answered"}

    client.post(URL, {"wanted": ["approval_answered"]})
    assert turned_off_events(admin) == EDITORS_EVENTS


def test_unticking_saves_the_signed_in_users_choices(editor_client, editor):
    response = editor_client.post(URL, {"wanted": ["story_submitted", "consent_ending"]})
    assert response.status_code == 302
    assert response["Location"] == URL
    assert turned_off_events(editor) == {"sent_for_review", "consent_changed", "approval_answered"}

    page = editor_client.get(URL).content.decode()
    assert "Your email choices are saved." in page
    assert page.count("checked") == 2


def test_ticking_again_turns_an_email_back_on(editor_client, editor):
    turn_off("story_submitted", user=editor)
    editor_client.post(URL, {"wanted": sorted(EDITORS_EVENTS | {"approval_answered"})})
    assert turned_off_events(editor) == set()


def test_saving_touches_only_the_signed_in_users_rows(editor_client, editor, contributor):
    other_editor = make_staff("olu-editor", "Editors")
    turn_off("consent_changed", user=other_editor)
    turn_off("approval_answered", user=contributor)
    # Naming another person in the post changes nothing: the page is the signed-in user's.
    editor_client.post(
        URL, {"wanted": ["story_submitted"], "user": other_editor.pk, "user_id": contributor.pk}
    )
    assert turned_off_events(other_editor) == {"consent_changed"}
    assert turned_off_events(contributor) == {"approval_answered"}
    assert "story_submitted" not in turned_off_events(editor)
    assert TurnedOff.objects.filter(participant__isnull=False).count() == 0


def test_a_contributor_cannot_turn_off_an_editors_email_by_posting_it(
    contributor_client, contributor
):
    response = contributor_client.post(URL, {"wanted": ["approval_answered", "story_submitted"]})
    assert response.status_code == 200
    assert "not on this page any more" in response.content.decode()
    assert turned_off_events(contributor) == set()


@pytest.mark.parametrize(
    "wanted", [["invitation"], ["no_such_event"], ["<script>alert(1)</script>"], ["x" * 5000]]
)
def test_a_tampered_choice_is_refused_with_clear_words_and_saves_nothing(
    editor_client, editor, wanted
):
    response = editor_client.post(URL, {"wanted": wanted})
    assert response.status_code == 200
    page = response.content.decode()
    assert "not on this page any more" in page
    assert "<script>alert" not in page
    assert not TurnedOff.objects.exists()


def test_the_admins_user_tools_link_to_the_page(editor_client, contributor):
    page = editor_client.get("/admin/").content.decode()
    assert f'<a href="{URL}">Email notifications</a>' in page
    page = editor_client.get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">Email notifications</a>' in page


def test_the_page_reads_little(editor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert editor_client.get(URL).status_code == 200
