from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

STORIES_PER_PAGE = 12


class CountingPaginator(Paginator):
    """Pages one queryset but counts another with the same rows, cheaper to count.

    Search results are ordered by joining the full-text index, which SQLite
    counts slowly; the same rows found through a subquery count quickly.
    """

    def __init__(self, object_list, per_page, *, counted):
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def count(self):
        return self.counted.count()


def page_of(items, number: str | None, per_page: int = STORIES_PER_PAGE, *, counted=None) -> Page:
    """The requested page, or the nearest one that exists.

    Anything that is not a positive whole number gives page 1; a number past
    the end gives the last page. Never an error.
    """
    if counted is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = CountingPaginator(items, per_page, counted=counted)
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 1
    return paginator.page(min(max(wanted, 1), paginator.num_pages))
