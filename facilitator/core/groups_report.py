"""The balance of breakout groups: how well each mixing rule holds, against the best possible.

The rules (issue 5): 1 group sizes within one of each other; 2 each participant type spread
evenly; 3 colleagues of one organisation spread out; 4 women and men spread evenly (unknown
gender ignored); 5 pinned people in their group and « keep apart » pairs in different groups;
and, for a later round, as few people meeting again as possible.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

RULES = ("sizes", "types", "organisations", "genders", "constraints", "met_again")


@dataclass(frozen=True)
class Person:
    """A participant as the group assignment sees them."""

    id: int
    type: str  # participant type: ministry, embassy, civil society…
    organisation: str  # already normalised by the caller; "" for none
    gender: str | None  # None when unknown: ignored by rule 4


@dataclass(frozen=True)
class Assignment:
    """Participant ids per group, in group order; each group's ids sorted."""

    groups: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, groups: Iterable[Iterable[int]]) -> Assignment:
        """An assignment from any lists of ids (sorted within each group)."""
        return cls(tuple(tuple(sorted(group)) for group in groups))

    def group_of(self) -> dict[int, int]:
        """Person id → group index."""
        return {pid: index for index, group in enumerate(self.groups) for pid in group}

    def moved(self, person_id: int, group: int) -> Assignment:
        """The same assignment with one person in `group` (added when absent)."""
        return Assignment.of(
            [pid for pid in members if pid != person_id] + ([person_id] if index == group else [])
            for index, members in enumerate(self.groups)
        )


@dataclass(frozen=True)
class RuleBalance:
    """One rule: the figure obtained (lower is better) and the best possible, when known.

    `best_possible` is a lower bound computed from the numbers (and the pins); `holds` says the
    obtained figure reaches it, so the rule is met as well as it can be.
    """

    obtained: int
    best_possible: int | None

    @property
    def holds(self) -> bool:
        """Whether the obtained figure reaches the best possible."""
        return self.best_possible is not None and self.obtained <= self.best_possible

    def to_json(self) -> dict[str, Any]:
        """{"obtained", "best_possible", "holds"}."""
        return {"obtained": self.obtained, "best_possible": self.best_possible, "holds": self.holds}


@dataclass(frozen=True)
class BalanceReport:
    """The balance of one assignment, rule by rule.

    sizes: largest minus smallest group. types, genders: over types (genders), the largest
    difference between a group's count and another's. organisations: pairs of colleagues sharing
    a group. constraints: pins not respected plus « keep apart » pairs together. met_again: pairs
    that already met and share a group again.
    """

    sizes: RuleBalance
    types: RuleBalance
    organisations: RuleBalance
    genders: RuleBalance
    constraints: RuleBalance
    met_again: RuleBalance

    def rules(self) -> dict[str, RuleBalance]:
        """Rule name → its balance, in the order of RULES."""
        return {name: getattr(self, name) for name in RULES}

    def to_json(self) -> dict[str, Any]:
        """The CLI's "balance" object: one key per rule."""
        return {name: rule.to_json() for name, rule in self.rules().items()}

    def delta(self, before: BalanceReport) -> dict[str, int]:
        """Per rule, how much the obtained figure grew since `before` (negative: it improved)."""
        earlier = before.rules()
        return {name: rule.obtained - earlier[name].obtained for name, rule in self.rules().items()}


def water_fill(total: int, floors: Sequence[int]) -> list[int]:
    """The most even counts per group that sum to `total`, each at least its floor."""
    counts = list(floors)
    if not counts:
        return counts
    heap = [(count, index) for index, count in enumerate(counts)]
    heapq.heapify(heap)
    for _ in range(total - sum(counts)):
        count, index = heapq.heappop(heap)
        counts[index] = count + 1
        heapq.heappush(heap, (count + 1, index))
    return counts


def spread(counts: Sequence[int]) -> int:
    """Largest minus smallest count (0 for no groups)."""
    return max(counts) - min(counts) if counts else 0


