"""The printable "Stories of Impact" brochure of a programme and of a cohort."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from editorial.services import unpublish_story
from pagecache import dependencies
from pagecache.versions import current_token
from participants.models import Participant
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_story,
    make_theme,
)
from tests.images.pictures import upload

pytestmark = pytest.mark.django_db

PROGRAMME_URL = "/programmes/leadership-essentials/brochure/"
COHORT_URL = "/programmes/leadership-essentials/march-2020/brochure/"
DAY = dt.timedelta(days=1)


def story_in(cohort, *, person=None, days_ago=10, **fields):
    """A public story by a participant of `cohort`, published `days_ago` days ago."""
    participant = make_participant(**(person or {}))
    participant.cohorts.add(cohort)
    fields.setdefault("published_at", timezone.now() - days_ago * DAY)
    return make_story(participant=participant, **fields)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def cover_figures(html: str) -> dict[str, str]:
    """The cover's headline figures, by what each counts ("stories": "2")."""
    figures = html.split('<ul class="cover-figures"')[1].split("</ul>")[0]
    return {
        label.split()[0]: number
        for number, label in re.findall(r"<li><strong>([^<]+)</strong> ([^<]+)</li>", figures)
    }


def story_sections(html: str) -> list[str]:
    """The ids of the story pages, in the order they are printed."""
    return re.findall(r'<article class="brochure-story [^"]*" id="([^"]+)"', html)


def test_cover_names_the_programme_the_cohort_and_the_number_of_stories(client, cohort):
    story_in(cohort)
    story_in(cohort)
    html = page(client, COHORT_URL)
    cover = html.split('class="brochure-page brochure-cover"')[1].split("</section>")[0]
    assert "Leadership Essentials" in cover
    assert "March 2020 cohort" in cover
    assert "Stories of Impact" in cover
    assert cover_figures(cover)["stories"] == "2"
    assert "Print command (Ctrl+P, or ⌘P on a Mac)" in cover


def test_each_story_has_a_page_of_its_own_oldest_first(client, cohort):
    organisation = make_organisation(name="Ipswich Borough Council")
    newer = story_in(cohort, title="Swimming for everyone", slug="swimming", days_ago=2)
    older = story_in(
        cohort,
        title="From leisure centres to community health",
        slug="leisure",
        days_ago=30,
        person={
            "name": "Andrew Wilesmith",
            "job_title": "Operations Manager, Sport and Leisure",
            "organisation": organisation,
        },
    )
    html = page(client, COHORT_URL)
    assert story_sections(html) == ["story-leisure", "story-swimming"]
    leisure = html.split('id="story-leisure"')[1].split("</article>")[0]
    assert '<h2 id="part-leisure-title">From leisure centres to community health</h2>' in leisure
    assert '<p class="brochure-name">Andrew Wilesmith</p>' in leisure
    assert "Operations Manager, Sport and Leisure, Ipswich Borough Council" in leisure
    assert "Leadership Essentials, March 2020 cohort" in leisure
    assert older.body in leisure
    contents = html.split('class="brochure-page brochure-contents"')[1].split("</nav>")[0]
    assert contents.index(older.title) < contents.index(newer.title)
    assert 'href="#story-leisure"' in contents


def test_the_programme_brochure_has_every_cohort_the_cohort_brochure_only_its_own(
    client, programme, cohort
):
    story_in(cohort, title="A story from March")
    later = make_cohort(name="September 2021", slug="september-2021", programme=programme)
    story_in(later, title="A story from September")
    programme_page = page(client, PROGRAMME_URL)
    assert "A story from March" in programme_page and "A story from September" in programme_page
    cohort_page = page(client, COHORT_URL)
    assert "A story from March" in cohort_page
    assert "A story from September" not in cohort_page


def draft(cohort):
    return story_in(cohort, title="Still a draft", status="draft", published_at=None)


def scheduled(cohort):
    return story_in(cohort, title="Goes live next week", published_at=timezone.now() + 7 * DAY)


def expired(cohort):
    return story_in(cohort, title="Unpublished last week", expires_at=timezone.now() - 7 * DAY)


def consent_withdrawn(cohort):
    return story_in(
        cohort, title="Consent was withdrawn", person={"consent_withdrawn_at": timezone.now()}
    )


def website_only(cohort):
    scope = {"consent_scope": Participant.ConsentScope.WEB}
    return story_in(cohort, title="For the website only", person=scope)


def print_only(cohort):
    scope = {"consent_scope": Participant.ConsentScope.PRINT}
    return story_in(cohort, title="Print only is never public", person=scope)


def another_programme(cohort):
    elsewhere = make_cohort(name="March 2020", slug="fellowship-march-2020")
    return story_in(elsewhere, title="From another programme")


