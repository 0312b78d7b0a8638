from django.core.paginator import Page, Paginator

STORIES_PER_PAGE = 12


def page_of(items, number: str | None, per_page: int = STORIES_PER_PAGE) -> Page:
    """The requested page, or the nearest one that exists.

    Anything that is not a positive whole number gives page 1; a number past
    the end gives the last page. Never an error.
    """
    paginator = Paginator(items, per_page)
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 1
    return paginator.page(min(max(wanted, 1), paginator.num_pages))
