"""Re-planning the rest of the day while it runs: a proposal, applying it, and undoing it.

The proposal comes from `core.replan` on the day's runnable items (top-level items, or the
sub-items of an item that has some). Applying it changes only durations, in one transaction: the
planned start times stay as they were announced, so the report still shows how late each item
started against the original plan. Each changed item's former duration is logged as a
`RunOfShowEvent` (« replan », its seconds); undoing reads the last such group back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facilitator.core.replan import MIN_DURATION_S, Rule, replan
from facilitator.core.run_of_show import Clock, PlannedItem, planned_end, projected_end
from facilitator.store.agenda import AgendaEntry, agenda
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem, RunOfShowEvent
from facilitator.store.run_of_show import current_timer

BREAK_KINDS = frozenset({"pause", "repas"})
REPLAN = "replan"
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

    @property
    def changed(self) -> bool:
        return self.proposed_minutes != self.minutes


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
    items = [_planned(entry, fixed) for entry, fixed in runnable]
    # The live item ends when its timer says so (minutes added included).
    remaining = max(0.0, timer.remaining())
    now = clock.now()
    result = replan(items, index, now, rule, min_minutes * 60, remaining)
    following = runnable[index + 1 :]
    whole = _whole_minutes(
        [round((e.planned_end - e.planned_start).total_seconds() / 60) for e, _f in following],
        result.durations,
        [fixed for _e, fixed in following],
    )
    proposed = [
        ProposedItem(
            id=entry.id,
            title=entry.title,
            kind=entry.kind,
            fixed=fixed,
            planned_start=entry.planned_start,
            minutes=round((entry.planned_end - entry.planned_start).total_seconds() / 60),
            proposed_minutes=new_minutes,
        )
        for (entry, fixed), new_minutes in zip(following, whole, strict=True)
    ]
    after = items[: index + 1] + [
        _planned(entry, fixed, item.proposed_minutes * 60)
        for (entry, fixed), item in zip(runnable[index + 1 :], proposed, strict=True)
    ]
    return Proposal(
        rule=rule,
        items=tuple(proposed),
        lateness_s=result.lateness_s,
        end_now=projected_end(items, index, now, remaining),
        end_proposed=projected_end(after, index, now, remaining),
        planned_end=planned_end(items),
    )


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


def _sync_parent(session: Session, parent_id: int | None) -> None:
    """A parent lasts as long as its sub-items together."""
    if parent_id is None:
        return
    parent = session.get(AgendaItem, parent_id)
    if parent is not None and parent.children:
        parent.duration_minutes = sum(child.duration_minutes for child in parent.children)


def apply(db: Database, workshop_id: int, proposal: Proposal, clock: Clock) -> int:
    """Give the items their proposed durations, in one transaction; how many changed."""
    now = clock.now().astimezone(dt.UTC).replace(tzinfo=None)
    changed = 0
    with db.write() as session:
        parents: set[int | None] = set()
        for proposed in proposal.changes:
            item = session.get(AgendaItem, proposed.id)
            if item is None or item.workshop_id != workshop_id:
                continue
            session.add(
                RunOfShowEvent(
                    workshop_id=workshop_id,
                    agenda_item_id=item.id,
                    action=REPLAN,
                    at=now,
                    seconds=item.duration_minutes * 60,
                )
            )
            item.duration_minutes = proposed.proposed_minutes
            parents.add(item.parent_id)
            changed += 1
        session.flush()
        for parent_id in parents:
            _sync_parent(session, parent_id)
    return changed


def _last_replan(session: Session, workshop_id: int) -> list[RunOfShowEvent]:
    latest = session.scalar(
        select(RunOfShowEvent.at)
        .where(RunOfShowEvent.workshop_id == workshop_id, RunOfShowEvent.action == REPLAN)
        .order_by(RunOfShowEvent.at.desc(), RunOfShowEvent.id.desc())
        .limit(1)
    )
    if latest is None:
        return []
    return list(
        session.scalars(
            select(RunOfShowEvent).where(
                RunOfShowEvent.workshop_id == workshop_id,
                RunOfShowEvent.action == REPLAN,
                RunOfShowEvent.at == latest,
            )
        )
    )


def can_undo(session: Session, workshop_id: int) -> bool:
    """Whether a re-plan was applied and not undone yet."""
    return bool(_last_replan(session, workshop_id))


def undo_last(db: Database, workshop_id: int, clock: Clock) -> int:
    """Put back the durations the last re-plan changed, in one transaction; how many."""
    now = clock.now().astimezone(dt.UTC).replace(tzinfo=None)
    with db.write() as session:
        events = _last_replan(session, workshop_id)
        parents: set[int | None] = set()
        for event in events:
            item = session.get(AgendaItem, event.agenda_item_id) if event.agenda_item_id else None
            if item is None:
                continue
            item.duration_minutes = event.seconds // 60
            parents.add(item.parent_id)
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
        for parent_id in parents:
            _sync_parent(session, parent_id)
        return len(events)