@pytest.mark.parametrize(
    "left_out",
    [draft, scheduled, expired, consent_withdrawn, website_only, print_only, another_programme],
)
@pytest.mark.parametrize("url", [PROGRAMME_URL, COHORT_URL])
def test_a_story_not_public_or_not_for_print_is_nowhere_in_the_brochure(
    client, cohort, left_out, url
):
    shown = story_in(cohort, title="Printed and public")
    hidden = left_out(cohort)
    html = page(client, url)
    assert story_sections(html) == [f"story-{shown.slug}"]
    assert hidden.title not in html
    assert hidden.slug not in html
    assert cover_figures(html)["story"] == "1"


def unpublish(story, editor):
    unpublish_story(story=story, by=editor)


def withdraw_consent(story, editor):
    story.participant.consent_withdrawn_at = timezone.now()
    story.participant.save()


def narrow_consent_to_the_website(story, editor):
    story.participant.consent_scope = Participant.ConsentScope.WEB
    story.participant.save()


@pytest.mark.parametrize("change", [unpublish, withdraw_consent, narrow_consent_to_the_website])
def test_a_story_that_stops_being_printable_drops_out_of_the_next_request(
    client, cohort, editor, change
):
    kept = story_in(cohort, title="Stays in the brochure")
    leaving = story_in(cohort, title="Leaves the brochure")
    assert "Leaves the brochure" in page(client, COHORT_URL)
    assert "Leaves the brochure" in page(client, COHORT_URL), "served from the cache"
    change(leaving, editor)
    html = page(client, COHORT_URL)
    assert "Leaves the brochure" not in html
    assert story_sections(html) == [f"story-{kept.slug}"]


def test_pull_quote_is_printed_only_if_the_participant_agreed_to_be_quoted(client, cohort):
    story_in(cohort, slug="quoted", pull_quote="It isn't rocket science.")
    story_in(
        cohort,
        slug="not-quoted",
        pull_quote="Words nobody agreed to print.",
        person={"consent_quotes": False},
    )
    html = page(client, COHORT_URL)
    quoted = html.split('id="story-quoted"')[1].split("</article>")[0]
    assert '<blockquote class="pull-quote"><p>“It isn&#x27;t rocket science.”</p>' in quoted
    assert "Words nobody agreed to print." not in html
    assert html.count('class="pull-quote"') == 1


def test_outcomes_show_type_figure_date_and_who_verified_them(client, cohort):
    story = story_in(cohort)
    make_outcome(
        story,
        kind="funding",
        description="Section 75 award for a health and wellbeing programme",
        value=1340000,
        unit="GBP",
        achieved_on=dt.date(2021, 5, 3),
        verified_by="CCG finance lead",
    )
    make_outcome(
        story, kind="people_reached", description="Residents reached", value=12, unit="people"
    )
    make_outcome(story, description="A new way of working together")
    html = page(client, COHORT_URL)
    heading = f'<h3 id="part-{story.slug}-outcomes">'
    outcomes = html.split(heading)[1].split("</section>")[0]
    assert '<strong class="outcome-figure">£1,340,000</strong>' in outcomes
    assert '<span class="outcome-kind">Funding secured</span>' in outcomes
    assert (
        '<time datetime="2021-05-03">3 May 2021</time> · Verified by CCG finance lead' in outcomes
    )
    assert '<strong class="outcome-figure">12 people</strong>' in outcomes
    assert '<span class="outcome-kind">People reached</span>' in outcomes
    assert "A new way of working together" in outcomes
    assert "Other" not in outcomes, "an outcome of no particular type carries no label"


def test_funding_with_no_unit_is_in_pounds(client, cohort):
    make_outcome(story_in(cohort), kind="funding", value=250000, unit="")
    assert '<strong class="outcome-figure">£250,000</strong>' in page(client, COHORT_URL)


def test_themes_and_partners_are_printed_with_the_story(client, cohort):
    story = story_in(cohort)
    story.themes.add(make_theme(name="Health inequalities"))
    make_partner(story, make_organisation(name="Suffolk Mind"), role="Delivery partner")
    html = page(client, COHORT_URL)
    assert "<li>Suffolk Mind: Delivery partner</li>" in html
    assert "<li>Health inequalities</li>" in html


def test_body_headings_sit_under_the_story_title(client, cohort):
    story_in(cohort, body="<h2>Beginnings</h2><p>Text.</p><h3>The first week</h3><p>More.</p>")
    html = page(client, COHORT_URL)
    assert "<h3>Beginnings</h3>" in html and "<h4>The first week</h4>" in html
    assert "<h2>Beginnings</h2>" not in html


