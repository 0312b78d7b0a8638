"""Results that depend only on the public content, kept until it changes.

Counts and option lists over every public story cost time in proportion to
the archive; the same answer serves every request until an edit (or a
schedule) changes the content version. Used by the views inside cached
pages, and by pages rendered afresh when the page cache is off.
"""

import hashlib
from collections.abc import Iterable
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache

from pagecache import dependencies
from pagecache.versions import current_token

# The token the request being served reads, set by cached_public_page, so a page
# that asks for several results reads the content version once.
REQUEST_TOKEN: ContextVar[str | None] = ContextVar("public_content_token", default=None)
# The renewals' serial read with it: the replica must have caught up with both.
REQUEST_SERIAL: ContextVar[int | None] = ContextVar("public_content_serial", default=None)
_MISSING = object()


def remember(name: str, compute, *, shows: Iterable[str] = (dependencies.LISTING,)):
    """`compute()`, or its result from the cache if what it `shows` has not changed since.

    `shows` names its dependencies (pagecache.dependencies); the page that asks
    depends on them too. Their tokens are read before computing, so a result is
    never kept under a token newer than what it was computed from.
    """
    shows = tuple(sorted(set(shows)))
    dependencies.depends_on(*shows)
    token = REQUEST_TOKEN.get() or current_token()
    read = dependencies.tokens(shows)
    standing = ",".join(f"{dep}={read[dep][0]}" for dep in shows)
    key = f"data:{token}:{hashlib.sha256(f'{name}|{standing}'.encode()).hexdigest()}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, settings.DATA_CACHE_SECONDS)
    return value
