"""What a cached page reads of its query string, in one canonical form.

Each cached view names a reader: a function from the query (a QueryDict) to the
parameters the view reads, cleaned, as (name, value) pairs in a fixed order.
The page is kept under those pairs alone, and the view is handed those alone
(pagecache.decorators), so two addresses with the same pairs are one page and
one cache entry. Readers run on every request, cache hits included: they look
nothing up, so a hit still costs no query.
"""

from collections.abc import Callable

from django.http import QueryDict

Pairs = list[tuple[str, str]]
Reader = Callable[[QueryDict], Pairs]


def nothing(params: QueryDict) -> Pairs:
    """For a page that reads no parameter: every query is the bare address."""
    return []


def page_number(name: str = "page") -> Reader:
    """A page number as the listings read it (stories.pagination): a whole number.

    Anything else, and anything below 2, is page 1, which the address leaves out.
    A number past the last page is kept as sent: only the view knows the last page
    (the decorator keeps one entry for all addresses that show the same page).
    """

    def read(params: QueryDict) -> Pairs:
        try:
            number = int(params.get(name) or 1)
        except ValueError:  # words, fractions, and numbers too long to read
            number = 1
        return [(name, str(number))] if number > 1 else []

    return read


def as_sent(*names: str) -> Reader:
    """The last value of each named parameter, as sent, for a view that answers
    anything it cannot read with a 404 (which is never kept)."""

    def read(params: QueryDict) -> Pairs:
        return [(name, params[name]) for name in names if name in params]

    return read


def together(*readers: Reader) -> Reader:
    """One reader made of several, their pairs in the order given."""

    def read(params: QueryDict) -> Pairs:
        return [pair for reader in readers for pair in reader(params)]

    return read
