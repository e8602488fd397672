"""Re-planning the rest of the day from the store: proposal, apply in one go, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from facilitator.core.run_of_show import FakeClock
from facilitator.store import replanning
from facilitator.store import run_of_show as ros
from facilitator.store.agenda import agenda
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem, RunOfShowEvent, Workshop

MIGRATION = "migration-circulaire-dakar-2025"
T0 = dt.datetime(2025, 3, 25, 8, 30, tzinfo=dt.UTC)  # 08:30 in Dakar


def _workshop(db: Database) -> int:
    with db.read() as session:
        workshop_id = session.scalar(select(Workshop.id).where(Workshop.slug == MIGRATION))
        assert workshop_id is not None
        return workshop_id


def _durations(db: Database, workshop_id: int) -> dict[int, int]:
    with db.read() as session:
        rows = session.scalars(select(AgendaItem).where(AgendaItem.workshop_id == workshop_id))
        return {row.id: row.duration_minutes for row in rows}


def _late_start(db: Database) -> tuple[int, FakeClock]:
    """The welcome started at 08:30 and still running at 09:30: 30 minutes late."""
    workshop_id = _workshop(db)
    clock = FakeClock(T0)
    ros.next_item(db, workshop_id, clock)
    clock.advance(3600)
    return workshop_id, clock


def _before_lunch(proposal: replanning.Proposal) -> list[replanning.ProposedItem]:
    items = list(proposal.items)
    lunch = next(i for i, item in enumerate(items) if item.title == "Déjeuner")
    return items[:lunch]


def test_nothing_to_replan_when_idle(demo_db: Database) -> None:
    with demo_db.read() as session, pytest.raises(replanning.NothingToReplan):
        replanning.propose(session, _workshop(demo_db), FakeClock(T0))


def test_proportional_proposal_reaches_lunch_and_closing_on_time(demo_db: Database) -> None:
    workshop_id, clock = _late_start(demo_db)
    with demo_db.read() as session:
        proposal = replanning.propose(session, workshop_id, clock)
    assert proposal.feasible
    before = _before_lunch(proposal)
    # 210 minutes planned from 09:30 to lunch at 12:30 leave 180: 30 cut, in proportion.
    assert sum(item.minutes for item in before) == 210
    assert sum(item.proposed_minutes for item in before) == 180
    for item in before:
        assert item.proposed_minutes < item.minutes
        assert item.proposed_minutes == pytest.approx(item.minutes * 180 / 210, abs=1)
    assert all(not item.changed for item in proposal.items if item.fixed)
    # After lunch the day was on time: nothing changes there.
    after = list(proposal.items)[len(before) :]
    assert all(not item.changed for item in after)
    # At this pace lunch starts at 13:00 and everything after it slides by 30 minutes.
    assert proposal.end_now - proposal.planned_end == dt.timedelta(minutes=30)
    assert proposal.end_proposed == proposal.planned_end


def test_breaks_first_cuts_the_coffee_break_to_its_minimum_first(demo_db: Database) -> None:
    workshop_id, clock = _late_start(demo_db)
    with demo_db.read() as session:
        proposal = replanning.propose(session, workshop_id, clock, rule="breaks_first")
    before = _before_lunch(proposal)
    (coffee,) = [item for item in before if item.title == "Pause-café"]
    assert coffee.proposed_minutes == 5
    cut_elsewhere = sum(item.minutes - item.proposed_minutes for item in before if item != coffee)
    assert cut_elsewhere == 5  # exactly what is still missing, not a minute more per item


def test_an_unreachable_lunch_is_reported_late(demo_db: Database) -> None:
    workshop_id, clock = _late_start(demo_db)
    clock.advance(2.5 * 3600)  # 12:00: nine items of at least 5 minutes cannot fit in 30
    with demo_db.read() as session:
        proposal = replanning.propose(session, workshop_id, clock, min_minutes=5)
    assert not proposal.feasible
    assert all(i.proposed_minutes == min(5, i.minutes) for i in _before_lunch(proposal))
    assert proposal.lateness_s == 15 * 60


def test_apply_is_one_write_and_undo_puts_every_duration_back(demo_db: Database) -> None:
    workshop_id, clock = _late_start(demo_db)
    original = _durations(demo_db, workshop_id)
    with demo_db.read() as session:
        proposal = replanning.propose(session, workshop_id, clock)
        assert not replanning.can_undo(session, workshop_id)
        original_starts = {e.id: e.planned_start for e in agenda(session, workshop_id)}
    changed = replanning.apply(demo_db, workshop_id, proposal, clock)
    assert changed == len(proposal.changes) > 0
    now = _durations(demo_db, workshop_id)
    for item in proposal.items:
        assert now[item.id] == item.proposed_minutes
    with demo_db.read() as session:
        # A parent lasts as long as its sub-items, and the plan's start times are unchanged.
        for row in session.scalars(select(AgendaItem).where(AgendaItem.workshop_id == workshop_id)):
            if row.children:
                assert row.duration_minutes == sum(c.duration_minutes for c in row.children)
        # The new plan has no hole: from 09:30, when the welcome ends, each flexible item
        # follows the one before it, and lunch keeps its hour.
        entries = [e for e in agenda(session, workshop_id) if e.day == dt.date(2025, 3, 25)]
        assert [f"{e.planned_start:%H:%M}" for e in entries[:2]] == ["08:30", "09:30"]
        for before, entry in zip(entries[1:], entries[2:], strict=False):
            if not entry.fixed:
                assert entry.planned_start == before.planned_end, entry.title
        assert f"{entries[5].planned_start:%H:%M}" == "12:30" and entries[5].fixed
        assert replanning.can_undo(session, workshop_id)
        logged = session.scalars(
            select(RunOfShowEvent).where(RunOfShowEvent.action == replanning.REPLAN)
        ).all()
        assert {e.agenda_item_id: e.seconds // 60 for e in logged} == {
            item.id: item.minutes
            for item in proposal.changes
            if item.proposed_minutes != item.minutes
        }
        starts_before = {e.id: e.planned_start for e in agenda(session, workshop_id)}
    assert replanning.undo_last(demo_db, workshop_id, clock) == changed
    assert _durations(demo_db, workshop_id) == original
    with demo_db.read() as session:
        starts = {e.id: e.planned_start for e in agenda(session, workshop_id)}
    assert starts == original_starts and starts != starts_before
    with demo_db.read() as session:
        assert not replanning.can_undo(session, workshop_id)
    assert replanning.undo_last(demo_db, workshop_id, clock) == 0


@pytest.mark.parametrize(
    ("minutes", "seconds", "fixed", "expected"),
    [
        ([10, 10, 10], [550, 550, 580], [False] * 3, [9, 9, 10]),  # 28.0 min: one more
        ([30, 60, 30], [1800, 1500, 1800], [False, True, False], [30, 60, 30]),
        ([10, 20], [0, 0], [False, False], [0, 0]),
    ],
)
def test_whole_minutes_share_the_rounding(
    minutes: list[int], seconds: list[int], fixed: list[bool], expected: list[int]
) -> None:
    assert replanning._whole_minutes(minutes, seconds, fixed) == expected
