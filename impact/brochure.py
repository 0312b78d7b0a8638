"""The printable "Stories of Impact" brochure of a programme or a cohort.

A cover, a contents page, then each story on a page of its own (a long one runs
on), oldest first, as a printed report reads. Only public stories are in it, and
of those only the ones whose participant agreed to print as well as the website.
"""

import re

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from pagecache.data import remember
from participants.models import Cohort, ConsentScope, Programme
from stories import options, tallies
from stories.models import Story

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
    return render(
        request,
        "impact/brochure.html",
        {
            "programme": programme,
            "cohort": cohort,
            "stories": chosen,
            "capped": capped,
            "total": ordered.count() if capped else len(chosen),
        },
    )
