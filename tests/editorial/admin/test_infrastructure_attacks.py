"""Infrastructure admins (users, groups, login attempts, raw tags) as lower roles, even with
rights given to their group by mistake."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import make_staff

pytestmark = pytest.mark.django_db

INFRASTRUCTURE = [
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/auth/group/",
    "/admin/axes/accessattempt/",
    "/admin/axes/accesslog/",
    "/admin/axes/accessfailurelog/",
    "/admin/taggit/tag/",
    "/admin/taggit/tag/add/",
    "/admin/auth/",
    "/admin/axes/",
    "/admin/taggit/",
]


@pytest.fixture
def overgranted(client):
    """A contributor whose group was given every right of the infrastructure apps."""
    group = Group.objects.get(name="Contributors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["auth", "axes", "taggit"])
    )
    user = make_staff("overgranted", "Contributors")
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", INFRASTRUCTURE)
def test_an_overgranted_contributor_is_refused_every_infrastructure_page(client, overgranted, url):
    assert client.get(url).status_code in (403, 404)


def test_an_overgranted_contributor_cannot_make_themselves_superuser(client, overgranted):
    response = client.post(
        f"/admin/auth/user/{overgranted.pk}/change/",
        {"username": "overgranted", "is_superuser": "on", "is_staff": "on", "is_active": "on"},
    )
    assert response.status_code in (403, 404)
    overgranted.refresh_from_db()
    assert not overgranted.is_superuser


def test_the_overgranted_contributors_home_names_no_infrastructure(client, overgranted):
    page = client.get("/admin/").content.decode()
    for word in ["Site administration", "Access attempts", "/admin/auth/", "/admin/taggit/"]:
        assert word not in page


def test_the_raw_tag_list_is_not_reachable_through_autocomplete(client, overgranted):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "stories", "model_name": "story", "field_name": "tags", "term": "a"},
    )
    assert response.status_code in (403, 404)


def test_a_superuser_sees_infrastructure_grouped_after_the_editors_apps(admin_client):
    response = admin_client.get("/admin/")
    labels = [app["app_label"] for app in response.context["app_list"]]
    assert labels[:2] == ["stories", "participants"] and labels[-1] == "site-administration"
    for url in INFRASTRUCTURE:
        assert admin_client.get(url).status_code == 200, url


def test_the_site_administration_heading_leads_somewhere(admin_client):
    # The grouped heading is drawn by admin/app_list.html as a link to its app_url.
    page = admin_client.get("/admin/").content.decode()
    at = page.index("Site administration")
    heading = page[page.rindex("<", 0, at - 1) - 200 : at + 30]
    assert 'href=""' not in heading, "the heading links to the page it is on"
    # app_list.html marks an app "current" when its app_url is in the path: "" always is.
    assert "app-site-administration module current-app" not in page
