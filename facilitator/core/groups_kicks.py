"""Seeded kicks for the group search: forced swaps that push it out of a local minimum, then
the search again, keeping the best assignment found. Used by `GroupSearch.escape`
(groups_search.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.core.groups_search import GroupSearch

KICKS = 60  # kicks at most (times the effort)
KICK_TRIES = (10, 12_000)  # trades sampled after all kicks at most: a * people + b (times effort)
KICK_PATIENCE = 3  # kicks in a row without progress before stopping, once rules 2, 3, 5 hold
KICK_SWAPS = 16  # forced swaps per kick at most
AIMED = 0.5  # share of forced swaps aimed at the first rule above its bound, not random
AIM_TRIES = 40  # people drawn to find one placed badly for that rule


def escape(search: GroupSearch, effort: float) -> None:
    """Kick the search out of a local minimum and settle again, keeping the best found.

    A swap search stops where every single trade costs something, yet trades together may
    gain: a « keep apart » partner in the way of a colleague who should move, say. A kick
    forces a few swaps whatever they cost (half of them aimed: someone placed badly for the
    first rule above its bound, to a group with fewer of their kind), then the search settles
    again; a result worse than the best so far, ranked rule by rule, is undone, an equal one
    kept to wander. Kicks stop at the lower bounds, after `KICKS` or `KICK_TRIES`, or once
    rules 2, 3 and 5 hold after `KICK_PATIENCE` kicks in a row without progress.
    """
    if search.k < 2 or not search.movable or search.at_floor():
        return
    n = len(search.ids)
    budget = int(effort * (KICK_TRIES[0] * n + KICK_TRIES[1]))
    tries, stall = int(effort * (10 * n + 1000)), int(effort * (n + 150))
    best, best_cost = list(search.group), tuple(search.cost)
    idle = 0
    for _ in range(int(effort * KICKS)):
        if budget <= 0 or (idle >= KICK_PATIENCE and _rules_hold(search)):
            break
        _kick(search)
        budget -= search._descend(tries, stall)
        cost = tuple(search.cost)
        if cost < best_cost:
            best, best_cost, idle = list(search.group), cost, 0
            if search.at_floor():
                return
            continue
        idle += 1
        if cost == best_cost:
            best = list(search.group)
        else:
            search._load(best)


def _rules_hold(search: GroupSearch) -> bool:
    """Whether « keep apart », types and organisations are at their lower bounds."""
    return all(search.cost[c] <= search.floor[c] for c in range(3))


def _kick(search: GroupSearch) -> None:
    """Force one to `KICK_SWAPS` swaps (or moves that keep the sizes) whatever they cost."""
    rng, k, free, size = search.rng, search.k, search.free, search.size
    for _ in range(1 + rng.randrange(KICK_SWAPS)):
        aimed = _aim(search) if rng.random() < AIMED else None
        if aimed is None:
            x = search._pick(search.movable)
            a = search.group[x]
            b = rng.randrange(k - 1)
            b += b >= a
            others = free[b]
        else:
            x, b = aimed
            a = search.group[x]
            # One of the same type makes room, so as not to upset the types.
            others = [y for y in free[b] if search.type_of[y] == search.type_of[x]] or free[b]
        if others:
            search._swap(x, others[rng.randrange(len(others))])
        elif size[a] == size[b] + 1:
            search._move(x, b)


def _aim(search: GroupSearch) -> tuple[int, int] | None:
    """Someone placed badly for the first rule above its bound, and a group with fewer of
    their kind (fewer of their partners for « keep apart » and meetings); None if not found.
    """
    rng, k, movable, group = search.rng, search.k, search.movable, search.group
    level = next((c for c in range(5) if search.cost[c] > search.floor[c]), -1)
    tables = {1: (search.by_type, search.type_of), 2: (search.by_org, search.org_of)}
    tables[3] = (search.by_gender, search.gender_of)
    for _ in range(AIM_TRIES):
        x = movable[rng.randrange(len(movable))]
        a = group[x]
        if level in (0, 4):
            row = (search.apart_in if level == 0 else search.met_in).get(x)
            if row is None or row[a] == 0:
                continue
        elif level in tables:
            table, code = tables[level]
            if code[x] < 0:
                continue
            row = table[code[x]]
            # Too many of x's kind here: two more than somewhere else, or colleagues
            # together while another group has none of them.
            if row[a] < min(row) + 2 and not (level == 2 and row[a] > 1 and min(row) == 0):
                continue
        else:
            return None
        low = min(row)
        targets = [g for g in range(k) if row[g] == low and g != a]
        if targets:
            return x, targets[rng.randrange(len(targets))]
    return None
