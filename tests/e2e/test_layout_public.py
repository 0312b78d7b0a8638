"""The public pages as a person sees them on a phone (390 px) and a laptop (1366 px):
a full-page screenshot of each into test-artifacts/screenshots/, and the layout
facts a reader notices: nothing to scroll sideways, the first story near the top
of a listing on a phone, cards that stay short, a story page that uses the width."""

import pytest
from django.db.models import Count

from participants.models import Participant
from stories.models import Story
from tests.e2e.pages import screenshot, show
from tests.e2e.site import SEED_STORY, TAG, THEME, load_site
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
WIDTHS = {"390": PHONE, "1366": LAPTOP}
# The listings a reader opens to find a story; on a phone its first card must start
# within the first screen and a half.
LISTINGS = {"stories": "/stories/", "theme": f"/themes/{THEME}/", "tag": f"/tags/{TAG}/"}
FIRST_CARD_WITHIN = 1.5 * PHONE["height"]
# A card lists this many themes at most, then says how many more there are.
CHIPS_PER_CARD = 3

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_every_public_page_is_screenshot_at_both_widths_without_sideways_scrolling(browser):
    """Every page of site.PUBLIC_PAGES (and any added later), at 390 and 1366 pixels."""
    pages = load_site()
    too_wide, shots = {}, []
    with browser() as open_page:
        for width, viewport in WIDTHS.items():
            page = open_page(viewport=viewport)
            for name, address in pages.items():
                page.goto(address)
                shots.append(screenshot(page, f"public-{name}-{width}"))
                if (overflow := page.evaluate(SIDEWAYS)) > 0:
                    too_wide[f"{name} at {width}"] = f"{overflow}px too wide"
    assert too_wide == {}
    assert len(shots) == 2 * len(pages)


def test_sideways_scrolling_is_noticed(browser):
    """The check can fail: a page wider than the phone is reported."""
    with browser() as open_page:
        page = open_page(viewport=PHONE)
        show(page, '<div style="width: 800px">A wide table</div>')
        assert page.evaluate(SIDEWAYS) > 0


def test_first_story_on_a_phone_comes_before_the_filters_open(browser):
    """On a phone the filters wait behind "Filter stories": the first card starts within
    a screen and a half, and the filters open with one tap. On a laptop they are open."""
    load_site()
    with browser() as open_page:
        phone, laptop = open_page(viewport=PHONE), open_page(viewport=LAPTOP)
        for name, address in LISTINGS.items():
            phone.goto(address)
            first_card = phone.locator(".card").first.bounding_box()
            assert first_card["y"] < FIRST_CARD_WITHIN, f"{name}: first card at {first_card['y']}"
            apply = phone.get_by_role("button", name="Apply filters")
            assert not apply.is_visible(), name
            phone.locator(".listing-filters summary").click()
            assert apply.is_visible(), name

            laptop.goto(address)
            assert laptop.get_by_role("button", name="Apply filters").is_visible(), name


def test_cards_show_three_themes_then_how_many_more_and_tags_by_name(browser):
    load_site()
    story = (
        Story.objects.public()
        .annotate(theme_count=Count("themes"))
        .filter(theme_count__gt=CHIPS_PER_CARD)
        .select_related("participant")
        .first()
    )
    tags = {tag.slug: tag.name for tag in story.tags.all()}
    hidden = story.theme_count - CHIPS_PER_CARD
    with browser() as open_page:
        page = open_page(viewport=PHONE)
        person = story.participant.get_absolute_url()
        for address in ["/", "/stories/", f"/themes/{THEME}/", person]:
            page.goto(address)
            for card in page.locator(".card").all():
                assert card.locator(".chips li a").count() <= CHIPS_PER_CARD, address
        card = page.locator(".card", has_text=story.title)
        assert card.locator(".chips li a").count() == CHIPS_PER_CARD
        assert card.locator(".chips").inner_text().endswith(f"and {hidden} more")
        tag_text = card.locator(".card-tags").inner_text()
        for slug, name in tags.items():
            assert name in tag_text
            assert slug not in tag_text, f"tag shown as its slug {slug!r}"
            assert name != slug, f"the demo names tag {slug!r} by its slug"


def test_home_page_on_a_phone_is_short(browser):
    """It was 9,200 pixels long: featured and latest stories and every theme, each card
    with its picture and up to five theme pills."""
    load_site()
    with browser() as open_page:
        page = open_page(viewport=PHONE)
        page.goto("/")
        height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5500


def test_story_page_puts_person_partners_and_outcomes_beside_the_body_on_a_laptop(browser):
    load_site()
    with browser() as open_page:
        laptop, phone = open_page(viewport=LAPTOP), open_page(viewport=PHONE)
        for page in (laptop, phone):
            page.goto(f"/stories/{SEED_STORY}/")
        side = laptop.locator(".story-aside").bounding_box()
        body = laptop.locator(".story-body").bounding_box()
        assert side["x"] > body["x"] + body["width"], "side column beside the body"
        assert side["y"] < body["y"] + body["height"], "side column beside, not below"
        aside = laptop.locator(".story-aside")
        for heading in ["Outcomes", "Partners"]:
            assert aside.get_by_role("heading", name=heading).is_visible()
        assert aside.locator(".aside-person a").first.is_visible()

        side = phone.locator(".story-aside").bounding_box()
        body = phone.locator(".story-body").bounding_box()
        assert side["y"] >= body["y"] + body["height"], "stacked below the body on a phone"


def test_indexes_show_a_picture_or_placeholder_and_a_count_for_each(browser):
    load_site()
    # The demo gives no one a photo (demo.pictures): one person agrees to show one.
    person = Participant.objects.get(slug="andrew-wilesmith")
    person.photo_alt = "Andrew Wilesmith outside the leisure centre"
    person.consent_photo = True
    person.photo.save("andrew.jpg", upload(size=(900, 900)), save=False)
    person.save()
    pictured = {}
    with browser() as open_page:
        page = open_page(viewport=LAPTOP)
        for address, item in [
            ("/themes/", ".theme-cards > li"),
            ("/participants/", ".person-cards > li"),
            ("/organisations/", ".organisation-cards > li"),
        ]:
            page.goto(address)
            items = page.locator(item).all()
            assert items, address
            for each in items:
                # A picture, or where there is none a neutral shape in its place.
                box = each.locator(".placeholder")
                assert box.count() == 1, f"{address}: {each.inner_text()[:40]}"
                assert box.bounding_box()["height"] > 40, address
                if not box.locator("img").count():
                    assert box.inner_text().strip() == "", "a placeholder shows no initials"
                assert "stor" in each.locator(".count").inner_text(), address
            pictured[address] = page.locator(".placeholder img").count()
    # Theme pictures, the one photo and the demo's logos.
    assert pictured["/participants/"] == 1, pictured
    assert all(pictured.values()), pictured
