"""How many queries a page runs made afresh: nothing kept, the content version known."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache import dependencies
from pagecache.versions import current_token


def queries(client, url) -> int:
    current_token()
    current_token()
    cache.clear()  # nothing kept: the page's whole cost
    dependencies.forget()
    with CaptureQueriesContext(connection) as run:
        assert client.get(url).status_code == 200
    return len(run)
