"""The live run of show in the database: the timer's state, the actual times, the event log.

Every operation is one transaction through `Database.write()`: it reads the saved state, applies
the action with the pure `RunOfShow` of core, writes back the state, the items' actual start and
end, and one `RunOfShowEvent`. Because the state holds only UTC instants, a restarted (or killed)
app rebuilds the timer with `current_timer` and shows the right time left.

The day is walked through its runnable items: a top-level item, or, for an item with sub-items,
each of its sub-items in order. A parent is « running » while one of its sub-items runs: its
actual start is the first sub-item's start and its actual end the last one's end.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.run_of_show import Clock, RunOfShow, TimerState
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem, RunOfShowEvent, RunOfShowState
from facilitator.store.timeutil import to_local
from facilitator.store.workshops import get_workshop


class AgendaItemNotFound(LookupError):
    """No item of that workshop has that id."""


def _to_db(instant: dt.datetime | None) -> dt.datetime | None:
    """An aware instant as stored: naive UTC."""
    if instant is None:
        return None
    if instant.tzinfo is None:
        return instant
    return instant.astimezone(dt.UTC).replace(tzinfo=None)


def _from_db(instant: dt.datetime | None) -> dt.datetime | None:
    """A stored (naive UTC) instant as an aware UTC one."""
    if instant is None:
        return None
    return instant.replace(tzinfo=dt.UTC)


def _now(clock: Clock) -> dt.datetime:
    now = _to_db(clock.now())
    assert now is not None
    return now


def load_state(session: Session, workshop_id: int) -> TimerState:
    """The saved timer of the workshop; an idle state when nothing runs."""
    row = session.get(RunOfShowState, workshop_id)
    if row is None or row.agenda_item_id is None or row.started_at is None:
        return TimerState()
    item = session.get(AgendaItem, row.agenda_item_id)
    if item is None:
        return TimerState()
    return TimerState(
        item_id=item.id,
        planned_seconds=item.duration_minutes * 60,
        started_at=_from_db(row.started_at),
        paused_at=_from_db(row.paused_at),
        paused_seconds=float(row.paused_seconds),
        extra_seconds=row.extra_seconds,
    )


def save_state(session: Session, workshop_id: int, state: TimerState) -> None:
    """Write the workshop's timer state (one row per workshop)."""
    row = session.get(RunOfShowState, workshop_id)
    if row is None:
        row = RunOfShowState(workshop_id=workshop_id)
        session.add(row)
    row.agenda_item_id = state.item_id
    row.started_at = _to_db(state.started_at)
    row.paused_at = _to_db(state.paused_at)
    row.paused_seconds = round(state.paused_seconds)
    row.extra_seconds = state.extra_seconds
    session.flush()


def current_timer(session: Session, workshop_id: int, clock: Clock) -> RunOfShow:
    """The live timer rebuilt from the saved state, e.g. after a restart of the app."""
    return RunOfShow(clock, load_state(session, workshop_id))


