"""Editing a day's agenda: add, change, delete, reorder items, and put a day back for undo.

Every function takes the Session of the caller's one write transaction (`Database.write()` or
`AppContext.write()`), so a change and its recomputed times commit together or not at all.

How the times of a day are recomputed after every change:
- the day's start is the start of its first item before the change (or the new start given to
  the first item); the first item starts then, unless it is fixed;
- a flexible item starts when the one before it ends: its stored planned_start is rewritten;
- a fixed item keeps its start, even when the item before it runs past it: that is an overlap,
  reported by `day_overlaps` for the screen to show, never moved;
- an item with sub-items lasts at least as long as its sub-items together (it grows when they
  need more; when they need less, the time left after them is kept, e.g. for questions); the
  sub-items are chained from its start, and each stores its computed start (as the demo agendas
  do), never fixed;
- a change that would take the day past midnight is refused.
actual_start and actual_end, the record of the day, are never changed by an edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.agenda import KIND_NAMES
from facilitator.store.models import (
    AgendaItem,
    AgendaNote,
    RunOfShowEvent,
    RunOfShowState,
    WorkshopDay,
)
from facilitator.store.workshops import get_workshop

DEFAULT_DAY_START = dt.time(8, 30)
MAX_MINUTES = 24 * 60


class AgendaInvalid(ValueError):
    """A change the agenda refuses; the message says why, for a person."""


@dataclass(frozen=True)
class ItemFields:
    """What a person edits of an agenda item. `start` matters for the first and fixed items."""

    title: str
    kind: str = "session"
    speakers: str = ""
    start: dt.time | None = None
    duration_minutes: int = 30
    fixed: bool = False

    def validated(self, *, computed_duration: bool = False) -> ItemFields:
        """The fields cleaned up (spaces trimmed), or AgendaInvalid naming what is wrong."""
        title = " ".join(self.title.split())
        if not title:
            raise AgendaInvalid(_("The title is empty: give the item a title."))
        if self.kind not in KIND_NAMES:
            raise AgendaInvalid(
                _("« {kind} » is not a kind of agenda item.").format(kind=self.kind)
            )
        if not computed_duration:
            if self.duration_minutes <= 0:
                raise AgendaInvalid(_("The duration must be at least 1 minute."))
            if self.duration_minutes > MAX_MINUTES:
                raise AgendaInvalid(_("The duration cannot be more than 24 hours."))
        if self.fixed and self.start is None:
            raise AgendaInvalid(_("A fixed item needs a start time."))
        return replace(self, title=title, speakers=self.speakers.strip())


def minutes_between(start: dt.time, end: dt.time) -> int:
    """The duration from a start to an end on the same day; AgendaInvalid when end is not after."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        raise AgendaInvalid(
            _("The end ({end}) must be after the start ({start}).").format(
                end=f"{end:%H:%M}", start=f"{start:%H:%M}"
            )
        )
    return minutes


@dataclass(frozen=True)
class Overlap:
    """An item running past the start of the fixed item after it."""

    item_id: int
    title: str
    fixed_id: int
    fixed_title: str
    fixed_start: dt.time
    minutes: int

    def message(self) -> str:
        return _("« {title} » runs {minutes} min into « {fixed} » (fixed, {time})").format(
            title=self.title,
            minutes=self.minutes,
            fixed=self.fixed_title,
            time=f"{self.fixed_start:%H:%M}",
        )


@dataclass(frozen=True)
class ItemRow:
    """Every stored column of one agenda item, as plain data."""

    id: int
    parent_id: int | None
    position: int
    title: str
    kind: str
    speakers: str
    planned_start: dt.time | None
    duration_minutes: int
    fixed: bool
    actual_start: dt.datetime | None
    actual_end: dt.datetime | None


@dataclass(frozen=True)
class NoteRow:
    id: int
    agenda_item_id: int
    text: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class DaySnapshot:
    """A day's agenda as it was, to put it back (undo): items, their notes, timer log links."""

    workshop_id: int
    day: dt.date
    items: tuple[ItemRow, ...]
    notes: tuple[NoteRow, ...] = ()
    event_links: tuple[tuple[int, int], ...] = ()  # (run-of-show event id, agenda item id)


# -- reading ---------------------------------------------------------------------------------------
def agenda_days(session: Session, workshop_id: int) -> list[dt.date]:
    """The workshop's days (start to end date), plus any other day that has agenda items."""
    workshop = get_workshop(session, workshop_id)
    days = {
        workshop.start_date + dt.timedelta(days=i)
        for i in range((workshop.end_date - workshop.start_date).days + 1)
    }
    days.update(
        session.scalars(
            select(AgendaItem.day).where(AgendaItem.workshop_id == workshop_id).distinct()
        )
    )
    return sorted(days)


