"""Moving several members at once: one transaction, all or nothing, and its undo one too."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select

from facilitator.store.database import Database
from facilitator.store.group_edits import (
    move_members,
    remove_member,
    restore_round,
    round_snapshot,
    set_pins,
)
from facilitator.store.group_rounds import create_round
from facilitator.store.groups import GroupsInvalid, RoundView, round_view
from facilitator.store.models import Participant
from facilitator.store.workshops import find_workshop

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"


@contextmanager
def commits(db: Database) -> Iterator[list[int]]:
    """Count the transactions committed on the database's engine while the block runs."""
    seen: list[int] = []

    def count(_connection: Any) -> None:
        seen.append(1)

    event.listen(db.engine, "commit", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "commit", count)


def _round(db: Database, name: str = "Matin") -> int:
    with db.read() as session:
        workshop_id = find_workshop(session, MIGRATION).id
    return create_round(db, workshop_id, name, count=8, present_only=False, seed=11)


def _view(db: Database, round_id: int) -> RoundView:
    with db.read() as session:
        return round_view(session, round_id)


def _stored(db: Database, round_id: int) -> list[tuple[int, int, int]]:
    """The round's members as another connection sees them: (participant, group, pinned)."""
    assert db.path is not None
    other = sqlite3.connect(db.path)
    try:
        rows = other.execute(
            "SELECT participant_id, group_id, pinned FROM group_members"
            " WHERE round_id = ? ORDER BY participant_id",
            (round_id,),
        ).fetchall()
    finally:
        other.close()
    return [tuple(row) for row in rows]


def test_moving_three_members_is_one_commit_and_its_undo_one_too(demo_db: Database) -> None:
    round_id = _round(demo_db)
    view = _view(demo_db, round_id)
    movers = [m.participant_id for m in view.groups[0].members[:2]]
    movers.append(view.groups[2].members[0].participant_id)
    target = view.groups[1].id
    with demo_db.read() as session:
        before = round_snapshot(session, round_id)
    with commits(demo_db) as seen:
        report = move_members(demo_db, round_id, movers, target)
    assert len(seen) == 1
    stored = {pid: gid for pid, gid, _pinned in _stored(demo_db, round_id)}
    assert all(stored[pid] == target for pid in movers)
    assert _view(demo_db, round_id).balance == report
    with commits(demo_db) as seen:
        restore_round(demo_db, before)
    assert len(seen) == 1
    assert _view(demo_db, round_id) == view


def test_a_refused_member_midway_moves_nobody(demo_db: Database) -> None:
    round_id = _round(demo_db)
    view = _view(demo_db, round_id)
    with demo_db.read() as session:
        other_workshop = find_workshop(session, M4SD).id
        stranger = session.scalars(
            select(Participant.id).where(Participant.workshop_id == other_workshop)
        ).first()
    assert stranger is not None
    first, second = (m.participant_id for m in view.groups[0].members[:2])
    before = _stored(demo_db, round_id)
    with commits(demo_db) as seen, pytest.raises(GroupsInvalid, match=str(stranger)):
        move_members(demo_db, round_id, [first, stranger, second], view.groups[1].id)
    assert seen == []
    assert _stored(demo_db, round_id) == before


def test_a_group_of_another_round_moves_nobody(demo_db: Database) -> None:
    round_id = _round(demo_db)
    other = _round(demo_db, "Après-midi")
    view = _view(demo_db, round_id)
    movers = [m.participant_id for m in view.groups[0].members[:3]]
    before = _stored(demo_db, round_id)
    with pytest.raises(GroupsInvalid):
        move_members(demo_db, round_id, movers, _view(demo_db, other).groups[1].id)
    assert _stored(demo_db, round_id) == before


def test_the_same_member_twice_and_a_newcomer(demo_db: Database) -> None:
    round_id = _round(demo_db)
    view = _view(demo_db, round_id)
    member, newcomer = (m.participant_id for m in view.groups[0].members[:2])
    remove_member(demo_db, round_id, newcomer)
    target = view.groups[3].id
    move_members(demo_db, round_id, [member, newcomer, member], target, pin=True)
    stored = {pid: (gid, pinned) for pid, gid, pinned in _stored(demo_db, round_id)}
    assert stored[member] == (target, 1) and stored[newcomer] == (target, 1)


def test_pinning_several_members_is_one_commit_all_or_nothing(demo_db: Database) -> None:
    round_id = _round(demo_db)
    view = _view(demo_db, round_id)
    ids = [m.participant_id for m in view.groups[0].members[:3]]
    with commits(demo_db) as seen:
        set_pins(demo_db, round_id, ids, True)
    assert len(seen) == 1
    assert {pid for pid, _gid, pinned in _stored(demo_db, round_id) if pinned} == set(ids)
    with pytest.raises(GroupsInvalid):
        set_pins(demo_db, round_id, [ids[0], -1, ids[1]], False)
    assert {pid for pid, _gid, pinned in _stored(demo_db, round_id) if pinned} == set(ids)
