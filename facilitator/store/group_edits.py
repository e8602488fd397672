"""Changing breakout groups by hand: group details, moves, pins, « keep apart », late arrivals,
and undo (a round's snapshot put back exactly).

Each writing operation is one transaction.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from facilitator.core.groups import BalanceReport, best_group_for
from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.group_rounds import _drop_if_blank, clear_stray_roles
from facilitator.store.groups import (
    GroupsInvalid,
    _apart,
    _balance,
    _groups,
    _members,
    _participant,
    _people,
    _round,
)
from facilitator.store.models import Group, GroupMember, GroupRound, KeepApart, Participant


class _Unchanged(enum.Enum):
    UNCHANGED = enum.auto()


UNCHANGED = _Unchanged.UNCHANGED  # update_group: leave this field as it is


@dataclass(frozen=True)
class Suggestion:
    """Where a late arrival would go, the balance after, and its change per rule."""

    group_id: int
    group_name: str
    report: BalanceReport
    delta: dict[str, int]


@dataclass(frozen=True)
class GroupSnapshot:
    """A group's own fields, to put back on undo."""

    id: int
    name: str
    theme: str
    room: str
    moderator_id: int | None
    rapporteur_id: int | None


@dataclass(frozen=True)
class RoundSnapshot:
    """Everything an undo puts back in a round: its fields, its groups' fields, its members."""

    round_id: int
    name: str
    seed: int | None
    present_only: bool
    groups: tuple[GroupSnapshot, ...]
    members: tuple[tuple[int, int, bool], ...]  # participant id, group id, pinned


# Reading ----------------------------------------------------------------------------------


def update_group(
    db: Database,
    group_id: int,
    *,
    name: str | _Unchanged = UNCHANGED,
    theme: str | _Unchanged = UNCHANGED,
    room: str | _Unchanged = UNCHANGED,
    moderator_id: int | None | _Unchanged = UNCHANGED,
    rapporteur_id: int | None | _Unchanged = UNCHANGED,
) -> None:
    """Change a group's name, theme, room, moderator or rapporteur (None clears a role)."""
    with db.write() as session:
        group = session.get(Group, group_id)
        if group is None:
            raise GroupsInvalid(_("This group no longer exists."))
        workshop_id = _round(session, group.round_id).workshop_id
        if not isinstance(name, _Unchanged):
            name = " ".join(name.split())
            if not name:
                raise GroupsInvalid(_("A group needs a name."))
            group.name = name
        if not isinstance(theme, _Unchanged):
            group.theme = theme.strip()
        if not isinstance(room, _Unchanged):
            group.room = " ".join(room.split())
        if not isinstance(moderator_id, _Unchanged):
            if moderator_id is not None:
                _participant(session, workshop_id, moderator_id)
                _hold_in(session, group, moderator_id)
            group.moderator_id = moderator_id
        if not isinstance(rapporteur_id, _Unchanged):
            if rapporteur_id is not None:
                _participant(session, workshop_id, rapporteur_id)
                _hold_in(session, group, rapporteur_id)
            group.rapporteur_id = rapporteur_id


def _hold_in(session: Session, group: Group, participant_id: int) -> None:
    """A moderator or rapporteur who is a member of the round stays in their group: pinned."""
    member = session.scalar(
        select(GroupMember).where(
            GroupMember.round_id == group.round_id, GroupMember.participant_id == participant_id
        )
    )
    if member is not None:
        member.group_id = group.id
        member.pinned = True


def _report(session: Session, round_row: GroupRound) -> BalanceReport:
    groups = _groups(session, round_row.id)
    context = _balance(session, round_row, groups, _members(session, round_row.id))
    assert context is not None  # a member was just placed in one of its groups
    return context[0].report(context[1])


def move_member(
    db: Database, round_id: int, participant_id: int, group_id: int, *, pin: bool | None = None
) -> BalanceReport:
    """Put a participant in a group of the round (added if absent); returns the new balance.

    `pin` None keeps their pin (a newcomer is not pinned).
    """
    return move_members(db, round_id, [participant_id], group_id, pin=pin)


def move_members(
    db: Database,
    round_id: int,
    participant_ids: Sequence[int],
    group_id: int,
    *,
    pin: bool | None = None,
) -> BalanceReport:
    """Put several participants in one group of the round, in one transaction; the new balance.

    Every participant is checked before anything is written: one refused, none moved.
    `pin` None keeps each one's pin (a newcomer is not pinned).
    """
    wanted = list(dict.fromkeys(participant_ids))
    with db.write() as session:
        round_row = _round(session, round_id)
        group = session.get(Group, group_id)
        if group is None or group.round_id != round_id:
            raise GroupsInvalid(_("This group is not part of the round."))
        for participant_id in wanted:
            _participant(session, round_row.workshop_id, participant_id)
        members = {
            m.participant_id: m
            for m in session.scalars(
                select(GroupMember).where(
                    GroupMember.round_id == round_id, GroupMember.participant_id.in_(wanted)
                )
            )
        }
        for participant_id in wanted:
            member = members.get(participant_id)
            if member is None:
                member = GroupMember(round_id=round_id, participant_id=participant_id, pinned=False)
                session.add(member)
            member.group_id = group_id
            if pin is not None:
                member.pinned = pin
        session.flush()
        clear_stray_roles(session, round_id)
        return _report(session, round_row)


def _member(session: Session, round_id: int, participant_id: int) -> GroupMember:
    member = session.scalar(
        select(GroupMember).where(
            GroupMember.round_id == round_id, GroupMember.participant_id == participant_id
        )
    )
    if member is None:
        raise GroupsInvalid(_("This participant is in no group of the round."))
    return member