def _day_items(session: Session, workshop_id: int, day: dt.date) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.workshop_id == workshop_id, AgendaItem.day == day)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def _split(items: Sequence[AgendaItem]) -> tuple[list[AgendaItem], dict[int, list[AgendaItem]]]:
    tops = [item for item in items if item.parent_id is None]
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    return tops, children


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time)


def day_overlaps(session: Session, workshop_id: int, day: dt.date) -> list[Overlap]:
    """The fixed items of a day that the item before them runs into."""
    tops, _children = _split(_day_items(session, workshop_id, day))
    overlaps: list[Overlap] = []
    for before, item in zip(tops, tops[1:], strict=False):
        if not item.fixed or item.planned_start is None or before.planned_start is None:
            continue
        end = _at(day, before.planned_start) + dt.timedelta(minutes=before.duration_minutes)
        late = round((end - _at(day, item.planned_start)).total_seconds() / 60)
        if late > 0:
            overlaps.append(
                Overlap(before.id, before.title, item.id, item.title, item.planned_start, late)
            )
    return overlaps


def item_row(item: AgendaItem) -> ItemRow:
    return ItemRow(
        id=item.id,
        parent_id=item.parent_id,
        position=item.position,
        title=item.title,
        kind=item.kind,
        speakers=item.speakers,
        planned_start=item.planned_start,
        duration_minutes=item.duration_minutes,
        fixed=item.fixed,
        actual_start=item.actual_start,
        actual_end=item.actual_end,
    )


def day_snapshot(session: Session, workshop_id: int, day: dt.date) -> DaySnapshot:
    """Everything `restore_day` needs to put this day back as it is now."""
    items = _day_items(session, workshop_id, day)
    ids = [item.id for item in items]
    notes = session.scalars(select(AgendaNote).where(AgendaNote.agenda_item_id.in_(ids))).all()
    links = session.execute(
        select(RunOfShowEvent.id, RunOfShowEvent.agenda_item_id).where(
            RunOfShowEvent.agenda_item_id.in_(ids)
        )
    ).all()
    return DaySnapshot(
        workshop_id=workshop_id,
        day=day,
        items=tuple(item_row(item) for item in items),
        notes=tuple(NoteRow(n.id, n.agenda_item_id, n.text, n.updated_at) for n in notes),
        event_links=tuple((event_id, item_id) for event_id, item_id in links if item_id),
    )


# -- recomputing -----------------------------------------------------------------------------------
def _day_start(tops: Sequence[AgendaItem]) -> dt.time:
    first = tops[0].planned_start if tops else None
    return first or DEFAULT_DAY_START


def _leading_start(tops: Sequence[AgendaItem], day_start: dt.time) -> dt.time:
    """When the day's start is no earlier than its first fixed item (the fixed item was first),
    the flexible items put before it end when it starts, rather than overlap it."""
    first_fixed = next(
        (i for i, item in enumerate(tops) if item.fixed and item.planned_start is not None), None
    )
    if not first_fixed:  # none, or the fixed item is itself the first
        return day_start
    fixed_start = tops[first_fixed].planned_start
    assert fixed_start is not None
    if day_start < fixed_start:
        return day_start
    before = sum(item.duration_minutes for item in tops[:first_fixed])
    start = dt.datetime.combine(dt.date.min, fixed_start) - dt.timedelta(minutes=before)
    return start.time() if start.date() == dt.date.min else dt.time(0)


def _recompute(session: Session, workshop_id: int, day: dt.date, day_start: dt.time) -> None:
    """Renumber positions and rewrite every computed time of the day (rules in the docstring)."""
    session.flush()
    tops, children = _split(_day_items(session, workshop_id, day))
    midnight = _at(day, dt.time(0)) + dt.timedelta(days=1)
    for item in tops:
        kids = children.get(item.id, [])
        if kids:  # at least as long as its sub-items; any time left after them is kept
            item.duration_minutes = max(
                item.duration_minutes, sum(kid.duration_minutes for kid in kids)
            )
    day_start = _leading_start(tops, day_start)
    cursor: dt.datetime | None = None
    for position, item in enumerate(tops):
        item.position = position
        kids = children.get(item.id, [])
        if item.fixed and item.planned_start is not None:
            start = _at(day, item.planned_start)
        elif cursor is None:
            start = _at(day, day_start)
        else:
            start = cursor
        if start >= midnight:
            raise AgendaInvalid(
                _("« {title} » would start after midnight: shorten the day.").format(
                    title=item.title
                )
            )
        item.planned_start = start.time()
        sub_start = start
        for sub_position, kid in enumerate(kids):
            kid.position, kid.fixed, kid.planned_start = sub_position, False, sub_start.time()
            sub_start += dt.timedelta(minutes=kid.duration_minutes)
        cursor = start + dt.timedelta(minutes=item.duration_minutes)
        if cursor > midnight:
            raise AgendaInvalid(
                _("« {title} » would end after midnight: shorten the day.").format(title=item.title)
            )
    session.flush()


