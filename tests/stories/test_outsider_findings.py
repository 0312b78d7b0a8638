"""Inputs an outside tester tried that the first version handled badly."""

import io

import pytest
from PIL import Image

from images.fields import CleanImageFormField
from stories.models import Story
from tests.admin_posts import ADD_URL, story_form
from tests.factories import make_participant, make_story
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["王", "Ynys Môn", "café", "!!!"])
def test_a_tag_in_any_language_never_breaks_a_page(client, name):
    story = make_story(title="Tagged story")
    story.tags.add(name)
    for url in [story.get_absolute_url(), "/stories/", "/search/?q=tagged"]:
        assert client.get(url).status_code == 200, url
    tag = story.tags.get()
    if tag.slug:
        assert name in client.get(f"/tags/{tag.slug}/").content.decode()


def test_a_tag_only_on_drafts_has_no_page_whatever_the_filters(client):
    make_story(status="draft", published_at=None).tags.add("secret-plans")
    for query in ["", "?q=x", "?theme=nope", "?page=2"]:
        assert client.get(f"/tags/secret-plans/{query}").status_code == 404


def test_publishing_without_consent_is_refused_with_a_reason(editor_client):
    person = make_participant(name="Withdrawn Person", consent_given=False)
    response = editor_client.post(ADD_URL, story_form(status="published", participant=person.pk))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["participant"]
    assert "Withdrawn Person has not given consent" in errors[0]
    assert not Story.objects.exists()


def test_bulk_publish_reports_consent_as_the_reason(editor_client):
    story = make_story(
        status="review", published_at=None, participant=make_participant(consent_given=False)
    )
    response = editor_client.post(
        "/admin/stories/story/", {"action": "publish", "_selected_action": [story.pk]}, follow=True
    )
    assert "has not given consent" in response.content.decode()
    assert Story.objects.get().status == "review"


def test_a_phone_multi_picture_jpeg_is_accepted_as_jpeg():
    frames = [Image.new("RGB", (640, 480), c) for c in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "MPO", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    cleaned = CleanImageFormField().clean(upload("phone.jpg", out.getvalue()))
    assert Image.open(cleaned).format == "JPEG"
    assert (
        Image.open(cleaned).getpixel((0, 0)) == (254, 0, 0)
        or Image.open(cleaned).getpixel((0, 0))[0] > 240
    )


def test_a_transparent_palette_logo_keeps_its_transparency():
    logo = Image.new("P", (200, 100), 0)
    logo.putpalette([255, 0, 0] + [0, 0, 255] * 255)
    logo.paste(1, (50, 25, 150, 75))
    out = io.BytesIO()
    logo.save(out, "PNG", transparency=0)
    stored = Image.open(CleanImageFormField().clean(upload("logo.png", out.getvalue())))
    assert stored.mode == "RGBA"
    assert stored.getpixel((0, 0))[3] == 0, "the transparent colour stays transparent"
    assert stored.getpixel((100, 50))[:3] == (0, 0, 255)


def test_a_16_bit_greyscale_png_is_scaled_not_clipped():
    grey = Image.new("I;16", (64, 64), 32768)  # mid-grey in 16 bits
    out = io.BytesIO()
    grey.save(out, "PNG")
    stored = Image.open(CleanImageFormField().clean(upload("scan.png", out.getvalue())))
    assert 120 <= stored.convert("L").getpixel((0, 0)) <= 136


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


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_implausible_publish_dates_are_a_field_error(editor_client, date):
    response = editor_client.post(
        ADD_URL,
        story_form(
            status="published", participant=make_participant().pk, published_at=(date, "09:00")
        ),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_at"] == [
        "Enter a date between 1990 and 2100."
    ]


def test_open_graph_size_is_the_real_size_of_a_small_image(client):
    story = make_story(hero_image_alt="Tiny")
    story.hero_image.save("tiny.png", upload("tiny.png", _png((300, 200))), save=True)
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<meta property="og:image:width" content="300">' in page
    assert '<meta property="og:image:height" content="158">' in page


def _png(size):
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "name,slug_start",
    [("Siân Llŷr", "sian-llyr"), ("王小明", "participant-"), ("محمد الحسن", "participant-")],
)
def test_an_empty_slug_is_made_on_the_server_for_any_name(editor_client, name, slug_start):
    from participants.models import Participant

    response = editor_client.post(
        "/admin/participants/participant/add/",
        {
            "name": name,
            "slug": "",
            "consent_scope": "web_and_print",
            "stories-TOTAL_FORMS": "0",
            "stories-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Participant.objects.get(name=name).slug.startswith(slug_start)
