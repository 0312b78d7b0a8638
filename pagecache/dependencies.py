"""Narrow renewals: what a page depends on, and renewing only that.

A page (or a kept figure) names what it shows as dependency keys while it is
made: `story:12`, `theme:7`, `tag:3`, `participant:5`, `organisation:9`,
`cohort:2`, `programme:1`, `sitepage:privacy` (a site page's text: only its own
page and the sitemap read it), `options` (the public choices of the filter bars) or
`listing` (anything that lists or counts every public story: the home page,
`/stories/`, search, feeds, sitemaps, the impact report). A page that names
nothing depends on `listing`. The page is kept with the token of each key it
read, and served again only while they all stand.

A save renews the keys it changes (editorial.renewal): editing one story renews
its own page, its themes', tags', people's and organisations' pages and the
listings, and leaves every other theme and story page cached. A draft renews
nothing. Anything unexplained (a write outside the services, a schedule
reached) still replaces the whole content version (pagecache.versions.bump).
"""

import uuid
from collections.abc import Iterable
from contextvars import ContextVar

from django.db.models import F

from pagecache import changes, versions
from pagecache.models import ContentVersion, Dependency

LISTING = "listing"
OPTIONS = "options"
COMMON = frozenset({LISTING, OPTIONS})

# The keys the page being made has read, set by the page cache around its view.
_collected: ContextVar[set | None] = ContextVar("pagecache_dependencies", default=None)

# Tokens this process has read, trusted while no other process has committed since
# (changes.mark), as the content version is; this process's own renewals clear them.
_known: dict[str, tuple[str, int]] = {}
_known_mark: list = [None]


def key(kind: str, pk) -> str:
    return f"{kind}:{pk}"


def depends_on(*keys: str) -> None:
    """The page being made shows what these keys name."""
    collected = _collected.get()
    if collected is not None:
        collected.update(keys)


def collect() -> tuple[set, object]:
    """Start collecting the keys of a page being made: (the set, a reset handle)."""
    collected: set = set()
    return collected, _collected.set(collected)


def stop_collecting(reset) -> None:
    _collected.reset(reset)


def page_keys(collected: set[str]) -> set[str]:
    """What a page depends on: the keys it read, and the listings unless it named an
    object of its own (a page that only read the filter choices, or nothing, may show
    any public story: a brochure, the impact report)."""
    if collected - COMMON:
        return set(collected)
    return set(collected) | {LISTING}


def forget() -> None:
    _known.clear()
    _known_mark[0] = None


def tokens(keys: Iterable[str]) -> dict[str, tuple[str, int]]:
    """Each key's (token, serial): from what this process knows, else one query.

    A key never renewed has the token "" and the serial 0.
    """
    keys = set(keys)
    mark = changes.mark()
    if mark is None or mark != _known_mark[0]:
        forget()
        _known_mark[0] = mark
    missing = keys - _known.keys()
    if missing:
        # The two almost every page reads come along, so a page reads tokens once.
        missing |= COMMON - _known.keys()
        found = dict.fromkeys(missing, ("", 0))
        rows = Dependency.objects.filter(key__in=missing).values_list("key", "token", "serial")
        found |= {k: (token, serial) for k, token, serial in rows}
        if mark is None:  # nothing tells this process of changes: keep nothing
            return {k: found[k] for k in keys}
        _known.update(found)
    return {k: _known[k] for k in keys}


def renew(keys: Iterable[str], *, reschedule: bool = False) -> None:
    """Renew these keys: every page and figure that read one is made again.

    `reschedule`: the change moved a moment at which the public pages change by
    themselves (a publication or end time, a consent's last day), so the next such
    moment is worked out again, in the same transaction (versions.reschedule).

    A few statements in the caller's transaction (the serial, the keys, the
    notice to other processes), so the renewal is seen exactly when the change
    that called for it commits.
    """
    keys = sorted(set(keys))
    if not keys:
        return
    if not ContentVersion.objects.filter(pk=versions.ROW).update(serial=F("serial") + 1):
        versions.bump()
        ContentVersion.objects.filter(pk=versions.ROW).update(serial=F("serial") + 1)
    if reschedule:
        versions.reschedule()
    serial = ContentVersion.objects.values_list("serial", flat=True).get(pk=versions.ROW)
    token = uuid.uuid4().hex
    Dependency.objects.bulk_create(
        [Dependency(key=k, token=token, serial=serial) for k in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token", "serial"],
    )
    versions.forget()
    forget()
    changes.notify_others()


def standing(kept: dict[str, str]) -> bool:
    """Do all the tokens a page was kept with still stand?"""
    now = tokens(kept)
    return all(now[k][0] == token for k, token in kept.items())
