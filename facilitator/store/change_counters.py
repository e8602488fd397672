"""The change counters: one row per kind of data, moved by every operation in its transaction."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from facilitator.store.models import ChangeCounter


def bump(session: Session, areas: Collection[str]) -> dict[str, int]:
    """Add one to the counters of `areas`; returns their new values (same transaction)."""
    if not areas:
        return {}
    rows = session.execute(
        update(ChangeCounter)
        .where(ChangeCounter.area.in_(sorted(areas)))
        .values(counter=ChangeCounter.counter + 1)
        .returning(ChangeCounter.area, ChangeCounter.counter)
    ).all()
    return {area: counter for area, counter in rows}


def read_all(session: Session) -> dict[str, int]:
    """Every counter, as it stands now."""
    return {
        area: counter
        for area, counter in session.execute(select(ChangeCounter.area, ChangeCounter.counter))
    }
