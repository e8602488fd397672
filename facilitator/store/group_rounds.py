"""Rounds of breakout groups: creating them and (re)assigning them automatically, renaming and
deleting them.

Reading rounds is in groups.py; moving people, pins, « keep apart », late arrivals and undo are in
group_edits.py.

Each writing operation is one transaction; those that replace the members of a round (a new
assignment, a deletion) take a backup first. The mixing itself is core.groups' job: this module
gathers the people, pins, « keep apart » pairs and earlier meetings, and stores the outcome.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from facilitator.core.groups import Person, assign_groups, group_count
from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.groups import (
    GroupsInvalid,
    _apart,
    _groups,
    _members,
    _met,
    _people,
    _round,
    find_round,
    people_for,
)
from facilitator.store.models import Group, GroupMember, GroupRound, Restitution, RestitutionItem

SEED_LIMIT = 2**31  # seeds fit a 32-bit INTEGER column on every database


def _check_seed(seed: int | None) -> int:
    if seed is None:
        return random.SystemRandom().randrange(SEED_LIMIT)
    if not -SEED_LIMIT <= seed < SEED_LIMIT:
        raise GroupsInvalid(
            _("The seed must be between {low} and {high}.").format(
                low=-SEED_LIMIT, high=SEED_LIMIT - 1
            )
        )
    return seed


def _nobody(present_only: bool) -> GroupsInvalid:
    if present_only:
        return GroupsInvalid(_("Nobody is checked in yet: there is no one to place in groups."))
    return GroupsInvalid(_("This workshop has no participants to place in groups."))


def _check_count(count: int, people: int) -> None:
    if count < 1:
        raise GroupsInvalid(_("The number of groups must be at least 1."))
    if count > people:
        raise GroupsInvalid(
            _(
                "{count} groups for {people} people: there cannot be more groups than people."
            ).format(count=count, people=people)
        )


def _assign(
    session: Session,
    round_row: GroupRound,
    groups: Sequence[Group],
    people: list[Person],
    pinned: dict[int, int],
) -> None:
    """Run the assignment and store it, replacing the round's members."""
    result = assign_groups(
        people,
        len(groups),
        pinned=pinned,
        apart=_apart(session, round_row.workshop_id),
        met=_met(session, round_row),
        seed=round_row.seed or 0,
    )
    session.execute(delete(GroupMember).where(GroupMember.round_id == round_row.id))
    rows = [
        {
            "round_id": round_row.id,
            "group_id": groups[index].id,
            "participant_id": pid,
            "pinned": pid in pinned,
        }
        for index, members in enumerate(result.assignment.groups)
        for pid in members
    ]
    if rows:
        session.execute(insert(GroupMember), rows)
    session.flush()
    clear_stray_roles(session, round_row.id)


def clear_stray_roles(session: Session, round_id: int) -> None:
    """A group's moderator or rapporteur who is now a member of another group loses the role."""
    where = {m.participant_id: m.group_id for m in _members(session, round_id)}
    for group in _groups(session, round_id):
        if group.moderator_id in where and where[group.moderator_id] != group.id:
            group.moderator_id = None
        if group.rapporteur_id in where and where[group.rapporteur_id] != group.id:
            group.rapporteur_id = None


def create_round(
    db: Database,
    workshop_id: int,
    name: str,
    *,
    count: int | None = None,
    target_size: int | None = None,
    present_only: bool = True,
    seed: int | None = None,
) -> int:
    """Create a round of `count` groups (or groups of about `target_size`), filled automatically.

    Returns the round's id. The seed (given, or drawn) is stored so the result can be reproduced.
    """
    name = " ".join(name.split())
    if not name:
        raise GroupsInvalid(_("A round of groups needs a name."))
    seed = _check_seed(seed)
    with db.write() as session:
        if find_round(session, workshop_id, name) is not None:
            raise GroupsInvalid(_("A round named « {name} » already exists.").format(name=name))
        people = people_for(session, workshop_id, present_only)
        if not people:
            raise _nobody(present_only)
        if count is None:
            if target_size is None:
                raise GroupsInvalid(_("Give a number of groups or a group size."))
            if target_size < 1:
                raise GroupsInvalid(_("The group size must be at least 1."))
            count = group_count(len(people), target_size)
        _check_count(count, len(people))
        position = session.scalar(
            select(func.max(GroupRound.position)).where(GroupRound.workshop_id == workshop_id)
        )
        round_row = GroupRound(
            workshop_id=workshop_id,
            name=name,
            position=(position if position is not None else -1) + 1,
            seed=seed,
            present_only=present_only,
        )
        session.add(round_row)
        session.flush()
        groups = [
            Group(round_id=round_row.id, name=_("Group {n}").format(n=n), position=n - 1)
            for n in range(1, count + 1)
        ]
        session.add_all(groups)
        session.flush()
        _assign(session, round_row, groups, people, {})
        return round_row.id