def pairs(counts: Iterable[int]) -> int:
    """Pairs of people sharing a group, given how many there are per group."""
    return sum(count * (count - 1) // 2 for count in counts)


def met_lower_bound(met_pairs: Collection[tuple[int, int]], groups: int) -> int:
    """Pairs that must meet again, whatever the assignment: a lower bound.

    Earlier rounds leave cliques of people who all met; a clique larger than the number of
    groups cannot be spread without some pairs sharing a group again. Greedy disjoint cliques
    give a valid bound, as their pairs are distinct.
    """
    if groups <= 1:
        return len(met_pairs)
    neighbours: dict[int, set[int]] = {}
    for a, b in met_pairs:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    used: set[int] = set()
    bound = 0
    for person in sorted(neighbours):
        if person in used:
            continue
        clique = [person]
        for other in sorted(neighbours[person] - used):
            if all(other in neighbours[member] for member in clique):
                clique.append(other)
        used.update(clique)
        bound += pairs(water_fill(len(clique), [0] * groups))
    return bound


def clean_pairs(pairs_: Iterable[frozenset[int]], ids: Collection[int]) -> list[tuple[int, int]]:
    """Distinct pairs of two people present, as sorted tuples, in sorted order."""
    found = {
        (min(pair), max(pair))
        for pair in pairs_
        if len(pair) == 2 and all(pid in ids for pid in pair)
    }
    return sorted(found)


@dataclass(frozen=True)
class Balance:
    """Scores assignments of one population quickly (bounds computed once), e.g. while dragging."""

    people: tuple[Person, ...]
    groups: int
    pinned: Mapping[int, int] = field(default_factory=dict)
    apart: Collection[frozenset[int]] = frozenset()
    met: Collection[frozenset[int]] = frozenset()
    _bounds: dict[str, int | None] = field(init=False, repr=False, compare=False)
    _apart: list[tuple[int, int]] = field(init=False, repr=False, compare=False)
    _met: list[tuple[int, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.groups < 1:
            raise ValueError(f"groups must be at least 1, not {self.groups}")
        ids = {person.id for person in self.people}
        for pid, group in self.pinned.items():
            if pid in ids and not 0 <= group < self.groups:
                raise ValueError(f"person {pid} pinned to group {group} of {self.groups}")
        object.__setattr__(self, "_apart", clean_pairs(self.apart, ids))
        object.__setattr__(self, "_met", clean_pairs(self.met, ids))
        object.__setattr__(self, "_bounds", self._compute_bounds(ids))

    def _compute_bounds(self, ids: set[int]) -> dict[str, int | None]:
        """The best possible figure of each rule (lower bounds)."""
        k = self.groups
        pins = {pid: group for pid, group in self.pinned.items() if pid in ids}
        size_floor = [0] * k
        for group in pins.values():
            size_floor[group] += 1
        by_type: dict[str, list[int]] = {}
        by_org: dict[str, list[int]] = {}
        by_gender: dict[str, list[int]] = {}
        for person in self.people:
            pin = pins.get(person.id)
            keys = [(by_type, person.type)]
            if person.organisation:
                keys.append((by_org, person.organisation))
            if person.gender is not None:
                keys.append((by_gender, person.gender))
            for table, key in keys:
                row = table.setdefault(key, [0, *([0] * k)])  # [total, pinned per group…]
                row[0] += 1
                if pin is not None:
                    row[1 + pin] += 1
        forced = sum(1 for a, b in self._apart if a in pins and pins.get(b) == pins[a])
        met_bound = met_lower_bound(self._met, k)
        return {
            "sizes": spread(water_fill(len(self.people), size_floor)),
            "types": _worst_spread(by_type),
            "organisations": sum(pairs(water_fill(row[0], row[1:])) for row in by_org.values()),
            "genders": _worst_spread(by_gender),
            "constraints": len(self._apart) if k == 1 else forced,
            "met_again": met_bound if met_bound or not self._met else None,
        }

    def report(self, assignment: Assignment) -> BalanceReport:
        """The balance of `assignment`, which holds this population's people."""
        k = self.groups
        if len(assignment.groups) != k:
            raise ValueError(f"{len(assignment.groups)} groups given, {k} expected")
        where = assignment.group_of()
        if len(where) != len(self.people) or any(p.id not in where for p in self.people):
            raise ValueError("the assignment does not hold exactly this population")
        by_type: dict[str, list[int]] = {}
        by_org: dict[str, list[int]] = {}
        by_gender: dict[str, list[int]] = {}
        for person in self.people:
            group = where[person.id]
            row = by_type.get(person.type)
            if row is None:
                row = by_type[person.type] = [0] * k
            row[group] += 1
            if person.organisation:
                row = by_org.get(person.organisation)
                if row is None:
                    row = by_org[person.organisation] = [0] * k
                row[group] += 1
            if person.gender is not None:
                row = by_gender.get(person.gender)
                if row is None:
                    row = by_gender[person.gender] = [0] * k
                row[group] += 1
        pins_broken = sum(1 for pid, g in self.pinned.items() if pid in where and where[pid] != g)
        apart_together = sum(1 for a, b in self._apart if where[a] == where[b])
        met_again = sum(1 for a, b in self._met if where[a] == where[b])
        obtained = {
            "sizes": spread([len(group) for group in assignment.groups]),
            "types": max((spread(row) for row in by_type.values()), default=0),
            "organisations": sum(pairs(row) for row in by_org.values()),
            "genders": max((spread(row) for row in by_gender.values()), default=0),
            "constraints": pins_broken + apart_together,
            "met_again": met_again,
        }
        bounds = dict(self._bounds)
        if obtained["met_again"] == 0:
            bounds["met_again"] = 0
        return BalanceReport(**{name: RuleBalance(obtained[name], bounds[name]) for name in RULES})


def _worst_spread(table: Mapping[str, list[int]]) -> int:
    """Over rows [total, pinned per group…], the largest spread the most even fill leaves."""
    return max((spread(water_fill(row[0], row[1:])) for row in table.values()), default=0)


def balance_report(
    people: Sequence[Person],
    assignment: Assignment,
    *,
    pinned: Mapping[int, int] | None = None,
    apart: Collection[frozenset[int]] = frozenset(),
    met: Collection[frozenset[int]] = frozenset(),
) -> BalanceReport:
    """The balance of `assignment` of `people` (for repeated calls, keep a Balance instead)."""
    context = Balance(tuple(people), len(assignment.groups), dict(pinned or {}), apart, met)
    return context.report(assignment)
