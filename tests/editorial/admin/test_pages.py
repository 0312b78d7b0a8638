"""Every admin list, add and change page renders for a superuser."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from demo.loader import load_demo
from notifications.models import Notification
from notifications.tasks import send_notification
from participants.models import Erasure, Participant, Programme
from sitepages.models import SitePage
from stories.models import SelectionRound, Story
from tests.factories import make_selection_round

pytestmark = pytest.mark.django_db

# django-axes' lockout records are read-only lists, tried in tests/common/test_login_throttle.py.
MODELS = [model for model in admin.site._registry if model._meta.app_label != "axes"]
# Records nobody adds by hand: the erasure log is written by the erasure itself, and the
# site pages are a fixed set made by the migrations.
ADDABLE = [model for model in MODELS if model not in (Erasure, SitePage)]
# Emails and the tasks that send them are written by the code that queues them.
ADDABLE = [model for model in ADDABLE if model not in (Notification, DBTaskResult)]


@pytest.fixture
def superuser_client(client):
    load_demo(with_pictures=False)
    client.force_login(User.objects.create_superuser("root", password="pw-for-tests-only"))
    return client


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_renders(superuser_client, model):
    response = superuser_client.get(url(model, "changelist"))
    assert response.status_code == 200
    if model.objects.exists() and model._meta.model_name not in ("user", "group"):
        assert str(model.objects.first()) in response.content.decode()


@pytest.mark.parametrize("model", ADDABLE, ids=lambda m: m._meta.label)
def test_add_page_renders(superuser_client, model):
    assert superuser_client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_change_page_renders(superuser_client, model, settings):
    if model is Erasure:
        Erasure.objects.create(participant_id=1)
    if model is Notification:
        Notification.objects.create(
            event="invitation", to_address="a@example.org", subject="Hi", body_text="Hi"
        )
    if model is DBTaskResult:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        send_notification.enqueue(0)
    if model is SelectionRound and not SelectionRound.objects.exists():
        # Until the demo content has a round of its own: one for its first programme.
        make_selection_round(Programme.objects.first())
    obj = model.objects.first()
    assert obj is not None, f"demo content has no {model._meta.verbose_name}"
    assert superuser_client.get(url(model, "change", obj.pk)).status_code == 200


def test_story_changelist_search_and_filters_work(superuser_client):
    page = superuser_client.get(
        url(Story, "changelist"), {"q": "Wilesmith", "status__exact": "published"}
    ).content.decode()
    assert "1 story" in page
    assert "Andrew Wilesmith" in page


def test_participant_page_lists_their_stories(superuser_client):
    participant = Participant.objects.get(slug="andrew-wilesmith")
    page = superuser_client.get(url(Participant, "change", participant.pk)).content.decode()
    assert "stories about this participant" in page.lower()
    assert escape(participant.stories.first().title) in page
