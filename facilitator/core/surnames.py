"""How a participant list writes surnames (« Awa MBAYE » or « Awa Mbaye »), for walk-ins to match.

Invitation lists in Senegal usually write the surname in capitals; a desk agent types « Thioune ».
A walk-in's surname is written the way most of the list writes them, so the desk, the lists and
the report read alike.
"""

from __future__ import annotations

from collections.abc import Iterable


def in_capitals(name: str) -> bool:
    """The name has letters and all of them are capitals (« N'DIAYE », « BA »)."""
    return any(c.isalpha() for c in name) and name == name.upper()


def list_writes_capitals(surnames: Iterable[str]) -> bool:
    """More than half of the surnames that have letters are in capitals."""
    capitals = total = 0
    for name in surnames:
        if any(c.isalpha() for c in name):
            total += 1
            capitals += in_capitals(name)
    return total > 0 and capitals * 2 > total


def as_listed(surname: str, capitals: bool) -> str:
    """The surname typed, in capitals when the list writes them so."""
    return surname.upper() if capitals else surname
