"""Breakout groups in the store: rounds, rules on the demo, pins, keep-apart, moves, undo."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from facilitator.store.backups import list_backups
from facilitator.store.database import Database
from facilitator.store.group_edits import (
    add_keep_apart,
    move_member,
    place_late_arrival,
    remove_keep_apart,
    remove_member,
    restore_round,
    round_snapshot,
    set_pinned,
    suggest_group,
    update_group,
)
from facilitator.store.group_rounds import create_round, delete_round, reassign_round, rename_round
from facilitator.store.groups import (
    GroupsInvalid,
    RoundView,
    keep_apart_pairs,
    list_rounds,
    memberships_for,
    people_for,
    round_view,
)
from facilitator.store.models import CheckIn, GroupMember, Participant
from facilitator.store.workshops import find_workshop

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"


def _workshop(db: Database, slug: str) -> int:
    with db.read() as session:
        return find_workshop(session, slug).id


def _view(db: Database, round_id: int) -> RoundView:
    with db.read() as session:
        return round_view(session, round_id)


def _where(view: RoundView) -> dict[int, int]:
    """Participant id → group id."""
    return {m.participant_id: g.id for g in view.groups for m in g.members}


def _round_on_migration(db: Database, seed: int = 11, name: str = "Matin", count: int = 8) -> int:
    return create_round(
        db, _workshop(db, MIGRATION), name, count=count, present_only=False, seed=seed
    )


def test_first_round_on_80_people_meets_every_rule(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db)
    view = _view(demo_db, round_id)
    assert [g.name for g in view.groups] == [f"Groupe {n}" for n in range(1, 9)]
    assert [len(g.members) for g in view.groups] == [10] * 8
    assert len(_where(view)) == 80
    assert view.round.seed == 11 and view.round.present_only is False
    report = view.balance
    assert report is not None
    assert report.types.obtained <= 1
    for name, rule in report.rules().items():
        assert rule.holds, name
    # Seven types: each group has people of at least six of them.
    assert all(len({m.type_name for m in g.members}) >= 6 for g in view.groups)


def test_target_size_and_rounds_are_listed(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    round_id = create_round(demo_db, workshop_id, "Après-midi", target_size=12, present_only=False)
    view = _view(demo_db, round_id)
    assert len(view.groups) == 7  # 80 / 12 ≈ 6.7
    assert {len(g.members) for g in view.groups} <= {11, 12}
    assert view.round.seed is not None  # drawn, stored to reproduce the result
    with demo_db.read() as session:
        (info,) = list_rounds(session, workshop_id)
    assert (info.name, info.groups, info.members) == ("Après-midi", 7, 80)


def test_same_seed_gives_same_groups(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db, seed=42)
    first = _where(_view(demo_db, round_id))
    reassign_round(demo_db, round_id, seed=7)
    assert _where(_view(demo_db, round_id)) != first
    reassign_round(demo_db, round_id, seed=42)
    assert _where(_view(demo_db, round_id)) == first


def test_second_round_avoids_people_meeting_again(demo_db: Database) -> None:
    first = _where(_view(demo_db, _round_on_migration(demo_db, name="Tour 1")))
    second_id = _round_on_migration(demo_db, name="Tour 2", seed=3)
    second = _where(_view(demo_db, second_id))
    report = _view(demo_db, second_id).balance
    assert report is not None
    met_again = sum(
        1 for a in first for b in first if a < b and first[a] == first[b] and second[a] == second[b]
    )
    assert report.met_again.obtained == met_again
    # Groups of 10 spread over 8 groups: 2 pairs each must meet again, and no more do.
    assert report.met_again.best_possible == 16 and report.met_again.holds
    assert report.types.obtained <= 1


def test_present_only_takes_the_checked_in(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, M4SD)
    with demo_db.read() as session:
        present = set(session.scalars(select(CheckIn.participant_id)))
        people = people_for(session, workshop_id, True)
        everyone = people_for(session, workshop_id, False)
    assert {p.id for p in people} == present and len(everyone) == 60 > len(people)
    assert all(p.gender in ("F", "M", None) for p in everyone)
    assert all(p.organisation == p.organisation.lower() for p in everyone)
    round_id = create_round(demo_db, workshop_id, "Tour 2", count=4, seed=1)
    assert set(_where(_view(demo_db, round_id))) == present
    with pytest.raises(GroupsInvalid, match="Personne n’est encore enregistré"):
        create_round(demo_db, _workshop(demo_db, MIGRATION), "Tour 1", count=4)


def test_pinned_members_stay_on_reassign(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db)
    before = _where(_view(demo_db, round_id))
    pinned = sorted(before)[:5]
    for pid in pinned:
        set_pinned(demo_db, round_id, pid, True)
    for seed in (1, 2, 3):
        reassign_round(demo_db, round_id, seed=seed)
        view = _view(demo_db, round_id)
        after = _where(view)
        assert all(after[pid] == before[pid] for pid in pinned)
        flags = {m.participant_id for g in view.groups for m in g.members if m.pinned}
        assert flags == set(pinned)
        assert view.balance is not None and view.balance.constraints.obtained == 0


def test_keep_apart_is_honoured(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    round_id = _round_on_migration(demo_db)
    where = _where(_view(demo_db, round_id))
    a, b = next((a, b) for a in where for b in where if a < b and where[a] == where[b])
    add_keep_apart(demo_db, workshop_id, b, a)
    add_keep_apart(demo_db, workshop_id, a, b)  # asked twice: one pair
    with demo_db.read() as session:
        assert keep_apart_pairs(session, workshop_id) == [(a, b)]
    view = _view(demo_db, round_id)
    assert view.balance is not None and view.balance.constraints.obtained == 1
    reassign_round(demo_db, round_id, seed=11)
    view = _view(demo_db, round_id)
    assert _where(view)[a] != _where(view)[b]
    assert view.balance is not None and view.balance.constraints.obtained == 0
    assert remove_keep_apart(demo_db, workshop_id, b, a) is True
    assert remove_keep_apart(demo_db, workshop_id, a, b) is False
    with pytest.raises(GroupsInvalid):
        add_keep_apart(demo_db, workshop_id, a, a)


def test_reassign_and_delete_take_a_backup_first(demo_db: Database) -> None:
    assert demo_db.path is not None
    round_id = _round_on_migration(demo_db)
    before = _where(_view(demo_db, round_id))
    existing = len(list_backups(demo_db.path))
    reassign_round(demo_db, round_id, seed=99)
    backups = list_backups(demo_db.path)
    assert len(backups) == existing + 1 and "before-groups" in backups[-1].name
    conn = sqlite3.connect(backups[-1])
    saved = dict(
        conn.execute(
            "SELECT participant_id, group_id FROM group_members WHERE round_id = ?", (round_id,)
        ).fetchall()
    )
    conn.close()
    assert saved == before != _where(_view(demo_db, round_id))
    delete_round(demo_db, round_id)
    assert "before-delete-round" in list_backups(demo_db.path)[-1].name
    with demo_db.read() as session:
        assert list_rounds(session, _workshop(demo_db, MIGRATION)) == []
        assert session.scalar(select(func.count()).select_from(GroupMember)) == 45  # M4SD's


def test_move_member_updates_the_balance(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db)
    view = _view(demo_db, round_id)
    pid = view.groups[0].members[0].participant_id
    report = move_member(demo_db, round_id, pid, view.groups[1].id)
    assert report.sizes.obtained == 2 and not report.sizes.holds
    after = _view(demo_db, round_id)
    assert after.balance == report
    assert [len(g.members) for g in after.groups][:2] == [9, 11]
    report = move_member(demo_db, round_id, pid, view.groups[0].id, pin=True)
    assert report.sizes.obtained == 0
    members = _view(demo_db, round_id).groups[0].members
    assert next(m for m in members if m.participant_id == pid).pinned
    remove_member(demo_db, round_id, pid)
    assert pid not in _where(_view(demo_db, round_id))
    with pytest.raises(GroupsInvalid):
        set_pinned(demo_db, round_id, pid, True)


def test_late_arrival_lands_in_the_suggested_group(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, M4SD)
    with demo_db.read() as session:
        (info,) = list_rounds(session, workshop_id)
        placed = set(_where(round_view(session, info.id)))
        late = min(
            pid
            for pid in session.scalars(
                select(Participant.id).where(Participant.workshop_id == workshop_id)
            )
            if pid not in placed
        )
        suggestion = suggest_group(session, info.id, late)
        assert memberships_for(session, workshop_id, late) == []
    group_id, delta = place_late_arrival(demo_db, info.id, late)
    assert group_id == suggestion.group_id and delta == suggestion.delta
    assert delta["constraints"] == 0
    with demo_db.read() as session:
        (membership,) = memberships_for(session, workshop_id, late)
        assert (membership.round_id, membership.group_id) == (info.id, group_id)
        assert membership.round_name == info.name
        with pytest.raises(GroupsInvalid, match="déjà dans"):
            suggest_group(session, info.id, late)
    view = _view(demo_db, info.id)
    assert view.balance == suggestion.report


def test_restore_round_puts_everything_back(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db)
    view = _view(demo_db, round_id)
    first, second = view.groups[0], view.groups[1]
    set_pinned(demo_db, round_id, first.members[0].participant_id, True)
    update_group(demo_db, first.id, theme="Emploi", room="Salle A")
    before = _view(demo_db, round_id)
    with demo_db.read() as session:
        snapshot = round_snapshot(session, round_id)
    update_group(
        demo_db,
        first.id,
        name="Les pionniers",
        room="Salle B",
        moderator_id=first.members[1].participant_id,
        rapporteur_id=second.members[0].participant_id,
    )
    move_member(demo_db, round_id, first.members[2].participant_id, second.id, pin=True)
    set_pinned(demo_db, round_id, first.members[0].participant_id, False)
    reassign_round(demo_db, round_id, seed=5)
    rename_round(demo_db, round_id, "Soir")
    assert _view(demo_db, round_id) != before
    restore_round(demo_db, snapshot)
    assert _view(demo_db, round_id) == before


def test_update_group_checks_roles(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db)
    group = _view(demo_db, round_id).groups[0]
    with demo_db.read() as session:
        stranger = session.scalar(
            select(Participant.id).where(Participant.workshop_id == _workshop(demo_db, M4SD))
        )
    assert stranger is not None
    with pytest.raises(GroupsInvalid, match="n’est pas inscrit à cet atelier"):
        update_group(demo_db, group.id, moderator_id=stranger)
    member = group.members[0]
    update_group(demo_db, group.id, moderator_id=member.participant_id)
    view = _view(demo_db, round_id).groups[0]
    assert view.moderator_name == f"{member.first_name} {member.last_name}"
    update_group(demo_db, group.id, moderator_id=None)
    assert _view(demo_db, round_id).groups[0].moderator_id is None
    with pytest.raises(GroupsInvalid):
        update_group(demo_db, group.id, name="  ")


def test_bad_requests_write_nothing(demo_db: Database) -> None:
    workshop_id = _workshop(demo_db, MIGRATION)
    with pytest.raises(GroupsInvalid, match="plus de groupes que de personnes"):
        create_round(demo_db, workshop_id, "Tour 1", count=81, present_only=False)
    with pytest.raises(GroupsInvalid):
        create_round(demo_db, workshop_id, "Tour 1", count=0, present_only=False)
    with pytest.raises(GroupsInvalid):
        create_round(demo_db, workshop_id, "Tour 1", present_only=False)
    with demo_db.read() as session:
        assert list_rounds(session, workshop_id) == []
    _round_on_migration(demo_db, name="Tour 1")
    with pytest.raises(GroupsInvalid, match="existe déjà"):
        _round_on_migration(demo_db, name="Tour 1")
    other = _round_on_migration(demo_db, name="Tour 2")
    with pytest.raises(GroupsInvalid, match="existe déjà"):
        rename_round(demo_db, other, " Tour  1 ")


def test_reassign_can_change_the_count(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db)
    reassign_round(demo_db, round_id, count=10, seed=1)
    view = _view(demo_db, round_id)
    assert [len(g.members) for g in view.groups] == [8] * 10
    assert view.groups[-1].name == "Groupe 10"
    reassign_round(demo_db, round_id, count=4, seed=1)
    assert [len(g.members) for g in _view(demo_db, round_id).groups] == [20] * 4


def test_a_moderator_and_a_rapporteur_stay_with_their_group(demo_db: Database) -> None:
    round_id = _round_on_migration(demo_db)
    group = _view(demo_db, round_id).groups[0]
    moderator, rapporteur = group.members[0].participant_id, group.members[1].participant_id
    update_group(demo_db, group.id, moderator_id=moderator, rapporteur_id=rapporteur)
    for seed in (1, 2, 3):  # redone three times: they are pinned to the group they lead
        reassign_round(demo_db, round_id, seed=seed)
        view = _view(demo_db, round_id)
        assert _where(view)[moderator] == group.id and _where(view)[rapporteur] == group.id
        assert view.groups[0].moderator_id == moderator
    # Moved by hand to another group, the rapporteur no longer reports for the first one.
    other = _view(demo_db, round_id).groups[1].id
    move_member(demo_db, round_id, rapporteur, other)
    view = _view(demo_db, round_id)
    assert view.groups[0].rapporteur_id is None and view.groups[0].moderator_id == moderator
