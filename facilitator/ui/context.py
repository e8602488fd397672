"""What every screen receives: the open database, the current workshop, and change announcements.

Screens never reach for globals: they get an AppContext, run each change as one operation through
it, and refresh when it announces that an area's data changed (as Anki's operations do).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from facilitator.store.database import Database
from facilitator.store.models import Workshop

T = TypeVar("T")

AREA_WORKSHOPS = "workshops"
AREA_PARTICIPANTS = "participants"


class AppContext(QObject):
    """The open event database and the workshop the window shows."""

    workshop_changed = Signal(int)  # the new current workshop id (0: none)
    data_changed = Signal(str)  # the area whose data changed: workshops, participants, ...

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.workshop_id: int | None = None

    def set_workshop(self, workshop_id: int | None) -> None:
        if workshop_id != self.workshop_id:
            self.workshop_id = workshop_id
            self.workshop_changed.emit(workshop_id or 0)

    def replace_database(self, db: Database) -> None:
        """Work on another open database (after a restore); every screen reloads."""
        self.db = db
        workshop_id = self.workshop_id
        still_there = workshop_id is not None and self.read(
            lambda s: s.get(Workshop, workshop_id) is not None
        )
        if not still_there:
            self.workshop_id = None
        for area in (AREA_WORKSHOPS, AREA_PARTICIPANTS):
            self.data_changed.emit(area)
        self.workshop_changed.emit(self.workshop_id or 0)

    def read(self, query: Callable[[Session], T]) -> T:
        """Run a read-only query in its own session."""
        with self.db.read() as session:
            return query(session)

    def write(self, area: str, operation: Callable[[Session], T]) -> T:
        """Run one change as one committed transaction, then announce it.

        The commit (durable, synchronous=FULL) happens before any screen hears of the change.
        """
        with self.db.write() as session:
            result = operation(session)
        self.data_changed.emit(area)
        return result