def set_pinned(db: Database, round_id: int, participant_id: int, pinned: bool) -> None:
    """Pin a member to their group (a new assignment keeps them there), or unpin them."""
    set_pins(db, round_id, [participant_id], pinned)


def set_pins(db: Database, round_id: int, participant_ids: Sequence[int], pinned: bool) -> None:
    """Pin or unpin several members in one transaction; one not in the round, none changed."""
    with db.write() as session:
        members = [_member(session, round_id, pid) for pid in dict.fromkeys(participant_ids)]
        for member in members:
            member.pinned = pinned


def remove_member(db: Database, round_id: int, participant_id: int) -> None:
    """Take a participant out of the round (they left, say)."""
    with db.write() as session:
        session.delete(_member(session, round_id, participant_id))


def add_keep_apart(db: Database, workshop_id: int, a: int, b: int) -> None:
    """Ask that two participants never share a group (nothing changes if already asked)."""
    if a == b:
        raise GroupsInvalid(_("Choose two different participants to keep apart."))
    first, second = min(a, b), max(a, b)
    with db.write() as session:
        _participant(session, workshop_id, first)
        _participant(session, workshop_id, second)
        if frozenset((first, second)) not in _apart(session, workshop_id):
            session.add(KeepApart(workshop_id=workshop_id, first_id=first, second_id=second))


def remove_keep_apart(db: Database, workshop_id: int, a: int, b: int) -> bool:
    """Forget a « keep apart » pair; True when there was one."""
    with db.write() as session:
        deleted = session.scalars(
            delete(KeepApart)
            .where(
                KeepApart.workshop_id == workshop_id,
                or_(
                    (KeepApart.first_id == a) & (KeepApart.second_id == b),
                    (KeepApart.first_id == b) & (KeepApart.second_id == a),
                ),
            )
            .returning(KeepApart.id)
        ).all()
    return bool(deleted)


# Late arrivals --------------------------------------------------------------------------------


def suggest_group(session: Session, round_id: int, participant_id: int) -> Suggestion:
    """The group where a late arrival keeps the balance best; nothing is written."""
    round_row = _round(session, round_id)
    _participant(session, round_row.workshop_id, participant_id)
    groups = _groups(session, round_id)
    if not groups:
        raise GroupsInvalid(_("This round has no groups."))
    members = _members(session, round_id)
    current = next((m for m in members if m.participant_id == participant_id), None)
    if current is not None:
        name = next(g.name for g in groups if g.id == current.group_id)
        raise GroupsInvalid(_("This participant is already in « {group} ».").format(group=name))
    context = _balance(session, round_row, groups, members)
    assert context is not None
    balance, assignment = context
    (person,) = _people(session, round_row.workshop_id, [participant_id])
    arrival = best_group_for(
        person,
        assignment,
        balance.people,
        pinned=balance.pinned,
        apart=balance.apart,
        met=balance.met,
    )
    group = groups[arrival.group]
    return Suggestion(group.id, group.name, arrival.report, arrival.delta)


def place_late_arrival(
    db: Database, round_id: int, participant_id: int
) -> tuple[int, dict[str, int]]:
    """Put a late arrival in the group that keeps the balance best: (group id, change per rule)."""
    with db.write() as session:
        suggestion = suggest_group(session, round_id, participant_id)
        session.add(
            GroupMember(
                round_id=round_id,
                group_id=suggestion.group_id,
                participant_id=participant_id,
                pinned=False,
            )
        )
    return suggestion.group_id, suggestion.delta


# Undo -----------------------------------------------------------------------------------------


def round_snapshot(session: Session, round_id: int) -> RoundSnapshot:
    """Everything `restore_round` needs to put the round back as it is now."""
    round_row = _round(session, round_id)
    return RoundSnapshot(
        round_row.id,
        round_row.name,
        round_row.seed,
        round_row.present_only,
        tuple(
            GroupSnapshot(g.id, g.name, g.theme, g.room, g.moderator_id, g.rapporteur_id)
            for g in _groups(session, round_id)
        ),
        tuple((m.participant_id, m.group_id, m.pinned) for m in _members(session, round_id)),
    )


def restore_round(db: Database, snapshot: RoundSnapshot) -> None:
    """Put a round's fields, groups' fields, members and pins back as in `snapshot`.

    Participants deleted since are left out, and so are roles pointing at them; groups added
    since (a larger count) are deleted unless their report-back holds something.
    """
    with db.write() as session:
        round_row = _round(session, snapshot.round_id)
        round_row.name = snapshot.name
        round_row.seed = snapshot.seed
        round_row.present_only = snapshot.present_only
        groups = {g.id: g for g in _groups(session, snapshot.round_id)}
        if any(g.id not in groups for g in snapshot.groups):
            raise GroupsInvalid(_("A group of this round was deleted; it cannot be put back."))
        wanted = {pid for pid, _group, _pinned in snapshot.members}
        wanted |= {pid for g in snapshot.groups for pid in (g.moderator_id, g.rapporteur_id) if pid}
        alive = set(session.scalars(select(Participant.id).where(Participant.id.in_(wanted))))
        for g in snapshot.groups:
            group = groups[g.id]
            group.name, group.theme, group.room = g.name, g.theme, g.room
            group.moderator_id = g.moderator_id if g.moderator_id in alive else None
            group.rapporteur_id = g.rapporteur_id if g.rapporteur_id in alive else None
        for extra in set(groups) - {g.id for g in snapshot.groups}:
            _drop_if_blank(session, groups[extra])
        session.execute(delete(GroupMember).where(GroupMember.round_id == snapshot.round_id))
        rows = [
            {"round_id": snapshot.round_id, "group_id": gid, "participant_id": pid, "pinned": pin}
            for pid, gid, pin in snapshot.members
            if pid in alive
        ]
        if rows:
            session.execute(insert(GroupMember), rows)
