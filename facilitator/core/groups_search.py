"""The search behind `assign_groups`: a seeded deal, swaps, head-on repairs, then kicks.

The deal places pinned people first, then everyone else type by type and organisation by
organisation, each into the open group where their type, organisation and gender are least
represented (ties go round-robin), within target sizes that differ by at most one. A local
search then tries swaps (and moves between groups whose sizes differ by one, which keep the
sizes) that lower a cost ranked strictly: « keep apart » first, then types, organisations,
genders, and pairs meeting again. Repairs mend a last uneven count head-on. When all that stops
above the lower bounds, kicks (a few forced swaps of badly placed people, then the search
again) look past the local minimum, keeping the best assignment found. Everything is driven by
`random.Random(seed)` and iteration budgets, never the clock, so a seed always gives the same
groups. The repairs are in groups_repair.py, the kicks in groups_kicks.py.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from facilitator.core import groups_kicks, groups_repair
from facilitator.core.groups_report import (
    Assignment,
    Balance,
    clean_pairs,
    met_lower_bound,
    pairs,
    water_fill,
)

SAMPLES_PER_TRY = 6  # partners drawn for each person tried
SIDEWAYS = 0.1  # chance to accept a swap that changes nothing, to wander across plateaus


def search_groups(balance: Balance, seed: int, effort: float) -> Assignment:
    """The best assignment the search finds for `balance`; the same for the same seed."""
    search = GroupSearch(balance, random.Random(seed))
    search.deal()
    search.improve(effort)
    if search.repair() and not search.at_floor():
        search.improve(effort / 4)
    search.escape(effort)
    return search.assignment()


class GroupSearch:
    """Counts per group for the deal and the swaps, updated in place as people move."""

    def __init__(self, balance: Balance, rng: random.Random) -> None:
        people = balance.people
        n = len(people)
        k = self.k = balance.groups
        self.rng = rng
        self.ids = [person.id for person in people]
        index = {pid: i for i, pid in enumerate(self.ids)}
        self.types, self.type_of = _codes([p.type for p in people])
        orgs, self.org_of = _codes([p.organisation or None for p in people])
        genders, self.gender_of = _codes([p.gender for p in people])
        self.by_type = [[0] * k for _ in self.types]
        self.by_org = [[0] * k for _ in orgs]
        self.by_gender = [[0] * k for _ in genders]
        self.group = [-1] * n
        self.size = [0] * k
        self.pin = {index[pid]: g for pid, g in balance.pinned.items() if pid in index}
        self.movable = [i for i in range(n) if i not in self.pin]
        self.free: list[list[int]] = [[] for _ in range(k)]  # movable members of each group
        self.slot = [0] * n  # position in its group's free list
        # Per person with partners: their partners, and how many of them each group holds.
        self.apart_of, self.apart_in = _partners(clean_pairs(balance.apart, index), index, k)
        self.met_of, self.met_in = _partners(clean_pairs(balance.met, index), index, k)
        self.pair_keys = {
            min(index[a], index[b]) * n + max(index[a], index[b])
            for a, b in clean_pairs(balance.met, index)
        }
        # Costs: sums of squares (types, genders), pairs (organisations, apart, met).
        self.cost = [0, 0, 0, 0, 0]  # apart, types, organisations, genders, met
        self.floor = self._floors(balance, index)
        # Weights ranking the costs strictly: no swap's change in a lower cost can outweigh
        # one unit of a higher one.
        top = max(water_fill(n, [0] * k), default=0) + len(self.pin) + 2
        w_gender = 2 * top + 1
        w_org = 4 * top * w_gender + 2 * top + 1
        w_type = 2 * top * w_org + w_org
        w_apart = 4 * top * w_type + w_type
        self.weights = (w_apart, w_type, w_org, w_gender, 1)

    def _floors(self, balance: Balance, index: dict[int, int]) -> list[int]:
        """The lowest each cost can go (lower bounds), to stop searching once reached."""
        k = self.k
        tables = (self.by_type, self.by_org, self.by_gender)
        codes = (self.type_of, self.org_of, self.gender_of)
        floors: list[int] = []
        for table, code in zip(tables, codes, strict=True):
            totals = [0] * len(table)
            pins = [[0] * k for _ in table]
            for i, c in enumerate(code):
                if c >= 0:
                    totals[c] += 1
                    if i in self.pin:
                        pins[c][self.pin[i]] += 1
            fills = [water_fill(total, pin) for total, pin in zip(totals, pins, strict=True)]
            squares = sum(count * count for fill in fills for count in fill)
            floors.append(sum(pairs(fill) for fill in fills) if table is self.by_org else squares)
        met = clean_pairs(balance.met, index)
        apart = clean_pairs(balance.apart, index)
        forced = sum(
            1
            for a, b in apart
            if k == 1 or (index[a] in self.pin and self.pin.get(index[b]) == self.pin[index[a]])
        )
        return [forced, floors[0], floors[1], floors[2], met_lower_bound(met, k)]

    def place(self, i: int, g: int) -> None:
        """Put person i in group g, updating every count and cost."""
        cost = self.cost
        row = self.by_type[self.type_of[i]]
        cost[1] += 2 * row[g] + 1
        row[g] += 1
        if (o := self.org_of[i]) >= 0:
            row = self.by_org[o]
            cost[2] += row[g]
            row[g] += 1
        if (s := self.gender_of[i]) >= 0:
            row = self.by_gender[s]
            cost[3] += 2 * row[g] + 1
            row[g] += 1
        if (apart := self.apart_in.get(i)) is not None:
            cost[0] += apart[g]
            for j in self.apart_of[i]:
                self.apart_in[j][g] += 1
        if (met := self.met_in.get(i)) is not None:
            cost[4] += met[g]
            for j in self.met_of[i]:
                self.met_in[j][g] += 1
        self.group[i] = g
        self.size[g] += 1

    def remove(self, i: int) -> None:
        """Take person i out of their group, updating every count and cost."""
        g = self.group[i]
        cost = self.cost
        row = self.by_type[self.type_of[i]]
        row[g] -= 1
        cost[1] -= 2 * row[g] + 1
        if (o := self.org_of[i]) >= 0:
            row = self.by_org[o]
            row[g] -= 1
            cost[2] -= row[g]
        if (s := self.gender_of[i]) >= 0:
            row = self.by_gender[s]
            row[g] -= 1
            cost[3] -= 2 * row[g] + 1
        if (apart := self.apart_in.get(i)) is not None:
            for j in self.apart_of[i]:
                self.apart_in[j][g] -= 1
            cost[0] -= apart[g]
        if (met := self.met_in.get(i)) is not None:
            for j in self.met_of[i]:
                self.met_in[j][g] -= 1
            cost[4] -= met[g]
        self.group[i] = -1
        self.size[g] -= 1

    def _free_add(self, i: int, g: int) -> None:
        self.slot[i] = len(self.free[g])
        self.free[g].append(i)

    def _free_drop(self, i: int, g: int) -> None:
        members = self.free[g]
        last = members.pop()
        if last != i:
            members[self.slot[i]] = last
            self.slot[last] = self.slot[i]

    def deal(self) -> None:
        """Pinned people first, then the rest type by type, organisation by organisation."""
        k, rng = self.k, self.rng
        floors = [0] * k
        for g in self.pin.values():
            floors[g] += 1
        rank = list(range(k))
        rng.shuffle(rank)  # which groups get the extra member is the seed's choice
        order = sorted(range(k), key=lambda g: rank[g])
        target = list(floors)
        for _ in range(len(self.ids) - len(self.pin)):
            g = min(order, key=lambda g: target[g])
            target[g] += 1
        for i, g in self.pin.items():
            self.place(i, g)
        w_apart, w_type, w_org, w_gender, _ = self.weights
        pointer = 0
        for i in self._deal_order():
            t, o, s = self.type_of[i], self.org_of[i], self.gender_of[i]
            apart, met = self.apart_in.get(i), self.met_in.get(i)
            best_key: tuple[int, int] | None = None
            for g in range(k):
                if self.size[g] >= target[g]:
                    continue
                cost = w_type * self.by_type[t][g]
                if o >= 0:
                    cost += w_org * self.by_org[o][g]
                if s >= 0:
                    cost += w_gender * self.by_gender[s][g]
                if apart is not None:
                    cost += w_apart * apart[g]
                if met is not None:
                    cost += met[g]
                key = (cost, (g - pointer) % k)
                if best_key is None or key < best_key:
                    best_key = key
            assert best_key is not None  # the targets add up to everyone
            g = (best_key[1] + pointer) % k
            self.place(i, g)
            self._free_add(i, g)
            pointer = (g + 1) % k

    def _deal_order(self) -> list[int]:
        """Free people by type, then organisation (largest first), shuffled within."""
        rng = self.rng
        blocks: dict[tuple[int, int], list[int]] = {}
        for i in range(len(self.ids)):
            if i not in self.pin:
                blocks.setdefault((self.type_of[i], self.org_of[i]), []).append(i)
        types = list(range(len(self.types)))
        rng.shuffle(types)
        order: list[int] = []
        for t in types:
            mine = [key for key in sorted(blocks) if key[0] == t]
            rng.shuffle(mine)
            # People without an organisation come last, to fill the gaps evenly.
            mine.sort(key=lambda key: (key[1] < 0, -len(blocks[key])))
            for key in mine:
                members = blocks[key]
                rng.shuffle(members)
                order.extend(members)
        return order

    def at_floor(self) -> bool:
        """Whether every cost is at its lower bound: nothing left to improve."""
        return all(c <= f for c, f in zip(self.cost, self.floor, strict=True))

    def improve(self, effort: float) -> None:
        """Swap people between groups while the cost goes down, within a set budget."""
        n = len(self.ids)
        self._descend(int(effort * (40 * n + 4000)), int(effort * (8 * n + 2000)))

    def _descend(self, tries: int, patience: int) -> int:
        """Up to `tries` sampled swaps or moves, stopping after `patience` without a gain.

        Returns how many were tried.
        """
        k, rng, movable = self.k, self.rng, self.movable
        if k < 2 or not movable or self.at_floor():
            return 0
        group, size, free = self.group, self.size, self.free
        swap_delta, move_delta = self._swap_delta, self._move_delta
        stall = done = 0
        while done < tries and stall < patience:
            done += 1
            x = self._pick(movable)
            a = group[x]
            best = 0
            choice = -1
            move_to = -1
            for _sample in range(SAMPLES_PER_TRY):
                b = rng.randrange(k)
                if b == a:
                    continue
                if size[a] == size[b] + 1:  # x alone to b: the sizes keep their shape
                    alone = move_delta(x, a, b)
                    if alone < best:
                        best, choice, move_to = alone, -1, b
                members = free[b]
                if not members:
                    continue
                y = members[rng.randrange(len(members))]
                d = swap_delta(x, y, a, b)
                if d < best or (d == 0 and choice < 0 and move_to < 0 and rng.random() < SIDEWAYS):
                    best, choice, move_to = d, y, -1
            if choice >= 0:
                self._swap(x, choice)
            elif move_to >= 0:
                self._move(x, move_to)
            stall = 0 if best < 0 else stall + 1
            if best < 0 and self.at_floor():
                break
        return done

    def escape(self, effort: float) -> None:
        """Kick the search out of a local minimum and settle again, keeping the best found
        (see groups_kicks.escape)."""
        groups_kicks.escape(self, effort)

    def adopt(self, assignment: Assignment) -> None:
        """Start again from `assignment` of the same people, once dealt (pins kept)."""
        where = assignment.group_of()
        groups = [where[pid] for pid in self.ids]
        if any(groups[i] != g for i, g in self.pin.items()):
            raise ValueError("the assignment moves a pinned person")
        self._load(groups)

    def _load(self, groups: list[int]) -> None:
        """Move everyone whose group differs from `groups` (person index → group)."""
        for i, g in enumerate(groups):
            if self.group[i] != g:
                self._move(i, g)

    def _swap_delta(self, x: int, y: int, a: int, b: int) -> int:
        """The change in cost if x (in group a) and y (in group b) traded places."""
        w_apart, w_type, w_org, w_gender, _ = self.weights
        tx, ty = self.type_of[x], self.type_of[y]
        d = 0
        if tx != ty:
            row = self.by_type[tx]
            d += w_type * 2 * (row[b] - row[a] + 1)
            row = self.by_type[ty]
            d += w_type * 2 * (row[a] - row[b] + 1)
        ox, oy = self.org_of[x], self.org_of[y]
        if ox != oy:
            if ox >= 0:
                row = self.by_org[ox]
                d += w_org * (row[b] - row[a] + 1)
            if oy >= 0:
                row = self.by_org[oy]
                d += w_org * (row[a] - row[b] + 1)
        sx, sy = self.gender_of[x], self.gender_of[y]
        if sx != sy:
            if sx >= 0:
                row = self.by_gender[sx]
                d += w_gender * 2 * (row[b] - row[a] + 1)
            if sy >= 0:
                row = self.by_gender[sy]
                d += w_gender * 2 * (row[a] - row[b] + 1)
        # Partners: x and y leave each other's group, so neither counts the other.
        if (apart := self.apart_in.get(x)) is not None:
            d += w_apart * (apart[b] - apart[a] - 2 * (apart[b] > 0 and y in self.apart_of[x]))
        if (apart := self.apart_in.get(y)) is not None:
            d += w_apart * (apart[a] - apart[b])
        if (met := self.met_in.get(x)) is not None:
            d += met[b] - met[a] - 2 * (min(x, y) * len(self.ids) + max(x, y) in self.pair_keys)
        if (met := self.met_in.get(y)) is not None:
            d += met[a] - met[b]
        return d

    def repair(self) -> bool:
        """Fix counts two apart head-on (see groups_repair.repair); whether anything changed."""
        return groups_repair.repair(self)

    def _pick(self, movable: list[int]) -> int:
        """A movable person, preferably one whose group has too many of their kind."""
        rng, k = self.rng, self.k
        x = movable[0]
        for _ in range(4):
            x = movable[rng.randrange(len(movable))]
            a = self.group[x]
            if (met := self.met_in.get(x)) is not None and met[a]:
                return x
            if (apart := self.apart_in.get(x)) is not None and apart[a]:
                return x
            row = self.by_type[self.type_of[x]]
            if row[a] * k > sum(row):
                return x
            if (o := self.org_of[x]) >= 0 and self.by_org[o][a] > 1:
                return x
            if (s := self.gender_of[x]) >= 0:
                row = self.by_gender[s]
                if row[a] * k > sum(row):
                    return x
        return x

    def _move_delta(self, x: int, a: int, b: int) -> int:
        """The change in cost if x alone went from group a to group b."""
        w_apart, w_type, w_org, w_gender, _ = self.weights
        row = self.by_type[self.type_of[x]]
        d = w_type * 2 * (row[b] - row[a] + 1)
        if (o := self.org_of[x]) >= 0:
            row = self.by_org[o]
            d += w_org * (row[b] - row[a] + 1)
        if (s := self.gender_of[x]) >= 0:
            row = self.by_gender[s]
            d += w_gender * 2 * (row[b] - row[a] + 1)
        if (apart := self.apart_in.get(x)) is not None:
            d += w_apart * (apart[b] - apart[a])
        if (met := self.met_in.get(x)) is not None:
            d += met[b] - met[a]
        return d

    def _swap(self, x: int, y: int) -> None:
        a, b = self.group[x], self.group[y]
        self.remove(x)
        self.remove(y)
        self.place(x, b)
        self.place(y, a)
        self.free[a][self.slot[x]] = y
        self.free[b][self.slot[y]] = x
        self.slot[x], self.slot[y] = self.slot[y], self.slot[x]

    def _move(self, x: int, b: int) -> None:
        a = self.group[x]
        self.remove(x)
        self._free_drop(x, a)
        self.place(x, b)
        self._free_add(x, b)

    def assignment(self) -> Assignment:
        """The groups as person ids."""
        members: list[list[int]] = [[] for _ in range(self.k)]
        for i, g in enumerate(self.group):
            members[g].append(self.ids[i])
        return Assignment.of(members)


def _codes(values: Sequence[str | None]) -> tuple[list[str], list[int]]:
    """Distinct values (sorted) and each value's code; None gets -1."""
    distinct = sorted({v for v in values if v is not None})
    code = {v: c for c, v in enumerate(distinct)}
    return distinct, [code[v] if v is not None else -1 for v in values]


def _partners(
    pairs_: list[tuple[int, int]], index: dict[int, int], k: int
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Per person in some pair: their partners, and a zeroed count per group."""
    partners: dict[int, list[int]] = {}
    for a, b in pairs_:
        partners.setdefault(index[a], []).append(index[b])
        partners.setdefault(index[b], []).append(index[a])
    return partners, {i: [0] * k for i in partners}
