"""Superusers see every queued email, read what it said, and send a failed one again;
editors never see the list."""

import pytest
from django.core import mail

from editorial.admin_site import INFRASTRUCTURE_HEADING
from notifications import send
from notifications.models import Notification

pytestmark = pytest.mark.django_db

LIST = "/admin/notifications/notification/"
TASKS = "/admin/django_tasks_database/dbtaskresult/"
CONTEXT = {"story_title": "Water <script>alert(1)</script>"}


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def queued(participant):
    send.to_participant("invitation", participant, CONTEXT)
    return Notification.objects.get()


def test_a_superuser_reads_the_list_of_emails(
    superuser_client, queued, participant, django_assert_max_num_queries
):
    for n in range(20):
        send.to_participant("invitation", participant, {"story_title": f"Story {n}"})
    with django_assert_max_num_queries(12):
        response = superuser_client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "amara@example.org" in page
    assert "invitation" in page
    assert "Sent" in page
    for column in ["Created at", "Event", "To address", "Subject", "Status", "Attempts"]:
        assert column in page


def test_a_superuser_reads_an_email_as_text(superuser_client, queued, monkeypatch):
    Notification.objects.filter(pk=queued.pk).update(
        headers={"List-Unsubscribe": "<https://stories.example.org/u/x/>"}
    )
    response = superuser_client.get(f"{LIST}{queued.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hello Amara Okafor," in page
    # The HTML body is shown as its source, never run.
    assert "&lt;b&gt;Water &amp;lt;script&amp;gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert "List-Unsubscribe: &lt;https://stories.example.org/u/x/&gt;" in page
    assert 'name="subject"' not in page  # read only
    assert superuser_client.get(f"{LIST}add/").status_code == 403
    assert superuser_client.get(f"{LIST}{queued.pk}/delete/").status_code == 403


def test_the_outbox_is_listed_under_site_administration(superuser_client, queued):
    apps = superuser_client.get("/admin/").context["app_list"]
    urls = {model["admin_url"] for model in apps[-1]["models"]}
    assert apps[-1]["name"] == INFRASTRUCTURE_HEADING
    assert {LIST, TASKS} <= urls
    assert superuser_client.get(TASKS).status_code == 200


def test_a_superuser_sends_a_failed_email_again(superuser_client, participant, failing_mail):
    send.to_participant("invitation", participant, CONTEXT)
    failed = Notification.objects.get()
    assert failed.status == Notification.Status.FAILED
    failing_mail.stop()

    response = superuser_client.post(
        LIST,
        {"action": "try_sending_again", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "1 email queued to be sent again now" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Notification.Status.SENT
    assert len(mail.outbox) == 1


def test_sending_again_leaves_a_sent_email_alone(superuser_client, queued):
    response = superuser_client.post(
        LIST, {"action": "try_sending_again", "_selected_action": [queued.pk]}, follow=True
    )
    assert "Nothing to send" in response.content.decode()
    assert len(mail.outbox) == 1


def test_an_editor_never_sees_the_emails(editor_client, queued):
    assert editor_client.get(LIST).status_code == 403
    assert editor_client.get(f"{LIST}{queued.pk}/change/").status_code == 403
    assert editor_client.get(TASKS).status_code == 403
    assert editor_client.get("/admin/notifications/").status_code == 404
    names = [app["name"] for app in editor_client.get("/admin/").context["app_list"]]
    assert "Notifications" not in names and INFRASTRUCTURE_HEADING not in names


def test_an_editor_given_the_permissions_still_cannot(editor, editor_client, queued):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["notifications", "django_tasks_database"]
        )
    )
    assert editor_client.get(LIST).status_code == 403
    assert (
        editor_client.post(
            LIST, {"action": "try_sending_again", "_selected_action": [queued.pk]}
        ).status_code
        == 403
    )
    assert editor_client.get(TASKS).status_code == 403
