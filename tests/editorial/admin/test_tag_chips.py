"""The story form's tags field: taggit's text box, with the tags in use offered beside it.

What the browser does with it (chips, suggestions as you type) is in tests/e2e/test_tag_chips.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.admin.tag_widget import SUGGESTION_LIMIT
from stories.models import Story
from tests.admin_posts import change_url
from tests.factories import make_story
from tests.markup import form_data, parse

pytestmark = pytest.mark.django_db


def tags_field(response):
    return parse(response.content.decode()).one("div", class_="tag-chips")


def offered(response) -> list[str]:
    return [item.text() for item in tags_field(response).find_all("li")]


def test_the_tags_in_use_are_offered_the_most_used_first(editor_client):
    for _ in range(3):
        make_story().tags.add("housing")
    for _ in range(2):
        make_story().tags.add("co-production")
    story = make_story()
    story.tags.add("Ærø, Øst")

    response = editor_client.get(change_url(story))

    assert offered(response) == ["housing", "co-production", "Ærø, Øst"]
    field = tags_field(response)
    box = field.one("input", name="tags")
    assert box.attrs["value"] == '"Ærø, Øst"'
    assert box.attrs["id"] == "id_tags"
    assert "admin/js/tag-chips.js" in response.content.decode()
    assert "admin/css/tag-chips.css" in response.content.decode()


def test_a_tag_name_that_looks_like_markup_is_shown_as_text(editor_client):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    story = make_story()
    story.tags.add(hostile)

    response = editor_client.get(change_url(story))

    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert offered(response) == [hostile]


@pytest.mark.parametrize(
    "names",
    [
        ["Ærø, Øst", "co-production"],
        ["section 75", "covid-19", "Łódź"],
        ["children and young people, 0–5", "Gwynedd"],  # noqa: RUF001 (an en dash, as pasted)
    ],
)
def test_tags_with_commas_spaces_and_accents_come_back_unchanged_from_a_save(editor_client, names):
    story = make_story()
    story.tags.add(*names)

    page = parse(editor_client.get(change_url(story)).content.decode())
    sent = form_data(page.one("form", id="story_form"))
    response = editor_client.post(change_url(story), sent)

    assert response.status_code == 302
    assert sorted(Story.objects.get(pk=story.pk).tags.names()) == sorted(names)


def test_the_suggestions_cost_one_query_however_many_tags_and_stop_at_the_limit(editor_client):
    story = make_story()
    story.tags.add("first")
    editor_client.get(change_url(story))  # what a first request reads once is not counted
    with CaptureQueriesContext(connection) as few:
        editor_client.get(change_url(story))
    for number in range(SUGGESTION_LIMIT + 20):
        make_story().tags.add(f"tag {number:03}")
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(change_url(story))

    assert len(offered(response)) == SUGGESTION_LIMIT
    assert len(many) == len(few)
    tag_counts = [
        q for q in many.captured_queries if "GROUP BY" in q["sql"] and "taggit_tag" in q["sql"]
    ]
    assert len(tag_counts) == 1


def test_a_tag_too_long_to_store_is_a_field_error_and_nothing_is_saved(editor_client):
    story = make_story()
    story.tags.add("housing")
    page = parse(editor_client.get(change_url(story)).content.decode())
    sent = form_data(page.one("form", id="story_form"))
    sent["tags"] = ["housing, " + "x" * 150]

    response = editor_client.post(change_url(story), sent)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"] == [
        f"A tag can be at most 96 characters long; “{'x' * 40}…” has 150."
    ]
    # The box comes back as it was sent, to mend.
    assert tags_field(response).one("input", name="tags").attrs["value"] == sent["tags"][0]
    assert list(Story.objects.get(pk=story.pk).tags.names()) == ["housing"]
