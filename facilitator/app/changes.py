"""What an operation changed: which kinds of data, in which workshop. Combinable with `|`."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Area(enum.Flag):
    """A kind of data a screen shows and an operation changes."""

    WORKSHOPS = enum.auto()  # a workshop's details, its days, the list of workshops
    PARTICIPANT_TYPES = enum.auto()
    PARTICIPANTS = enum.auto()
    CHECKINS = enum.auto()
    AGENDA = enum.auto()  # the planned programme
    RUN_OF_SHOW = enum.auto()  # the live timer and the actual times
    NOTES = enum.auto()  # notes taken on agenda items
    GROUPS = enum.auto()  # rounds, groups, members, pairs kept apart
    RESTITUTIONS = enum.auto()  # each group's items and notes
    RECOMMENDATIONS = enum.auto()  # the consolidated recommendations
    EVERYTHING = (
        WORKSHOPS
        | PARTICIPANT_TYPES
        | PARTICIPANTS
        | CHECKINS
        | AGENDA
        | RUN_OF_SHOW
        | NOTES
        | GROUPS
        | RESTITUTIONS
        | RECOMMENDATIONS
    )


# Stored names of the areas (the change counters other processes watch): never renamed.
STORED_NAMES = {
    Area.WORKSHOPS: "workshops",
    Area.PARTICIPANT_TYPES: "participant_types",
    Area.PARTICIPANTS: "participants",
    Area.CHECKINS: "checkins",
    Area.AGENDA: "agenda",
    Area.RUN_OF_SHOW: "run_of_show",
    Area.NOTES: "notes",
    Area.GROUPS: "groups",
    Area.RESTITUTIONS: "restitutions",
    Area.RECOMMENDATIONS: "recommendations",
}


def single_areas(areas: Area) -> list[Area]:
    """The one-bit areas inside `areas`, in a stable order."""
    return [area for area in STORED_NAMES if area & areas]


@dataclass(frozen=True)
class Changes:
    """A record of what changed. `workshop_id` None means any workshop (several, or unknown)."""

    areas: Area = Area(0)
    workshop_id: int | None = None

    def __or__(self, other: Changes) -> Changes:
        if not other.areas:
            return self
        if not self.areas:
            return other
        same = self.workshop_id == other.workshop_id
        return Changes(self.areas | other.areas, self.workshop_id if same else None)

    def __bool__(self) -> bool:
        return bool(self.areas)

    def touches(self, areas: Area, workshop_id: int | None = None) -> bool:
        """Whether a screen showing `areas` of workshop `workshop_id` must refresh."""
        if not self.areas & areas:
            return False
        return workshop_id is None or self.workshop_id is None or self.workshop_id == workshop_id


NOTHING = Changes()


def changed(areas: Area, workshop_id: int | None = None) -> Changes:
    return Changes(areas, workshop_id)
