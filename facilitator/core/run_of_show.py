"""The run-of-show clock: the live item's timer, the display tick and the day's projected end.

Pure code driven by an injected `Clock`, so hours of a simulated day are tested in milliseconds
with `FakeClock`. Durations come from the monotonic clock; wall instants (UTC) are only kept so
the state survives a restart of the app.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

NEAR_END_SECONDS = 300
# A timer may fire a little early (Qt's coarse timers up to 5 %); aiming just past the boundary
# makes sure the displayed second has already changed when the tick runs.
TICK_MARGIN_MS = 5.0


class Clock(Protocol):
    """Where the run of show reads time."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; never goes back, for durations."""
        ...

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC, for instants that are stored."""
        ...


class SystemClock:
    """The machine's clocks."""

    def monotonic(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)


class FakeClock:
    """A clock for tests: time moves only when `advance` is called."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._start = start.astimezone(UTC)
        self._seconds = 0.0

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by `seconds`."""
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._seconds += seconds

    def monotonic(self) -> float:
        """Seconds since the fake clock was made."""
        return self._seconds

    def now(self) -> datetime:
        """The start instant plus the time advanced."""
        return self._start + timedelta(seconds=self._seconds)


@dataclass
class TimerState:
    """What is persisted of the live item, enough to show the right time left after a restart."""

    item_id: int | None = None
    planned_seconds: int = 0
    started_at: datetime | None = None  # UTC
    paused_at: datetime | None = None  # UTC; set while paused
    paused_seconds: float = 0.0  # total of the pauses already ended
    extra_seconds: int = 0  # minutes added (or removed) by the facilitator, in seconds


class RunOfShow:
    """The live item's timer: start, pause, resume, add or remove minutes, time left."""

    def __init__(self, clock: Clock, state: TimerState | None = None) -> None:
        self._clock = clock
        self._state = replace(state) if state is not None else TimerState()
        # A restored state has no monotonic reading: the process (or machine) that measured it is
        # gone, and a monotonic clock's origin does not survive a reboot. The stored UTC instants
        # are the only reference shared with the previous run, so elapsed time is recomputed from
        # them once here; from then on it is measured with the monotonic clock again, which wall
        # clock changes (NTP, daylight saving, the user setting the time) cannot disturb.
        self._anchor_mono = clock.monotonic()
        self._anchor_elapsed = self._elapsed_from_wall()
        self._pause_mono = self._anchor_mono
        if self._state.paused_at is not None:
            already = (clock.now() - self._state.paused_at).total_seconds()
            self._pause_mono = self._anchor_mono - max(0.0, already)

    def _elapsed_from_wall(self) -> float:
        started_at = self._state.started_at
        if started_at is None:
            return 0.0
        until = self._state.paused_at or self._clock.now()
        seconds = (until - started_at).total_seconds() - self._state.paused_seconds
        return max(0.0, seconds)  # the wall clock may have been set back meanwhile

    @property
    def state(self) -> TimerState:
        """A copy of the state to persist."""
        return replace(self._state)

    @property
    def started(self) -> bool:
        """Whether an item has been started."""
        return self._state.started_at is not None

    @property
    def paused(self) -> bool:
        """Whether the timer is paused."""
        return self._state.paused_at is not None

    @property
    def running(self) -> bool:
        """Whether the timer is counting."""
        return self.started and not self.paused

    def start(self, item_id: int, planned_seconds: int) -> None:
        """Start the timer of `item_id` from zero; the previous item's timer is dropped."""
        if planned_seconds < 0:
            raise ValueError("planned_seconds must not be negative")
        self._state = TimerState(
            item_id=item_id, planned_seconds=planned_seconds, started_at=self._clock.now()
        )
        self._anchor_mono = self._clock.monotonic()
        self._anchor_elapsed = 0.0

    def pause(self) -> None:
        """Freeze the elapsed time; nothing happens if not running."""
        if not self.running:
            return
        self._anchor_elapsed = self.elapsed()
        self._pause_mono = self._clock.monotonic()
        self._state.paused_at = self._clock.now()

    def resume(self) -> None:
        """Count again after a pause; nothing happens if not paused."""
        if not self.paused:
            return
        mono = self._clock.monotonic()
        self._state.paused_seconds += mono - self._pause_mono
        self._state.paused_at = None
        self._anchor_mono = mono

    def add_minutes(self, minutes: int) -> None:
        """Give the item more time, or less when negative, but never end it before now."""
        extra = self._state.extra_seconds + 60 * minutes
        if minutes < 0:
            # Removing time may end the item now, not put it in overrun retroactively.
            # Below a microsecond (the resolution of the persisted instants) is no time at all:
            # a restored timer must decide exactly as one that kept running.
            lowest = math.ceil(self.elapsed() - 1e-6) - self._state.planned_seconds
            extra = max(extra, min(self._state.extra_seconds, lowest))
        self._state.extra_seconds = extra

    def elapsed(self) -> float:
        """Seconds the item has run, pauses excluded."""
        if not self.running:
            return self._anchor_elapsed
        return self._anchor_elapsed + (self._clock.monotonic() - self._anchor_mono)

    def remaining(self) -> float:
        """Seconds left; negative once the item runs over."""
        return self._state.planned_seconds + self._state.extra_seconds - self.elapsed()

    def overrun(self) -> bool:
        """Whether the item has run past its time."""
        return self.started and self.remaining() < 0

    def near_end_threshold(self) -> float:
        """Five minutes before the end; a quarter of a short item (at least a minute), so that
        a 5-minute speech is not amber from its first second."""
        total = self._state.planned_seconds + self._state.extra_seconds
        return min(float(NEAR_END_SECONDS), max(60.0, total / 4))

    def near_end(self, threshold_s: float | None = None) -> bool:
        """Whether the item is within `threshold_s` of its end, and not yet over."""
        if threshold_s is None:
            threshold_s = self.near_end_threshold()
        return self.started and 0 <= self.remaining() <= threshold_s


