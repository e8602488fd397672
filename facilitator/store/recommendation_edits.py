"""Changing the consolidated recommendations: creating them from items, sources, merges, edits,
votes, order, deletion and restoring, and importing every item at once.

Reading them is in recommendations.py. One transaction per change; deletions and merges return
snapshots that restore_recommendations puts back, ids included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.models import (
    Group,
    GroupRound,
    Recommendation,
    RecommendationSource,
    RestitutionItem,
)
from facilitator.store.ordering import moved, reorder_in_place
from facilitator.store.recommendations import (
    RecommendationSnapshot,
    _groups,
    _ordered,
    _rec,
    _snapshot,
)
from facilitator.store.restitution_fields import (
    KEEP,
    RECOMMENDATION,
    Keep,
    RestitutionsInvalid,
    check_horizon,
    check_priority,
    check_rec_type,
    clean_text,
)
from facilitator.store.revisions import ENTITY_RECOMMENDATION, forget_revisions, record_revision


def _items(session: Session, workshop_id: int, item_ids: Sequence[int]) -> list[RestitutionItem]:
    """The items, in the order given, checked to belong to the workshop's groups."""
    ids = list(dict.fromkeys(item_ids))
    if not ids:
        return []
    found = {
        item.id: item
        for item in session.scalars(
            select(RestitutionItem)
            .join(Group, Group.id == RestitutionItem.group_id)
            .join(GroupRound, GroupRound.id == Group.round_id)
            .where(RestitutionItem.id.in_(ids), GroupRound.workshop_id == workshop_id)
        )
    }
    if len(found) != len(ids):
        raise RestitutionsInvalid(_("Some of these items no longer exist."))
    return [found[item_id] for item_id in ids]


def _next_position(session: Session, workshop_id: int) -> int:
    last = session.scalar(
        select(func.max(Recommendation.position)).where(Recommendation.workshop_id == workshop_id)
    )
    return 0 if last is None else last + 1


def _link(session: Session, rec_id: int, items: Iterable[RestitutionItem]) -> None:
    """Add items as sources of a recommendation (those already there are skipped)."""
    present = set(
        session.scalars(
            select(RecommendationSource.item_id).where(
                RecommendationSource.recommendation_id == rec_id
            )
        )
    )
    for item in items:
        if item.id not in present:
            session.add(
                RecommendationSource(
                    recommendation_id=rec_id, group_id=item.group_id, item_id=item.id
                )
            )
            present.add(item.id)


def create_from_items(
    db: Database, workshop_id: int, item_ids: Sequence[int], text: str | None = None
) -> int:
    """A new consolidated recommendation at the end of the list, from one or several items.

    Its text (unless given) and type, actor, horizon and priority are the first item's; every
    item is recorded as a source, with its group. No items and a text: a recommendation of the
    plenary, proposed by no group. Returns its id.
    """
    with db.write() as session:
        items = _items(session, workshop_id, item_ids)
        if not items and text is None:
            raise RestitutionsInvalid(_("Choose at least one item to make a recommendation from."))
        first = items[0] if items else None
        rec = Recommendation(
            workshop_id=workshop_id,
            text=clean_text(text) if text is not None else first.text if first else "",
            rec_type=first.rec_type if first else None,
            actor=first.actor if first else "",
            horizon=first.horizon if first else None,
            priority=first.priority if first else None,
            votes=0,
            kept=True,
            position=_next_position(session, workshop_id),
        )
        session.add(rec)
        session.flush()
        forget_revisions(session, ENTITY_RECOMMENDATION, rec.id)
        _link(session, rec.id, items)
        return rec.id


def add_sources(db: Database, rec_id: int, item_ids: Sequence[int]) -> None:
    """Record more items (and their groups) as proposing a recommendation."""
    with db.write() as session:
        rec = _rec(session, rec_id)
        _link(session, rec_id, _items(session, rec.workshop_id, item_ids))


def remove_source(db: Database, rec_id: int, group_id: int, item_id: int | None) -> None:
    """Stop counting a group's item (or the group, item None) as a source of a recommendation."""
    with db.write() as session:
        _rec(session, rec_id)
        query = select(RecommendationSource).where(
            RecommendationSource.recommendation_id == rec_id,
            RecommendationSource.group_id == group_id,
            RecommendationSource.item_id.is_(None)
            if item_id is None
            else RecommendationSource.item_id == item_id,
        )
        for source in session.scalars(query):
            session.delete(source)


