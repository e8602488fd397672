"""Group restitutions and their items: reading them, saving the rapporteur and notes.

Editing items is in restitution_items.py; kinds, types, horizons and checks are in
restitution_fields.py; the revision history of every text in revisions.py; agenda notes in
agenda_notes.py, search in search.py.

Every save is one small transaction, cheap enough for the screens to call on each pause in typing
and on every change of focus. Text is stored exactly as typed (any length, any script, markup
included); only NUL, which PostgreSQL refuses, becomes U+FFFD.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.models import (
    AgendaItem,
    Group,
    GroupRound,
    Participant,
    RecommendationSource,
    Restitution,
    RestitutionItem,
)
from facilitator.store.restitution_fields import KINDS, RestitutionsInvalid, clean_text
from facilitator.store.revisions import ENTITY_RESTITUTION, forget_revisions, record_revision

RAPPORTEUR_MAX = 300


# Rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRow:
    """One item of a group's restitution; `recommendation_ids`: consolidated ones it feeds."""

    id: int
    group_id: int
    kind: str
    text: str
    rec_type: str | None
    actor: str
    horizon: str | None
    priority: int | None
    position: int
    updated_at: dt.datetime
    recommendation_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class RestitutionView:
    """A group's restitution as the screen shows it (updated_at None: nothing written yet)."""

    group_id: int
    group_name: str
    theme: str
    round_id: int
    round_name: str
    rapporteur: str
    notes: str
    items: tuple[ItemRow, ...]
    updated_at: dt.datetime | None
    # The rapporteur named on the groups screen, to suggest when `rapporteur` is blank.
    group_rapporteur: str = ""

    def items_of(self, kind: str) -> tuple[ItemRow, ...]:
        return tuple(item for item in self.items if item.kind == kind)


@dataclass(frozen=True)
class GroupEntry:
    """A group in the restitution screen's picker; `counts` is (kind, number) for each kind."""

    group_id: int
    name: str
    theme: str
    rapporteur: str
    has_notes: bool
    item_count: int
    counts: tuple[tuple[str, int], ...]

    def count(self, kind: str) -> int:
        return dict(self.counts).get(kind, 0)


@dataclass(frozen=True)
class RoundEntry:
    """A round of groups and its groups, for the picker."""

    round_id: int
    round_name: str
    groups: tuple[GroupEntry, ...]


def _group(session: Session, group_id: int) -> Group:
    found = session.get(Group, group_id)
    if found is None:
        raise RestitutionsInvalid(_("This group no longer exists."))
    return found


def _item(session: Session, item_id: int) -> RestitutionItem:
    found = session.get(RestitutionItem, item_id)
    if found is None:
        raise RestitutionsInvalid(_("This item no longer exists."))
    return found


def _agenda_item(session: Session, agenda_item_id: int) -> AgendaItem:
    found = session.get(AgendaItem, agenda_item_id)
    if found is None:
        raise RestitutionsInvalid(_("This agenda item no longer exists."))
    return found


def group_workshop_id(session: Session, group_id: int) -> int:
    """The workshop a group belongs to."""
    workshop_id = session.scalar(
        select(GroupRound.workshop_id)
        .join(Group, Group.round_id == GroupRound.id)
        .where(Group.id == group_id)
    )
    if workshop_id is None:
        raise RestitutionsInvalid(_("This group no longer exists."))
    return workshop_id


# Restitutions -----------------------------------------------------------------------------------


def _item_row(item: RestitutionItem, recs: dict[int, list[int]]) -> ItemRow:
    return ItemRow(
        item.id,
        item.group_id,
        item.kind,
        item.text,
        item.rec_type,
        item.actor,
        item.horizon,
        item.priority,
        item.position,
        item.updated_at,
        tuple(recs.get(item.id, ())),
    )


def _recommendations_of(session: Session, item_ids: Sequence[int]) -> dict[int, list[int]]:
    """Item id → ids of the consolidated recommendations it is a source of."""
    found: dict[int, list[int]] = {}
    if not item_ids:
        return found
    rows = session.execute(
        select(RecommendationSource.item_id, RecommendationSource.recommendation_id)
        .where(RecommendationSource.item_id.in_(item_ids))
        .order_by(RecommendationSource.recommendation_id)
    ).tuples()
    for item_id, rec_id in rows:
        if item_id is not None and rec_id not in found.setdefault(item_id, []):
            found[item_id].append(rec_id)
    return found


def _ordered_items(session: Session, group_id: int) -> list[RestitutionItem]:
    return list(
        session.scalars(
            select(RestitutionItem)
            .where(RestitutionItem.group_id == group_id)
            .order_by(RestitutionItem.position, RestitutionItem.id)
        )
    )


