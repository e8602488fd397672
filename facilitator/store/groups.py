"""Breakout groups: reading rounds, their groups, members and balance.

Creating rounds and (re)assigning them automatically is in group_rounds.py; moving people, pins,
« keep apart », late arrivals and undo are in group_edits.py.

Presence is the check-in of the workshop day in force (today in the workshop's time zone, kept
within its dates), as the desk and `participants` count it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.core.groups import Assignment, Balance, BalanceReport, Person
from facilitator.core.text import fold
from facilitator.i18n import _
from facilitator.store.models import (
    CheckIn,
    Group,
    GroupMember,
    GroupRound,
    KeepApart,
    Organisation,
    Participant,
    ParticipantType,
)
from facilitator.store.workshops import day_in_force, get_workshop


class GroupsInvalid(ValueError):
    """A request about groups cannot be done; the message says what is wrong."""


@dataclass(frozen=True)
class RoundInfo:
    """A round as lists show it."""

    id: int
    name: str
    position: int
    seed: int | None
    present_only: bool
    groups: int
    members: int


@dataclass(frozen=True)
class MemberRow:
    """One member of a group as screens and commands show them."""

    participant_id: int
    first_name: str
    last_name: str
    organisation: str
    type_name: str
    gender: str | None
    pinned: bool


@dataclass(frozen=True)
class GroupView:
    """One group of a round with its members (sorted by last name, then first name)."""

    id: int
    name: str
    theme: str
    room: str
    position: int
    moderator_id: int | None
    moderator_name: str
    rapporteur_id: int | None
    rapporteur_name: str
    members: tuple[MemberRow, ...]


@dataclass(frozen=True)
class RoundView:
    """A round, its groups, and the balance of its current membership (None without groups)."""

    round: RoundInfo
    groups: tuple[GroupView, ...]
    balance: BalanceReport | None

    def to_json(self) -> dict[str, object]:
        """The shape CONTRACT.md promises for `groups --json`, plus ids, seed and sizes."""
        return {
            "round": self.round.name,
            "round_id": self.round.id,
            "seed": self.round.seed,
            "present_only": self.round.present_only,
            "groups": [
                {
                    "id": group.id,
                    "name": group.name,
                    "size": len(group.members),
                    "members": sorted(m.participant_id for m in group.members),
                    "pinned": sorted(m.participant_id for m in group.members if m.pinned),
                }
                for group in self.groups
            ],
            "balance": self.balance.to_json() if self.balance else None,
        }


@dataclass(frozen=True)
class Membership:
    """A participant's group in one round."""

    round_id: int
    round_name: str
    group_id: int
    group_name: str
    room: str
    pinned: bool


def _gender(value: str | None) -> str | None:
    text = (value or "").strip().upper()
    return text if text in ("F", "M") else None


def _present_ids(session: Session, workshop_id: int, day: dt.date | None) -> set[int]:
    workshop = get_workshop(session, workshop_id)
    day = day or day_in_force(workshop)
    return set(
        session.scalars(
            select(CheckIn.participant_id)
            .join(Participant, Participant.id == CheckIn.participant_id)
            .where(Participant.workshop_id == workshop_id, CheckIn.day == day)
        )
    )


def _people(session: Session, workshop_id: int, ids: Iterable[int] | None = None) -> list[Person]:
    """Participants of a workshop (or only `ids`) as the assignment sees them, by id."""
    query = (
        select(Participant.id, ParticipantType.name, Organisation.name, Participant.gender)
        .outerjoin(ParticipantType, ParticipantType.id == Participant.type_id)
        .outerjoin(Organisation, Organisation.id == Participant.organisation_id)
        .where(Participant.workshop_id == workshop_id)
        .order_by(Participant.id)
    )
    if ids is not None:
        query = query.where(Participant.id.in_(list(ids)))
    return [
        Person(pid, type_name or "", fold(org or ""), _gender(gender))
        for pid, type_name, org, gender in session.execute(query)
    ]


def people_for(
    session: Session, workshop_id: int, present_only: bool, *, day: dt.date | None = None
) -> list[Person]:
    """The workshop's participants (only those checked in on `day`, default the day in force)."""
    people = _people(session, workshop_id)
    if not present_only:
        return people
    present = _present_ids(session, workshop_id, day)
    return [person for person in people if person.id in present]


def _round(session: Session, round_id: int) -> GroupRound:
    found = session.get(GroupRound, round_id)
    if found is None:
        raise GroupsInvalid(_("This round of groups no longer exists."))
    return found


def _groups(session: Session, round_id: int) -> list[Group]:
    return list(
        session.scalars(
            select(Group).where(Group.round_id == round_id).order_by(Group.position, Group.id)
        )
    )


def _members(session: Session, round_id: int) -> list[GroupMember]:
    return list(
        session.scalars(
            select(GroupMember)
            .where(GroupMember.round_id == round_id)
            .order_by(GroupMember.participant_id)
        )
    )


def _apart(session: Session, workshop_id: int) -> set[frozenset[int]]:
    return {
        frozenset((a, b))
        for a, b in session.execute(
            select(KeepApart.first_id, KeepApart.second_id).where(
                KeepApart.workshop_id == workshop_id
            )
        )
    }


def _met(session: Session, round_row: GroupRound) -> set[frozenset[int]]:
    """Pairs who shared a group in the workshop's earlier rounds."""
    rows = session.execute(
        select(GroupMember.group_id, GroupMember.participant_id)
        .join(GroupRound, GroupRound.id == GroupMember.round_id)
        .where(
            GroupRound.workshop_id == round_row.workshop_id,
            GroupRound.id != round_row.id,
            GroupRound.position < round_row.position,
        )
    ).all()
    by_group: dict[int, list[int]] = {}
    for group_id, pid in rows:
        by_group.setdefault(group_id, []).append(pid)
    return {
        frozenset(pair)
        for members in by_group.values()
        for pair in itertools.combinations(members, 2)
    }