def merge_recommendations(
    db: Database, keep_id: int, other_ids: Sequence[int]
) -> list[RecommendationSnapshot]:
    """Merge recommendations that say the same thing into `keep_id`.

    The others' sources move to it (each group and item once), their votes are added to its
    votes, it takes the highest priority (smallest number) and is kept if any of them was; the
    others are deleted. Returns snapshots of all of them as they were, for undo.
    """
    with db.write() as session:
        return _merge(session, keep_id, other_ids)


def merge_recommendations_worded(
    db: Database, keep_id: int, other_ids: Sequence[int], text: str
) -> list[RecommendationSnapshot]:
    """merge_recommendations, the merged one taking `text` as its wording: one transaction."""
    with db.write() as session:
        before = _merge(session, keep_id, other_ids)
        _reword(session, _rec(session, keep_id), text)
        return before


def _merge(
    session: Session, keep_id: int, other_ids: Sequence[int]
) -> list[RecommendationSnapshot]:
    """The merge of merge_recommendations, in the caller's transaction."""
    keep = _rec(session, keep_id)
    others = [_rec(session, rec_id) for rec_id in dict.fromkeys(other_ids) if rec_id != keep_id]
    if any(other.workshop_id != keep.workshop_id for other in others):
        raise RestitutionsInvalid(_("These recommendations belong to another workshop."))
    before = [_snapshot(session, rec) for rec in (keep, *others)]
    present = {
        (source.group_id, source.item_id)
        for source in session.scalars(
            select(RecommendationSource).where(RecommendationSource.recommendation_id == keep_id)
        )
    }
    priorities = [r.priority for r in (keep, *others) if r.priority is not None]
    for other in others:
        for source in session.scalars(
            select(RecommendationSource).where(RecommendationSource.recommendation_id == other.id)
        ):
            if (source.group_id, source.item_id) not in present:
                present.add((source.group_id, source.item_id))
                session.add(
                    RecommendationSource(
                        recommendation_id=keep_id,
                        group_id=source.group_id,
                        item_id=source.item_id,
                    )
                )
        keep.votes += other.votes
        keep.kept = keep.kept or other.kept
        session.delete(other)
    keep.priority = min(priorities) if priorities else None
    return before


def update_recommendation(
    db: Database,
    rec_id: int,
    *,
    text: str | None = None,
    rec_type: str | None | Keep = KEEP,
    actor: str | None = None,
    horizon: str | None | Keep = KEEP,
    priority: int | None | Keep = KEEP,
    votes: int | None = None,
    kept: bool | None = None,
) -> None:
    """Change some fields of a recommendation. None leaves text, actor, votes and kept as they
    are; for type, horizon and priority, KEEP leaves them and None clears them."""
    if votes is not None and not 0 <= votes < 2**31:
        raise RestitutionsInvalid(_("The number of votes must be a positive whole number."))
    with db.write() as session:
        rec = _rec(session, rec_id)
        if text is not None:
            _reword(session, rec, text)
        if actor is not None:
            rec.actor = clean_text(actor)
        if rec_type is not KEEP:
            rec.rec_type = check_rec_type(rec_type)
        if horizon is not KEEP:
            rec.horizon = check_horizon(horizon)
        if priority is not KEEP:
            rec.priority = check_priority(priority)
        if votes is not None:
            rec.votes = votes
        if kept is not None:
            rec.kept = kept


def _reword(session: Session, rec: Recommendation, text: str) -> None:
    """Give a recommendation another wording, the former one kept as a revision."""
    text = clean_text(text)
    if text != rec.text:
        workshop_id = rec.workshop_id
        record_revision(
            session, lambda: workshop_id, ENTITY_RECOMMENDATION, rec.id, "text", rec.text, text
        )
        rec.text = text


def add_votes(db: Database, rec_id: int, delta: int = 1) -> int:
    """Count votes for a recommendation (negative to take some back, never below 0); returns
    the new total. An increment in the database, so two desks counting at once both count."""
    with db.write() as session:
        _rec(session, rec_id)
        session.execute(
            update(Recommendation)
            .where(Recommendation.id == rec_id)
            .values(
                votes=case(
                    (Recommendation.votes + delta < 0, 0), else_=Recommendation.votes + delta
                )
            )
        )
        votes = session.scalar(select(Recommendation.votes).where(Recommendation.id == rec_id))
        return int(votes or 0)


def set_recommendation_order(db: Database, workshop_id: int, ids: Sequence[int]) -> None:
    """Order some of the workshop's recommendations as `ids`, in the places they held (all of
    them reorder the whole list)."""
    with db.write() as session:
        _reorder(session, workshop_id, ids)


def _reorder(session: Session, workshop_id: int, ids: Sequence[int]) -> None:
    if not reorder_in_place(_ordered(session, workshop_id), ids):
        raise RestitutionsInvalid(_("These recommendations are not all of this workshop."))


