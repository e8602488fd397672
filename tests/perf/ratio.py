"""Our figure against a baseline timed in the same run, and their ratio.

A loaded machine slows both alike: the ratio holds where a fixed time limit would fail. The two
are timed in turns, so that a burst of load falls on both, and the best run of each is kept
(load only ever adds time).
"""

from __future__ import annotations

import time
from collections.abc import Callable


def compare(
    what: str,
    ours: Callable[[], object],
    baseline: Callable[[], object],
    baseline_is: str,
    *,
    runs: int = 5,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """Time `ours` and `baseline` in turns, print the best of each and their ratio; return it."""
    best_ours = best_baseline = float("inf")
    for _run in range(runs):
        best_ours = min(best_ours, _timed(ours, clock))
        best_baseline = min(best_baseline, _timed(baseline, clock))
    ratio = best_ours / best_baseline
    print(
        f"\n{what}: ours {best_ours * 1000:.2f} ms, baseline {best_baseline * 1000:.2f} ms "
        f"({baseline_is}), ratio {ratio:.2f} (best of {runs})"
    )
    return ratio


def _timed(action: Callable[[], object], clock: Callable[[], float]) -> float:
    started = clock()
    action()
    return clock() - started
