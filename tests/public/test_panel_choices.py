"""The public marks of a panel's choice: on the story's page (which panel, when, in which
theme, the reason quoted), on its card in every listing, on the theme's page and on the
participant's own page; only for a decided round and a public story, and gone at once
when the story leaves the public site."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from editorial import services
from editorial.people_services import save_participant
from editorial.selection import save_round
from stories.models import Consideration
from tests.factories import make_participant, make_story
from tests.markup import parse
from tests.page_queries import queries
from tests.portal.helpers import sign_in_as
from tests.selection_world import REASON, choose, decide, make_world

pytestmark = pytest.mark.django_db

MARK = "Chosen by the panel"
EVERY_CARD_LISTING = [
    "/",
    "/stories/",
    "/themes/housing/",
    "/participants/sian/",
    "/search/?q=ward",
]


@pytest.fixture
def world():
    return make_world()


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def card_of(html: str, title: str):
    """The story card titled `title` on the page, or None."""
    for card in parse(html).find_all("article", class_="card"):
        if card.one("h3").text() == title:
            return card
    return None


def marked(html: str, title: str) -> bool:
    card = card_of(html, title)
    assert card is not None, f"no card for {title}"
    return MARK in card.text()


def test_the_story_page_says_which_panel_chose_it_in_which_theme_and_why(client, world):
    choose(world.programme, (world.ward, world.housing), title="Panel y Gwanwyn 2026")
    html = page(client, "/stories/ward/")
    document = parse(html)

    assert MARK in document.one("article", class_="story").one("header").text()
    section = document.one("section", class_="panel-choices")
    assert section.one("h2").text() == MARK
    caption = section.one("figcaption").text()
    assert "Panel y Gwanwyn 2026" in caption
    today = timezone.localdate()
    period_start = today - dt.timedelta(days=180)
    assert f"stories from {period_start:%-d %B %Y}" in caption
    assert "Housing" in caption
    assert section.one("figcaption").one("a").attrs["href"] == "/themes/housing/"
    assert section.one("blockquote").text() == REASON


@pytest.mark.parametrize("state", ["undecided", "decided_later", "considered_only"])
def test_no_mark_before_the_panel_has_decided_or_for_a_story_only_read(client, world, state):
    later = timezone.localdate() + dt.timedelta(days=10)
    if state == "considered_only":
        selection_round = choose(world.programme, (world.clinic, world.health))
        save_round(
            selection_round=selection_round,
            considerations=[Consideration(story=world.ward, theme=world.housing)],
            by=None,
        )
    else:
        choose(
            world.programme,
            (world.ward, world.housing),
            decided_on=None if state == "undecided" else later,
        )
    story_page = parse(page(client, "/stories/ward/")).one("article", class_="story")
    assert MARK not in story_page.text()
    for url in ["/", "/stories/", "/themes/housing/"]:
        assert not marked(page(client, url), "A ward that listened"), url
    assert "theme-panel-choices" not in page(client, "/themes/housing/")


@pytest.mark.parametrize("url", EVERY_CARD_LISTING)
def test_every_listing_marks_the_chosen_storys_card_and_no_other(client, world, url):
    choose(world.programme, (world.ward, world.housing))
    html = page(client, url)
    assert marked(html, "A ward that listened")
    if card_of(html, "Y clinig ar y gornel"):
        assert not marked(html, "Y clinig ar y gornel")


def test_a_related_storys_card_carries_the_mark(client, world):
    choose(world.programme, (world.ward, world.housing))
    assert marked(page(client, "/stories/clinic/"), "A ward that listened")


def test_the_theme_page_lists_the_stories_chosen_in_it_with_their_reasons(client, world):
    choose(
        world.programme,
        (world.ward, world.housing),
        (world.clinic, world.health),
        reason="Y rheswm: it changed a whole system.",
    )
    housing = parse(page(client, "/themes/housing/")).one("section", class_="theme-panel-choices")
    assert [h.text() for h in housing.find_all("h3")] == ["A ward that listened"]
    assert "Siân Llewelyn-ap-Rhys" in housing.text()
    assert housing.one("blockquote").text() == "Y rheswm: it changed a whole system."
    health = parse(page(client, "/themes/health/")).one("section", class_="theme-panel-choices")
    assert [h.text() for h in health.find_all("h3")] == ["Y clinig ar y gornel"]


def test_a_script_in_the_reason_or_the_round_is_shown_as_text(client, world):
    script = "<script>alert('reason')</script>"
    choose(world.programme, (world.ward, world.housing), reason=script, title=script)
    sign_in_as(client, world.sian)
    for url in ["/stories/ward/", "/themes/housing/", "/my/"]:
        html = page(client, url)
        assert "<script>alert(" not in html, url
        assert "&lt;script&gt;alert(" in html, url


def test_the_participants_own_page_says_their_story_was_chosen(client, world):
    choose(world.programme, (world.ward, world.housing), title="Spring panel")
    sign_in_as(client, world.sian)
    item = parse(page(client, "/my/")).one("p", class_="portal-chosen")
    assert "Spring panel chose your story in Housing" in item.text()
    assert REASON in item.text()

    sign_in_as(client, world.layla)
    assert "portal-chosen" not in page(client, "/my/")


def test_saving_a_round_renews_the_cached_pages_that_show_it(client, world):
    urls = ["/stories/ward/", "/stories/", "/themes/housing/", "/participants/sian/"]
    for url in urls:
        assert MARK not in page(client, url)
    selection_round = choose(world.programme, (world.ward, world.housing), decided_on=None)
    decide(selection_round, timezone.localdate())
    for url in urls:
        assert MARK in page(client, url), url

    decide(selection_round, None)  # the panel's decision withdrawn
    for url in urls:
        assert MARK not in page(client, url), url


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_round_decided_for_a_later_day_marks_the_cached_pages_on_that_day(client, world):
    day = timezone.localdate() + dt.timedelta(days=2)
    choose(world.programme, (world.ward, world.housing), decided_on=day)
    assert MARK not in page(client, "/stories/ward/")
    assert not marked(page(client, "/stories/"), "A ward that listened")
    midnight = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    with at(midnight - dt.timedelta(seconds=1)):
        assert MARK not in page(client, "/stories/ward/")
        assert not marked(page(client, "/stories/"), "A ward that listened")
    with at(midnight + dt.timedelta(seconds=1)):
        assert MARK in page(client, "/stories/ward/")
        assert marked(page(client, "/stories/"), "A ward that listened")
        assert "A ward that listened" in page(client, "/themes/housing/").split("footer")[0]


def withdraw_consent(world):
    world.sian.consent_withdrawn_at = timezone.now()
    save_participant(participant=world.sian, by=None)


def unpublish(world):
    services.unpublish_story(story=world.ward, by=None)


@pytest.mark.parametrize("hide", [withdraw_consent, unpublish])
def test_a_story_leaving_the_public_site_takes_its_marks_everywhere_at_once(client, world, hide):
    choose(world.programme, (world.ward, world.housing))
    sign_in_as(client, world.sian)
    for url in ["/stories/", "/themes/housing/", "/my/"]:
        assert MARK in page(client, url), url
    client.logout()

    hide(world)

    assert client.get("/stories/ward/").status_code == 404
    for url in ["/", "/stories/", "/themes/housing/"]:
        html = page(client, url)
        assert MARK not in html and "A ward that listened" not in html, url
    assert not Consideration.objects.public_choices().exists()
    if hide is unpublish:  # a participant who withdrew is signed out of their page
        sign_in_as(client, world.sian)
        assert "portal-chosen" not in page(client, "/my/")


# --- The queries a page runs do not grow with the number of choices.


def test_the_pages_run_as_many_queries_for_one_choice_as_for_many(client, world):
    urls = ["/stories/ward/", "/stories/", "/themes/housing/", "/"]
    choose(world.programme, (world.ward, world.housing), (world.clinic, world.health))
    with_two = {url: queries(client, url) for url in urls}

    # Five rounds more, each choosing two more stories in housing and health.
    for index in range(5):
        person = make_participant(name=f"Llinos {index}")
        person.cohorts.add(world.sian.cohorts.get())
        one = make_story(participant=person, title=f"Housing story {index}")
        one.themes.add(world.housing, world.health)
        two = make_story(participant=person, title=f"Health story {index}")
        two.themes.add(world.health)
        choose(world.programme, (one, world.housing), (two, world.health), title=f"Round {index}")
    choose(world.programme, (world.ward, world.housing), title="Another round for the ward")
    with_many = {url: queries(client, url) for url in urls}

    assert with_many == with_two


def test_deleting_a_round_in_the_admin_takes_its_marks_off(client, editor, world):
    selection_round = choose(world.programme, (world.ward, world.housing))
    assert MARK in page(client, "/stories/ward/")
    client.force_login(editor)
    address = f"/admin/stories/selectionround/{selection_round.pk}/delete/"
    assert client.post(address, {"post": "yes"}).status_code == 302
    client.logout()
    assert "panel-choices" not in page(client, "/stories/ward/")
    assert not marked(page(client, "/stories/"), "A ward that listened")
