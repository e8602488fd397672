"""Re-planning the rest of the day while it runs: a proposal, applying it, and undoing it.

The proposal comes from `core.replan` on the day's runnable items (top-level items, or the
sub-items of an item that has some). Applying it changes only durations, in one transaction: the
planned start times stay as they were announced, so the report still shows how late each item
started against the original plan. Each changed item's former duration is logged as a
`RunOfShowEvent` (« replan », its seconds); undoing reads the last such group back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facilitator.core.replan import MIN_DURATION_S, Rule, replan
from facilitator.core.run_of_show import (
    Clock,
    PlannedItem,
    on_the_day_of,
    planned_end,
    projected_end,
)
from facilitator.store.agenda import AgendaEntry, agenda
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem, RunOfShowEvent
from facilitator.store.run_of_show import current_timer

BREAK_KINDS = frozenset({"pause", "repas"})
REPLAN = "replan"
REPLAN_START = "replan_start"
REPLAN_UNDONE = "replan_undone"


class NothingToReplan(LookupError):
    """No item runs, or it is the day's last one: there is nothing to re-plan."""


@dataclass(frozen=True)
class ProposedItem:
    """One item after the live one: its duration now and as proposed, in minutes."""

    id: int
    title: str
    kind: str
    fixed: bool
    planned_start: dt.datetime
    minutes: int
    proposed_minutes: int
    new_start: dt.time  # where the proposal starts it (local time of day)

    @property
    def changed(self) -> bool:
        return self.proposed_minutes != self.minutes or self.moved

    @property
    def moved(self) -> bool:
        """Whether the proposal starts it at another time than planned (never a fixed item)."""
        return not self.fixed and self.new_start != self.planned_start.time()


@dataclass(frozen=True)
class Proposal:
    """What re-planning the rest of the day would do."""

    rule: Rule
    items: tuple[ProposedItem, ...]
    lateness_s: int  # how late a fixed item still starts with the proposal; 0 when on time
    end_now: dt.datetime  # the day's end at the current pace, before the proposal
    end_proposed: dt.datetime  # and with it
    planned_end: dt.datetime  # as planned

    @property
    def feasible(self) -> bool:
        return self.lateness_s == 0

    @property
    def changes(self) -> tuple[ProposedItem, ...]:
        return tuple(item for item in self.items if item.changed)


def _runnable_entries(entries: list[AgendaEntry], day: dt.date) -> list[tuple[AgendaEntry, bool]]:
    """The day's runnable entries with whether each must keep its start (fixed)."""
    runnable: list[tuple[AgendaEntry, bool]] = []
    for entry in entries:
        if entry.day != day:
            continue
        if entry.children:
            # A fixed parent keeps the start of its first sub-item.
            for index, child in enumerate(entry.children):
                runnable.append((child, child.fixed or (entry.fixed and index == 0)))
        else:
            runnable.append((entry, entry.fixed))
    return runnable


def _planned(entry: AgendaEntry, fixed: bool, duration_s: int | None = None) -> PlannedItem:
    seconds = duration_s
    if seconds is None:
        seconds = int((entry.planned_end - entry.planned_start).total_seconds())
    return PlannedItem(
        id=entry.id,
        planned_start=entry.planned_start,
        duration_s=seconds,
        fixed=fixed,
        is_break=entry.kind in BREAK_KINDS,
    )


