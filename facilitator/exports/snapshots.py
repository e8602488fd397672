"""Plain snapshots the exports take as input: no ORM objects, no Qt, just the data to print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class BadgeData:
    """Everything printed on one participant's badge."""

    participant_id: int
    first_name: str
    last_name: str
    organisation: str
    function: str
    category: str  # the participant type's name, "" when none
    colour: str  # the participant type's colour (#RRGGBB), "" when none
    token: str  # the exact text of the QR code
    workshop_title: str
    workshop_dates: str  # already formatted for people, e.g. « 25 mars 2025 »
    venue: str  # « Hôtel BIG FAIM, Thiès »


@dataclass(frozen=True)
class AttendanceRow:
    """One line of the attendance sheet."""

    number: int
    last_name: str
    first_name: str
    organisation: str
    function: str
    category: str
    gender: str  # "F", "M" or ""
    phone: str
    email: str
    checked_in_at: dt.datetime | None  # local time with its offset, None when absent
    desk: str


@dataclass(frozen=True)
class AttendanceSheet:
    """The « liste d'émargement » of one workshop day."""

    workshop_title: str
    organisers: str
    venue: str
    day: dt.date
    day_label: str  # « Mardi 25 mars 2025 » in the language of the document
    rows: tuple[AttendanceRow, ...]
    blank_rows: int = 0