def displayed_seconds(remaining_seconds: float) -> int:
    """The whole second a countdown shows: rounded up, so 0:00 is reached at the very end."""
    return math.ceil(remaining_seconds)


def next_tick_delay(clock: Clock, remaining_seconds: float) -> float:
    """Milliseconds until the displayed second changes, for a single-shot UI timer.

    Each tick recomputes the delay from the time actually left, so a late tick does not push the
    next one later and the display never drifts. `clock` is the clock `remaining_seconds` was
    read from; the delay depends only on that reading.
    """
    del clock
    # `displayed_seconds` changes when the time left falls to the next integer below the shown one.
    to_boundary = remaining_seconds - (displayed_seconds(remaining_seconds) - 1)
    return math.ceil(to_boundary * 1000.0) + TICK_MARGIN_MS


def format_countdown(seconds: float) -> str:
    """« 12:05 », « 1:02:03 », or « +03:10 » counting up once over time."""
    shown = displayed_seconds(seconds)
    sign = "+" if shown < 0 else ""
    hours, rest = divmod(abs(shown), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def format_minutes(minutes: int) -> str:
    """A length of time for people: « 12 min » under an hour, « 1 h 07 » from an hour on.

    The same in French and English.
    """
    if minutes < 0:
        raise ValueError("a length of time is not negative")
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}"


@dataclass(frozen=True)
class PlannedItem:
    """An agenda item as planned: fixed items must not start before their planned time."""

    id: int
    planned_start: datetime
    duration_s: int
    fixed: bool = False
    is_break: bool = False  # pauses and meals, which a re-plan may shorten first


def on_the_day_of(items: Sequence[PlannedItem], now: datetime) -> list[PlannedItem]:
    """The items moved to the date of `now` in their time zone, times of day unchanged.

    A rehearsal the day before, or a workshop held on another date than planned, is then
    measured against the plan's hours, not against a date months away.
    """
    if not items:
        return []
    zone = items[0].planned_start.tzinfo
    days = (now.astimezone(zone).date() - items[0].planned_start.date()).days
    if not days:
        return list(items)
    shift = timedelta(days=days)
    return [replace(item, planned_start=item.planned_start + shift) for item in items]


def _check_index(items: Sequence[PlannedItem], current_index: int) -> None:
    if not 0 <= current_index < len(items):
        raise ValueError(f"current_index {current_index} outside the agenda of {len(items)}")


def projected_end(
    items: Sequence[PlannedItem], current_index: int, now: datetime, remaining_current: float
) -> datetime:
    """When the day ends at the current pace: the live item, then the rest as planned."""
    _check_index(items, current_index)
    # An item running over ends now at the earliest: it is still running.
    end = now + timedelta(seconds=max(0.0, remaining_current))
    for item in items[current_index + 1 :]:
        start = max(end, item.planned_start) if item.fixed else end
        end = start + timedelta(seconds=item.duration_s)
    return end


def planned_end(items: Sequence[PlannedItem]) -> datetime:
    """When the day ends as planned."""
    if not items:
        raise ValueError("an empty agenda has no end")
    return max(item.planned_start + timedelta(seconds=item.duration_s) for item in items)


def delay_seconds(
    items: Sequence[PlannedItem], current_index: int, now: datetime, remaining_current: float
) -> float:
    """How late the day will end at the current pace (negative = early)."""
    end = projected_end(items, current_index, now, remaining_current)
    return (end - planned_end(items)).total_seconds()


def current_delay_seconds(
    items: Sequence[PlannedItem], current_index: int, now: datetime, remaining_current: float
) -> float:
    """How late the live item will end against its plan (negative = ahead)."""
    _check_index(items, current_index)
    item = items[current_index]
    planned = item.planned_start + timedelta(seconds=item.duration_s)
    actual = now + timedelta(seconds=max(0.0, remaining_current))
    return (actual - planned).total_seconds()