def propose(
    session: Session,
    workshop_id: int,
    clock: Clock,
    rule: Rule = "proportional",
    min_minutes: int = MIN_DURATION_S // 60,
) -> Proposal:
    """Shorten the flexible items after the live one so that the fixed ones start on time."""
    timer = current_timer(session, workshop_id, clock)
    live_id = timer.state.item_id
    if not timer.started or live_id is None:
        raise NothingToReplan("no item is running")
    live = session.get(AgendaItem, live_id)
    if live is None:
        raise NothingToReplan("the live item is gone")
    runnable = _runnable_entries(agenda(session, workshop_id), live.day)
    ids = [entry.id for entry, _fixed in runnable]
    index = ids.index(live_id)
    if index == len(ids) - 1:
        raise NothingToReplan("the live item is the last one")
    now = clock.now()
    items = on_the_day_of([_planned(entry, fixed) for entry, fixed in runnable], now)
    # The live item ends when its timer says so (minutes added included).
    remaining = max(0.0, timer.remaining())
    result = replan(items, index, now, rule, min_minutes * 60, remaining)
    following = runnable[index + 1 :]
    whole = _whole_minutes(
        [round((e.planned_end - e.planned_start).total_seconds() / 60) for e, _f in following],
        result.durations,
        [fixed for _e, fixed in following],
    )
    # The proposed day, walked from the end of the live item: flexible items follow each other,
    # fixed ones keep their hour (later only when they cannot be reached in time).
    cursor = now + dt.timedelta(seconds=remaining)
    proposed: list[ProposedItem] = []
    for (entry, fixed), planned, new_minutes in zip(
        following, items[index + 1 :], whole, strict=True
    ):
        start = max(cursor, planned.planned_start) if fixed else cursor
        proposed.append(
            ProposedItem(
                id=entry.id,
                title=entry.title,
                kind=entry.kind,
                fixed=fixed,
                planned_start=entry.planned_start,
                minutes=round((entry.planned_end - entry.planned_start).total_seconds() / 60),
                proposed_minutes=new_minutes,
                new_start=entry.planned_start.time() if fixed else _minute(start, entry),
            )
        )
        cursor = start + dt.timedelta(minutes=new_minutes)
    after = items[: index + 1] + [
        replace(planned, duration_s=item.proposed_minutes * 60)
        for planned, item in zip(items[index + 1 :], proposed, strict=True)
    ]
    return Proposal(
        rule=rule,
        items=tuple(proposed),
        lateness_s=result.lateness_s,
        end_now=projected_end(items, index, now, remaining),
        end_proposed=projected_end(after, index, now, remaining),
        planned_end=planned_end(items),
    )


def _minute(instant: dt.datetime, entry: AgendaEntry) -> dt.time:
    """`instant` as a local time of day in the workshop's zone, to the minute (rounded up)."""
    local = instant.astimezone(entry.planned_start.tzinfo)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    return local.time().replace(tzinfo=None)


