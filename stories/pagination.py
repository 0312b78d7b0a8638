from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.functional import cached_property

from pagecache.data import remember
from pagecache.dependencies import LISTING

STORIES_PER_PAGE = 12
# Deep pages of a newest-first list start from a remembered story this many pages
# apart, so no page skips more than this many pages' rows with OFFSET.
PAGES_BETWEEN_MARKS = 20


class CountedPaginator(Paginator):
    """A paginator told how many items there are, instead of counting them.

    The count of a whole archive is the costly part of a listing; the views
    keep it until the content changes (pagecache.data.remember).
    """

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


def _wanted(number: str | None, num_pages: int) -> int:
    """Anything that is not a positive whole number is page 1; past the end, the last page."""
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 1
    return min(max(wanted, 1), num_pages)


def page_of(items, number: str | None, per_page: int = STORIES_PER_PAGE, *, count=None) -> Page:
    """The requested page, or the nearest one that exists. Never an error."""
    if count is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = CountedPaginator(items, per_page, count=count)
    return paginator.page(_wanted(number, paginator.num_pages))


def newest_first_page(
    stories, number: str | None, *, count: int, scope: str, shows=(LISTING,)
) -> Page:
    """A page of `stories` (ordered newest first), whatever its depth, at about the cost
    of reading the (published_at, id) of the stories before it once.

    Every PAGES_BETWEEN_MARKS pages, the first story's (published_at, id) is a
    mark, found when a page past it is first asked for (reading only the index
    up to it) and remembered for `scope` until the content changes; a deep page
    starts from the mark before it with an index range, so page 1,000 skips at
    most 19 pages' rows instead of 11,988. The page links stay plain numbers.
    `every` is unused: kept for callers that count with it.
    """
    paginator = CountedPaginator(stories, STORIES_PER_PAGE, count=count)
    wanted = _wanted(number, paginator.num_pages)
    skipped = (wanted - 1) * STORIES_PER_PAGE
    stride = PAGES_BETWEEN_MARKS * STORIES_PER_PAGE
    if skipped < stride:
        return paginator.page(wanted)
    index = skipped // stride
    mark = remember(f"mark:{scope}:{index}", lambda: _mark(stories, index * stride), shows=shows)
    if mark is None:
        return paginator.page(wanted)
    published_at, pk = mark
    # published_at <= the mark's on its own as well, so the index range starts there.
    after_mark = stories.filter(
        Q(published_at__lt=published_at) | Q(pk__lte=pk), published_at__lte=published_at
    )
    start = skipped - index * stride
    return Page(after_mark[start : start + STORIES_PER_PAGE], wanted, paginator)


def _mark(stories, position: int) -> tuple | None:
    """(published_at, id) of the story at `position`, newest first: the index read up to
    it, without the rows themselves."""
    bare = stories.select_related(None).prefetch_related(None)
    found = bare.values_list("published_at", "id")[position : position + 1]
    return tuple(found[0]) if found else None
