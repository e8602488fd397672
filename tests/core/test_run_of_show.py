"""The run-of-show clock, driven by a fake clock: hours of a day in milliseconds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.run_of_show import (
    FakeClock,
    PlannedItem,
    RunOfShow,
    SystemClock,
    TimerState,
    current_delay_seconds,
    delay_seconds,
    displayed_seconds,
    format_countdown,
    next_tick_delay,
    projected_end,
)

MORNING = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def test_system_clock_is_aware_utc_and_monotonic() -> None:
    clock = SystemClock()
    assert clock.now().tzinfo is UTC
    assert clock.monotonic() <= clock.monotonic()


def test_fake_clock_refuses_going_back_and_naive_start() -> None:
    with pytest.raises(ValueError):
        FakeClock(datetime(2025, 3, 4, 8, 0))
    with pytest.raises(ValueError):
        FakeClock(MORNING).advance(-1)


def test_countdown_pause_resume_and_overrun() -> None:
    clock = FakeClock(MORNING)
    timer = RunOfShow(clock)
    assert not timer.started and timer.elapsed() == 0 and not timer.overrun()
    timer.start(7, 600)
    clock.advance(100)
    assert timer.elapsed() == 100 and timer.remaining() == 500
    timer.pause()
    clock.advance(1000)
    assert timer.paused and timer.elapsed() == 100
    timer.resume()
    assert timer.state.paused_seconds == 1000
    clock.advance(350)  # 150 s left of a 10-minute item: its last quarter
    assert timer.near_end() and not timer.overrun()
    clock.advance(160)
    assert timer.overrun() and not timer.near_end()
    assert timer.remaining() == -10
    assert timer.state.item_id == 7 and timer.state.started_at == MORNING


def test_add_and_remove_minutes_never_end_before_now() -> None:
    clock = FakeClock(MORNING)
    timer = RunOfShow(clock)
    timer.start(1, 600)
    clock.advance(300.5)
    timer.add_minutes(2)
    assert timer.remaining() == pytest.approx(419.5)
    timer.add_minutes(-10)
    assert 0 <= timer.remaining() < 1
    clock.advance(100)
    timer.add_minutes(-5)  # already over: removing time changes nothing
    assert timer.remaining() == pytest.approx(-99.5)


def test_restart_while_running_recomputes_from_wall_instants() -> None:
    clock = FakeClock(MORNING)
    timer = RunOfShow(clock)
    timer.start(3, 3600)
    clock.advance(600)
    timer.pause()
    clock.advance(120)
    timer.resume()
    clock.advance(60)
    saved = timer.state
    clock.advance(45)  # the app was killed and took 45 s to come back
    restored = RunOfShow(clock, saved)
    assert restored.elapsed() == pytest.approx(705)
    assert restored.remaining() == pytest.approx(timer.remaining())


def test_restart_while_paused_keeps_the_pause() -> None:
    clock = FakeClock(MORNING)
    timer = RunOfShow(clock)
    timer.start(3, 600)
    clock.advance(200)
    timer.pause()
    saved = timer.state
    clock.advance(300)
    restored = RunOfShow(clock, saved)
    assert restored.paused and restored.elapsed() == pytest.approx(200)
    clock.advance(10)
    restored.resume()
    assert restored.state.paused_seconds == pytest.approx(310)
    clock.advance(50)
    assert restored.elapsed() == pytest.approx(250)


def test_restore_after_the_wall_clock_went_back_is_not_negative() -> None:
    state = TimerState(1, 600, started_at=MORNING + timedelta(hours=1))
    assert RunOfShow(FakeClock(MORNING), state).elapsed() == 0


actions = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.floats(0, 4000, allow_nan=False)),
        st.tuples(st.just("start"), st.integers(0, 7200)),
        st.tuples(st.just("pause"), st.just(0)),
        st.tuples(st.just("resume"), st.just(0)),
        st.tuples(st.just("add"), st.integers(-30, 30)),
        st.tuples(st.just("restart"), st.just(0)),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(actions)
def test_any_sequence_keeps_the_invariants(steps: list[tuple[str, float]]) -> None:
    clock = FakeClock(MORNING)
    timer = RunOfShow(clock)
    twin = RunOfShow(clock)  # never restarted: restoring must equal continuing
    for action, value in steps:
        before = timer.elapsed()
        if action == "advance":
            clock.advance(value)
        elif action == "start":
            timer.start(1, int(value))
            twin.start(1, int(value))
        elif action == "pause":
            timer.pause()
            twin.pause()
        elif action == "resume":
            timer.resume()
            twin.resume()
        elif action == "add":
            timer.add_minutes(int(value))
            twin.add_minutes(int(value))
        else:
            timer = RunOfShow(clock, timer.state)
        state = timer.state
        assert timer.elapsed() >= 0
        assert timer.remaining() == pytest.approx(
            state.planned_seconds + state.extra_seconds - timer.elapsed(), abs=1e-6
        )
        if action == "advance" and timer.paused:
            assert timer.elapsed() == pytest.approx(before, abs=1e-6)
        if action == "add" and value < 0 and state.started_at is not None:
            assert timer.remaining() >= 0 or timer.state.extra_seconds == twin.state.extra_seconds
        assert timer.elapsed() == pytest.approx(twin.elapsed(), abs=1e-6)
        assert timer.remaining() == pytest.approx(twin.remaining(), abs=1e-6)
        assert timer.paused == twin.paused


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (725, "12:05"),
        (724.2, "12:05"),
        (3723, "1:02:03"),
        (0.4, "00:01"),
        (0, "00:00"),
        (-0.5, "00:00"),
        (-1, "+00:01"),
        (-190.5, "+03:10"),
        (-3723, "+1:02:03"),
    ],
)
def test_format_countdown(seconds: float, text: str) -> None:
    assert format_countdown(seconds) == text


def test_tick_delay_aims_just_past_the_boundary() -> None:
    clock = FakeClock(MORNING)
    # Within a millisecond: the delay is rounded up to whole milliseconds.
    assert next_tick_delay(clock, 10.3) == pytest.approx(305, abs=1)
    assert next_tick_delay(clock, 10.0) == pytest.approx(1005, abs=1)
    assert next_tick_delay(clock, -2.25) == pytest.approx(755, abs=1)


def test_eight_hour_countdown_ticks_on_the_second_without_drift() -> None:
    late = random.Random(20250304)
    clock = FakeClock(MORNING)
    timer = RunOfShow(clock)
    day = 8 * 3600
    timer.start(1, day)
    shown = displayed_seconds(timer.remaining())
    assert shown == day
    ticks = 0
    while timer.remaining() > -120:  # and two minutes of overrun counting up
        delay_ms = next_tick_delay(clock, timer.remaining()) + late.uniform(0, 30)
        clock.advance(delay_ms / 1000)
        now_shown = displayed_seconds(timer.remaining())
        assert now_shown == shown - 1, f"skipped or repeated at tick {ticks}"
        assert abs(now_shown - timer.remaining()) < 1
        shown = now_shown
        ticks += 1
    assert ticks == day + 120
    assert abs(clock.monotonic() - (day + 120)) < 0.1


def _agenda() -> list[PlannedItem]:
    at = MORNING
    items = []
    for index, (minutes, fixed) in enumerate([(30, False), (60, False), (30, True), (60, False)]):
        items.append(PlannedItem(index, at, minutes * 60, fixed))
        at += timedelta(minutes=minutes)
    return items


def test_projection_on_time_late_and_early() -> None:
    items = _agenda()
    day_end = MORNING + timedelta(hours=3)
    assert projected_end(items, 0, MORNING, 1800) == day_end
    # 20 minutes late on the first item: everything after moves, including the fixed break.
    late = MORNING + timedelta(minutes=20)
    assert projected_end(items, 0, late, 1800) == day_end + timedelta(minutes=20)
    assert delay_seconds(items, 0, late, 1800) == 1200
    assert current_delay_seconds(items, 0, late, 1800) == 1200
    # 20 minutes early: the fixed item still waits for its time, so the day ends as planned.
    early = MORNING + timedelta(minutes=30)
    assert projected_end(items, 1, early, 40 * 60) == day_end
    assert delay_seconds(items, 1, early, 40 * 60) == 0
    assert current_delay_seconds(items, 1, early, 40 * 60) == -1200
    # An item in overrun ends now at the earliest.
    over = MORNING + timedelta(minutes=40)
    assert projected_end(items, 0, over, -600) == over + timedelta(hours=2, minutes=30)


def test_projection_refuses_an_index_outside_the_agenda() -> None:
    with pytest.raises(ValueError):
        projected_end(_agenda(), 4, MORNING, 0)


def test_a_rehearsal_on_another_date_is_measured_against_the_plan_hours() -> None:
    from facilitator.core.run_of_show import on_the_day_of

    planned_day = datetime(2025, 3, 25, 8, 30, tzinfo=UTC)
    items = [
        PlannedItem(1, planned_day, 1800),
        PlannedItem(2, planned_day + timedelta(minutes=30), 3600, fixed=True),
    ]
    rehearsal = datetime(2026, 11, 22, 8, 40, tzinfo=UTC)  # 10 minutes into the first item
    moved = on_the_day_of(items, rehearsal)
    assert [i.planned_start for i in moved] == [
        datetime(2026, 11, 22, 8, 30, tzinfo=UTC),
        datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
    ]
    assert delay_seconds(moved, 0, rehearsal, 1200) == 0  # on time, not 87 weeks late
    assert on_the_day_of(items, planned_day) == items


@pytest.mark.parametrize(
    ("minutes", "amber_from_s"), [(60, 300), (20, 300), (10, 150), (5, 75), (2, 60)]
)
def test_a_short_item_turns_amber_in_its_last_quarter_not_from_its_start(
    minutes: int, amber_from_s: int
) -> None:
    clock = FakeClock(datetime(2025, 3, 25, 9, 0, tzinfo=UTC))
    timer = RunOfShow(clock)
    timer.start(1, minutes * 60)
    clock.advance(minutes * 60 - amber_from_s - 1)
    assert not timer.near_end()
    clock.advance(1)
    assert timer.near_end()


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 min"),
        (12, "12 min"),
        (59, "59 min"),
        (60, "1 h 00"),
        (67, "1 h 07"),
        (135, "2 h 15"),
    ],
)
def test_format_minutes_reads_hours_from_an_hour_on(minutes: int, text: str) -> None:
    from facilitator.core.run_of_show import format_minutes

    assert format_minutes(minutes) == text


def test_format_minutes_refuses_a_negative_length() -> None:
    from facilitator.core.run_of_show import format_minutes

    with pytest.raises(ValueError):
        format_minutes(-1)
