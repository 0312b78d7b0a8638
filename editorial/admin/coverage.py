"""The admin's theme coverage page: which themes have stories in which cohorts, in every state.

Editors read it to see what to commission next, so drafts and stories in review
count as well as live ones. It is served at /admin/theme-coverage/ by a line in
impactcms/urls.py placed before the admin's own URLs (which end in a catch-all),
wrapped in the admin's sign-in and staff check.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from impact.reports import coverage_grid
from participants.models import Cohort
from stories.models import Story, Theme


@dataclass(frozen=True)
class State:
    key: str
    label: str  # the word after a count: "3 live"
    status: str  # the status list filter that lists exactly these stories, "" if none does


# Live and hidden stories have no list filter of their own: "public" also reads
# dates and the participant's consent, which the story list cannot filter by.
STATES = [
    State("live", "live", ""),
    State("hidden", "hidden", ""),
    State("review", "review", Story.Status.REVIEW),
    State("draft", "draft", Story.Status.DRAFT),
]


def story_sets() -> dict:
    """The stories counted in each state; archived stories are not counted."""
    public = Story.objects.public()
    return {
        "live": public,
        # Published but not on the site: scheduled, expired, or consent does not stand.
        "hidden": Story.objects.filter(status=Story.Status.PUBLISHED).exclude(
            pk__in=public.values("pk")
        ),
        "review": Story.objects.filter(status=Story.Status.REVIEW),
        "draft": Story.objects.filter(status=Story.Status.DRAFT),
    }


@dataclass(frozen=True)
class Part:
    count: int
    label: str
    href: str  # the story list showing exactly these stories, "" when it cannot
    about: str  # which cell, for a link's name heard out of the table: "Health in …"


@dataclass(frozen=True)
class Cell:
    parts: list[Part]  # the states with stories, in STATES order
    total: bool = False  # a row's or column's total rather than one theme in one cohort

    @property
    def gap(self) -> bool:
        return not self.parts


def story_list_url(status: str, theme, cohort) -> str:
    query = {
        "status__exact": status,
        "themes__id__exact": theme.pk,
        "participant__cohorts__id__exact": cohort.pk,
    }
    return f"{reverse('admin:stories_story_changelist')}?{urlencode(query)}"


def make_cell(counts: dict[str, int], theme=None, cohort=None) -> Cell:
    """A cell of counts by state; only a theme-and-cohort cell links to the story list."""
    parts = []
    for state in STATES:
        if count := counts[state.key]:
            linked = state.status and theme is not None and cohort is not None
            parts.append(
                Part(
                    count=count,
                    label=state.label,
                    href=story_list_url(state.status, theme, cohort) if linked else "",
                    about=f"{theme} in {cohort}" if linked else "",
                )
            )
    return Cell(parts, total=theme is None or cohort is None)


def added(counts: list[dict[str, int]]) -> dict[str, int]:
    return {state.key: sum(c[state.key] for c in counts) for state in STATES}


def by_programme(cohorts: list) -> list[tuple[object, list]]:
    """Cohorts grouped under their programme, programmes in the order their cohorts come."""
    groups: dict[int, tuple[object, list]] = {}
    for cohort in cohorts:
        groups.setdefault(cohort.programme_id, (cohort.programme, []))[1].append(cohort)
    return list(groups.values())


def coverage_table(themes: list, cohorts: list) -> dict:
    """Everything the page shows, as plain data: one aggregate query per state."""
    grids = {
        key: coverage_grid(stories, themes=themes, cohorts=cohorts)
        for key, stories in story_sets().items()
    }

    def counts(theme, cohort) -> dict[str, int]:
        return {key: grid.count(theme, cohort) for key, grid in grids.items()}

    rows, column_counts = [], [[] for _ in cohorts]
    for theme in themes:
        row_counts = [counts(theme, cohort) for cohort in cohorts]
        for column, cell_counts in zip(column_counts, row_counts, strict=True):
            column.append(cell_counts)
        cells = [make_cell(c, theme, cohort) for c, cohort in zip(row_counts, cohorts, strict=True)]
        rows.append({"theme": theme, "cells": [*cells, make_cell(added(row_counts))]})
    column_totals = [added(column) for column in column_counts]
    pairs = [cell for row in rows for cell in row["cells"] if not cell.total]
    return {
        "rows": rows,
        "totals": [*(make_cell(c) for c in column_totals), make_cell(added(column_totals))],
        "gaps": sum(cell.gap for cell in pairs),
        "pairs": len(pairs),
    }


def theme_coverage(request):
    if not request.user.has_perm("stories.view_story"):
        raise PermissionDenied
    themes = list(Theme.objects.all())
    all_cohorts = list(Cohort.objects.select_related("programme"))
    groups = by_programme(all_cohorts)
    programmes = [programme for programme, _ in groups]
    slug = request.GET.get("programme", "")
    chosen = next((p for p in programmes if p.slug == slug), None)
    if slug and chosen is None:
        messages.warning(
            request, f"No programme with cohorts has the address “{slug}”: showing every programme."
        )
    if chosen is not None:
        groups = [(p, cohorts) for p, cohorts in groups if p.pk == chosen.pk]
    cohorts = [cohort for _, group in groups for cohort in group]
    context = {
        **admin.site.each_context(request),
        "title": "Theme coverage",
        "programmes": programmes,
        "chosen": chosen,
        "groups": groups,
        "cohorts": cohorts,
        "themes": themes,
        **coverage_table(themes, cohorts),
    }
    return TemplateResponse(request, "admin/impact/theme_coverage.html", context)


theme_coverage_view = admin.site.admin_view(theme_coverage)
