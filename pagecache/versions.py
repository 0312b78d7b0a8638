"""The public content version: checked on every cached request, replaced on every change."""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from pagecache import changes
from pagecache.models import ContentVersion

ROW = 1
TRUST_KEPT_FOR = dt.timedelta(seconds=10)


# When public pages next change by themselves (a story goes live or ends, a consent
# runs out): each content app adds its own at startup (its AppConfig.ready), so the
# page cache knows of no content model.
SCHEDULES: list[Callable[[dt.datetime], dt.datetime | None]] = []


# Called with the time whenever the next scheduled moment is worked out again (a moment
# reached, an edit, a schedule moved): what is kept of the content (the public counts)
# takes in what changed by itself since the last call.
SWEEPS: list[Callable[[dt.datetime], None]] = []


def add_sweep(sweep: Callable[[dt.datetime], None]) -> None:
    if sweep not in SWEEPS:
        SWEEPS.append(sweep)


def _sweep(now) -> None:
    for sweep in SWEEPS:
        sweep(now)


def add_schedule(next_change: Callable[[dt.datetime], dt.datetime | None]) -> None:
    """Ask `next_change(now)` when the public pages next change with no edit."""
    if next_change not in SCHEDULES:
        SCHEDULES.append(next_change)


def _next_change_at(now):
    moments = [next_change(now) for next_change in SCHEDULES]
    return min((moment for moment in moments if moment is not None), default=None)


@dataclass(frozen=True)
class _Kept:
    """The version this process last read, with what made it trustworthy."""

    token: str
    serial: int
    until: dt.datetime | None  # the next scheduled change: read again from then on
    mark: object  # changes.mark() when it was read


_kept: _Kept | None = None


def forget() -> None:
    """Read the version from the database next time (this process changed it)."""
    global _kept
    _kept = None


def bump() -> str:
    """Make a new token, so every page cached until now is left behind.

    One UPDATE, cheap enough for every save; when the site next changes by
    itself is worked out by the first request that needs it. Other processes
    hear of it when the transaction commits (pagecache.changes).
    """
    forget()
    token = uuid.uuid4().hex
    fields = {"token": token, "changed_at": timezone.now(), "schedule_known": False}
    if not ContentVersion.objects.filter(pk=ROW).update(**fields):
        ContentVersion.objects.update_or_create(pk=ROW, defaults=fields)
    changes.notify_others()
    return token


def reschedule() -> None:
    """A moment at which the pages change by themselves moved (a story scheduled or
    given an end, a consent's last day set): work out the next such moment now, in
    the writer's transaction. Left to the next request, a moment passed before any
    request came would never be noticed. The token stands."""
    now = timezone.now()
    _sweep(now)  # a moment passed and not yet seen is taken in before it is passed over
    ContentVersion.objects.filter(pk=ROW, schedule_known=True).update(
        next_change_at=_next_change_at(now)
    )
    forget()
    changes.notify_others()


@dataclass(frozen=True)
class Version:
    """The token pages are cached under, and how many narrower renewals there have been."""

    token: str
    serial: int


def current_token() -> str:
    """The token pages are cached under now (see `current_version`)."""
    return current_version().token


def current_version() -> Version:
    """The token pages are cached under now, with the renewals' serial.

    No query while this process's copy stands (nothing committed since, no
    scheduled moment reached); one query after a change, more only when the
    next scheduled moment must be worked out.
    """
    global _kept
    now = timezone.now()
    kept = _kept
    if (
        kept is not None
        and (kept.until is None or now < kept.until)
        and kept.mark == changes.mark()
    ):
        return Version(kept.token, kept.serial)
    # What was kept is out of date now: were it left, the next call could find its mark
    # again (the change that moved it has been taken in) and serve the old token.
    _kept = None
    changes.start_listening()
    mark = changes.mark()  # before reading: a change after this shows as another mark
    version = ContentVersion.objects.filter(pk=ROW).first()
    if version is None:
        bump()
        version = ContentVersion.objects.get(pk=ROW)
    if version.schedule_known and (version.next_change_at is None or now < version.next_change_at):
        if mark is not None:
            # Read again at least every few seconds all the same: should a signal ever
            # be lost (a listening connection cut without a word), staleness is bounded.
            until = min(filter(None, [version.next_change_at, now + TRUST_KEPT_FOR]))
            _kept = _Kept(version.token, version.serial, until, mark)
        return Version(version.token, version.serial)
    # Just after an edit, or a schedule or consent end has been reached (then a new token).
    token = uuid.uuid4().hex if version.schedule_known else version.token
    # After an edit too: a moment may have passed before it, unseen by any request.
    _sweep(now)
    # Only if no edit came in meanwhile: an edit's token must never be written over.
    ContentVersion.objects.filter(pk=ROW, token=version.token).update(
        token=token, next_change_at=_next_change_at(now), schedule_known=True
    )
    return Version(*ContentVersion.objects.values_list("token", "serial").get(pk=ROW))
