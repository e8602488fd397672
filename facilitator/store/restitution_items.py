"""Editing the items of a group's restitution: adding, changing, deleting (and restoring),
and ordering them. One small transaction per change.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.models import Recommendation, RecommendationSource, RestitutionItem
from facilitator.store.ordering import moved, reorder_in_place
from facilitator.store.restitution_fields import (
    KEEP,
    Keep,
    RestitutionsInvalid,
    check_horizon,
    check_kind,
    check_priority,
    check_rec_type,
    clean_text,
)
from facilitator.store.restitutions import (
    ItemRow,
    _group,
    _item,
    _item_row,
    _ordered_items,
    _recommendations_of,
    group_workshop_id,
)
from facilitator.store.revisions import ENTITY_ITEM, forget_revisions, record_revision


def add_item(
    db: Database,
    group_id: int,
    kind: str,
    text: str = "",
    *,
    after_id: int | None = None,
    rec_type: str | None = None,
    actor: str = "",
    horizon: str | None = None,
    priority: int | None = None,
) -> int:
    """Add an item at the end of the group's list (or just after `after_id`); returns its id."""
    item = RestitutionItem(
        group_id=group_id,
        kind=check_kind(kind),
        text=clean_text(text),
        rec_type=check_rec_type(rec_type),
        actor=clean_text(actor),
        horizon=check_horizon(horizon),
        priority=check_priority(priority),
    )
    with db.write() as session:
        _group(session, group_id)
        if after_id is not None:
            after = _item(session, after_id)
            if after.group_id != group_id:
                raise RestitutionsInvalid(_("This item belongs to another group."))
            item.position = after.position + 1
            _shift_items(session, group_id, item.position)
        else:
            last = session.scalar(
                select(func.max(RestitutionItem.position)).where(
                    RestitutionItem.group_id == group_id
                )
            )
            item.position = 0 if last is None else last + 1
        session.add(item)
        session.flush()
        forget_revisions(session, ENTITY_ITEM, item.id)
        return item.id


def _shift_items(session: Session, group_id: int, from_position: int) -> None:
    """Make room at `from_position` in a group's list."""
    session.execute(
        update(RestitutionItem)
        .where(RestitutionItem.group_id == group_id, RestitutionItem.position >= from_position)
        .values(position=RestitutionItem.position + 1)
    )


def update_item(
    db: Database,
    item_id: int,
    *,
    text: str | None = None,
    kind: str | None = None,
    rec_type: str | None | Keep = KEEP,
    actor: str | None = None,
    horizon: str | None | Keep = KEEP,
    priority: int | None | Keep = KEEP,
) -> None:
    """Change some fields of an item. None leaves text, kind and actor as they are; for the
    recommendation fields, KEEP leaves them and None clears them."""
    with db.write() as session:
        item = _item(session, item_id)
        if text is not None:
            text = clean_text(text)
            if text != item.text:
                record_revision(
                    session,
                    lambda: group_workshop_id(session, item.group_id),
                    ENTITY_ITEM,
                    item_id,
                    "text",
                    item.text,
                    text,
                )
                item.text = text
        if kind is not None:
            item.kind = check_kind(kind)
        if actor is not None:
            item.actor = clean_text(actor)
        if rec_type is not KEEP:
            item.rec_type = check_rec_type(rec_type)
        if horizon is not KEEP:
            item.horizon = check_horizon(horizon)
        if priority is not KEEP:
            item.priority = check_priority(priority)


def delete_item(db: Database, item_id: int) -> ItemRow:
    """Delete an item; returns it as it was, for restore_item (its revisions are kept)."""
    with db.write() as session:
        item = _item(session, item_id)
        row = _item_row(item, _recommendations_of(session, [item_id]))
        session.delete(item)
        return row


def restore_item(db: Database, row: ItemRow) -> int:
    """Put a deleted item back with its id, place and links to consolidated recommendations.

    Returns its id: the same one, unless a newer item has taken it meanwhile.
    """
    with db.write() as session:
        _group(session, row.group_id)
        taken = session.get(RestitutionItem, row.id) is not None
        # Its place is free unless the list was reordered since: then make room.
        if session.scalar(
            select(RestitutionItem.id)
            .where(
                RestitutionItem.group_id == row.group_id, RestitutionItem.position == row.position
            )
            .limit(1)
        ):
            _shift_items(session, row.group_id, row.position)
        item = RestitutionItem(
            group_id=row.group_id,
            kind=row.kind,
            text=row.text,
            rec_type=row.rec_type,
            actor=row.actor,
            horizon=row.horizon,
            priority=row.priority,
            position=row.position,
        )
        if not taken:
            item.id = row.id
        session.add(item)
        session.flush()
        for rec_id in row.recommendation_ids:
            if session.get(Recommendation, rec_id) is None:
                continue
            source = session.scalar(
                select(RecommendationSource)
                .where(
                    RecommendationSource.recommendation_id == rec_id,
                    RecommendationSource.group_id == row.group_id,
                    RecommendationSource.item_id.is_(None),
                )
                .limit(1)
            )
            if source is None:
                session.add(
                    RecommendationSource(
                        recommendation_id=rec_id, group_id=row.group_id, item_id=item.id
                    )
                )
            else:
                source.item_id = item.id
        return item.id


def set_order(db: Database, group_id: int, ids: Sequence[int]) -> None:
    """Order some of a group's items as `ids`: they take the places those items held (all the
    group's items reorder the whole list; the items of one kind reorder that kind only)."""
    with db.write() as session:
        _reorder(session, group_id, ids)


def _reorder(session: Session, group_id: int, ids: Sequence[int]) -> None:
    if not reorder_in_place(_ordered_items(session, group_id), ids):
        raise RestitutionsInvalid(_("These items are not all items of this group."))


def move_item(db: Database, item_id: int, new_position: int) -> None:
    """Move an item to `new_position` among its group's items of the same kind (0 is first)."""
    with db.write() as session:
        item = _item(session, item_id)
        same = [i.id for i in _ordered_items(session, item.group_id) if i.kind == item.kind]
        _reorder(session, item.group_id, moved(same, item_id, new_position))
