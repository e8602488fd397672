"""The run of show in the database: operations, actual times, event log, and restarts."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from facilitator.core.run_of_show import FakeClock
from facilitator.store import run_of_show as ros
from facilitator.store.database import Database, open_database
from facilitator.store.models import AgendaItem, RunOfShowEvent, Workshop

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"
ROOT = Path(__file__).resolve().parents[2]
# 08:30 in Dakar (UTC+0) on the migration workshop's day.
T0 = dt.datetime(2025, 3, 25, 8, 30, tzinfo=dt.UTC)


def _workshop(db: Database, slug: str) -> int:
    with db.read() as session:
        workshop_id = session.scalar(select(Workshop.id).where(Workshop.slug == slug))
        assert workshop_id is not None
        return workshop_id


def _sequence(db: Database, workshop_id: int) -> list[AgendaItem]:
    with db.read() as session:
        day = session.scalar(
            select(AgendaItem.day).where(AgendaItem.workshop_id == workshop_id).limit(1)
        )
        assert day is not None
        return ros.day_sequence(session, workshop_id, day)


def _item(db: Database, item_id: int) -> AgendaItem:
    with db.read() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None
        return item


def _remaining(db: Database, workshop_id: int, clock: FakeClock) -> float:
    with db.read() as session:
        return ros.current_timer(session, workshop_id, clock).remaining()


def _path(db: Database) -> Path:
    assert db.path is not None
    return db.path


def _naive(instant: dt.datetime) -> dt.datetime:
    return instant.astimezone(dt.UTC).replace(tzinfo=None)


def _events(db: Database, workshop_id: int) -> list[tuple[str, int | None, int]]:
    with db.read() as session:
        rows = session.scalars(
            select(RunOfShowEvent)
            .where(RunOfShowEvent.workshop_id == workshop_id)
            .order_by(RunOfShowEvent.id)
        )
        return [(e.action, e.agenda_item_id, e.seconds) for e in rows]


def test_idle_without_a_saved_state(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    with demo_db.read() as session:
        state = ros.load_state(session, workshop_id)
        assert state.item_id is None and state.started_at is None
        assert not ros.current_timer(session, workshop_id, FakeClock(T0)).started


def test_start_pause_resume_add_gives_the_right_time_left(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    first = _sequence(demo_db, workshop_id)[0]
    assert first.duration_minutes == 30
    clock = FakeClock(T0)
    state = ros.start_item(demo_db, workshop_id, first.id, clock)
    assert state.item_id == first.id and state.planned_seconds == 1800
    assert _item(demo_db, first.id).actual_start == _naive(T0)
    clock.advance(600)
    ros.pause(demo_db, workshop_id, clock)
    clock.advance(120)
    assert _remaining(demo_db, workshop_id, clock) == 1200
    ros.resume(demo_db, workshop_id, clock)
    state = ros.add_minutes(demo_db, workshop_id, 5, clock)
    assert state.extra_seconds == 300 and state.paused_seconds == 120
    assert _remaining(demo_db, workshop_id, clock) == 1500
    clock.advance(100)
    assert _remaining(demo_db, workshop_id, clock) == 1400
    assert _events(demo_db, workshop_id) == [
        ("start", first.id, 0),
        ("pause", first.id, 0),
        ("resume", first.id, 0),
        ("add", first.id, 300),
    ]


def test_pause_and_resume_do_nothing_when_idle(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    clock = FakeClock(T0)
    assert ros.pause(demo_db, workshop_id, clock).item_id is None
    assert ros.resume(demo_db, workshop_id, clock).item_id is None
    assert ros.add_minutes(demo_db, workshop_id, 5, clock).extra_seconds == 0
    assert _events(demo_db, workshop_id) == []


def test_next_ends_the_first_item_and_goes_into_sub_items_and_out(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    sequence = _sequence(demo_db, workshop_id)
    welcome, first_sub, second_sub, third_sub, after = sequence[:5]
    opening_id = first_sub.parent_id
    assert opening_id is not None and welcome.parent_id is None
    assert after.parent_id not in (None, opening_id)  # Session 1's first sub-item
    assert {second_sub.parent_id, third_sub.parent_id} == {opening_id}
    clock = FakeClock(T0)
    ros.start_item(demo_db, workshop_id, welcome.id, clock)
    clock.advance(1800)
    state = ros.next_item(demo_db, workshop_id, clock)
    assert state.item_id == first_sub.id and state.planned_seconds == 600
    t1 = _naive(clock.now())
    assert _item(demo_db, welcome.id).actual_end == t1
    assert _item(demo_db, first_sub.id).actual_start == t1
    opening = _item(demo_db, opening_id)
    assert opening.actual_start == t1 and opening.actual_end is None
    for _ in range(2):
        clock.advance(600)
        ros.next_item(demo_db, workshop_id, clock)
    assert _item(demo_db, opening_id).actual_end is None  # still running its last sub-item
    assert _item(demo_db, third_sub.id).actual_start == _naive(clock.now())
    clock.advance(600)
    state = ros.next_item(demo_db, workshop_id, clock)
    t_out = _naive(clock.now())
    assert state.item_id == after.id
    assert _item(demo_db, third_sub.id).actual_end == t_out
    opening = _item(demo_db, opening_id)
    assert opening.actual_start == t1 and opening.actual_end == t_out
    with demo_db.read() as session:
        assert ros.next_item_id(session, workshop_id, clock) == sequence[5].id


def test_previous_goes_back_into_the_sub_items(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    sequence = _sequence(demo_db, workshop_id)
    third_sub, after = sequence[3], sequence[4]
    clock = FakeClock(T0)
    ros.start_item(demo_db, workshop_id, after.id, clock)
    clock.advance(60)
    state = ros.previous_item(demo_db, workshop_id, clock)
    assert state.item_id == third_sub.id
    assert _item(demo_db, after.id).actual_end == _naive(clock.now())
    assert third_sub.parent_id is not None
    parent = _item(demo_db, third_sub.parent_id)
    assert parent.actual_start == _naive(clock.now()) and parent.actual_end is None
    assert [e[0] for e in _events(demo_db, workshop_id)] == ["start", "previous"]


def test_previous_at_the_first_item_changes_nothing_and_next_at_the_last_ends_the_day(
    demo_db: Database,
) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    sequence = _sequence(demo_db, workshop_id)
    clock = FakeClock(T0)
    ros.start_item(demo_db, workshop_id, sequence[0].id, clock)
    assert ros.previous_item(demo_db, workshop_id, clock).item_id == sequence[0].id
    ros.start_item(demo_db, workshop_id, sequence[-1].id, clock)
    clock.advance(600)
    assert ros.next_item(demo_db, workshop_id, clock).item_id is None
    assert _item(demo_db, sequence[-1].id).actual_end == _naive(clock.now())
    assert [e[0] for e in _events(demo_db, workshop_id)] == ["start", "start", "stop"]
    # Idle: « previous » takes back the item that ended last, and its time starts again.
    with demo_db.read() as session:
        assert ros.previous_item_id(session, workshop_id, clock) == sequence[-1].id
    assert ros.previous_item(demo_db, workshop_id, clock).item_id == sequence[-1].id
    assert _item(demo_db, sequence[-1].id).actual_end is None
    ros.stop(demo_db, workshop_id, clock)
    # Idle again: « next » offers the first item skipped, not the first of the day.
    assert ros.next_item(demo_db, workshop_id, clock).item_id == sequence[1].id


def test_idle_offers_the_first_item_not_run_and_nothing_once_the_day_is_run(
    demo_db: Database,
) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    sequence = _sequence(demo_db, workshop_id)
    clock = FakeClock(T0)
    ros.start_item(demo_db, workshop_id, sequence[0].id, clock)
    ros.next_item(demo_db, workshop_id, clock)
    ros.stop(demo_db, workshop_id, clock)
    with demo_db.read() as session:
        assert ros.next_item_id(session, workshop_id, clock) == sequence[2].id
    with demo_db.write() as session:
        for row in session.scalars(select(AgendaItem).where(AgendaItem.workshop_id == workshop_id)):
            row.actual_start = row.actual_end = _naive(T0)
    with demo_db.read() as session:
        assert ros.next_item_id(session, workshop_id, clock) is None


def test_next_when_idle_starts_the_first_item_of_the_day(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    first = _sequence(demo_db, workshop_id)[0]
    state = ros.next_item(demo_db, workshop_id, FakeClock(T0))
    assert state.item_id == first.id


def test_starting_a_parent_starts_its_first_sub_item_m4sd(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, M4SD)
    clock = FakeClock(dt.datetime(2023, 10, 27, 9, 45, tzinfo=dt.UTC))
    with demo_db.write() as session:  # the demo carries the times of the real day: run it afresh
        for item in session.scalars(
            select(AgendaItem).where(AgendaItem.workshop_id == workshop_id)
        ):
            item.actual_start = item.actual_end = None
    with demo_db.read() as session:
        session_1 = session.scalar(
            select(AgendaItem).where(
                AgendaItem.workshop_id == workshop_id,
                AgendaItem.parent_id.is_(None),
                AgendaItem.title.startswith("SESSION 1"),
            )
        )
        assert session_1 is not None
        subs = sorted(session_1.children, key=lambda c: c.position)
    assert [s.duration_minutes for s in subs] == [15, 15, 45]
    state = ros.start_item(demo_db, workshop_id, session_1.id, clock)
    assert state.item_id == subs[0].id and state.planned_seconds == 900
    for sub in subs[1:]:
        clock.advance(900)
        assert ros.next_item(demo_db, workshop_id, clock).item_id == sub.id
    clock.advance(2700)
    state = ros.stop(demo_db, workshop_id, clock)
    assert state.item_id is None
    parent = _item(demo_db, session_1.id)
    assert parent.actual_start == _naive(clock.now() - dt.timedelta(seconds=4500))
    assert parent.actual_end == _naive(clock.now())
    assert _item(demo_db, subs[-1].id).actual_end == _naive(clock.now())
    assert _events(demo_db, workshop_id)[-1] == ("stop", subs[-1].id, 0)
    with demo_db.read() as session:
        assert not ros.current_timer(session, workshop_id, clock).started


def test_an_actual_start_already_kept_is_not_moved(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, M4SD)
    first = _sequence(demo_db, workshop_id)[0]
    kept = first.actual_start
    assert kept is not None  # the demo has the real day's times
    ros.start_item(demo_db, workshop_id, first.id, FakeClock(T0))
    assert _item(demo_db, first.id).actual_start == kept


def test_removing_minutes_logs_negative_seconds(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    first = _sequence(demo_db, workshop_id)[0]
    clock = FakeClock(T0)
    ros.start_item(demo_db, workshop_id, first.id, clock)
    state = ros.add_minutes(demo_db, workshop_id, -10, clock)
    assert state.extra_seconds == -600
    assert _events(demo_db, workshop_id)[-1] == ("add", first.id, -600)
    assert _remaining(demo_db, workshop_id, clock) == 1200


def test_a_restarted_app_shows_the_same_time_left(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    first = _sequence(demo_db, workshop_id)[0]
    clock = FakeClock(T0)
    ros.start_item(demo_db, workshop_id, first.id, clock)
    clock.advance(600)
    ros.pause(demo_db, workshop_id, clock)
    clock.advance(120)
    ros.resume(demo_db, workshop_id, clock)
    ros.add_minutes(demo_db, workshop_id, 5, clock)
    clock.advance(250)
    with demo_db.read() as session:
        live = ros.current_timer(session, workshop_id, clock)
    expected = live.remaining()
    assert expected == 1800 + 300 - 850
    demo_db.dispose()

    reopened = open_database(_path(demo_db))
    try:
        later = FakeClock(clock.now())
        assert _remaining(reopened, workshop_id, later) == expected
        later.advance(60)
        assert _remaining(reopened, workshop_id, later) == expected - 60
    finally:
        reopened.dispose()


def test_a_restart_while_paused_keeps_the_time_frozen(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    first = _sequence(demo_db, workshop_id)[0]
    clock = FakeClock(T0)
    ros.start_item(demo_db, workshop_id, first.id, clock)
    clock.advance(300)
    ros.pause(demo_db, workshop_id, clock)
    demo_db.dispose()
    reopened = open_database(_path(demo_db))
    try:
        later = FakeClock(clock.now() + dt.timedelta(minutes=7))
        assert _remaining(reopened, workshop_id, later) == 1500
        ros.resume(reopened, workshop_id, later)
        later.advance(100)
        assert _remaining(reopened, workshop_id, later) == 1400
        with reopened.read() as session:
            assert ros.load_state(session, workshop_id).paused_seconds == 420
    finally:
        reopened.dispose()


_CHILD = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from facilitator.core.run_of_show import FakeClock
    from facilitator.store import run_of_show as ros
    from facilitator.store.database import open_database

    db = open_database(sys.argv[1])
    workshop_id, item_id = int(sys.argv[2]), int(sys.argv[3])
    clock = FakeClock(dt.datetime.fromisoformat(sys.argv[4]))
    ros.start_item(db, workshop_id, item_id, clock)
    clock.advance(600)
    ros.add_minutes(db, workshop_id, 3, clock)
    print("running", flush=True)
    time.sleep(60)
    """
)


def test_killed_while_an_item_runs_the_time_left_is_right(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    first = _sequence(demo_db, workshop_id)[0]
    path = _path(demo_db)
    demo_db.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path), str(workshop_id), str(first.id), T0.isoformat()],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "running"
            child.send_signal(signal.SIGKILL)
            assert child.wait(timeout=10) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    reopened = open_database(path)
    try:
        later = FakeClock(T0 + dt.timedelta(minutes=25))
        assert _remaining(reopened, workshop_id, later) == 1800 + 180 - 1500
        assert _item(reopened, first.id).actual_start == _naive(T0)
        assert [e[0] for e in _events(reopened, workshop_id)] == ["start", "add"]
    finally:
        reopened.dispose()


def test_an_item_of_another_workshop_is_refused(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    other = _sequence(demo_db, _workshop(demo_db, M4SD))[0]
    with pytest.raises(ros.AgendaItemNotFound):
        ros.start_item(demo_db, workshop_id, other.id, FakeClock(T0))
    assert _events(demo_db, workshop_id) == []