def find_round(session: Session, workshop_id: int, name: str) -> int | None:
    """The id of the workshop's round with that name, if any."""
    return session.scalar(
        select(GroupRound.id).where(
            GroupRound.workshop_id == workshop_id, GroupRound.name == name.strip()
        )
    )


def default_round_name(session: Session, workshop_id: int) -> str:
    """« Round N » for the next round, N the first number not taken."""
    taken = set(
        session.scalars(select(GroupRound.name).where(GroupRound.workshop_id == workshop_id))
    )
    n = len(taken) + 1
    while (name := _("Round {n}").format(n=n)) in taken:
        n += 1
    return name


def list_rounds(session: Session, workshop_id: int) -> list[RoundInfo]:
    """The workshop's rounds in order, with how many groups and members each has."""
    groups = dict(
        session.execute(
            select(Group.round_id, func.count())
            .join(GroupRound, GroupRound.id == Group.round_id)
            .where(GroupRound.workshop_id == workshop_id)
            .group_by(Group.round_id)
        )
        .tuples()
        .all()
    )
    members = dict(
        session.execute(
            select(GroupMember.round_id, func.count())
            .join(GroupRound, GroupRound.id == GroupMember.round_id)
            .where(GroupRound.workshop_id == workshop_id)
            .group_by(GroupMember.round_id)
        )
        .tuples()
        .all()
    )
    rounds = session.scalars(
        select(GroupRound)
        .where(GroupRound.workshop_id == workshop_id)
        .order_by(GroupRound.position, GroupRound.id)
    )
    return [_info(r, groups.get(r.id, 0), members.get(r.id, 0)) for r in rounds]


def _info(r: GroupRound, groups: int, members: int) -> RoundInfo:
    return RoundInfo(r.id, r.name, r.position, r.seed, r.present_only, groups, members)


def _full_name(p: Participant | None) -> str:
    return f"{p.first_name} {p.last_name}".strip() if p is not None else ""


def _balance(
    session: Session, round_row: GroupRound, groups: Sequence[Group], members: Sequence[GroupMember]
) -> tuple[Balance, Assignment] | None:
    """The balance context of a round's current membership and that membership."""
    if not groups:
        return None
    index = {group.id: i for i, group in enumerate(groups)}
    people = _people(session, round_row.workshop_id, [m.participant_id for m in members])
    pinned = {m.participant_id: index[m.group_id] for m in members if m.pinned}
    lists: list[list[int]] = [[] for _ in groups]
    for m in members:
        lists[index[m.group_id]].append(m.participant_id)
    balance = Balance(
        tuple(people),
        len(groups),
        pinned,
        _apart(session, round_row.workshop_id),
        _met(session, round_row),
    )
    return balance, Assignment.of(lists)


def round_view(session: Session, round_id: int) -> RoundView:
    """A round with its groups, members and balance, as plain rows."""
    round_row = _round(session, round_id)
    groups = _groups(session, round_id)
    members = _members(session, round_id)
    ids = [m.participant_id for m in members]
    ids += [pid for g in groups for pid in (g.moderator_id, g.rapporteur_id) if pid is not None]
    participants = {
        p.id: p for p in session.scalars(select(Participant).where(Participant.id.in_(ids)))
    }
    rows: dict[int, list[MemberRow]] = {group.id: [] for group in groups}
    for m in members:
        p = participants[m.participant_id]
        rows[m.group_id].append(
            MemberRow(
                p.id,
                p.first_name,
                p.last_name,
                p.organisation.name if p.organisation else "",
                p.type.name if p.type else "",
                _gender(p.gender),
                m.pinned,
            )
        )
    views = tuple(
        GroupView(
            g.id,
            g.name,
            g.theme,
            g.room,
            g.position,
            g.moderator_id,
            _full_name(participants.get(g.moderator_id or 0)),
            g.rapporteur_id,
            _full_name(participants.get(g.rapporteur_id or 0)),
            tuple(
                sorted(
                    rows[g.id],
                    key=lambda r: (fold(r.last_name), fold(r.first_name), r.participant_id),
                )
            ),
        )
        for g in groups
    )
    context = _balance(session, round_row, groups, members)
    report = context[0].report(context[1]) if context else None
    return RoundView(_info(round_row, len(groups), len(members)), views, report)


def memberships_for(session: Session, workshop_id: int, participant_id: int) -> list[Membership]:
    """Which group a participant is in, round by round (rounds without them left out)."""
    rows = session.execute(
        select(GroupRound.id, GroupRound.name, Group.id, Group.name, Group.room, GroupMember.pinned)
        .join(GroupMember, GroupMember.round_id == GroupRound.id)
        .join(Group, Group.id == GroupMember.group_id)
        .where(GroupRound.workshop_id == workshop_id, GroupMember.participant_id == participant_id)
        .order_by(GroupRound.position, GroupRound.id)
    ).tuples()
    return [Membership(*row) for row in rows]


def keep_apart_pairs(session: Session, workshop_id: int) -> list[tuple[int, int]]:
    """The workshop's « keep apart » pairs, each as (smaller id, larger id), sorted."""
    return sorted((min(p), max(p)) for p in _apart(session, workshop_id) if len(p) == 2)


def _participant(session: Session, workshop_id: int, participant_id: int) -> Participant:
    p = session.get(Participant, participant_id)
    if p is None or p.workshop_id != workshop_id:
        raise GroupsInvalid(
            _("Participant {id} is not registered for this workshop.").format(id=participant_id)
        )
    return p
