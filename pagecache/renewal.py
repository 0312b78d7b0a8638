"""What a write renews, worked out once, as the write ends.

The services, the admin's writing pages and the demo loader run each write in a
`renewal()` block. Inside one, the writes to the models a planner explains
(stories, people, organisations and the rows that hang off them: see
editorial.renewal) are noted, and the planners name the dependency keys they
changed as the block ends; those keys are renewed once, in the write's
transaction. Any other write inside the block (a theme renamed, a cohort added)
replaces the whole content version, as every write outside a block does: the
safety net (pagecache.signals) never lets an unexplained write leave a page stale.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from pagecache import dependencies, versions

# Models whose writes a planner accounts for inside a block (added at startup).
EXPLAINED: set[type] = set()
# Called as a block ends, each with the block: they return the keys to renew.
PLANNERS: list[Callable[["Block"], set[str]]] = []
# Other work a block's writes call for, done once as it ends (the search text).
AT_END: list[Callable[["Block"], None]] = []


@dataclass
class Block:
    everything: bool = False
    keys: set[str] = field(default_factory=set)
    # A moment the pages change by themselves moved: the next one is worked out again.
    reschedule: bool = False
    # What the planners keep while the block runs (the state before the first write).
    notes: dict = field(default_factory=dict)


_block: ContextVar[Block | None] = ContextVar("pagecache_block", default=None)


def explain(*models: type, planner: Callable[[Block], set[str]]) -> None:
    EXPLAINED.update(models)
    if planner not in PLANNERS:
        PLANNERS.append(planner)


def at_end(work: Callable[[Block], None]) -> None:
    """Do `work(block)` once as each block ends, in its transaction (added at startup)."""
    if work not in AT_END:
        AT_END.append(work)


def current_block() -> Block | None:
    return _block.get()


def changed(model: type | None = None) -> None:
    """A write that public pages may show (the safety net's receiver calls this)."""
    block = _block.get()
    if block is None:
        versions.bump()
    elif model not in EXPLAINED:
        block.everything = True


@contextmanager
def renewal() -> Iterator[Block]:
    """Writes made inside renew what they changed once, as the block ends.

    Put inside the transaction, the renewal is written in it, and other processes
    see it when (and only when) the change commits. A block inside another joins
    it; one that fails renews nothing (its transaction is rolled back).
    """
    if (outer := _block.get()) is not None:
        yield outer
        return
    block = Block()
    reset = _block.set(block)
    try:
        yield block
        for work in AT_END:
            work(block)
        if not block.everything:
            for planner in PLANNERS:
                block.keys |= planner(block)
    finally:
        _block.reset(reset)
    if block.everything:
        versions.bump()
    elif block.keys:
        dependencies.renew(block.keys, reschedule=block.reschedule)
    elif block.reschedule:
        versions.reschedule()
