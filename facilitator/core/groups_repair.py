"""Head-on repairs for the group search: mend a last uneven count of a type, organisation or
gender between the fullest and the emptiest groups, in one trade, two, or after clearing the way.
Used by `GroupSearch.repair` (groups_search.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.core.groups_search import GroupSearch

REPAIR_SWEEPS = 20  # passes of head-on repairs at most
REPAIR_WIDTH = 4  # fullest and emptiest groups tried per uneven count
TWO_STEP_BUDGET = 20_000  # trades evaluated per two-step repair at most


def repair(search: GroupSearch) -> bool:
    """Fix counts two apart head-on: trade one from the fullest group with the emptiest.

    Random swaps rarely hit the one pair that mends a last uneven count in many groups.
    """
    k, free, size = search.k, search.free, search.size
    tables = (
        (search.by_type, search.type_of),
        (search.by_org, search.org_of),
        (search.by_gender, search.gender_of),
    )
    changed = False
    for _ in range(REPAIR_SWEEPS):
        improved = False
        for table, code in tables:
            for r, row in enumerate(table):
                high, low = max(row), min(row)
                if high - low < 2:
                    continue
                fullest = [g for g in range(k) if row[g] == high][:REPAIR_WIDTH]
                emptiest = [g for g in range(k) if row[g] == low][:REPAIR_WIDTH]
                best, chosen = 0, (-1, -1, -1)
                for a in fullest:
                    for x in (x for x in free[a] if code[x] == r):
                        for b in emptiest:
                            if size[a] == size[b] + 1:
                                d = search._move_delta(x, a, b)
                                if d < best:
                                    best, chosen = d, (x, -1, b)
                            for y in free[b]:
                                d = search._swap_delta(x, y, a, b)
                                if d < best:
                                    best, chosen = d, (x, y, b)
                x, y, b = chosen
                if y >= 0:
                    search._swap(x, y)
                elif x >= 0:
                    search._move(x, b)
                else:
                    x = _two_steps(search, row, code, r, emptiest[0])
                    if x < 0:
                        x = _clear_the_way(search, code, r, fullest[0], emptiest[0])
                improved = improved or x >= 0
        changed = changed or improved
        if not improved or search.at_floor():
            break
    return changed


def _trade(search: GroupSearch, x: int, y: int, b: int) -> None:
    """Swap x with y, or move x alone to b when y is -1."""
    if y >= 0:
        search._swap(x, y)
    else:
        search._move(x, b)


def _two_steps(search: GroupSearch, row: list[int], code: list[int], r: int, low: int) -> int:
    """Mend an uneven count in two trades when no single one does; -1 if none found.

    First one of kind r comes into the emptiest group from a group with more of them (maybe
    at a small loss), then one leaves a fullest group for the group just depleted.
    """
    free, size = search.free, search.size
    budget = TWO_STEP_BUDGET
    for c in range(search.k):
        if c == low or row[c] <= row[low]:
            continue
        for z in [z for z in free[c] if code[z] == r]:
            firsts = [(y, low) for y in free[low]]
            if size[c] == size[low] + 1:
                firsts.append((-1, low))
            for y, _ in firsts:
                budget -= 1
                d1 = search._swap_delta(z, y, c, low) if y >= 0 else search._move_delta(z, c, low)
                if budget < 0:
                    return -1
                _trade(search, z, y, low)
                high = max(row)
                best, chosen = -d1, (-1, -1)
                for a in (a for a in range(search.k) if row[a] == high and a != c):
                    for x in [x for x in free[a] if code[x] == r]:
                        budget -= len(free[c]) + 1
                        if size[a] == size[c] + 1 and (d := search._move_delta(x, a, c)) < best:
                            best, chosen = d, (x, -1)
                        for w in free[c]:
                            if (d := search._swap_delta(x, w, a, c)) < best:
                                best, chosen = d, (x, w)
                if chosen[0] >= 0:
                    _trade(search, chosen[0], chosen[1], c)
                    return z
                # Undo the first trade.
                if y >= 0:
                    search._swap(z, y)
                else:
                    search._move(z, c)
    return -1


def _clear_the_way(search: GroupSearch, code: list[int], r: int, a: int, b: int) -> int:
    """Mend an uneven count between groups a and b with a first trade between them that
    unblocks the direct fix (a « keep apart » partner or colleague in the way); -1 if none.
    """
    free = search.free
    budget = TWO_STEP_BUDGET
    for z in list(free[a]):
        for y in list(free[b]):
            budget -= 1 + len(free[a]) * len(free[b])
            if budget < 0:
                return -1
            d1 = search._swap_delta(z, y, a, b)
            search._swap(z, y)
            best, chosen = -d1, (-1, -1)
            for x in [x for x in free[a] if code[x] == r]:
                for w in free[b]:
                    if (d := search._swap_delta(x, w, a, b)) < best:
                        best, chosen = d, (x, w)
            if chosen[0] >= 0:
                search._swap(*chosen)
                return z
            search._swap(y, z)
    return -1