def _resize(session: Session, round_row: GroupRound, groups: list[Group], count: int) -> None:
    """Add groups, or drop the last ones when nothing was written about them."""
    for n in range(len(groups) + 1, count + 1):
        group = Group(round_id=round_row.id, name=_("Group {n}").format(n=n), position=n - 1)
        session.add(group)
        groups.append(group)
    dropped = groups[count:]
    if any(_written(session, group.id) for group in dropped):
        raise GroupsInvalid(
            _("Fewer groups would delete groups whose report-back is already written.")
        )
    for group in dropped:
        session.delete(group)
    del groups[count:]
    session.flush()


def _written(session: Session, group_id: int) -> bool:
    """Whether a group's report-back holds anything (such a group is never dropped silently)."""
    return bool(
        session.scalar(select(Restitution.id).where(Restitution.group_id == group_id).limit(1))
        or session.scalar(
            select(RestitutionItem.id).where(RestitutionItem.group_id == group_id).limit(1)
        )
    )


def _drop_if_blank(session: Session, group: Group) -> None:
    if not _written(session, group.id):
        session.delete(group)


def reassign_round(
    db: Database,
    round_id: int,
    *,
    seed: int | None = None,
    present_only: bool | None = None,
    count: int | None = None,
) -> None:
    """Assign the round again (new seed unless given), pinned members staying in their group.

    `present_only` None keeps the round's setting; `count` changes the number of groups (the
    last groups are only dropped when nothing was written about them). Backup first.
    """
    seed = _check_seed(seed)
    db.backup("before-groups")
    with db.write() as session:
        round_row = _round(session, round_id)
        if present_only is not None:
            round_row.present_only = present_only
        groups = _groups(session, round_id)
        index = {group.id: i for i, group in enumerate(groups)}
        pins = {
            m.participant_id: index[m.group_id] for m in _members(session, round_id) if m.pinned
        }
        people = people_for(session, round_row.workshop_id, round_row.present_only)
        # A pinned person stays, present or not: the facilitator placed them on purpose.
        known = {person.id for person in people}
        people += _people(session, round_row.workshop_id, [p for p in pins if p not in known])
        if not people:
            raise _nobody(round_row.present_only)
        if count is not None and count != len(groups):
            _check_count(count, len(people))
            if any(group >= count for group in pins.values()):
                raise GroupsInvalid(
                    _("Fewer groups would drop a group that has pinned members; unpin them first.")
                )
            _resize(session, round_row, groups, count)
        _check_count(len(groups), len(people))
        round_row.seed = seed
        _assign(session, round_row, groups, people, pins)


def rename_round(db: Database, round_id: int, name: str) -> None:
    """Give a round another name (unique within its workshop)."""
    name = " ".join(name.split())
    if not name:
        raise GroupsInvalid(_("A round of groups needs a name."))
    with db.write() as session:
        round_row = _round(session, round_id)
        other = find_round(session, round_row.workshop_id, name)
        if other is not None and other != round_id:
            raise GroupsInvalid(_("A round named « {name} » already exists.").format(name=name))
        round_row.name = name


def delete_round(db: Database, round_id: int) -> None:
    """Delete a round with its groups and members (and their report-backs); backup first."""
    db.backup("before-delete-round")
    with db.write() as session:
        session.delete(_round(session, round_id))