def with_hero(story, **fields):
    for name, value in fields.items():
        setattr(story, name, value)
    story.hero_image.save("walk.jpg", upload(), save=False)
    story.save()
    return story


def with_photo(person, **fields):
    for name, value in fields.items():
        setattr(person, name, value)
    person.photo.save("andrew.jpg", upload(size=(640, 640)), save=False)
    person.save()
    return person


def test_the_hero_image_is_shown_as_a_rendition_with_its_alt_text(client, cohort):
    story = with_hero(story_in(cohort), hero_image_alt="A walking group in a park")
    with_photo(story.participant, photo_alt="Andrew smiling")
    html = page(client, COHORT_URL)
    hero = html.split('<picture class="brochure-hero">')[1].split("</picture>")[0]
    assert 'alt="A walking group in a park"' in hero and 'loading="eager"' in hero
    assert "renditions/" in hero and story.hero_image.url not in html
    assert "Andrew smiling" not in html, "the hero stands in for the portrait"


def test_without_a_hero_the_participant_photo_is_shown_if_they_agreed(client, cohort):
    with_photo(story_in(cohort, slug="shown").participant, photo_alt="Andrew smiling")
    with_photo(
        story_in(cohort, slug="kept-back").participant,
        photo_alt="Someone who said no",
        consent_photo=False,
    )
    html = page(client, COHORT_URL)
    shown = html.split('id="story-shown"')[1].split("</article>")[0]
    assert '<picture class="brochure-photo">' in shown and 'alt="Andrew smiling"' in shown
    assert "Someone who said no" not in html
    assert html.count("<picture") == 1


def test_a_decorative_hero_has_empty_alt(client, cohort):
    with_hero(story_in(cohort), hero_image_decorative=True)
    html = page(client, COHORT_URL)
    assert 'alt=""' in html.split('<picture class="brochure-hero">')[1]


@pytest.mark.parametrize(
    "url",
    [
        "/programmes/no-such-programme/brochure/",
        "/programmes/no-such-programme/march-2020/brochure/",
        "/programmes/leadership-essentials/no-such-cohort/brochure/",
        "/programmes/leadership-essentials/fellowship-2022/brochure/",
    ],
)
def test_unknown_programme_or_a_cohort_of_another_programme_is_not_found(client, cohort, url):
    make_cohort(name="2022", slug="fellowship-2022", programme=make_programme(slug="fellowship"))
    assert client.get(url).status_code == 404


def test_a_programme_with_no_printable_story_says_so(client, cohort):
    website_only(cohort)
    html = page(client, PROGRAMME_URL)
    assert "No stories yet" in html
    assert story_sections(html) == []
    assert "For the website only" not in html


def test_a_brochure_past_the_limit_prints_the_earliest_and_says_so(client, cohort, monkeypatch):
    monkeypatch.setattr("impact.brochure.MAX_STORIES", 2)
    first = story_in(cohort, days_ago=30)
    second = story_in(cohort, days_ago=20)
    story_in(cohort, title="The newest story", days_ago=1)
    html = page(client, COHORT_URL)
    assert story_sections(html) == [f"story-{first.slug}", f"story-{second.slug}"]
    assert "These are the first 2 of 3 stories" in html
    assert cover_figures(html)["stories"] == "2", "the figures count what is printed"
    assert "The newest story" not in html


def test_the_page_obeys_the_content_security_policy(client, cohort):
    story_in(cohort)
    html = page(client, COHORT_URL)
    assert "<script" not in html and "<style" not in html and " style=" not in html
    assert '<link rel="stylesheet" href="/static/css/brochure.css">' in html


def full_story(cohort, n):
    story = story_in(cohort, pull_quote=f"Quote {n}")
    story.themes.add(make_theme())
    story.tags.add(f"tag-{n}")
    make_partner(story)
    make_outcome(story, kind="funding", value=1000 * n, unit="GBP")
    story.participant.cohorts.add(make_cohort())
    return story


# The tokens of what it shows; the cohort (or programme); the stories; their themes,
# tags, partners, outcomes, and the participants' cohorts.
QUERIES = 8


@pytest.mark.parametrize("url", [PROGRAMME_URL, COHORT_URL])
@pytest.mark.parametrize("count", [2, 20])
def test_the_brochure_costs_the_same_queries_for_2_or_20_stories(
    client, cohort, count, url, django_assert_num_queries
):
    for n in range(count):
        full_story(cohort, n)
    current_token()  # the content version, read and settled before counting
    current_token()
    dependencies.forget()  # the tokens of what the page shows: read by the page
    with django_assert_num_queries(QUERIES):
        html = page(client, url)
    assert len(story_sections(html)) == count
    assert cover_figures(html)["stories"] == str(count)
