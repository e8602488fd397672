"""Re-plan proposals: fixed items keep their start, flexible ones shrink, not below a minimum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.replan import replan
from facilitator.core.run_of_show import PlannedItem, projected_end

MORNING = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def _agenda(spec: list[tuple[int, bool, bool]]) -> list[PlannedItem]:
    """Items from (minutes, fixed, is_break), back to back from MORNING."""
    at = MORNING
    items = []
    for index, (minutes, fixed, is_break) in enumerate(spec):
        items.append(PlannedItem(index, at, minutes * 60, fixed, is_break))
        at += timedelta(minutes=minutes)
    return items


# live session, session 60, break 30, session 60, lunch (fixed) 60, session 60
DAY = _agenda(
    [(30, False, False), (60, False, False), (30, False, True), (60, False, False)]
    + [(60, True, True), (60, False, False)]
)


def test_on_time_changes_nothing() -> None:
    proposal = replan(DAY, 0, MORNING, remaining_current=1800)
    assert proposal.durations == [item.duration_s for item in DAY[1:]]
    assert proposal.feasible


def test_proportional_keeps_lunch_in_place() -> None:
    late = MORNING + timedelta(minutes=30)  # the live item has 30 min left, 30 min late
    proposal = replan(DAY, 0, late, remaining_current=1800)
    assert proposal.feasible
    assert proposal.durations[:3] == [3600 - 720, 1800 - 360, 3600 - 720]
    assert proposal.durations[3:] == [3600, 3600]  # the fixed lunch and what follows


def test_breaks_first_cuts_the_break_before_the_sessions() -> None:
    late = MORNING + timedelta(minutes=30)
    proposal = replan(DAY, 0, late, "breaks_first", remaining_current=1800)
    assert proposal.feasible
    assert proposal.durations[1] == 300  # the break down to the minimum
    assert proposal.durations[0] + proposal.durations[2] == 7200 - 1800 + 1500


def test_impossible_reports_the_lateness() -> None:
    very_late = MORNING + timedelta(hours=3)
    proposal = replan(DAY, 0, very_late, remaining_current=1800)
    assert proposal.durations[:3] == [300, 300, 300]
    assert not proposal.feasible
    # Lunch was at 11:00; the live item ends at 11:30, then three 5-minute items.
    assert proposal.lateness_s == 1800 + 900


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 120), st.booleans(), st.booleans()), min_size=2, max_size=10),
    st.integers(0, 240),
    st.sampled_from(["proportional", "breaks_first"]),
)
def test_fixed_items_start_on_time_whenever_possible(
    spec: list[tuple[int, bool, bool]], late_minutes: int, rule: str
) -> None:
    items = _agenda(spec)
    now = MORNING + timedelta(minutes=late_minutes)
    proposal = replan(items, 0, now, rule, remaining_current=0)  # type: ignore[arg-type]
    following = items[1:]
    assert len(proposal.durations) == len(following)
    for item, new in zip(following, proposal.durations, strict=True):
        assert new <= item.duration_s
        assert new >= min(item.duration_s, 300)
        if item.fixed:
            assert new == item.duration_s
    # Walk the proposed day: each fixed item starts at most `lateness_s` late.
    start = now
    for item, new in zip(following, proposal.durations, strict=True):
        if item.fixed:
            assert (start - item.planned_start).total_seconds() <= proposal.lateness_s
            start = max(start, item.planned_start)
        start += timedelta(seconds=new)
    replanned = [
        PlannedItem(i.id, i.planned_start, d, i.fixed)
        for i, d in zip(following, proposal.durations, strict=True)
    ]
    assert projected_end([items[0], *replanned], 0, now, 0) <= projected_end(items, 0, now, 0)


def test_refuses_an_index_outside_the_agenda() -> None:
    with pytest.raises(ValueError):
        replan(DAY, 9, MORNING)


def test_the_planned_end_of_the_day_is_a_deadline_too() -> None:
    # The live item overran into the fixed lunch: only the session after lunch can give time.
    lunch_day = _agenda([(60, False, False), (60, True, True), (60, False, False)])
    now = MORNING + timedelta(minutes=75)  # the live item ends now, lunch starts 15 min late
    proposal = replan(lunch_day, 0, now, remaining_current=0)
    assert proposal.durations == [3600, 2700]  # lunch kept, the last session gives 15 min
    assert proposal.lateness_s == 900  # lunch itself cannot start on time any more
    ends = projected_end(
        [
            lunch_day[0],
            *[
                PlannedItem(i.id, i.planned_start, d, i.fixed)
                for i, d in zip(lunch_day[1:], proposal.durations, strict=True)
            ],
        ],
        0,
        now,
        0,
    )
    assert ends == MORNING + timedelta(hours=3)
