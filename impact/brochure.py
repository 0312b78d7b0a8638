"""The printable "Stories of Impact" brochure of a programme or a cohort.

A cover (the programme, its introduction, the cohorts and what the stories add
up to), a contents page with page numbers, then each story on two pages of its
own (impact.brochure_pages), oldest first, as a printed report reads. Only public
stories are in it, and of those only the ones whose participant agreed to print as
well as the website.
"""

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from impact.brochure_pages import number_pages
from impact.figures import POUNDS
from pagecache.data import remember
from participants.models import Cohort, ConsentScope, Programme
from stories import options, tallies
from stories.models import OutcomeKind, Story

# More would be a book rather than a brochure, and one page too slow to print.
MAX_STORIES = 200

_BODY_HEADING = re.compile(r"<(/?)h([23])(?=[\s>])", re.IGNORECASE)


def printable(stories: QuerySet) -> QuerySet:
    """Of these stories, those whose participant agreed to print as well as the web.

    "web" consent is the website only. "print" alone never reaches the public site
    at all, so no story that `public()` lets through has it.
    """
    return stories.filter(participant__consent_scope=ConsentScope.WEB_AND_PRINT)


def to_print() -> list[tuple[Programme, list[Cohort]]]:
    """The public programmes and cohorts whose brochure has a story in it, kept per
    content version: one query of the counts kept as stories change (stories.tallies)."""
    printed = remember("brochures:cohorts", tallies.printed_cohorts)
    cohorts = [cohort for cohort in options.public_cohorts() if cohort.pk in printed]
    return [
        (programme, [c for c in cohorts if c.programme_id == programme.pk])
        for programme in options.public_programmes()
        if any(c.programme_id == programme.pk for c in cohorts)
    ]


def under_story_title(body: str) -> str:
    """The body's headings one level down (h2 to h3, h3 to h4).

    On the story page the title is the h1 and the body's headings are h2 and h3;
    in the brochure the title is an h2, so the body's sections sit under it.
    """
    return _BODY_HEADING.sub(lambda match: f"<{match[1]}h{int(match[2]) + 1}", body)


def cover_figures(stories) -> dict:
    """What the printed stories add up to, counted from the stories themselves (their
    participants, organisations and outcomes are prefetched): no query, and exactly
    what the brochure prints, capped or not. Organisations are employers and partners,
    each once, as the site's own figures count them."""
    people = {story.participant_id for story in stories}
    organisations = {s.participant.organisation_id for s in stories} - {None}
    outcomes = funding = 0
    for story in stories:
        organisations |= {p.organisation_id for p in story.partnerships.all()}
        for outcome in story.outcomes.all():
            outcomes += 1
            if outcome.kind == OutcomeKind.FUNDING and outcome.unit == POUNDS and outcome.value:
                funding += outcome.value
    return {
        "stories": len(stories),
        "people": len(people),
        "organisations": len(organisations),
        "outcomes": outcomes,
        "funding": Decimal(funding),
    }


def brochure_cohorts(stories, cohort: Cohort | None) -> list[Cohort]:
    """The cohort of a cohort's brochure; else those the printed stories come from."""
    if cohort is not None:
        return [cohort]
    found = {c.pk: c for story in stories for c in story.brochure_cohorts}
    return sorted(found.values(), key=lambda c: (c.start_date or dt.date.max, c.name))


def mark_letters(name: str) -> str:
    """The site's initials for the cover's typographic mark ("Stories of Impact": SI)."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())[:3] or name[:1]


def programme_brochure(request, slug):
    # Only a programme or cohort a public story names: one known only to drafts is not found.
    programme = options.with_slug(options.public_programmes(), slug)
    if programme is None:
        raise Http404("No public programme has that address.")
    stories = Story.objects.public().for_programme(programme)
    return _brochure(request, stories, programme=programme)


def cohort_brochure(request, slug, cohort):
    cohort = options.with_slug(options.public_cohorts(), cohort)
    if cohort is None or cohort.programme.slug != slug:
        raise Http404("No public cohort of that programme has that address.")
    stories = Story.objects.public().for_cohort(cohort)
    return _brochure(request, stories, programme=cohort.programme, cohort=cohort)


def _brochure(request, stories: QuerySet, *, programme: Programme, cohort: Cohort | None = None):
    ordered = printable(stories).with_details().order_by("published_at", "id")
    chosen = list(ordered[: MAX_STORIES + 1])
    capped = len(chosen) > MAX_STORIES
    chosen = chosen[:MAX_STORIES]
    for story in chosen:
        # Sanitised on save (stories.fields), as the story page relies on too.
        story.brochure_body = mark_safe(under_story_title(story.body))
        story.brochure_cohorts = [
            c for c in story.participant.cohorts.all() if c.programme_id == programme.pk
        ]
    number_pages(chosen)
    return render(
        request,
        "impact/brochure.html",
        {
            "programme": programme,
            "cohort": cohort,
            "stories": chosen,
            "capped": capped,
            "total": ordered.count() if capped else len(chosen),
            "figures": cover_figures(chosen),
            "cohorts": brochure_cohorts(chosen, cohort),
            "mark": mark_letters(settings.SITE_NAME),
        },
    )