# -- changing ------------------------------------------------------------------------------------
def _item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise AgendaInvalid(_("This agenda item no longer exists."))
    return item


def _tops(session: Session, workshop_id: int, day: dt.date) -> list[AgendaItem]:
    return _split(_day_items(session, workshop_id, day))[0]


def _siblings(session: Session, item: AgendaItem) -> list[AgendaItem]:
    items = _day_items(session, item.workshop_id, item.day)
    return [other for other in items if other.parent_id == item.parent_id]


def _has_children(session: Session, item_id: int) -> bool:
    found = session.scalar(select(AgendaItem.id).where(AgendaItem.parent_id == item_id).limit(1))
    return found is not None


def _live_item_ids(session: Session, workshop_id: int) -> set[int]:
    """The item the timer is running on, and its parent: they cannot disappear under it."""
    state = session.get(RunOfShowState, workshop_id)
    if state is None or state.agenda_item_id is None or state.started_at is None:
        return set()
    live = session.get(AgendaItem, state.agenda_item_id)
    if live is None:
        return set()
    return {live.id} | ({live.parent_id} if live.parent_id is not None else set())


def add_item(
    session: Session,
    workshop_id: int,
    day: dt.date,
    fields: ItemFields,
    *,
    after_id: int | None = None,
    parent_id: int | None = None,
) -> int:
    """Add an item (a sub-item of `parent_id` when given) after `after_id`, else at the end."""
    clean = fields.validated()
    tops = _tops(session, workshop_id, day)
    day_start = clean.start if not tops and clean.start else _day_start(tops)
    if parent_id is not None:
        parent = _item(session, parent_id)
        if parent.parent_id is not None or parent.day != day:
            raise AgendaInvalid(_("A sub-item can only go under an item of the same day."))
        clean = replace(clean, fixed=False, start=None)
    siblings = [row for row in _day_items(session, workshop_id, day) if row.parent_id == parent_id]
    order = [row.id for row in siblings]
    index = order.index(after_id) + 1 if after_id in order else len(order)
    item = AgendaItem(
        workshop_id=workshop_id,
        day=day,
        parent_id=parent_id,
        position=0,
        title=clean.title,
        kind=clean.kind,
        speakers=clean.speakers,
        planned_start=clean.start if clean.fixed else None,
        duration_minutes=clean.duration_minutes,
        fixed=clean.fixed,
    )
    session.add(item)
    session.flush()
    for position, row in enumerate([*siblings[:index], item, *siblings[index:]]):
        row.position = position
    if parent_id is None and index == 0 and not clean.fixed:
        day_start = clean.start or day_start
    _recompute(session, workshop_id, day, day_start)
    return item.id


def update_item(session: Session, item_id: int, fields: ItemFields) -> None:
    """Change an item's fields; a new start only counts for the day's first item or a fixed one."""
    item = _item(session, item_id)
    has_children = _has_children(session, item_id)
    clean = fields.validated()
    tops = _tops(session, item.workshop_id, item.day)
    day_start = _day_start(tops)
    if item.parent_id is None and tops and tops[0].id == item.id and clean.start is not None:
        day_start = clean.start
    item.title, item.kind, item.speakers = clean.title, clean.kind, clean.speakers
    if has_children:
        needed = sum(child.duration_minutes for child in item.children)
        if clean.duration_minutes < needed:
            raise AgendaInvalid(
                _("« {title} » lasts at least as long as its sub-items ({n} min).").format(
                    title=clean.title, n=needed
                )
            )
    item.duration_minutes = clean.duration_minutes
    if item.parent_id is None:
        item.fixed = clean.fixed
        if clean.fixed:
            item.planned_start = clean.start
    _recompute(session, item.workshop_id, item.day, day_start)


def set_fixed(session: Session, item_id: int, fixed: bool) -> None:
    """Pin a top-level item at its current start, or let it follow the item before it."""
    item = _item(session, item_id)
    if item.parent_id is not None:
        raise AgendaInvalid(_("A sub-item follows its item: only items can be fixed."))
    tops = _tops(session, item.workshop_id, item.day)
    item.fixed = fixed
    _recompute(session, item.workshop_id, item.day, _day_start(tops))


