"""Search finds public stories by every field a reader might remember."""

import pytest

from stories.models import Story
from stories.search import service as search
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db


def found(words):
    best = search.ranked(Story.objects.public(), words)
    titles = dict(Story.objects.filter(pk__in=best).values_list("pk", "title"))
    return [titles[pk] for pk in best]


@pytest.mark.parametrize(
    "words",
    [
        "leisure centres",  # title
        "trust before they built",  # summary
        "rocket science",  # pull quote
        "Section 75",  # body
        "Wilesmith",  # participant name
        "Operations Manager",  # job title
        "Ipswich",  # participant's organisation
        "Suffolk Mind",  # partner organisation
        "universalism",  # theme name
        "covid-19",  # tag name
    ],
)
def test_every_field_is_searched(ipswich, words):
    other = make_participant(name="Someone Else", job_title="Nurse")
    make_story(
        title="An unrelated story", participant=other, body="<p>Nothing about that here.</p>"
    )
    assert found(words) == [ipswich.title]


def test_stemming_finds_partnership_from_partnerships(ipswich):
    assert found("partnerships") == [ipswich.title]


def test_case_and_accents_do_not_matter(ipswich):
    make_story(title="Zoë Lambert on home safety")
    assert found("ZOË") == ["Zoë Lambert on home safety"]
    assert found("zoe") == ["Zoë Lambert on home safety"]


def test_a_title_match_outranks_a_body_match():
    body_only = make_story(title="A story", body="<p>Loneliness came up in every conversation.</p>")
    in_title = make_story(title="Loneliness in coastal towns", body="<p>Other words.</p>")
    in_summary = make_story(title="Another", summary="Tackling loneliness with neighbours.")
    assert found("loneliness") == [in_title.title, in_summary.title, body_only.title]


def test_phrases_in_quotes_and_minus_exclusions_work():
    make_story(title="Mental health support", body="<p>In Ipswich.</p>")
    make_story(title="Health of the mind", body="<p>Mental wellbeing in Leeds.</p>")
    make_story(title="Mental health in Leeds", body="<p>Police and nurses together.</p>")
    assert sorted(found('"mental health"')) == ["Mental health in Leeds", "Mental health support"]
    assert found('"mental health" -ipswich') == ["Mental health in Leeds"]


def test_a_misspelt_name_is_found_on_postgresql_only(ipswich, postgres):
    # PostgreSQL's trigram index forgives typos in names; SQLite's FTS5 index does not.
    assert found("Wilesmth") == ([ipswich.title] if postgres else [])
    assert found("Ipswitch") == ([ipswich.title] if postgres else [])


def test_stop_words_alone_find_nothing_on_postgresql(ipswich, postgres):
    # PostgreSQL's English dictionary drops "the"; SQLite's porter stemmer keeps it.
    assert found("the") == ([] if postgres else [ipswich.title])


def test_a_hyphenated_word_also_finds_it_run_together():
    make_story(title="Staff wellbeing in a busy ward")
    make_story(title="A well-being café for carers")
    assert sorted(found("well-being")) == [
        "A well-being café for carers",
        "Staff wellbeing in a busy ward",
    ]
    assert "Staff wellbeing in a busy ward" in found("wellbeing")
