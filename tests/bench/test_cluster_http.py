"""`make cluster-test`'s own pieces, kept honest without a cluster: the upload it posts,
how it tells a save from an edit conflict, the pictures it fetches, its bounded wait."""

import io
import time

import pytest
from django.test import RequestFactory
from PIL import Image

from bench import cluster_http as web
from bench.editors import Browser, Form
from stories.models import Story
from tests.factories import make_staff, make_story


def posted(body: bytes, content_type: str):
    request = RequestFactory().generic("POST", "/", body, content_type=content_type)
    return request.POST, request.FILES


def test_a_chosen_file_arrives_as_an_upload_beside_the_fields_as_typed():
    form = Form(
        fields=[("title", "Tea & cake — “Ipswich”"), ("body", "<p>One</p>\r\n<p>Two</p>")],
        files=["hero_image", "other_image"],
    )
    picture = web.jpeg(64, 40)

    fields, files = posted(
        *web.multipart(form, "_save", {"hero_image": web.Upload("a.jpg", "image/jpeg", picture)})
    )

    assert fields["title"] == "Tea & cake — “Ipswich”"
    assert fields["body"] == "<p>One</p>\r\n<p>Two</p>"
    assert "_save" in fields
    assert files["hero_image"].read() == picture
    assert files["hero_image"].content_type == "image/jpeg"
    assert "other_image" not in files  # sent empty, as a browser sends an untouched input


def test_a_file_for_an_input_the_form_lacks_is_refused_not_left_out():
    with pytest.raises(KeyError, match="hero"):
        web.multipart(Form(fields=[("title", "x")]), "_save", {"hero": web.Upload("a", "b", b"")})


def test_pictures_are_told_by_their_bytes_not_their_names():
    webp = io.BytesIO()
    Image.new("RGB", (8, 8)).save(webp, "WEBP")
    assert web.image_kind(web.jpeg(16, 16)) == "jpeg"
    assert web.image_kind(webp.getvalue()) == "webp"
    assert web.image_kind(b"<Error><Code>AccessDenied</Code></Error>") is None


def test_every_address_a_picture_offers_is_found_once():
    page = (
        '<p><img src="/static/logo.svg"></p><picture class="hero">'
        '<source type="image/webp" srcset="http://s3/b/hero-720.webp 720w, '
        'http://s3/b/hero-1200.webp?a=1&amp;b=2 1200w" sizes="100vw">'
        '<img src="http://s3/b/hero-1200.jpeg" srcset="http://s3/b/hero-720.jpeg 720w, '
        'http://s3/b/hero-1200.jpeg 1200w" alt=""></picture>'
    )
    assert web.picture_urls(page) == [
        "http://s3/b/hero-720.webp",
        "http://s3/b/hero-1200.webp?a=1&b=2",
        "http://s3/b/hero-720.jpeg",
        "http://s3/b/hero-1200.jpeg",
    ]


def test_a_page_expectation_says_what_is_missing_and_what_remains():
    expect = web.Expect("/stories/", shows=("Tea & cake",), hides=("withdrawn",))
    assert expect.problems(200, "<h2>Tea &amp; cake</h2>") == []
    assert expect.problems(200, "withdrawn") == [
        "/stories/ does not show 'Tea & cake'",
        "/stories/ still shows 'withdrawn'",
    ]
    assert web.Expect("/stories/x/", status=404).problems(200, "") == [
        "/stories/x/ answered 200, not 404"
    ]


def test_waiting_for_a_change_is_bounded_and_ends_as_soon_as_it_shows():
    answers = iter([["not yet"], ["not yet"], []])
    problems, waited, looks = web.poll(lambda: next(answers), within=5, pause=0.01)
    assert problems == [] and waited < 1 and looks == 3

    started = time.monotonic()
    problems, waited, _ = web.poll(lambda: ["never"], within=0.2, pause=0.01)
    assert problems == ["never"]
    assert 0.2 <= waited < 1 and time.monotonic() - started < 1


def test_only_one_saved_and_one_conflict_keeps_the_rule():
    assert web.one_saved_one_conflict({"A": "saved", "B": "conflict"}) == []
    assert web.one_saved_one_conflict({"A": "saved", "B": "saved"})  # a lost update
    assert web.one_saved_one_conflict({"A": "conflict", "B": "refused"})


def test_a_redirect_to_the_login_page_is_not_taken_for_a_save():
    path = "/admin/stories/story/7/change/"
    saved = web.editors.Answer(302, "/admin/stories/story/?o=1", "", 0)
    to_login = web.editors.Answer(302, "/admin/login/?next=" + path, "", 0)
    assert web.outcome(path, saved) == "saved"
    assert web.outcome(path, to_login) == "refused"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_saving_one_opened_version_lose_nothing(live_server):
    make_staff("ana-editor", "Editors")
    make_staff("ben-editor", "Editors")
    story = make_story(title="Walking groups", summary="Weekly walks.")
    browsers = {}
    for who in ("ana-editor", "ben-editor"):
        browsers[who] = Browser(live_server.url)
        browsers[who].login(who, "pw-for-tests-only")
    changes = {
        "ana-editor": lambda form: form.set("title", "Walking groups in Ipswich"),
        "ben-editor": lambda form: form.set("summary", "Weekly walks, all year."),
    }

    # One after the other, so the winner is known; the cluster run posts them together.
    outcomes, problems = web.save_at_once(browsers, story.pk, changes, together=False)

    assert outcomes == {"ana-editor": "saved", "ben-editor": "conflict"}
    assert problems == []
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Walking groups in Ipswich", "Weekly walks, all year.")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_upload_posted_whole_gives_the_story_its_picture(live_server):
    make_staff("ana-editor", "Editors")
    story = make_story()
    browser = Browser(live_server.url)
    browser.login("ana-editor", "pw-for-tests-only")
    path = web.editors.change_url(story.pk)
    form = web.open_form(browser, path, "story_form")
    form.set("hero_image_alt", "A walk by the river")

    web.save(
        browser,
        path,
        form,
        {"hero_image": web.Upload("walk.jpg", "image/jpeg", web.jpeg(800, 500))},
    )

    story = Story.objects.get(pk=story.pk)
    assert story.hero_image.name
    assert story.hero_image_alt == "A walk by the river"
    assert story.renditions["hero_image"]["hero"]
