"""Reordering rows that carry a position (restitution items, consolidated recommendations)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class _Positioned(Protocol):
    id: int
    position: int


def reorder_in_place(rows: Sequence[_Positioned], ids: Sequence[int]) -> bool:
    """Put the rows named by `ids`, in that order, into the places those rows held, and number
    every row's position again; False (nothing changed) when `ids` are not distinct rows."""
    by_id = {row.id: row for row in rows}
    if len(set(ids)) != len(ids) or not set(ids) <= set(by_id):
        return False
    chosen = set(ids)
    slots = iter(ids)
    order = [by_id[next(slots)] if row.id in chosen else row for row in rows]
    for position, row in enumerate(order):
        if row.position != position:
            row.position = position
    return True


def moved(ids: Sequence[int], one: int, position: int) -> list[int]:
    """`ids` with `one` taken out and put back at `position` (0 is first, kept within bounds)."""
    order = [i for i in ids if i != one]
    order.insert(max(0, min(position, len(order))), one)
    return order
