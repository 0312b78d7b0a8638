import pytest

from stories.models import Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<h2>Heading</h2><p>Fine <strong>bold</strong> "
    '<a href="javascript:alert(1)">bad link</a> '
    '<a href="https://example.org" onclick="x()">ok</a></p>'
    '<script>alert("x")</script><img src=x onerror="alert(1)"><p style="color:red">styled</p>'
)


def assert_clean(html: str):
    assert "<script" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "style=" not in html
    assert "<h2>Heading</h2>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html


def test_body_is_sanitised_when_saved():
    story = make_story(body=HOSTILE)
    story.refresh_from_db()
    assert_clean(story.body)


def test_body_is_sanitised_on_bulk_create():
    participant = make_story().participant
    Story.objects.bulk_create(
        [Story(title="Bulk", slug="bulk", participant=participant, body=HOSTILE)]
    )
    assert_clean(Story.objects.get(slug="bulk").body)


def test_pasted_headings_and_tables_keep_their_words_apart():
    story = make_story(
        body="<h1>Big</h1><h4>Small</h4><table><tr><td>one</td><td>two</td></tr></table>"
    )
    story.refresh_from_db()
    assert story.body.startswith("<h2>Big</h2><h3>Small</h3>")
    assert "one two" in story.body
    body = story.body
    story.save()
    story.refresh_from_db()
    assert story.body == body, "saving again changes nothing"
