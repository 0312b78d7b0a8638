"""Whole public pages from the cache, never stale.

A page is cached under the public content version, the host and the full
path with its query, so any change (or a schedule reaching its time) makes
the next request render afresh. Browsers and proxies may keep a copy but must
revalidate it each time (`no-cache`); ConditionalGetMiddleware answers that
with 304 when the ETag still matches.

A hit costs one cache read and, while this process knows the content version
(pagecache.versions), no query: the page is kept as its bytes and headers,
ETag included, so nothing is pickled as objects, rendered or hashed again.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

from pagecache.data import REQUEST_TOKEN
from pagecache.versions import current_token


def page_key(token: str, request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{token}:{hashlib.sha256(address.encode()).hexdigest()}"


def cached_public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        token = current_token()
        key = page_key(token, request)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        reset = REQUEST_TOKEN.set(token)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        finally:
            REQUEST_TOKEN.reset(reset)
        patch_cache_control(response, no_cache=True)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            set_response_etag(response)
            cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper
