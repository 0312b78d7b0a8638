"""Editors write a programme's pathway of change on its own page: ordered steps, each
input named for a screen reader; what they type is kept as text."""

import re

import pytest

from stories.models import PathwayStep
from tests.admin_posts import formset
from tests.factories import make_pathway_step, make_programme, make_staff

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('step')</script>"


def change_url(programme):
    return f"/admin/participants/programme/{programme.pk}/change/"


def programme_form(programme, steps, initial=0) -> dict:
    return (
        {"name": programme.name, "slug": programme.slug}
        | formset("cohorts")
        | formset("pathway_steps", steps, initial=initial)
    )


def test_an_editor_writes_the_pathway_in_order(editor_client):
    programme = make_programme(name="Arweinwyr Cymru")
    steps = [
        {"stage": "impact", "title": "Gwasanaethau tecach", "order": "3"},
        {"stage": "activities", "title": "Setiau dysgu", "description": HOSTILE, "order": "1"},
    ]
    response = editor_client.post(change_url(programme), programme_form(programme, steps))
    assert response.status_code == 302
    assert list(programme.pathway_steps.values_list("stage", "title", "description")) == [
        ("activities", "Setiau dysgu", HOSTILE),
        ("impact", "Gwasanaethau tecach", ""),
    ]
    page = editor_client.get(change_url(programme)).content.decode()
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert page.index("Setiau dysgu") < page.index("Gwasanaethau tecach")


def test_each_step_input_is_named_for_a_screen_reader(editor_client):
    programme = make_programme()
    make_pathway_step(programme)
    page = editor_client.get(change_url(programme)).content.decode()
    for name in ["stage", "title", "description", "order"]:
        tag = re.search(
            rf'<(?:input|select|textarea)[^>]*name="pathway_steps-0-{name}"[^>]*>', page
        )
        assert tag and "aria-label=" in tag[0], name


def test_a_stage_that_is_not_one_is_a_form_error(editor_client):
    programme = make_programme()
    steps = [{"stage": "utopia", "title": "Everything", "order": "0"}]
    response = editor_client.post(change_url(programme), programme_form(programme, steps))
    assert response.status_code == 200
    assert not PathwayStep.objects.exists()


def test_a_viewer_reads_the_pathway_and_cannot_change_it(client):
    programme = make_programme()
    make_pathway_step(programme, title="Leaders act together")
    client.force_login(make_staff("vic-viewer", "Viewers"))
    page = client.get(change_url(programme)).content.decode()
    assert "Leaders act together" in page and 'name="pathway_steps-0-title"' not in page


def test_the_programme_page_runs_the_same_queries_for_one_step_as_for_twelve(
    editor_client, django_assert_num_queries
):
    programme = make_programme()
    make_pathway_step(programme)
    editor_client.get(change_url(programme))  # content types and the like, cached once
    with django_assert_num_queries(BUDGET):
        assert editor_client.get(change_url(programme)).status_code == 200
    for order in range(1, 12):
        make_pathway_step(programme, title=f"Step {order}", order=order)
    with django_assert_num_queries(BUDGET):
        assert editor_client.get(change_url(programme)).status_code == 200


BUDGET = 7
