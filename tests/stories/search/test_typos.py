"""A misspelt word finds its stories on either database, with "Did you mean"."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from demo.loader import load_demo
from stories.models import Story
from stories.search.spelling import edit_distance
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db

SEED = "From leisure centres to community health: Andrew Wilesmith&#x27;s system journey in Ipswich"


@pytest.fixture
def demo(db):
    load_demo(with_pictures=False)


def titles(response):
    return [story.title for story in response.context["page"].object_list]


@pytest.mark.parametrize(
    "typed, meant",
    [("helth", "health"), ("Wilesmth", "Wilesmith"), ("co-producton", "co-production")],
)
def test_a_misspelt_word_finds_the_seed_story_and_offers_the_right_spelling(
    client, demo, typed, meant
):
    response = client.get("/search/", {"q": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert any(title.startswith("From leisure centres") for title in titles(response))
    assert SEED in page
    # Whether the words as typed found the story (PostgreSQL forgives a name) or only
    # the corrected ones did, the reader is offered the right spelling.
    link = f'href="/search/?q={meant}"'
    assert link in page
    spelling = page.split('<p class="spelling">')[1].split("</p>")[0]
    assert f">{meant}<" in spelling


def test_results_found_only_through_a_correction_say_so_and_offer_the_words_as_typed(client, demo):
    # Two words: neither database forgives them as typed.
    response = client.get("/search/", {"q": "leisure servise"})
    page = response.content.decode()
    assert any(title.startswith("From leisure centres") for title in titles(response))
    spelling = page.split('<p class="spelling">')[1].split("</p>")[0]
    assert "Showing results for" in spelling
    assert 'href="/search/?q=leisure+service"' in spelling
    assert 'href="/search/?q=leisure+%22servise%22"' in spelling
    # Words in quotes are taken as typed: nothing found, nothing corrected.
    exactly = client.get("/search/", {"q": 'leisure "servise"'})
    assert titles(exactly) == []
    assert 'class="spelling"' not in exactly.content.decode()


def test_a_correctly_spelt_search_offers_no_correction(client, demo):
    page = client.get("/search/", {"q": "health"}).content.decode()
    assert 'class="spelling"' not in page


def test_a_word_only_in_a_draft_is_never_offered(client):
    make_story(title="Public story about leisure", body="<p>Leisure centres.</p>")
    draft = make_story(
        title="Draft about the Zanzibarian plan",
        body="<p>Zanzibarian</p>",
        status=Story.Status.DRAFT,
        published_at=None,
    )
    withdrawn = make_participant(name="Quixotically Private")
    make_story(participant=withdrawn, body="<p>Quixotically</p>")
    withdrawn.consent_withdrawn_at = timezone.now()
    withdrawn.save()
    for typo, secret in [("Zanzibarien", "anzibarian"), ("Quixoticaly", "uixotically")]:
        page = client.get("/search/", {"q": typo}).content.decode()
        assert secret not in page.lower().replace(typo.lower(), "")
        assert 'class="spelling"' not in page
    # Once published, the same word is offered at once.
    draft.status, draft.published_at = Story.Status.PUBLISHED, timezone.now()
    draft.save()
    cache.clear()
    page = client.get("/search/", {"q": "Zanzibarien"}).content.decode()
    assert 'href="/search/?q=Zanzibarian"' in page


@pytest.mark.parametrize(
    "typed",
    [
        "",
        " ",
        "a" * 500,
        "Zoë",
        '"',
        '"helth',
        "helth*",
        "NEAR(helth",
        "helth OR",
        "-helth",
        "helth -",
        "h\u0000elth",
        "🙂 helth",
        "co--producton",
        "ÄÖÜ ßtraße",
    ],
)
def test_odd_and_hostile_words_never_break_the_page(client, ipswich, typed):
    assert client.get("/search/", {"q": typed}).status_code == 200
    assert client.get("/stories/", {"q": typed}).status_code == 200


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("health", "helth", 2) == 1
    assert edit_distance("health", "haelth", 2) == 1
    assert edit_distance("wilesmith", "wilesmth", 2) == 1
    assert edit_distance("health", "wealth", 1) == 1
    assert edit_distance("health", "stories", 2) == 3
