"""Plain snapshots of one round of breakout groups, as the printed group lists take them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupMemberRow:
    """One member of a group, as printed on the group's list and on the door sheet."""

    last_name: str
    first_name: str
    organisation: str  # "" when none
    category: str  # the participant type's name, "" when none


@dataclass(frozen=True)
class GroupSheet:
    """One breakout group: what its page says, members in any order (the export sorts them)."""

    name: str  # « Groupe 3 », or the name the facilitators gave it
    theme: str  # the theme or question the group works on, "" when none
    room: str  # the room's own name without the word « salle »: « Gorée », « 2 »; "" when none
    moderator: str  # "" when not chosen yet: a line is left to write the name by hand
    rapporteur: str  # likewise
    members: tuple[GroupMemberRow, ...]


@dataclass(frozen=True)
class GroupsDocument:
    """The groups of one round of a workshop, every string already formatted by the caller."""

    workshop_title: str
    venue: str  # « Hôtel BIG FAIM, Thiès », "" when none
    dates_label: str  # « 25–27 mars 2025 »
    round_name: str  # « Travaux de groupe — session 1 »
    groups: tuple[GroupSheet, ...]
