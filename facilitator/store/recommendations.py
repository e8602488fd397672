"""The consolidated recommendations of a workshop: one list built from every group's items.

Recommendations that say the same thing are merged, keeping which groups (and items) proposed
them; they are reworded, given priorities and votes, kept or set aside, and ordered: the kept
ones, in order, are the final list (the « 10 à 15 actions clés »). One transaction per change;
deletions and merges return snapshots that restore_recommendations puts back, ids included.

This module reads them; changing them is in recommendation_edits.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.models import (
    Group,
    GroupRound,
    Recommendation,
    RecommendationSource,
    RestitutionItem,
)
from facilitator.store.restitution_fields import RECOMMENDATION, RestitutionsInvalid


@dataclass(frozen=True)
class SourceRow:
    """A group that proposed a recommendation, and its item (None when not linked to one)."""

    group_id: int
    group_name: str
    item_id: int | None
    round_name: str = ""


@dataclass(frozen=True)
class RecommendationRow:
    """One consolidated recommendation with the groups that proposed it."""

    id: int
    text: str
    rec_type: str | None
    actor: str
    horizon: str | None
    priority: int | None
    votes: int
    kept: bool
    position: int
    sources: tuple[SourceRow, ...]

    @property
    def group_names(self) -> tuple[str, ...]:
        """The proposing groups' names, each once, in the order of the workshop's groups."""
        return tuple(dict.fromkeys(source.group_name for source in self.sources))


@dataclass(frozen=True)
class RecommendationSnapshot:
    """A recommendation as it was, to put back (undo of a deletion, a merge or an edit)."""

    workshop_id: int
    recommendation: RecommendationRow


@dataclass(frozen=True)
class CandidateItem:
    """A group's recommendation item, and the consolidated recommendations it is already in."""

    item_id: int
    group_id: int
    group_name: str
    round_name: str
    text: str
    rec_type: str | None
    actor: str
    horizon: str | None
    priority: int | None
    recommendation_ids: tuple[int, ...]


@dataclass(frozen=True)
class FinalEntry:
    """A recommendation of the final list with its number (1 for the first)."""

    number: int
    recommendation: RecommendationRow


def _rec(session: Session, rec_id: int) -> Recommendation:
    found = session.get(Recommendation, rec_id)
    if found is None:
        raise RestitutionsInvalid(_("This recommendation no longer exists."))
    return found


def _groups(session: Session, workshop_id: int) -> dict[int, tuple[str, str, tuple[int, int]]]:
    """Group id → (name, round name, sort key) for the workshop's groups."""
    rows = session.execute(
        select(Group.id, Group.name, GroupRound.name, GroupRound.position, Group.position)
        .join(GroupRound, GroupRound.id == Group.round_id)
        .where(GroupRound.workshop_id == workshop_id)
        .order_by(GroupRound.position, GroupRound.id, Group.position, Group.id)
    ).tuples()
    return {
        gid: (name, round_name, (rank, gid))
        for rank, (gid, name, round_name, *_p) in enumerate(rows)
    }


def _sources(
    session: Session, rec_ids: Sequence[int], groups: dict[int, tuple[str, str, tuple[int, int]]]
) -> dict[int, list[SourceRow]]:
    found: dict[int, list[tuple[tuple[int, int], int, SourceRow]]] = {}
    if not rec_ids:
        return {}
    rows = session.execute(
        select(
            RecommendationSource.id,
            RecommendationSource.recommendation_id,
            RecommendationSource.group_id,
            RecommendationSource.item_id,
        ).where(RecommendationSource.recommendation_id.in_(rec_ids))
    ).tuples()
    for source_id, rec_id, group_id, item_id in rows:
        name, round_name, key = groups.get(group_id, ("", "", (len(groups), group_id)))
        found.setdefault(rec_id, []).append(
            (key, source_id, SourceRow(group_id, name, item_id, round_name))
        )
    return {rec_id: [row for *_k, row in sorted(rows)] for rec_id, rows in found.items()}


def _row(rec: Recommendation, sources: Iterable[SourceRow]) -> RecommendationRow:
    return RecommendationRow(
        rec.id,
        rec.text,
        rec.rec_type,
        rec.actor,
        rec.horizon,
        rec.priority,
        rec.votes,
        rec.kept,
        rec.position,
        tuple(sources),
    )


def _ordered(session: Session, workshop_id: int) -> list[Recommendation]:
    return list(
        session.scalars(
            select(Recommendation)
            .where(Recommendation.workshop_id == workshop_id)
            .order_by(Recommendation.position, Recommendation.id)
        )
    )


def consolidated(session: Session, workshop_id: int) -> list[RecommendationRow]:
    """The workshop's consolidated recommendations in order, kept or not."""
    recs = _ordered(session, workshop_id)
    sources = _sources(session, [r.id for r in recs], _groups(session, workshop_id))
    return [_row(rec, sources.get(rec.id, ())) for rec in recs]


def recommendation(session: Session, rec_id: int) -> RecommendationRow:
    """One consolidated recommendation."""
    rec = _rec(session, rec_id)
    sources = _sources(session, [rec_id], _groups(session, rec.workshop_id))
    return _row(rec, sources.get(rec_id, ()))


def final_list(session: Session, workshop_id: int) -> list[FinalEntry]:
    """The kept recommendations in order, numbered from 1."""
    kept = [row for row in consolidated(session, workshop_id) if row.kept]
    return [FinalEntry(number, row) for number, row in enumerate(kept, start=1)]


def candidate_items(session: Session, workshop_id: int) -> list[CandidateItem]:
    """Every recommendation item of every group, by round, group and place in the group."""
    groups = _groups(session, workshop_id)
    items = session.scalars(
        select(RestitutionItem).where(
            RestitutionItem.group_id.in_(list(groups)), RestitutionItem.kind == RECOMMENDATION
        )
    ).all()
    used: dict[int, list[int]] = {}
    for item_id, rec_id in session.execute(
        select(RecommendationSource.item_id, RecommendationSource.recommendation_id)
        .where(RecommendationSource.item_id.in_([item.id for item in items]))
        .order_by(RecommendationSource.recommendation_id)
    ).tuples():
        if item_id is not None and rec_id not in used.setdefault(item_id, []):
            used[item_id].append(rec_id)
    items = sorted(items, key=lambda i: (groups[i.group_id][2], i.position, i.id))
    return [
        CandidateItem(
            item.id,
            item.group_id,
            groups[item.group_id][0],
            groups[item.group_id][1],
            item.text,
            item.rec_type,
            item.actor,
            item.horizon,
            item.priority,
            tuple(used.get(item.id, ())),
        )
        for item in items
    ]


def _snapshot(session: Session, rec: Recommendation) -> RecommendationSnapshot:
    sources = _sources(session, [rec.id], _groups(session, rec.workshop_id))
    return RecommendationSnapshot(rec.workshop_id, _row(rec, sources.get(rec.id, ())))


def snapshot(session: Session, rec_id: int) -> RecommendationSnapshot:
    """A recommendation as it is now, for undoing an edit with restore_recommendations."""
    return _snapshot(session, _rec(session, rec_id))
