"""A re-plan proposal: shorten flexible items so every fixed item keeps its planned start."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from facilitator.core.run_of_show import PlannedItem

Rule = Literal["proportional", "breaks_first"]
MIN_DURATION_S = 300


@dataclass(frozen=True)
class Replan:
    """New durations for the items after the live one, and how late the day still runs."""

    durations: list[int]  # one per item after the live one, in order; fixed items unchanged
    lateness_s: int  # the latest a fixed item (or the day's end) still starts; 0 when on time

    @property
    def feasible(self) -> bool:
        """Whether every fixed item keeps its planned start."""
        return self.lateness_s == 0


def _shrink(durations: list[int], indexes: list[int], needed: int, floor: list[int]) -> int:
    """Cut up to `needed` seconds from `indexes`, in proportion to their length; the cut made."""
    cut = 0
    while cut < needed:
        active = [i for i in indexes if durations[i] > floor[i]]
        if not active:
            break
        left = needed - cut
        weight = sum(durations[i] for i in active)
        progress = 0
        for i in active:
            share = min(durations[i] - floor[i], left * durations[i] // weight)
            durations[i] -= share
            progress += share
        cut += progress
        if progress == 0:
            # Fewer seconds left than items: one second each from the longest.
            for i in sorted(active, key=lambda i: -durations[i])[:left]:
                durations[i] -= 1
                cut += 1
    return cut


def replan(
    items: Sequence[PlannedItem],
    current_index: int,
    now: datetime,
    rule: Rule = "proportional",
    min_duration_s: int = MIN_DURATION_S,
    remaining_current: float = 0.0,
) -> Replan:
    """Shorten the flexible items after the live one so each fixed item starts on time.

    `now + remaining_current` is when the live item will end. Flexible items are shortened in
    proportion to their length (`proportional`), or breaks first and then the rest
    (`breaks_first`), never below `min_duration_s` (an item already shorter stays as it is).
    Nothing is lengthened. When a fixed item cannot be reached on time, the proposal is the most
    that can be cut, and `lateness_s` says how late it still starts.
    """
    if not 0 <= current_index < len(items):
        raise ValueError(f"current_index {current_index} outside the agenda of {len(items)}")
    following = list(items[current_index + 1 :])
    durations = [item.duration_s for item in following]
    floor = [min(item.duration_s, min_duration_s) for item in following]
    start = now + timedelta(seconds=max(0.0, remaining_current))
    day_end = max(item.planned_start + timedelta(seconds=item.duration_s) for item in items)
    lateness = 0
    segment: list[int] = []  # flexible items since the last fixed one
    # Each fixed item is a deadline for the flexible items before it; so is the planned end of
    # the day for those after the last fixed item.
    for index in [*range(len(following)), None]:
        if index is not None and not following[index].fixed:
            segment.append(index)
            continue
        deadline = following[index].planned_start if index is not None else day_end
        gap = (deadline - start).total_seconds()
        needed = max(0, math.ceil(_total(durations, segment) - gap))
        if needed:
            groups = [segment]
            if rule == "breaks_first":
                breaks = [i for i in segment if following[i].is_break]
                groups = [breaks, [i for i in segment if not following[i].is_break]]
            for group in groups:
                needed -= _shrink(durations, group, needed, floor)
        lateness = max(lateness, needed)
        if index is None:
            break
        fixed_start = max(deadline, start + timedelta(seconds=_total(durations, segment)))
        start = fixed_start + timedelta(seconds=durations[index])
        segment = []
    return Replan(durations=durations, lateness_s=lateness)


def _total(durations: list[int], indexes: list[int]) -> int:
    """The total of `durations` at `indexes`."""
    return sum(durations[i] for i in indexes)
