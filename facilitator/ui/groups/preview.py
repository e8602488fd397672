"""The balance a drop would give, computed while the member is dragged (no database write)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from facilitator.core.groups_report import Assignment, Balance, BalanceReport, Person
from facilitator.core.text import fold
from facilitator.store.groups import RoundView, keep_apart_pairs, list_rounds, round_view


@dataclass(frozen=True)
class Preview:
    """A round's current assignment and the context to score moves of its members quickly."""

    group_ids: tuple[int, ...]
    assignment: Assignment
    balance: Balance

    def report_if_moved(self, participant_ids: Iterable[int], group_id: int) -> BalanceReport:
        """The balance with these members moved to `group_id` (under 5 ms for 300 people)."""
        index = self.group_ids.index(group_id)
        assignment = self.assignment
        for pid in participant_ids:
            assignment = assignment.moved(pid, index)
        return self.balance.report(assignment)


def _met_before(session: Session, view: RoundView, workshop_id: int) -> set[frozenset[int]]:
    """Pairs who shared a group in the rounds before this one (as the store counts them)."""
    pairs: set[frozenset[int]] = set()
    for info in list_rounds(session, workshop_id):
        if info.position >= view.round.position or info.id == view.round.id:
            continue
        for group in round_view(session, info.id).groups:
            ids = [m.participant_id for m in group.members]
            pairs.update(frozenset(pair) for pair in itertools.combinations(ids, 2))
    return pairs


def preview_for(session: Session, workshop_id: int, view: RoundView) -> Preview | None:
    """The preview context of a round shown on screen; None for a round without groups."""
    if not view.groups:
        return None
    people: list[Person] = []
    pinned: dict[int, int] = {}
    for index, group in enumerate(view.groups):
        for m in group.members:
            people.append(Person(m.participant_id, m.type_name, fold(m.organisation), m.gender))
            if m.pinned:
                pinned[m.participant_id] = index
    people.sort(key=lambda person: person.id)
    balance = Balance(
        tuple(people),
        len(view.groups),
        pinned,
        {frozenset(pair) for pair in keep_apart_pairs(session, workshop_id)},
        _met_before(session, view, workshop_id),
    )
    assignment = Assignment.of([m.participant_id for m in g.members] for g in view.groups)
    return Preview(tuple(g.id for g in view.groups), assignment, balance)