def _whole_minutes(minutes: list[int], seconds: list[int], fixed: list[bool]) -> list[int]:
    """The proposed durations in whole minutes, never longer than planned.

    Between two fixed items, the minutes add up to the proposal's total rounded down (so the
    fixed item is still reached), shared by the largest remainders: rounding each item down on
    its own would cut up to a minute per item more than needed.
    """
    result = [m if f else min(m, s // 60) for m, s, f in zip(minutes, seconds, fixed, strict=True)]
    segment: list[int] = []
    for index in [*range(len(minutes)), len(minutes)]:
        if index < len(minutes) and not fixed[index]:
            segment.append(index)
            continue
        target = min(sum(seconds[i] for i in segment), sum(minutes[i] * 60 for i in segment))
        missing = target // 60 - sum(result[i] for i in segment)
        by_remainder = sorted(segment, key=lambda i: -(seconds[i] - 60 * result[i]))
        for i in by_remainder:
            if missing <= 0:
                break
            if result[i] < minutes[i]:
                result[i] += 1
                missing -= 1
        segment = []
    return result


def _shift_parents(session: Session, cuts: dict[int, int]) -> None:
    """A parent gives (or takes back) the minutes its sub-items did, never below their sum."""
    for parent_id, minutes in cuts.items():
        parent = session.get(AgendaItem, parent_id)
        if parent is not None:
            needed = sum(child.duration_minutes for child in parent.children)
            parent.duration_minutes = max(needed, parent.duration_minutes - minutes)


def _seconds_of_day(value: dt.time | None) -> int:
    return -1 if value is None else value.hour * 3600 + value.minute * 60 + value.second


def _time_of_day(seconds: int) -> dt.time | None:
    return None if seconds < 0 else dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def apply(db: Database, workshop_id: int, proposal: Proposal, clock: Clock) -> int:
    """Give the items their proposed durations and starts, in one transaction; how many changed.

    The former values are logged (« replan »: duration, « replan_start »: start), which is what
    `undo_last` puts back and what a report can show as the plan first announced.
    """
    now = clock.now().astimezone(dt.UTC).replace(tzinfo=None)
    changed = 0

    def log(item: AgendaItem, action: str, seconds: int) -> None:
        session.add(
            RunOfShowEvent(
                workshop_id=workshop_id,
                agenda_item_id=item.id,
                action=action,
                at=now,
                seconds=seconds,
            )
        )

    with db.write() as session:
        cuts: dict[int, int] = {}
        first_children: dict[int, dt.time] = {}
        for proposed in proposal.changes:
            item = session.get(AgendaItem, proposed.id)
            if item is None or item.workshop_id != workshop_id:
                continue
            if proposed.proposed_minutes != item.duration_minutes:
                log(item, REPLAN, item.duration_minutes * 60)
                if item.parent_id is not None:
                    cut = item.duration_minutes - proposed.proposed_minutes
                    cuts[item.parent_id] = cuts.get(item.parent_id, 0) + cut
                item.duration_minutes = proposed.proposed_minutes
            if proposed.moved:
                log(item, REPLAN_START, _seconds_of_day(item.planned_start))
                item.planned_start = proposed.new_start
                parent = session.get(AgendaItem, item.parent_id) if item.parent_id else None
                if parent is not None and min(c.position for c in parent.children) == item.position:
                    first_children[parent.id] = proposed.new_start
            changed += 1
        for parent_id, start in first_children.items():
            parent = session.get(AgendaItem, parent_id)
            if parent is not None and not parent.fixed and parent.planned_start != start:
                log(parent, REPLAN_START, _seconds_of_day(parent.planned_start))
                parent.planned_start = start
        session.flush()
        _shift_parents(session, cuts)
    return changed


def _last_replan(session: Session, workshop_id: int) -> list[RunOfShowEvent]:
    mine = (RunOfShowEvent.workshop_id == workshop_id) & RunOfShowEvent.action.in_(
        (REPLAN, REPLAN_START)
    )
    latest = session.scalar(
        select(RunOfShowEvent.at)
        .where(mine)
        .order_by(RunOfShowEvent.at.desc(), RunOfShowEvent.id.desc())
        .limit(1)
    )
    if latest is None:
        return []
    return list(
        session.scalars(
            select(RunOfShowEvent)
            .where(mine, RunOfShowEvent.at == latest)
            .order_by(RunOfShowEvent.id)
        )
    )


def can_undo(session: Session, workshop_id: int) -> bool:
    """Whether a re-plan was applied and not undone yet."""
    return bool(_last_replan(session, workshop_id))


def undo_last(db: Database, workshop_id: int, clock: Clock) -> int:
    """Put back the durations and starts the last re-plan changed, in one transaction; how many
    items changed back."""
    now = clock.now().astimezone(dt.UTC).replace(tzinfo=None)
    with db.write() as session:
        events = _last_replan(session, workshop_id)
        cuts: dict[int, int] = {}
        items: set[int] = set()
        for event in events:
            item = session.get(AgendaItem, event.agenda_item_id) if event.agenda_item_id else None
            if item is None:
                continue
            if event.action == REPLAN_START:
                item.planned_start = _time_of_day(event.seconds)
            else:
                if item.parent_id is not None:
                    given_back = event.seconds // 60 - item.duration_minutes
                    cuts[item.parent_id] = cuts.get(item.parent_id, 0) - given_back
                item.duration_minutes = event.seconds // 60
            if item.children and event.action == REPLAN_START:
                continue  # a parent following its first sub-item: not an item of its own
            items.add(item.id)
            session.add(
                RunOfShowEvent(
                    workshop_id=workshop_id,
                    agenda_item_id=item.id,
                    action=REPLAN_UNDONE,
                    at=now,
                    seconds=event.seconds,
                )
            )
        session.execute(delete(RunOfShowEvent).where(RunOfShowEvent.id.in_([e.id for e in events])))
        session.flush()
        _shift_parents(session, cuts)
        return len(items)
