"""Open data: public stories, outcomes and organisations as CSV and read-only JSON.

Everything starts from `Story.objects.public()` (or the same condition through
a relation), so nothing a reader could not see on the site is exported: no
draft, no body or its history, no staff, no share link, no image (photos and
hero images are left out entirely, so no consent question arises), and a pull
quote only from a participant who agreed to be quoted.

The CSVs are streamed, a fixed number of queries per CHUNK_SIZE rows, so a
100,000-story archive never sits in memory; streamed responses are not kept by
the page cache, which is fine for a download. The JSON is paged (PER_PAGE,
`?per_page=` up to MAX_PER_PAGE) in a fixed number of queries per page, and
is kept by the page cache like any public page.
"""

import csv
from urllib.parse import urlencode

from django.http import JsonResponse, StreamingHttpResponse
from django.utils import timezone

from impact.exports import (
    organisation_row,
    organisations_for_export,
    outcome_row,
    outcomes_for_export,
    stories_for_export,
    story_data,
    story_row,
)
from impact.filters import ImpactFilters
from pagecache.data import remember
from stories.filters import StoryFilters
from stories.pagination import page_of

PER_PAGE = 50
MAX_PER_PAGE = 100
CHUNK_SIZE = 500
# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# CSV


class _Echo:
    """A file that hands back what is written, so csv.writer makes lines to stream."""

    def write(self, value):
        return value


def csv_cell(value) -> str:
    """A value as CSV text that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv_response(name: str, columns, rows) -> StreamingHttpResponse:
    """`rows` (dicts, read lazily) as a UTF-8 CSV download, with a BOM for Excel."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(columns)
        batch = []
        for row in rows:
            batch.append(writer.writerow([csv_cell(row[column]) for column in columns]))
            if len(batch) == CHUNK_SIZE:
                yield "".join(batch)
                batch = []
        yield "".join(batch)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"{name}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


# The CSV columns, in order: the keys of the row functions above.
STORY_COLUMNS = (
    "title", "slug", "url", "summary", "published_at",
    "participant", "participant_slug", "job_title",
    "organisation", "organisation_slug", "organisation_kind",
    "cohorts", "themes", "tags", "partners", "outcomes", "pull_quote",
)  # fmt: skip
OUTCOME_COLUMNS = (
    "story", "story_slug", "story_url", "published_at", "participant",
    "organisation", "organisation_slug", "organisation_kind", "themes",
    "type", "type_label", "description", "value", "unit", "date",
    "evidence_url", "level", "who_changed", "change_kind", "intended",
    "contribution", "significance", "verification", "verified_by",
    "verifier_organisation", "verifier_relationship", "verified_on",
    "pathway_stage", "pathway_step", "evidence",
)  # fmt: skip
ORGANISATION_COLUMNS = (
    "name", "slug", "kind", "kind_label", "url", "website",
    "public_stories", "public_partnerships",
)  # fmt: skip


def outcomes_csv(request):
    filters = ImpactFilters.from_query(request.GET)
    outcomes = outcomes_for_export(filters).iterator(chunk_size=CHUNK_SIZE)
    absolute = request.build_absolute_uri
    rows = (_flat_evidence(outcome_row(outcome, absolute)) for outcome in outcomes)
    return _csv_response("impact-outcomes", OUTCOME_COLUMNS, rows)


def _flat_evidence(row: dict) -> dict:
    """One CSV cell for the evidence: the public addresses, "; "-separated."""
    return row | {"evidence": [item["url"] for item in row["evidence"]]}


def stories_csv(request):
    """Every public story; the listing filters (not `page`) narrow it as on /api/stories/."""
    filters = StoryFilters.from_query(request.GET)
    stories = stories_for_export(filters).iterator(chunk_size=CHUNK_SIZE)
    absolute = request.build_absolute_uri
    rows = (story_row(story, absolute) for story in stories)
    return _csv_response("impact-stories", STORY_COLUMNS, rows)


def organisations_csv(request):
    organisations = organisations_for_export().iterator(chunk_size=CHUNK_SIZE)
    absolute = request.build_absolute_uri
    rows = (organisation_row(organisation, absolute) for organisation in organisations)
    return _csv_response("impact-organisations", ORGANISATION_COLUMNS, rows)


# JSON


def _per_page(value) -> int:
    """`?per_page=`: a whole number from 1, at most MAX_PER_PAGE; anything else, PER_PAGE."""
    try:
        wanted = int(value)
    except (TypeError, ValueError):
        return PER_PAGE
    return PER_PAGE if wanted < 1 else min(wanted, MAX_PER_PAGE)


def _json_page(request, items, *, query, row, scope: str | None = None) -> JsonResponse:
    """One page of `items` as JSON, with links to its neighbours.

    A `page` that is not a whole number is page 1, past the end the last page,
    as on the HTML listings. `query(**extra)` gives the filters' query string.
    The count is kept until the content changes, as the listings keep theirs,
    under `scope`: filters that name nothing share one entry, so junk values
    cannot fill the cache.
    """
    per_page = _per_page(request.GET.get("per_page"))
    kept_as = scope if scope is not None else query()
    count = remember(f"open-data:count:{request.path}?{kept_as}", items.count)
    page = page_of(items, request.GET.get("page"), per_page, count=count)
    absolute = request.build_absolute_uri

    def link(number: int) -> str:
        extra = {"page": number, "per_page": per_page if per_page != PER_PAGE else None}
        return absolute(f"{request.path}?{query(**extra)}")

    response = JsonResponse(
        {
            "count": count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [row(item, absolute) for item in page.object_list],
        }
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _no_filters(**extra) -> str:
    return urlencode([(k, v) for k, v in extra.items() if v])


def api_stories(request):
    filters = StoryFilters.from_query(request.GET)
    stories = stories_for_export(filters)
    return _json_page(request, stories, query=filters.query, row=story_data, scope=filters.scope)


def api_outcomes(request):
    filters = ImpactFilters.from_query(request.GET)
    outcomes = outcomes_for_export(filters)
    return _json_page(request, outcomes, query=filters.query, row=outcome_row, scope=filters.scope)


def api_organisations(request):
    return _json_page(request, organisations_for_export(), query=_no_filters, row=organisation_row)
