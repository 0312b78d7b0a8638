import re

from stories.search.queries import fts5_expression, parse


def test_words_phrases_and_exclusions_are_recognised():
    query = parse('mental health "section 75" -covid')
    assert query.wanted == (("mental",), ("health",), ("section", "75"))
    assert query.excluded == (("covid",),)


def test_query_syntax_characters_never_reach_the_database_as_syntax():
    query = parse("a' OR 1=1; -- :* & | ! ( ) NEAR(x y) ^ col:val")
    expression = fts5_expression(query)
    # outside double-quoted runs of word characters there are only operators and brackets
    outside = re.sub(r'"[\w ]*"', "", expression)
    assert set(outside.replace("AND", "").replace("OR", "").replace("NOT", "")) <= {" ", "(", ")"}


def test_only_punctuation_is_an_empty_query():
    assert parse("!!! ??? ---").is_empty
    assert parse('"" -').is_empty


def test_exclusions_wrap_what_is_wanted():
    assert fts5_expression(parse("health -covid -ipswich")) == (
        '(("health") NOT "covid") NOT "ipswich"'
    )


def test_typo_tolerance_is_for_name_like_queries_only():
    assert parse("Wilesmth").tolerates_typos
    assert not parse("mental health").tolerates_typos
    assert not parse("the").tolerates_typos
    assert not parse('"mental health"').tolerates_typos
    assert not parse("health -covid").tolerates_typos


def test_an_unclosed_quote_is_a_phrase_to_the_end():
    assert parse('"mental health').wanted == (("mental", "health"),)


def test_very_long_queries_are_capped():
    assert len(parse("word " * 1000).wanted) == 24


def test_hyphenated_words_may_also_match_run_together():
    query = parse('well-being "co-production"')
    assert query.joined == ("wellbeing", None)
    assert fts5_expression(query) == '("well being" OR "wellbeing") AND "co production"'
