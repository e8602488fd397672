"""A workshop's agenda as read-only entries: planned and actual times, local to the workshop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.i18n import N_, _
from facilitator.store.models import AgendaItem
from facilitator.store.timeutil import to_local, zone
from facilitator.store.workshops import get_workshop

# The kinds of agenda item, as stored, with their names (translated when shown).
KIND_NAMES: dict[str, str] = {
    "accueil": N_("welcome"),
    "ouverture": N_("opening"),
    "session": N_("session"),
    "pause": N_("break"),
    "repas": N_("meal"),
    "travaux_de_groupe": N_("group work"),
    "restitution": N_("report-back"),
    "cloture": N_("closing"),
}


def kind_label(kind: str) -> str:
    """The name of an item's kind in the current language (the stored key when unknown)."""
    name = KIND_NAMES.get(kind)
    return _(name) if name else kind.replace("_", " ")


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item, or sub-item, with its times as aware local datetimes."""

    id: int
    title: str
    kind: str
    speakers: str
    fixed: bool
    day: dt.date
    planned_start: dt.datetime
    planned_end: dt.datetime
    actual_start: dt.datetime | None
    actual_end: dt.datetime | None
    children: tuple[AgendaEntry, ...] = ()

    @property
    def delay_minutes(self) -> int | None:
        """How many minutes late (negative: early) the item started; None if it has not."""
        if self.actual_start is None:
            return None
        return round((self.actual_start - self.planned_start).total_seconds() / 60)

    def to_json(self) -> dict[str, Any]:
        """The entry as CONTRACT.md's `agenda` JSON shape (ISO 8601 with the offset)."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "planned_start": self.planned_start.isoformat(),
            "planned_end": self.planned_end.isoformat(),
            "actual_start": _iso(self.actual_start),
            "actual_end": _iso(self.actual_end),
            "speakers": self.speakers,
            "fixed": self.fixed,
            "day": self.day.isoformat(),
            "children": [child.to_json() for child in self.children],
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plus_minutes(start: dt.datetime, minutes: int, tz: dt.tzinfo) -> dt.datetime:
    """Elapsed-time arithmetic (through UTC), right across a daylight-saving change."""
    return (start.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(tz)


def _entries(
    items: Sequence[AgendaItem],
    by_parent: dict[int, list[AgendaItem]],
    zone_name: str,
    default_start: dt.datetime | None,
) -> tuple[AgendaEntry, ...]:
    tz = zone(zone_name)
    result: list[AgendaEntry] = []
    previous_end = default_start
    previous_day: dt.date | None = None
    for item in items:
        if item.planned_start is not None:
            start = dt.datetime.combine(item.day, item.planned_start, tzinfo=tz)
        elif previous_end is not None and (previous_day in (None, item.day)):
            # No planned time: the item follows the one before it (or its parent's start).
            start = previous_end
        else:
            start = dt.datetime.combine(item.day, dt.time(0, 0), tzinfo=tz)
        end = _plus_minutes(start, item.duration_minutes, tz)
        children = _entries(by_parent.get(item.id, []), by_parent, zone_name, start)
        result.append(
            AgendaEntry(
                id=item.id,
                title=item.title,
                kind=item.kind,
                speakers=item.speakers,
                fixed=item.fixed,
                day=item.day,
                planned_start=start,
                planned_end=end,
                actual_start=to_local(item.actual_start, zone_name) if item.actual_start else None,
                actual_end=to_local(item.actual_end, zone_name) if item.actual_end else None,
                children=children,
            )
        )
        previous_end, previous_day = end, item.day
    return tuple(result)


def agenda(session: Session, workshop_id: int) -> list[AgendaEntry]:
    """The workshop's items by day then position, each with its sub-items by position."""
    workshop = get_workshop(session, workshop_id)
    rows = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.workshop_id == workshop_id)
        .order_by(AgendaItem.day, AgendaItem.position, AgendaItem.id)
    ).all()
    by_parent: dict[int, list[AgendaItem]] = {}
    top: list[AgendaItem] = []
    for row in rows:
        if row.parent_id is None:
            top.append(row)
        else:
            by_parent.setdefault(row.parent_id, []).append(row)
    for children in by_parent.values():
        children.sort(key=lambda row: (row.position, row.id))
    return list(_entries(top, by_parent, workshop.timezone, None))
