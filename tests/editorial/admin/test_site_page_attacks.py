"""Site pages through the admin, as every role, with hostile text."""

import pytest
from django.core.exceptions import PermissionDenied

from editorial.site_page_services import save_site_page
from sitepages.models import SitePage
from tests.factories import make_staff
from tests.markup import form_data, parse

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>ok</p><script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">x</a>'
)


def page_url(page, action="change"):
    return f"/admin/sitepages/sitepage/{page.pk}/{action}/"


def editor_form(client, page):
    return form_data(
        parse(client.get(page_url(page)).content.decode()).one("form", id="sitepage_form")
    )


@pytest.mark.parametrize("group", [None, "Viewers", "Contributors"])
def test_a_lower_role_posting_the_change_form_changes_nothing(client, editor_client, group):
    page = SitePage.objects.get(slug="privacy")
    sent = editor_form(editor_client, page)
    sent["title"] = ["Defaced"]
    sent["body"] = ["<p>Defaced</p>"]
    client.force_login(make_staff(f"s-{group}", group))
    response = client.post(page_url(page), sent)
    assert response.status_code in (302, 403) or 'name="_save"' not in response.content.decode()
    page.refresh_from_db()
    assert page.title != "Defaced" and "Defaced" not in page.body


@pytest.mark.parametrize("group", [None, "Viewers", "Contributors", "Editors", "superuser"])
def test_nobody_adds_or_deletes_a_site_page(client, group):
    page = SitePage.objects.get(slug="contact")
    if group == "superuser":
        user = make_staff("root-ish")
        user.is_superuser = True
        user.save()
    else:
        user = make_staff(f"d-{group}", group)
    client.force_login(user)
    assert client.get("/admin/sitepages/sitepage/add/").status_code == 403
    assert client.post("/admin/sitepages/sitepage/add/", {"title": "x"}).status_code == 403
    assert client.post(page_url(page, "delete"), {"post": "yes"}).status_code == 403
    assert SitePage.objects.count() == 3


def test_the_body_is_sanitised_through_the_admin_and_the_public_page_runs_no_script(
    client, editor_client
):
    page = SitePage.objects.get(slug="accessibility")
    sent = editor_form(editor_client, page)
    sent["body"] = [HOSTILE]
    sent["title"] = ["<script>alert('title')</script>"]
    sent["summary"] = ['"><script>alert("summary")</script>']
    assert editor_client.post(page_url(page), sent).status_code == 302
    page.refresh_from_db()
    assert "<script" not in page.body and "onerror" not in page.body
    assert "javascript:" not in page.body
    public = client.get(page.get_absolute_url()).content.decode()
    assert "<script>alert" not in public
    assert "onerror" not in public and "javascript:alert" not in public


def test_the_body_is_sanitised_by_the_service_and_a_plain_save(editor):
    page = SitePage.objects.get(slug="contact")
    page.body = HOSTILE
    save_site_page(page=page, by=editor)
    page.refresh_from_db()
    assert "<script" not in page.body and "onerror" not in page.body
    page.body = HOSTILE
    page.save()
    page.refresh_from_db()
    assert "<script" not in page.body


def test_the_service_refuses_a_contributor(contributor):
    page = SitePage.objects.get(slug="contact")
    page.title = "Defaced"
    with pytest.raises(PermissionDenied):
        save_site_page(page=page, by=contributor)
    page.refresh_from_db()
    assert page.title != "Defaced"


def test_an_over_long_title_or_summary_is_a_field_error_not_a_500(editor_client):
    page = SitePage.objects.get(slug="contact")
    sent = editor_form(editor_client, page)
    sent["title"] = ["T" * 5000]
    sent["summary"] = ["S" * 5000]
    sent["last_reviewed_on"] = ["not a date"]
    response = editor_client.post(page_url(page), sent)
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) >= {"title", "summary"}


def test_a_site_page_change_is_renewed_on_the_public_page_at_once(client, editor_client):
    page = SitePage.objects.get(slug="privacy")
    client.get(page.get_absolute_url())  # cached
    sent = editor_form(editor_client, page)
    sent["title"] = ["Privacy notice, revised"]
    assert editor_client.post(page_url(page), sent).status_code == 302
    assert "Privacy notice, revised" in client.get(page.get_absolute_url()).content.decode()
