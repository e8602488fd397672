"""Keeping Python's garbage collector out of the way of a desk agent's Enter."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle_long_lived_objects() -> None:
    """Move every object alive now out of the collector's reach, after a large load.

    Thousands of participant rows, once loaded, live as long as the screen; left to the collector,
    each full collection walks them all and a scan that happens to trigger one waits tens of
    milliseconds (measured at 10,000 participants: p99 Enter → panel 43 ms instead of 22 ms).
    """
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection inside a latency-critical step; what it defers runs right after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
