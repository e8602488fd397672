"""Adding a pasted programme to a day: every item at the time the organiser's programme gives.

Part of the caller's one write transaction, like every agenda change (see agenda_edit): the
items and the day's recomputed times commit together, and one snapshot before puts it all back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from facilitator.core.pasted_programme import PastedItem
from facilitator.i18n import _
from facilitator.store.agenda_edit import (
    AgendaInvalid,
    ItemFields,
    _day_start,
    _recompute,
    _tops,
    minutes_between,
)
from facilitator.store.models import AgendaItem


def day_end(session: Session, workshop_id: int, day: dt.date) -> dt.time | None:
    """When the day's last item ends as planned, None for an empty day."""
    tops = _tops(session, workshop_id, day)
    if not tops or tops[-1].planned_start is None:
        return None
    end = dt.datetime.combine(day, tops[-1].planned_start) + dt.timedelta(
        minutes=tops[-1].duration_minutes
    )
    return end.time() if end.date() == day else dt.time(23, 59)


def add_programme(
    session: Session, workshop_id: int, day: dt.date, items: Sequence[PastedItem]
) -> list[int]:
    """Add the items after the day's last one, each at its own time; returns their ids.

    An item that starts when the one before it ends follows it (flexible, as typed items do);
    one that starts at another time (after a gap, or on a day that already has items) is fixed
    at that time, so the day shows exactly the pasted programme.
    """
    if not items:
        raise AgendaInvalid(_("Nothing to add: no line of the pasted text has a time."))
    tops = _tops(session, workshop_id, day)
    cursor = day_end(session, workshop_id, day)
    day_start = _day_start(tops) if tops else items[0].start
    position = len(tops)
    added: list[AgendaItem] = []
    for pasted in items:
        assert pasted.end is not None
        fields = ItemFields(
            pasted.title,
            kind=pasted.kind,
            speakers=pasted.speakers,
            start=pasted.start,
            duration_minutes=minutes_between(pasted.start, pasted.end),
            fixed=cursor is not None and cursor != pasted.start,
        ).validated()
        item = AgendaItem(
            workshop_id=workshop_id,
            day=day,
            parent_id=None,
            position=position,
            title=fields.title,
            kind=fields.kind,
            speakers=fields.speakers,
            planned_start=fields.start if fields.fixed else None,
            duration_minutes=fields.duration_minutes,
            fixed=fields.fixed,
        )
        session.add(item)
        added.append(item)
        position += 1
        cursor = pasted.end
    _recompute(session, workshop_id, day, day_start)
    return [item.id for item in added]
