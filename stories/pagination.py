from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

STORIES_PER_PAGE = 12


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


def page_of(items, number: str | None, per_page: int = STORIES_PER_PAGE, *, count=None) -> Page:
    """The requested page, or the nearest one that exists.

    Anything that is not a positive whole number gives page 1; a number past
    the end gives the last page. Never an error.
    """
    if count is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = CountedPaginator(items, per_page, count=count)
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 1
    return paginator.page(min(max(wanted, 1), paginator.num_pages))
