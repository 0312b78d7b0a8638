"""The page each story of a brochure starts on, worked out before printing: every
story on two pages, its narrative at a type scale that fits its length.
(tests/e2e/test_brochure_pdf.py prints them and reads the pages back.)"""

import re

import pytest

from impact.brochure_pages import SCALES, TIGHT, body_length
from tests.factories import make_outcome, make_partner, make_theme
from tests.impact.test_brochure import COHORT_URL, page, story_in

pytestmark = pytest.mark.django_db


def body_of(length: int) -> str:
    """Paragraphs of about 600 characters, `length` in all as the layout counts them."""
    paragraph = "<p>" + "Words on a page. " * 35 + "</p>"
    return paragraph * max(1, round(length / body_length(paragraph)))


def contents(html: str) -> list[tuple[str, int]]:
    """Each story's anchor in the contents, with the page number given for it."""
    entries = re.findall(
        r'<a href="#(story-[^"]+)">.*?<span class="contents-page">'
        r'<span class="visually-hidden">page </span>(\d+)</span>',
        html,
    )
    return [(anchor, int(number)) for anchor, number in entries]


def article_class(html: str, slug: str) -> str:
    return re.search(rf'<article class="([^"]+)" id="story-{slug}"', html)[1]


def test_after_the_cover_and_contents_each_story_starts_two_pages_on(client, cohort):
    for n in range(3):
        story_in(cohort, slug=f"s{n}", days_ago=10 - n, body=body_of(SCALES[n][1] - 400))
    assert contents(page(client, COHORT_URL)) == [("story-s0", 3), ("story-s1", 5), ("story-s2", 7)]


def test_a_story_too_long_for_two_pages_is_counted_with_its_extra_pages(client, cohort):
    story_in(cohort, slug="long", days_ago=3, body=body_of(TIGHT + 2000))
    story_in(cohort, slug="after", days_ago=2)
    assert contents(page(client, COHORT_URL)) == [("story-long", 3), ("story-after", 6)]


@pytest.mark.parametrize(
    ("length", "scale"), [(1500, "regular"), (3800, "snug"), (TIGHT - 500, "tight")]
)
def test_a_longer_narrative_is_set_smaller_to_keep_to_its_page(client, cohort, length, scale):
    story = story_in(cohort, slug="story", body=body_of(length))
    story.themes.add(make_theme(name="Health inequalities"))
    html = page(client, COHORT_URL)
    assert f"narrative-{scale}" in article_class(html, "story")
    opener, narrative = html.split('id="story-story"')[1].split(
        'class="brochure-page brochure-narrative"'
    )
    # At the smallest scale the themes move up to the opening page to leave room.
    themes_first = scale == "tight"
    assert ("<li>Health inequalities</li>" in opener) == themes_first
    assert ("<li>Health inequalities</li>" in narrative.split("</article>")[0]) != themes_first


def test_partners_count_towards_the_narrative_page(client, cohort):
    story = story_in(cohort, slug="story", body=body_of(SCALES[0][1] - 300))
    assert "narrative-regular" in article_class(page(client, COHORT_URL), "story")
    for _ in range(4):
        make_partner(story, role="A partner whose role takes a line of its own")
    assert "narrative-snug" in article_class(page(client, COHORT_URL), "story")


def test_many_outcomes_set_the_opening_page_closer(client, cohort):
    story = story_in(cohort, slug="story")
    for _ in range(3):
        make_outcome(story, kind="people_reached", value=10, unit="people")
    assert "opener-compact" not in article_class(page(client, COHORT_URL), "story")
    make_outcome(story, kind="funding", value=1000, unit="GBP")
    assert "opener-compact" in article_class(page(client, COHORT_URL), "story")


def test_a_long_quote_and_summary_set_the_opening_page_closer(client, cohort):
    story_in(cohort, slug="story", pull_quote="Words. " * 40, summary="Summary. " * 40)
    assert "opener-compact" not in article_class(page(client, COHORT_URL), "story")
    story_in(cohort, slug="wordy", pull_quote="Words. " * 80, summary="Summary. " * 44)
    assert "opener-compact" in article_class(page(client, COHORT_URL), "wordy")