def delete_item(session: Session, item_id: int) -> None:
    """Delete an item with its sub-items (and their notes); `restore_day` undoes it."""
    item = _item(session, item_id)
    if item.id in _live_item_ids(session, item.workshop_id):
        raise AgendaInvalid(
            _("« {title} » is running on the timer: stop it before deleting the item.").format(
                title=item.title
            )
        )
    workshop_id, day = item.workshop_id, item.day
    day_start = _day_start(_tops(session, workshop_id, day))
    session.delete(item)
    _recompute(session, workshop_id, day, day_start)


def move_item(
    session: Session,
    item_id: int,
    new_position: int,
    *,
    new_parent_id: int | None | Literal["same"] = "same",
) -> None:
    """Put an item at `new_position` among its siblings (or under another item of the day)."""
    item = _item(session, item_id)
    if item.fixed and item.planned_start is not None:
        # A fixed item's place in the day follows its time: it moves by changing the time.
        raise AgendaInvalid(
            _("« {title} » is fixed at {time}: change its time, or make it flexible, to move it.")
            .format(title=item.title, time=item.planned_start.strftime("%H:%M"))
        )
    workshop_id, day = item.workshop_id, item.day
    day_start = _day_start(_tops(session, workshop_id, day))
    parent_id = item.parent_id if new_parent_id == "same" else new_parent_id
    if parent_id is not None and parent_id != item.parent_id:
        parent = _item(session, parent_id)
        if parent.parent_id is not None or parent.day != day or parent.id == item.id:
            raise AgendaInvalid(_("A sub-item can only go under an item of the same day."))
        if _has_children(session, item.id):
            raise AgendaInvalid(_("An item with sub-items cannot become a sub-item."))
    if parent_id != item.parent_id:
        item.parent_id = parent_id
        item.fixed = False if parent_id is not None else item.fixed
        session.flush()
    siblings = [row for row in _siblings(session, item) if row.id != item.id]
    index = max(0, min(new_position, len(siblings)))
    for position, row in enumerate([*siblings[:index], item, *siblings[index:]]):
        row.position = position
    _recompute(session, workshop_id, day, day_start)


def add_day(session: Session, workshop_id: int) -> dt.date:
    """Extend the workshop by one day after its last; returns the new day."""
    workshop = get_workshop(session, workshop_id)
    workshop.end_date += dt.timedelta(days=1)
    if not any(day.date == workshop.end_date for day in workshop.days):
        workshop.days.append(WorkshopDay(date=workshop.end_date))
    session.flush()
    return workshop.end_date


# -- undo ------------------------------------------------------------------------------------------
_EDITABLE = (
    "parent_id",
    "position",
    "title",
    "kind",
    "speakers",
    "planned_start",
    "duration_minutes",
    "fixed",
)


def restore_day(session: Session, snapshot: DaySnapshot) -> None:
    """Put a day back as the snapshot holds it, with the same ids (notes and timer log follow).

    Rows still there keep their actual times (the record of the day); deleted ones come back
    with theirs.
    """
    current = {item.id: item for item in _day_items(session, snapshot.workshop_id, snapshot.day)}
    wanted = {row.id for row in snapshot.items}
    extra = [item for item_id, item in current.items() if item_id not in wanted]
    live = _live_item_ids(session, snapshot.workshop_id)
    for item in extra:
        if item.id in live:
            raise AgendaInvalid(
                _("« {title} » is running on the timer: stop it before undoing.").format(
                    title=item.title
                )
            )
    # Parents first, so a restored sub-item finds its parent.
    for row in sorted(snapshot.items, key=lambda r: r.parent_id is not None):
        target = current.get(row.id)
        if target is None:
            if session.get(AgendaItem, row.id) is not None:
                raise AgendaInvalid(_("This agenda changed elsewhere; it cannot be put back."))
            target = AgendaItem(
                id=row.id,
                workshop_id=snapshot.workshop_id,
                day=snapshot.day,
                actual_start=row.actual_start,
                actual_end=row.actual_end,
            )
            session.add(target)
        for name in _EDITABLE:
            setattr(target, name, getattr(row, name))
        session.flush()
    for item in sorted(extra, key=lambda i: i.parent_id is None):
        session.delete(item)
    session.flush()
    noted = set(
        session.scalars(
            select(AgendaNote.agenda_item_id).where(AgendaNote.agenda_item_id.in_(wanted))
        )
    )
    for note in snapshot.notes:
        if note.agenda_item_id not in noted:
            free = session.get(AgendaNote, note.id) is None
            session.add(
                AgendaNote(
                    id=note.id if free else None,
                    agenda_item_id=note.agenda_item_id,
                    text=note.text,
                    updated_at=note.updated_at,
                )
            )
    for event_id, item_id in snapshot.event_links:
        event = session.get(RunOfShowEvent, event_id)
        if event is not None and event.agenda_item_id is None:
            event.agenda_item_id = item_id
    session.flush()
