"""Infrastructure (logins, raw tags, users) is kept from editors' sight, and shown to
superusers under one heading after the editors' own apps."""

import pytest
from django.contrib.auth.models import Permission, User

from editorial.admin_site import INFRASTRUCTURE_HEADING

pytestmark = pytest.mark.django_db

INFRASTRUCTURE = ["/admin/axes/accessattempt/", "/admin/taggit/tag/", "/admin/auth/user/"]


def app_names(client) -> list[str]:
    return [app["name"] for app in client.get("/admin/").context["app_list"]]


def test_an_editor_sees_stories_and_people_first_and_no_infrastructure(editor_client):
    names = app_names(editor_client)
    assert names[:2] == ["Stories", "People and organisations"]
    assert not {"Axes", "Taggit", "Authentication and Authorization", INFRASTRUCTURE_HEADING} & set(
        names
    )
    for address in INFRASTRUCTURE:
        assert editor_client.get(address).status_code == 403, address


def test_infrastructure_stays_hidden_from_an_editor_even_with_its_permissions(
    editor, editor_client
):
    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
    assert "Axes" not in app_names(editor_client)
    assert editor_client.get("/admin/axes/").status_code == 404


def test_a_superuser_finds_infrastructure_under_one_heading_last(client):
    client.force_login(User.objects.create_superuser("sam-super", password="pw-for-tests-only"))
    response = client.get("/admin/")
    apps = response.context["app_list"]
    assert [app["name"] for app in apps][:2] == ["Stories", "People and organisations"]
    assert apps[-1]["name"] == INFRASTRUCTURE_HEADING
    urls = {model["admin_url"] for model in apps[-1]["models"]}
    assert set(INFRASTRUCTURE) <= urls
    assert not {"Axes", "Taggit"} & {app["name"] for app in apps}
    for address in INFRASTRUCTURE:
        assert client.get(address).status_code == 200, address
