"""An editor's whole journey in a real browser: organisation, participant with
consent, a formatted story with themes, tags, a partner, an outcome and a hero
image; a contributor sends it for review, an editor publishes it, and a reader
finds it on its theme page."""

import io
import re

import pytest
from django.conf import settings
from PIL import Image

from stories.models import StatusChange, Story
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.pages import loaded_image, log_in, pick, screenshot
from tests.e2e.site import load_site
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Typographic apostrophes, as editors paste them from a word processor.
TITLE = "Siobhán’s supper club turns Bangor’s empty chapel into a kitchen"  # noqa: RUF001
QUOTE = "We stopped asking people to come to us and went to where they already were."


def hero_jpeg() -> bytes:
    picture = Image.new("RGB", (1600, 1000), (32, 96, 140))
    for x in range(0, 1600, 100):
        picture.paste((240, 200, 60), (x, 600, x + 50, 1000))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def test_contributor_writes_editor_publishes_reader_finds_it(browser):
    load_site()
    make_staff("casey-contributor", "Contributors")
    make_staff("erin-editor", "Editors")
    shots = {}  # screenshot file: the width it was taken at

    with browser() as open_page:
        page = open_page()
        log_in(page, "casey-contributor")

        page.goto("/admin/participants/organisation/add/")
        page.get_by_label("Name").fill("Cyngor Gwynedd")
        page.get_by_label("Kind").select_option(label="Local authority")
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("was added successfully").wait_for()

        page.goto("/admin/participants/participant/add/")
        page.get_by_label("Name:", exact=True).fill("Siobhán Ní Bhriain")
        page.get_by_label("Job title").fill("Community Development Officer")
        pick(page, page.get_by_role("combobox", name="Organisation"), "Gwynedd", "Cyngor Gwynedd")
        # Consent is an editor's to record: a contributor is not offered its fields.
        assert page.get_by_label("Consent given", exact=True).count() == 0
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("was added successfully").wait_for()

        page.goto("/admin/stories/story/add/")
        page.get_by_label("Title").fill(TITLE)
        pick(page, page.get_by_role("combobox", name="Participant"), "Siobh", "Siobhán Ní Bhriain")
        page.get_by_label("Summary").fill(
            "A weekly supper in a closed chapel became Bangor's food hub."
        )
        page.get_by_label("Pull quote").fill(QUOTE)
        body = page.get_by_role("textbox", name="Body")
        body.click()
        page.keyboard.type("The chapel had been shut for six years. ")
        page.keyboard.press("Control+B")
        page.keyboard.type("Forty neighbours")
        page.keyboard.press("Control+B")
        page.keyboard.type(" came to the first supper.")
        page.keyboard.press("Enter")
        page.keyboard.type("- Hot meals on Tuesdays")
        page.keyboard.press("Enter")
        page.keyboard.type("Advice on benefits and energy bills")
        themes = page.get_by_role("searchbox", name="Themes")
        pick(page, themes, "Health", "Health inequalities")
        pick(page, themes, "Community", "Community development")
        page.get_by_role("combobox", name="Tags:").fill("food-insecurity, Gwynedd")
        page.get_by_label("Hero image:", exact=True).set_input_files(
            {"name": "chapel-supper.jpg", "mimeType": "image/jpeg", "buffer": hero_jpeg()}
        )
        page.get_by_label("Hero image alt text").fill("Long tables laid for supper inside a chapel")
        page.get_by_role("button", name="Add another partner organisation").click()
        partner = page.locator("#partnerships-0")
        pick(page, partner.get_by_role("combobox"), "Tower", "Tower Hamlets GP Care Group")
        # A chosen picker is still named by its column and its label, not only by its value.
        assert partner.get_by_role("combobox", name="Organisation Tower Hamlets").count() == 1
        chosen = re.compile(r"^Participant:.*Siobhán Ní Bhriain")
        assert page.get_by_role("combobox", name=chosen).count() == 1
        partner.get_by_label("Role").fill("Shared its social prescribing model")
        page.get_by_role("button", name="Add another outcome").click()
        outcome = page.locator("#outcomes-0")
        outcome.get_by_label("Description").fill("Suppers served in the first year")
        outcome.get_by_label("Value").fill("2400")
        outcome.get_by_label("Unit").fill("meals")
        page.get_by_role("button", name="Save and continue editing").click()
        page.get_by_text("was added successfully").wait_for()

        # A contributor may send for review, and is not offered publishing.
        status = page.get_by_label("Status")
        assert "Published" not in status.locator("option").all_inner_texts()
        status.select_option(label="In review")
        page.get_by_role("button", name="Save and continue editing").click()
        page.get_by_text("was changed successfully").wait_for()

        editor = open_page()
        log_in(editor, "erin-editor")
        # The editor records the participant's consent, with the wording they agreed to.
        editor.goto("/admin/participants/participant/?q=Siobh")
        editor.get_by_role("link", name="Siobhán Ní Bhriain").click()
        editor.get_by_label("Consent given", exact=True).check()
        editor.get_by_label("Consent given on").fill("2026-11-02")
        editor.get_by_label("Consent scope").select_option(label="Website only")
        editor.get_by_label("Wording agreed to").select_option(index=1)
        editor.get_by_role("button", name="Save", exact=True).click()
        editor.get_by_text("was changed successfully").wait_for()
        editor.goto("/admin/stories/story/?status__exact=review")
        editor.get_by_role("link", name=TITLE).click()
        editor.get_by_label("Status").select_option(label="Published")
        editor.get_by_role("button", name="Save", exact=True).click()
        editor.get_by_text("was changed successfully").wait_for()

        reader = open_page()
        reader.goto("/themes/health-inequalities/")
        reader.get_by_role("link", name=TITLE).click()
        assert reader.get_by_role("heading", level=1).inner_text() == TITLE
        hero = reader.get_by_role("img", name="Long tables laid for supper inside a chapel")
        assert loaded_image(hero)
        assert QUOTE in reader.locator("blockquote.pull-quote").inner_text()
        assert reader.locator(".story-body strong").inner_text() == "Forty neighbours"
        assert reader.locator(".story-body li").all_inner_texts() == [
            "Hot meals on Tuesdays",
            "Advice on benefits and energy bills",
        ]
        main = reader.get_by_role("main").inner_text()
        assert "Tower Hamlets GP Care Group" in main
        assert "Shared its social prescribing model" in main
        assert "Suppers served in the first year" in main and "2,400" in main
        assert "Cyngor Gwynedd" in main and "Siobhán Ní Bhriain" in main
        story_address = reader.url

        for width, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
            shooter = open_page(viewport=viewport)
            for name, address in [
                ("home", "/"),
                ("theme", "/themes/health-inequalities/"),
                ("story", story_address),
                ("search", "/search/?q=supper"),
            ]:
                shooter.goto(address)
                shots[screenshot(shooter, f"{name}-{width}")] = viewport["width"]

    story = Story.objects.get(title=TITLE)
    assert story.status == Story.Status.PUBLISHED
    assert Story.objects.public().filter(pk=story.pk).exists()
    assert sorted(story.tags.names()) == ["Gwynedd", "food-insecurity"]
    moves = list(StatusChange.objects.filter(story=story).order_by("id"))
    assert [(m.to_status, m.by.username) for m in moves][-2:] == [
        ("review", "casey-contributor"),
        ("published", "erin-editor"),
    ]
    # Eight whole pages, each as wide as the screen it was taken on: the page fits it.
    assert len(shots) == 8
    for path, width in shots.items():
        with Image.open(settings.BASE_DIR / path) as shot:
            assert shot.size[0] == width and shot.size[1] > 600, path
