"""Whole public pages from the cache, never stale, one entry per page.

A page is cached under the public content version, the host, the path and the
parameters its view reads, cleaned (pagecache.queries), with the token of each
dependency it showed (pagecache.dependencies): a change of what it shows (or a
schedule reaching its time) makes the next request render afresh, while an edit
elsewhere leaves it served from the cache. Browsers and
proxies may keep a copy but must revalidate it each time (`no-cache`);
ConditionalGetMiddleware answers that with 304 when the ETag still matches.

A hit costs one cache read and, while this process knows the content version
(pagecache.versions), no query: the page is kept as its bytes and headers,
ETag included, so nothing is pickled as objects, rendered or hashed again.

Made-up addresses make no entries (issue 19: 1,300 junk addresses made 970):
- Parameters the view does not read are left out of the key, and out of what
  the view is given: `/?utm_source=x` is served the page kept for `/`. Served,
  not redirected: a link carrying a tracking parameter opens at once, and the
  page's canonical link already names the address without it.
- Values are cleaned into the key as the view would read them: `page=abc` is
  page 1, a theme sent twice is sent once, themes come in one order.
- A page whose filters name nothing public is marked by its view (`not_shared`):
  answered, kept by no shared cache. It repeats the value asked for, so no
  other address could share it, and anyone can make up another.
- Addresses whose pages come out byte for byte the same keep one entry, the
  shortest address's: a page number past the last page (which shows the last
  page, and only the view knows which that is), an empty API answer.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.encoding import escape_uri_path

from pagecache import dependencies, queries
from pagecache.data import REQUEST_SERIAL, REQUEST_TOKEN
from pagecache.versions import current_version

# Says whether a page came from the cache (as Varnish's X-Cache does): for operators,
# and for `make load`'s count of the readers served from the cache on an editing day.
SERVED_HEADER = "X-Page-Cache"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def page_key(token: str, address: str) -> str:
    return f"page:{token}:{_digest(address)}"


def not_shared(response):
    """Mark a page that no shared cache keeps, this one included (`Cache-Control: private`)."""
    patch_cache_control(response, private=True)
    return response


def _shared(response) -> bool:
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    return not {d.split("=")[0].strip().lower() for d in directives} & {"private", "no-store"}


def cached_public_page(view, *, reads: queries.Reader = queries.nothing):
    """`view`, kept by the page cache; `reads` says which parameters it reads."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        query = urlencode(reads(request.GET))
        # The view is given what the key holds and nothing else, so a page can never
        # show something its key does not say.
        request.GET = QueryDict(query)
        origin = f"{request.scheme}://{request.get_host()}"
        address = f"{origin}{escape_uri_path(request.path)}?{query}"
        version = current_version()
        token = version.token
        key = page_key(token, address)
        kept = cache.get(key)
        if kept is not None:
            content, headers, shows = kept
            if dependencies.standing(shows):
                response = HttpResponse(content, headers=headers)
                response[SERVED_HEADER] = "hit"
                return response
        collected, collecting = dependencies.collect()
        resets = REQUEST_TOKEN.set(token), REQUEST_SERIAL.set(version.serial)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        finally:
            dependencies.stop_collecting(collecting)
            REQUEST_TOKEN.reset(resets[0])
            REQUEST_SERIAL.reset(resets[1])
        patch_cache_control(response, no_cache=True)
        if (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and _shared(response)
        ):
            read = dependencies.tokens(dependencies.page_keys(collected))
            # Renewed while the page was being made: what it shows may be older than
            # the token it would be kept with. Served, not kept.
            if all(serial <= version.serial for _, serial in read.values()):
                set_response_etag(response)
                shows = {name: value for name, (value, _) in read.items()}
                _keep(response, token=token, origin=origin, address=address, key=key, shows=shows)
        response[SERVED_HEADER] = "miss"  # after keeping: a kept copy says "hit" when served
        return response

    return wrapper


def _keep(response, *, token: str, origin: str, address: str, key: str, shows: dict) -> None:
    """Keep the page under `key`, unless a shorter address keeps the same bytes.

    A small record per page, named by its ETag, says which address keeps it. A
    shorter address takes the page over (page 3 from `page=999999`, whichever
    came first), so the entry left is the one readers' links lead to.
    """
    seconds = settings.PAGE_CACHE_SECONDS
    entry = (response.content, dict(response.items()), shows)
    etag = response.get("ETag")
    if etag is None:  # an empty page: nothing to tell apart
        cache.set(key, entry, seconds)
        return
    record = f"page-bytes:{token}:{_digest(f'{origin} {etag}')}"
    claim = (address, key)
    if not cache.add(record, claim, seconds):
        owner = cache.get(record)
        if owner is not None and owner[0] != address:
            if (len(owner[0]), owner[0]) < (len(address), address):
                return
            cache.delete(owner[1])
        cache.set(record, claim, seconds)
    cache.set(key, entry, seconds)