def restitution_view(session: Session, group_id: int) -> RestitutionView:
    """A group's rapporteur, notes and items in order (empty when nothing is written yet)."""
    group = _group(session, group_id)
    round_row = session.get(GroupRound, group.round_id)
    assert round_row is not None
    restitution = session.scalar(select(Restitution).where(Restitution.group_id == group_id))
    items = _ordered_items(session, group_id)
    recs = _recommendations_of(session, [item.id for item in items])
    named = session.get(Participant, group.rapporteur_id) if group.rapporteur_id else None
    return RestitutionView(
        group_id=group.id,
        group_name=group.name,
        theme=group.theme,
        round_id=round_row.id,
        round_name=round_row.name,
        rapporteur=restitution.rapporteur if restitution else "",
        notes=restitution.notes if restitution else "",
        items=tuple(_item_row(item, recs) for item in items),
        updated_at=restitution.updated_at if restitution else None,
        group_rapporteur=f"{named.first_name} {named.last_name}".strip() if named else "",
    )


def groups_with_restitutions(session: Session, workshop_id: int) -> list[RoundEntry]:
    """The workshop's rounds and their groups in order, with what each has written."""
    rows = session.execute(
        select(GroupRound.id, GroupRound.name, Group.id, Group.name, Group.theme)
        .join(Group, Group.round_id == GroupRound.id)
        .where(GroupRound.workshop_id == workshop_id)
        .order_by(GroupRound.position, GroupRound.id, Group.position, Group.id)
    ).tuples()
    counts: dict[int, dict[str, int]] = {}
    for group_id, kind, number in session.execute(
        select(RestitutionItem.group_id, RestitutionItem.kind, func.count())
        .join(Group, Group.id == RestitutionItem.group_id)
        .join(GroupRound, GroupRound.id == Group.round_id)
        .where(GroupRound.workshop_id == workshop_id)
        .group_by(RestitutionItem.group_id, RestitutionItem.kind)
    ).tuples():
        counts.setdefault(group_id, {})[kind] = number
    written = {
        group_id: (rapporteur, has_notes)
        for group_id, rapporteur, has_notes in session.execute(
            select(Restitution.group_id, Restitution.rapporteur, Restitution.notes != "")
            .join(Group, Group.id == Restitution.group_id)
            .join(GroupRound, GroupRound.id == Group.round_id)
            .where(GroupRound.workshop_id == workshop_id)
        ).tuples()
    }
    rounds: dict[int, tuple[str, list[GroupEntry]]] = {}
    for round_id, round_name, group_id, name, theme in rows:
        by_kind = counts.get(group_id, {})
        rapporteur, has_notes = written.get(group_id, ("", False))
        entry = GroupEntry(
            group_id,
            name,
            theme,
            rapporteur,
            bool(has_notes),
            sum(by_kind.values()),
            tuple(
                (kind, by_kind.get(kind, 0))
                for kind in (*KINDS, *sorted(set(by_kind) - set(KINDS)))
            ),
        )
        rounds.setdefault(round_id, (round_name, []))[1].append(entry)
    return [RoundEntry(rid, name, tuple(groups)) for rid, (name, groups) in rounds.items()]


def _restitution_row(session: Session, group_id: int) -> Restitution:
    row = session.scalar(select(Restitution).where(Restitution.group_id == group_id))
    if row is None:
        _group(session, group_id)
        forget_revisions(session, ENTITY_RESTITUTION, group_id)
        row = Restitution(group_id=group_id, rapporteur="", notes="")
        session.add(row)
    return row


def save_restitution(
    db: Database, group_id: int, *, rapporteur: str | None = None, notes: str | None = None
) -> None:
    """Save a group's rapporteur and/or notes (None leaves one as it is)."""
    if rapporteur is not None:
        rapporteur = clean_text(rapporteur)
        if len(rapporteur) > RAPPORTEUR_MAX:
            raise RestitutionsInvalid(
                _("The rapporteur's name is too long ({max} characters at most).").format(
                    max=RAPPORTEUR_MAX
                )
            )
    if notes is not None:
        notes = clean_text(notes)
    with db.write() as session:
        if not rapporteur and not notes:
            # Leaving an untouched group writes nothing: an empty row would mark it as written.
            exists = session.scalar(select(Restitution.id).where(Restitution.group_id == group_id))
            if exists is None:
                _group(session, group_id)
                return
        row = _restitution_row(session, group_id)
        if rapporteur is not None and row.rapporteur != rapporteur:
            row.rapporteur = rapporteur
        if notes is not None and row.notes != notes:
            record_revision(
                session,
                lambda: group_workshop_id(session, group_id),
                ENTITY_RESTITUTION,
                group_id,
                "notes",
                row.notes,
                notes,
            )
            row.notes = notes
