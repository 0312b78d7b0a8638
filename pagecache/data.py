"""Results that depend only on the public content, kept until it changes.

Counts and option lists over every public story cost time in proportion to
the archive; the same answer serves every request until an edit (or a
schedule) changes the content version. Used by the views inside cached
pages, and by pages rendered afresh when the page cache is off.
"""

import hashlib
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache

from pagecache.versions import current_token

# The token the request being served reads, set by cached_public_page, so a page
# that asks for several results reads the content version once.
REQUEST_TOKEN: ContextVar[str | None] = ContextVar("public_content_token", default=None)
_MISSING = object()


def remember(name: str, compute):
    """`compute()`, or its result from the cache if the content has not changed since."""
    token = REQUEST_TOKEN.get() or current_token()
    key = f"data:{token}:{hashlib.sha256(name.encode()).hexdigest()}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, settings.DATA_CACHE_SECONDS)
    return value