def _item(session: Session, workshop_id: int, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None or item.workshop_id != workshop_id:
        raise AgendaItemNotFound(f"no agenda item {item_id} in workshop {workshop_id}")
    return item


def _top_items(session: Session, workshop_id: int, day: dt.date) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(
                AgendaItem.workshop_id == workshop_id,
                AgendaItem.day == day,
                AgendaItem.parent_id.is_(None),
            )
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def day_sequence(session: Session, workshop_id: int, day: dt.date) -> list[AgendaItem]:
    """The runnable items of a day in order: top items, or their sub-items when they have any."""
    sequence: list[AgendaItem] = []
    for item in _top_items(session, workshop_id, day):
        children = sorted(item.children, key=lambda c: (c.position, c.id))
        sequence.extend(children or [item])
    return sequence


def _runnable(item: AgendaItem) -> AgendaItem:
    """The item itself, or its first sub-item when it has some."""
    children = sorted(item.children, key=lambda c: (c.position, c.id))
    return children[0] if children else item


def _idle_day(session: Session, workshop_id: int, clock: Clock) -> dt.date | None:
    """The day to run when nothing runs: today in the workshop's zone, else its first day."""
    days = sorted(
        set(session.scalars(select(AgendaItem.day).where(AgendaItem.workshop_id == workshop_id)))
    )
    if not days:
        return None
    today = to_local(_now(clock), get_workshop(session, workshop_id).timezone).date()
    return today if today in days else days[0]


def next_item_id(session: Session, workshop_id: int, clock: Clock) -> int | None:
    """The runnable item that « next » would start (the first of the day when idle)."""
    state = load_state(session, workshop_id)
    target = _neighbour(session, workshop_id, state, clock, +1)
    return target.id if target is not None else None


def previous_item_id(session: Session, workshop_id: int, clock: Clock) -> int | None:
    """The runnable item that « previous » would start (when idle, the one that ended last)."""
    state = load_state(session, workshop_id)
    target = _neighbour(session, workshop_id, state, clock, -1)
    return target.id if target is not None else None


def _neighbour(
    session: Session, workshop_id: int, state: TimerState, clock: Clock, step: int
) -> AgendaItem | None:
    if state.item_id is None:
        day = _idle_day(session, workshop_id, clock)
        if day is None:
            return None
        sequence = day_sequence(session, workshop_id, day)
        if step < 0:
            # Back to the item that ended last (« next » pressed once too often, or « stop »).
            ended = [(item.actual_end, i) for i, item in enumerate(sequence) if item.actual_end]
            return sequence[max(ended)[1]] if ended else None
        # The first item not yet run to its end: a day already run through has nothing to start.
        return next((item for item in sequence if item.actual_end is None), None)
    current = _item(session, workshop_id, state.item_id)
    sequence = day_sequence(session, workshop_id, current.day)
    ids = [item.id for item in sequence]
    if current.id not in ids:
        return None
    index = ids.index(current.id) + step
    return sequence[index] if 0 <= index < len(sequence) else None


def _end(session: Session, item: AgendaItem, now: dt.datetime, keep_parent: int | None) -> None:
    """End `item` now, and its parent unless the run stays inside `keep_parent`."""
    item.actual_end = now
    if item.parent_id is not None and item.parent_id != keep_parent:
        parent = session.get(AgendaItem, item.parent_id)
        if parent is not None:
            parent.actual_end = now


def _log(
    session: Session,
    workshop_id: int,
    item_id: int | None,
    action: str,
    now: dt.datetime,
    seconds: int = 0,
) -> None:
    session.add(
        RunOfShowEvent(
            workshop_id=workshop_id, agenda_item_id=item_id, action=action, at=now, seconds=seconds
        )
    )


def _start(
    session: Session, workshop_id: int, item: AgendaItem, clock: Clock, action: str
) -> TimerState:
    now = _now(clock)
    state = load_state(session, workshop_id)
    if state.item_id is not None and state.item_id != item.id:
        previous = session.get(AgendaItem, state.item_id)
        if previous is not None:
            _end(session, previous, now, keep_parent=item.parent_id)
    if item.actual_start is None:
        item.actual_start = now
    item.actual_end = None  # running (again)
    if item.parent_id is not None:
        parent = session.get(AgendaItem, item.parent_id)
        if parent is not None:
            if parent.actual_start is None:
                parent.actual_start = now
            parent.actual_end = None
    timer = RunOfShow(clock)
    timer.start(item.id, item.duration_minutes * 60)
    save_state(session, workshop_id, timer.state)
    _log(session, workshop_id, item.id, action, now)
    return timer.state


def start_item(db: Database, workshop_id: int, item_id: int, clock: Clock) -> TimerState:
    """Start `item_id` (its first sub-item if it has some), ending the item that was running."""
    with db.write() as session:
        item = _runnable(_item(session, workshop_id, item_id))
        return _start(session, workshop_id, item, clock, "start")


def next_item(db: Database, workshop_id: int, clock: Clock) -> TimerState:
    """Start the next item or sub-item of the day; after the last one, end the day (idle)."""
    with db.write() as session:
        state = load_state(session, workshop_id)
        target = _neighbour(session, workshop_id, state, clock, +1)
        if target is not None:
            return _start(session, workshop_id, target, clock, "next")
        if state.item_id is None:
            return state  # idle, and nothing left to start
        return _stop(session, workshop_id, state, clock)


def previous_item(db: Database, workshop_id: int, clock: Clock) -> TimerState:
    """Start the previous item or sub-item of the day again; unchanged at the first one."""
    with db.write() as session:
        state = load_state(session, workshop_id)
        target = _neighbour(session, workshop_id, state, clock, -1)
        if target is None:
            return state  # nothing before the first item
        return _start(session, workshop_id, target, clock, "previous")


def pause(db: Database, workshop_id: int, clock: Clock) -> TimerState:
    """Pause the running timer; nothing happens (and nothing is logged) if it is not running."""
    with db.write() as session:
        timer = current_timer(session, workshop_id, clock)
        if not timer.running:
            return timer.state
        timer.pause()
        save_state(session, workshop_id, timer.state)
        _log(session, workshop_id, timer.state.item_id, "pause", _now(clock))
        return timer.state


def resume(db: Database, workshop_id: int, clock: Clock) -> TimerState:
    """Resume a paused timer; nothing happens if it is not paused."""
    with db.write() as session:
        timer = current_timer(session, workshop_id, clock)
        if not timer.paused:
            return timer.state
        timer.resume()
        save_state(session, workshop_id, timer.state)
        _log(session, workshop_id, timer.state.item_id, "resume", _now(clock))
        return timer.state


def add_minutes(db: Database, workshop_id: int, minutes: int, clock: Clock) -> TimerState:
    """Give the live item more minutes (fewer when negative); nothing happens when idle."""
    with db.write() as session:
        timer = current_timer(session, workshop_id, clock)
        if not timer.started:
            return timer.state
        before = timer.state.extra_seconds
        timer.add_minutes(minutes)
        save_state(session, workshop_id, timer.state)
        seconds = timer.state.extra_seconds - before
        _log(session, workshop_id, timer.state.item_id, "add", _now(clock), seconds)
        return timer.state


def stop(db: Database, workshop_id: int, clock: Clock) -> TimerState:
    """End the live item (and its parent) now; the timer becomes idle."""
    with db.write() as session:
        state = load_state(session, workshop_id)
        if state.item_id is None:
            return state
        return _stop(session, workshop_id, state, clock)


def _stop(session: Session, workshop_id: int, state: TimerState, clock: Clock) -> TimerState:
    now = _now(clock)
    item = session.get(AgendaItem, state.item_id)
    if item is not None:
        _end(session, item, now, keep_parent=None)
    idle = TimerState()
    save_state(session, workshop_id, idle)
    _log(session, workshop_id, state.item_id, "stop", now)
    return idle
