"""Participant types of a workshop beyond the form: how many participants each has, merging."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from facilitator.core.text import fold
from facilitator.i18n import _
from facilitator.store.models import Participant, ParticipantType
from facilitator.store.workshops import WorkshopInvalid, get_workshop


def type_names(session: Session, workshop_id: int) -> list[tuple[int, str]]:
    """A workshop's participant types (id, name), in their order."""
    return [
        (type_id, name)
        for type_id, name in session.execute(
            select(ParticipantType.id, ParticipantType.name)
            .where(ParticipantType.workshop_id == workshop_id)
            .order_by(ParticipantType.position, ParticipantType.id)
        )
    ]


def participants_by_type(session: Session, workshop_id: int) -> dict[int, int]:
    """How many participants each type of a workshop has (types without any are left out)."""
    return {
        type_id: count
        for type_id, count in session.execute(
            select(Participant.type_id, func.count())
            .where(Participant.workshop_id == workshop_id, Participant.type_id.is_not(None))
            .group_by(Participant.type_id)
        )
    }


@dataclass(frozen=True)
class TypeMerge:
    """A participant type merged into another: what undoing it needs."""

    workshop_id: int
    removed: dict[str, object]  # the merged type's row, as it was
    kept_id: int
    kept_name: str
    moved: tuple[int, ...]  # the participants that had the merged type

    @property
    def removed_name(self) -> str:
        return str(self.removed["name"])


def _workshop_type(session: Session, workshop_id: int, type_id: int) -> ParticipantType:
    found = session.get(ParticipantType, type_id)
    if found is None or found.workshop_id != workshop_id:
        raise WorkshopInvalid(_("This participant type no longer exists."))
    return found


def merge_types(session: Session, workshop_id: int, merged_id: int, kept_id: int) -> TypeMerge:
    """Give the participants of one type another type, and remove the first one.

    For a list imported into split types (« Ministère » beside « Ministères »): desk counts,
    badge colours, group balance and the report then see one type. `unmerge_types` undoes it.
    """
    if merged_id == kept_id:
        raise WorkshopInvalid(_("A participant type cannot be merged with itself."))
    merged = _workshop_type(session, workshop_id, merged_id)
    kept = _workshop_type(session, workshop_id, kept_id)
    moved = tuple(
        session.scalars(
            select(Participant.id).where(Participant.type_id == merged_id).order_by(Participant.id)
        )
    )
    removed = {c.key: getattr(merged, c.key) for c in ParticipantType.__table__.columns}
    session.execute(
        update(Participant).where(Participant.type_id == merged_id).values(type_id=kept_id)
    )
    session.delete(merged)
    session.flush()
    return TypeMerge(workshop_id, removed, kept_id, kept.name, moved)


def unmerge_types(session: Session, merge: TypeMerge) -> None:
    """Put a merged type back, where it was, with the participants it had."""
    get_workshop(session, merge.workshop_id)
    row = dict(merge.removed)
    same_workshop = ParticipantType.workshop_id == merge.workshop_id
    taken_keys = set(session.scalars(select(ParticipantType.key).where(same_workshop)))
    names = {fold(n) for n in session.scalars(select(ParticipantType.name).where(same_workshop))}
    key, n = str(row["key"]), 2
    while key in taken_keys:  # a type made since took the key
        key, n = f"{row['key']}_{n}", n + 1
    name, n = str(row["name"]), 2
    while fold(name) in names:  # or the name
        name, n = f"{row['name']} ({n})", n + 1
    row["key"], row["name"] = key, name
    session.execute(
        update(ParticipantType)
        .where(same_workshop, ParticipantType.position >= row["position"])
        .values(position=ParticipantType.position + 1)
    )
    session.add(ParticipantType(**row))
    session.flush()
    session.execute(
        update(Participant)
        .where(
            Participant.id.in_(merge.moved),
            or_(Participant.type_id == merge.kept_id, Participant.type_id.is_(None)),
        )
        .values(type_id=row["id"])
    )
    session.flush()
