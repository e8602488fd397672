"""Breakout groups mixed the way workshops need them, and where a late arrival fits best.

`assign_groups` runs the seeded search of `groups_search` (a deal, swaps, repairs, then kicks
past local minima) and reports the balance of what it found against the best possible. The
search is driven by `random.Random(seed)` and iteration budgets, never the clock, so a seed
always gives the same groups.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from facilitator.core.groups_report import (
    Assignment,
    Balance,
    BalanceReport,
    Person,
)
from facilitator.core.groups_search import search_groups

__all__ = [
    "Assignment",
    "Balance",
    "BalanceReport",
    "GroupResult",
    "LateArrival",
    "Person",
    "assign_groups",
    "best_group_for",
    "group_count",
]


def group_count(participants: int, target_size: int) -> int:
    """How many groups give sizes nearest `target_size` (at least one)."""
    if target_size < 1:
        raise ValueError(f"target size must be at least 1, not {target_size}")
    return max(1, (participants + target_size // 2) // target_size)


@dataclass(frozen=True)
class GroupResult:
    """An assignment and its balance."""

    assignment: Assignment
    report: BalanceReport


@dataclass(frozen=True)
class LateArrival:
    """Where a late arrival goes, the balance after, and its change per rule (see delta)."""

    group: int
    report: BalanceReport
    delta: dict[str, int]


def assign_groups(
    people: Sequence[Person],
    groups: int,
    *,
    pinned: Mapping[int, int] | None = None,
    apart: Collection[frozenset[int]] = frozenset(),
    met: Collection[frozenset[int]] = frozenset(),
    seed: int = 0,
    effort: float = 1.0,
) -> GroupResult:
    """Assign `people` to `groups` groups, mixed by the rules of issue 5; deterministic per seed.

    `pinned` maps a person id to the group they must be in; `apart` holds pairs to keep in
    different groups, `met` pairs who met in earlier rounds. `effort` scales the search budget.
    """
    balance = Balance(tuple(people), groups, dict(pinned or {}), apart, met)
    ids = [person.id for person in people]
    if len(set(ids)) != len(ids):
        raise ValueError("a person id appears twice")
    assignment = search_groups(balance, seed, effort)
    return GroupResult(assignment, balance.report(assignment))


def best_group_for(
    person: Person,
    assignment: Assignment,
    people: Sequence[Person],
    *,
    pinned: Mapping[int, int] | None = None,
    apart: Collection[frozenset[int]] = frozenset(),
    met: Collection[frozenset[int]] = frozenset(),
) -> LateArrival:
    """The group where a late arrival keeps the balance best (ties: the lowest index).

    `people` are those already in `assignment` (the newcomer may be among them, unplaced).
    """
    pins = dict(pinned or {})
    k = len(assignment.groups)
    before_people = tuple(p for p in people if p.id != person.id)
    before = Balance(before_people, k, pins, apart, met)
    after = Balance((*before_people, person), k, pins, apart, met)
    kind = {p.id: p for p in before_people}
    candidates = [pins[person.id]] if person.id in pins else range(k)
    best: tuple[tuple[int, ...], int] | None = None
    for group in candidates:
        report = after.report(assignment.moved(person.id, group))
        sizes, types, orgs, genders, constraints, met_again = (
            rule.obtained for rule in report.rules().values()
        )
        members = [kind[pid] for pid in assignment.groups[group] if pid in kind]
        same_type = sum(1 for p in members if p.type == person.type)
        same_gender = sum(1 for p in members if person.gender and p.gender == person.gender)
        rank = (constraints, sizes, types, same_type, orgs, genders, same_gender, met_again)
        if best is None or rank < best[0]:
            best = (rank, group)
    assert best is not None  # k >= 1
    report = after.report(assignment.moved(person.id, best[1]))
    return LateArrival(best[1], report, report.delta(before.report(assignment)))
