"""The revision history of every text: restitution notes, items, agenda notes and
consolidated recommendations.

Revisions keep the text a field had before a save, so that a wrong edit can be undone later. They
are coalesced: a save records the previous text only when the field's last revision is older than
REVISION_INTERVAL, or when the save removes a lot of text (a select-all and delete, a paste over).
Revisions are keyed by entity: « restitution » by group id (field « notes »), « item » by item id,
« agenda_note » by agenda item id and « recommendation » by consolidated recommendation id (field
« text » for the last three).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, and_, delete, select
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.models import Recommendation, Revision, utcnow
from facilitator.store.restitution_fields import RestitutionsInvalid

# Revision entities and their text field.
ENTITY_RESTITUTION: Final = "restitution"
ENTITY_ITEM: Final = "item"
ENTITY_AGENDA_NOTE: Final = "agenda_note"
ENTITY_RECOMMENDATION: Final = "recommendation"
ENTITY_FIELDS: dict[str, str] = {
    ENTITY_RESTITUTION: "notes",
    ENTITY_ITEM: "text",
    ENTITY_AGENDA_NOTE: "text",
    ENTITY_RECOMMENDATION: "text",
}
REVISION_INTERVAL = dt.timedelta(seconds=60)
REVISIONS_KEPT = 50
BIG_CHANGE_CHARS = 30  # removing or replacing this many characters records a revision at once


def _now() -> dt.datetime:
    """The instant a revision is recorded (a seam for tests)."""
    return utcnow()


@dataclass(frozen=True)
class RevisionRow:
    """An earlier text of a field: what it held just before `saved_at` (UTC)."""

    id: int
    entity: str
    entity_id: int
    field: str
    text: str
    saved_at: dt.datetime


def _big_change(old: str, new: str) -> bool:
    """Whether going from old to new removes or replaces at least BIG_CHANGE_CHARS characters."""
    if len(old) - len(new) >= BIG_CHANGE_CHARS:
        return True
    shortest = min(len(old), len(new))
    prefix = _common_length(old, new, shortest, lambda n: old[:n] == new[:n])
    rest = shortest - prefix
    suffix = _common_length(old, new, rest, lambda n: n == 0 or old[-n:] == new[-n:])
    return len(old) - prefix - suffix >= BIG_CHANGE_CHARS


def _common_length(old: str, new: str, limit: int, same: Callable[[int], bool]) -> int:
    """The largest n ≤ limit with same(n), by bisection (slice comparisons run in C)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _field_revisions(entity: str, entity_id: int, field: str) -> ColumnElement[bool]:
    return and_(Revision.entity == entity, Revision.entity_id == entity_id, Revision.field == field)


def record_revision(
    session: Session,
    workshop_id: Callable[[], int],
    entity: str,
    entity_id: int,
    field: str,
    old: str,
    new: str,
    *,
    force: bool = False,
) -> None:
    """Keep `old` as a revision of a field about to hold `new`, unless coalesced with the last.

    `workshop_id` is only called when a revision is written (it costs a query).
    """
    if old == new or not old:
        return
    now = _now()
    where = _field_revisions(entity, entity_id, field)
    # Newest first by id: the scan stops at the field's last revision, usually a recent row.
    latest = session.execute(
        select(Revision.id, Revision.saved_at).where(where).order_by(Revision.id.desc()).limit(1)
    ).first()
    if (
        latest is not None
        and not force
        and now - latest.saved_at < REVISION_INTERVAL
        and not _big_change(old, new)
    ):
        return
    if (
        latest is not None
        and session.scalar(select(Revision.text).where(Revision.id == latest.id)) == old
    ):
        return
    session.add(
        Revision(
            workshop_id=workshop_id(),
            entity=entity,
            entity_id=entity_id,
            field=field,
            text=old,
            saved_at=now,
        )
    )
    session.flush()
    extra = list(
        session.scalars(
            select(Revision.id).where(where).order_by(Revision.id.desc()).offset(REVISIONS_KEPT)
        )
    )
    if extra:
        session.execute(delete(Revision).where(Revision.id.in_(extra)))


def forget_revisions(session: Session, entity: str, entity_id: int) -> None:
    """Drop revisions left by a deleted row whose id a new row now takes."""
    session.execute(
        delete(Revision).where(Revision.entity == entity, Revision.entity_id == entity_id)
    )


def revisions(session: Session, entity: str, entity_id: int, field: str) -> list[RevisionRow]:
    """The earlier texts of a field, newest first."""
    rows = session.scalars(
        select(Revision)
        .where(_field_revisions(entity, entity_id, field))
        .order_by(Revision.id.desc())
    )
    return [RevisionRow(r.id, r.entity, r.entity_id, r.field, r.text, r.saved_at) for r in rows]


def restore_revision(db: Database, revision_id: int) -> None:
    """Put an earlier text back; the text it replaces becomes a revision itself."""
    with db.write() as session:
        revision = session.get(Revision, revision_id)
        if revision is None:
            raise RestitutionsInvalid(_("This earlier version no longer exists."))
        entity, entity_id, text = revision.entity, revision.entity_id, revision.text
        if ENTITY_FIELDS.get(entity) != revision.field:
            raise RestitutionsInvalid(_("This earlier version cannot be restored."))
        workshop = revision.workshop_id

        def keep_current(old: str) -> None:
            record_revision(
                session, lambda: workshop, entity, entity_id, revision.field, old, text, force=True
            )

        from facilitator.store.restitutions import _item, _restitution_row  # it imports this module

        if entity == ENTITY_RESTITUTION:
            row = _restitution_row(session, entity_id)
            keep_current(row.notes)
            row.notes = text
        elif entity == ENTITY_ITEM:
            item = _item(session, entity_id)
            keep_current(item.text)
            item.text = text
        elif entity == ENTITY_AGENDA_NOTE:
            from facilitator.store.agenda_notes import note_row  # it imports this module

            note = note_row(session, entity_id)
            keep_current(note.text)
            note.text = text
        else:
            rec = session.get(Recommendation, entity_id)
            if rec is None:
                raise RestitutionsInvalid(_("This recommendation no longer exists."))
            keep_current(rec.text)
            rec.text = text