def move_recommendation(db: Database, rec_id: int, new_position: int) -> None:
    """Move a recommendation to `new_position` in the consolidated list (0 is first)."""
    with db.write() as session:
        rec = _rec(session, rec_id)
        ids = [r.id for r in _ordered(session, rec.workshop_id)]
        _reorder(session, rec.workshop_id, moved(ids, rec_id, new_position))


def delete_recommendation(db: Database, rec_id: int) -> RecommendationSnapshot:
    """Delete a recommendation; returns it as it was, for restore_recommendations."""
    with db.write() as session:
        rec = _rec(session, rec_id)
        before = _snapshot(session, rec)
        session.delete(rec)
        return before


def restore_recommendation(db: Database, snapshot: RecommendationSnapshot) -> None:
    """Put one recommendation back as it was (see restore_recommendations)."""
    restore_recommendations(db, [snapshot])


def restore_recommendations(db: Database, snapshots: Sequence[RecommendationSnapshot]) -> None:
    """Put recommendations back as they were, in one transaction: each deleted one is re-inserted
    with its id, place and sources; each still present gets its fields and sources back."""
    with db.write() as session:
        for snap in sorted(snapshots, key=lambda s: s.recommendation.position):
            row = snap.recommendation
            rec = session.get(Recommendation, row.id)
            if rec is None:
                # Its place is free unless the list was reordered since: then make room.
                if _position_taken(session, snap.workshop_id, row.position):
                    session.execute(
                        update(Recommendation)
                        .where(
                            Recommendation.workshop_id == snap.workshop_id,
                            Recommendation.position >= row.position,
                        )
                        .values(position=Recommendation.position + 1)
                    )
                rec = Recommendation(id=row.id, workshop_id=snap.workshop_id, position=row.position)
                session.add(rec)
            else:
                for source in session.scalars(
                    select(RecommendationSource).where(
                        RecommendationSource.recommendation_id == row.id
                    )
                ):
                    session.delete(source)
            rec.text = row.text
            rec.rec_type = row.rec_type
            rec.actor = row.actor
            rec.horizon = row.horizon
            rec.priority = row.priority
            rec.votes = row.votes
            rec.kept = row.kept
            session.flush()
            existing_groups = set(
                session.scalars(
                    select(Group.id).where(Group.id.in_([s.group_id for s in row.sources]))
                )
            )
            existing_items = set(
                session.scalars(
                    select(RestitutionItem.id).where(
                        RestitutionItem.id.in_(
                            [s.item_id for s in row.sources if s.item_id is not None]
                        )
                    )
                )
            )
            for kept_source in row.sources:
                if kept_source.group_id in existing_groups:
                    session.add(
                        RecommendationSource(
                            recommendation_id=row.id,
                            group_id=kept_source.group_id,
                            item_id=kept_source.item_id
                            if kept_source.item_id in existing_items
                            else None,
                        )
                    )


def _position_taken(session: Session, workshop_id: int, position: int) -> bool:
    return (
        session.scalar(
            select(Recommendation.id)
            .where(Recommendation.workshop_id == workshop_id, Recommendation.position == position)
            .limit(1)
        )
        is not None
    )


def import_all_items(db: Database, workshop_id: int) -> list[int]:
    """One recommendation per recommendation item not yet in the consolidated list, in the order
    of the groups: a quick start before merging. Returns the new ids."""
    created: list[int] = []
    with db.write() as session:
        groups = _groups(session, workshop_id)
        used = set(
            session.scalars(
                select(RecommendationSource.item_id)
                .join(Recommendation, Recommendation.id == RecommendationSource.recommendation_id)
                .where(
                    Recommendation.workshop_id == workshop_id,
                    RecommendationSource.item_id.is_not(None),
                )
            )
        )
        items = session.scalars(
            select(RestitutionItem).where(
                RestitutionItem.group_id.in_(list(groups)),
                RestitutionItem.kind == RECOMMENDATION,
            )
        ).all()
        position = _next_position(session, workshop_id)
        for item in sorted(items, key=lambda i: (groups[i.group_id][2], i.position, i.id)):
            if item.id in used:
                continue
            rec = Recommendation(
                workshop_id=workshop_id,
                text=item.text,
                rec_type=item.rec_type,
                actor=item.actor,
                horizon=item.horizon,
                priority=item.priority,
                votes=0,
                kept=True,
                position=position,
            )
            session.add(rec)
            session.flush()
            forget_revisions(session, ENTITY_RECOMMENDATION, rec.id)
            session.add(
                RecommendationSource(
                    recommendation_id=rec.id, group_id=item.group_id, item_id=item.id
                )
            )
            created.append(rec.id)
            position += 1
    return created
