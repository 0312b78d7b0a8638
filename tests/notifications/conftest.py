import pytest

from tests.factories import make_participant, make_staff

# Each event's words are written by whoever triggers it; these stand-ins (first in the
# template path) give the tests here words of their own, built on the shared base
# template and footer.
SUBJECT = "{{ story_title }} on {{ site_name }}\n"
BODY_TEXT = (
    "Hello {{ recipient_name }},\n\n"
    "Something happened to {{ story_title }}: {{ site_url }}/stories/\n"
    '{% include "notifications/footer.txt" %}'
)
BODY_HTML = (
    '{% extends "notifications/base_email.html" %}{% block content %}'
    "<p>Hello {{ recipient_name }},</p><p>Something happened to <b>{{ story_title }}</b>.</p>"
    "{% endblock %}"
)
EVENTS_USED = ["consent_changed", "approval_answered", "invitation", "approval_reminder"]


@pytest.fixture(autouse=True)
def event_templates(settings, tmp_path):
    root = tmp_path / "event-templates"
    for event in EVENTS_USED:
        folder = root / "notifications" / event
        folder.mkdir(parents=True)
        (folder / "subject.txt").write_text(SUBJECT)
        (folder / "body.txt").write_text(BODY_TEXT)
        (folder / "body.html").write_text(BODY_HTML)
    engine = {**settings.TEMPLATES[0], "DIRS": [root, *settings.TEMPLATES[0]["DIRS"]]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
    return root


@pytest.fixture
def editor_with_email(editor):
    editor.email = "erin@example.org"
    editor.first_name, editor.last_name = "Erin", "Editor"
    editor.save()
    return editor


@pytest.fixture
def second_editor(db):
    user = make_staff("ed-second", "Editors")
    user.email = "ed@example.org"
    user.save()
    return user


@pytest.fixture
def participant(db):
    return make_participant(name="Amara Okafor", email="amara@example.org")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "sam-super", email="sam@example.org", password="pw-for-tests-only"
    )


@pytest.fixture
def database_queue(settings):
    """The production queue (django-tasks' database backend) in place of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def failing_mail(monkeypatch):
    """Every send fails as an unreachable mail server does; `.stop()` mends it."""
    from smtplib import SMTPServerDisconnected

    from django.core.mail import EmailMultiAlternatives

    original = EmailMultiAlternatives.send

    def refuse(self, fail_silently=False):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)

    class Switch:
        def stop(self):
            monkeypatch.setattr(EmailMultiAlternatives, "send", original)

    return Switch()
