"""The application: the open event, its operations, what they changed, and the one undo log.

Every writer — a screen, the command line, later the phones' server — holds an `App` and changes
data only through `App.run`: one write transaction, durable before it returns, that also moves the
change counters other processes watch. Whoever listens hears `(changes, initiator)` once the
transaction is committed; a screen that started an operation passes itself as the initiator, so it
can tell its own changes from others' without flags.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from facilitator.app.changes import STORED_NAMES, Area, Changes, single_areas
from facilitator.app.undo import UndoLog, UndoStep
from facilitator.store import change_counters
from facilitator.store.database import Database

T = TypeVar("T")
Listener = Callable[[Changes, object], None]

# The initiator of changes made by another process on the same event.
ELSEWHERE = "elsewhere"
_BY_NAME = {name: area for area, name in STORED_NAMES.items()}


class App:
    """An open event and the operations on it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.undo_log = UndoLog()
        self._listeners: list[Listener] = []
        self._seen: dict[str, int] | None = None  # counters as this process last knew them
        self._seen_lock = threading.Lock()

    # -- listening ------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call `listener(changes, initiator)` after every operation (and change from elsewhere)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def announce(self, changes: Changes, initiator: object = None) -> None:
        if changes:
            for listener in list(self._listeners):
                listener(changes, initiator)

    # -- reading and running --------------------------------------------------------------------
    def read(self, query: Callable[[Session], T]) -> T:
        """Run a query in a read-only unit of work."""
        with self.db.read() as session:
            return query(session)

    def run(
        self,
        operation: Callable[[Session], T],
        changes: Changes | Callable[[T], Changes],
        *,
        initiator: object = None,
        undo: Callable[[T], UndoStep | None] | None = None,
    ) -> T:
        """Run one operation in one write transaction; announce what it changed once committed.

        `changes` is the record, or a function of the result giving it (what an import changed
        depends on what it found). `undo`, given the result, names the step that takes it back.
        """
        with self.db.write() as session:
            result = operation(session)
            record = changes(result) if callable(changes) else changes
            counters = change_counters.bump(
                session, [STORED_NAMES[area] for area in single_areas(record.areas)]
            )
        self._absorb(counters)
        if undo is not None:
            step = undo(result)
            if step is not None:
                self.undo_log.push(step)
        self.announce(record, initiator)
        return result

    # -- changes made by other processes ---------------------------------------------------------
    def changes_elsewhere(self) -> Changes:
        """What other processes changed since the last look (a cheap read of a few counters).

        The first look only learns where the counters stand.
        """
        now = self.read(change_counters.read_all)
        with self._seen_lock:
            before, self._seen = self._seen, now
        if before is None:
            return Changes()
        areas = Area(0)
        for name, counter in now.items():
            if counter != before.get(name) and name in _BY_NAME:
                areas |= _BY_NAME[name]
        return Changes(areas)

    def poll_elsewhere(self) -> Changes:
        """Look for changes made elsewhere and announce them, with ELSEWHERE as initiator."""
        found = self.changes_elsewhere()
        self.announce(found, ELSEWHERE)
        return found

    def _absorb(self, counters: dict[str, int]) -> None:
        """Count this process's own change as seen, unless another process moved it too."""
        with self._seen_lock:
            if self._seen is None:
                return
            for name, counter in counters.items():
                if self._seen.get(name) == counter - 1:
                    self._seen[name] = counter
