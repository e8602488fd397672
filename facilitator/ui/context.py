"""What every screen receives: the application, the current workshop, and what changed.

Screens never reach for globals: they get an AppContext, run each change as an operation of the
application layer (`context.app`), and refresh when `changed(changes, initiator)` says that what
they show changed — after their own operations, other screens', and, within a second, those of
other processes on the same event (another desk, the command line), as Anki's operations do.

`data_changed(str)` and `write(area, …)` are the former way, kept while screens move over.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from sqlalchemy.orm import Session

from facilitator.app.changes import Area, Changes
from facilitator.app.operations import App
from facilitator.app.undo import UndoStep
from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.models import Workshop

T = TypeVar("T")

AREA_WORKSHOPS = "workshops"
AREA_PARTICIPANTS = "participants"
# How often changes made by other processes are looked for: a few counters read, well under 1 ms.
WATCH_MS = 500

# The former areas, as screens still name them, and the kinds of data each covers.
_FORMER_AREAS = {
    "workshops": Area.WORKSHOPS | Area.PARTICIPANT_TYPES,
    "participants": Area.PARTICIPANTS,
    "badges": Area.PARTICIPANTS,
    "checkins": Area.CHECKINS,
    "agenda": Area.AGENDA | Area.RUN_OF_SHOW,
    "agenda_notes": Area.NOTES,
    "groups": Area.GROUPS,
    "restitutions": Area.RESTITUTIONS,
    "recommendations": Area.RECOMMENDATIONS,
}
_FORMER_NAMES = {
    Area.WORKSHOPS: "workshops",
    Area.PARTICIPANT_TYPES: "workshops",
    Area.PARTICIPANTS: "participants",
    Area.CHECKINS: "checkins",
    Area.AGENDA: "agenda",
    Area.RUN_OF_SHOW: "agenda",
    Area.NOTES: "agenda_notes",
    Area.GROUPS: "groups",
    Area.RESTITUTIONS: "restitutions",
    Area.RECOMMENDATIONS: "recommendations",
}


class _Watcher(QObject):
    """The one timer that makes every open context look for changes made elsewhere.

    It belongs to the application, not to a context: a context may be deleted in a worker thread
    (the last reference to it dropped there), and a timer deleted outside its thread crashes Qt.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._contexts: weakref.WeakSet[AppContext] = weakref.WeakSet()
        self._timer = QTimer(self)
        self._timer.setInterval(WATCH_MS)
        self._timer.timeout.connect(self._look)

    def watch(self, context: AppContext) -> None:
        self._contexts.add(context)
        if not self._timer.isActive():
            self._timer.start()

    def _look(self) -> None:
        contexts = list(self._contexts)
        if not contexts:
            self._timer.stop()
        for context in contexts:
            context.look_elsewhere()


def _watcher() -> _Watcher:
    application = QCoreApplication.instance()
    assert application is not None, "a QApplication comes before any context"
    found = application.findChild(_Watcher)
    return found if isinstance(found, _Watcher) else _Watcher(application)


@dataclass(frozen=True)
class _FormerWrite:
    """The initiator of a change made through `write(area, …)`: announced under that name."""

    area: str


def former_names(changes: Changes) -> list[str]:
    """The former area names a change concerns, each once."""
    names: list[str] = []
    for area, name in _FORMER_NAMES.items():
        if changes.areas & area and name not in names:
            names.append(name)
    return names


class AppContext(QObject):
    """The open event and the workshop the window shows."""

    workshop_changed = Signal(int)  # the new current workshop id (0: none)
    changed = Signal(object, object)  # Changes, initiator (who ran the operation)
    data_changed = Signal(str)  # the former notice: the area whose data changed

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workshop_id: int | None = None
        self.changed.connect(self._bridge)
        self.app = self._open(db)
        _watcher().watch(self)

    def _open(self, db: Database) -> App:
        app = App(db)
        # Operations may run in worker threads: a signal reaches the screens in the UI thread.
        # Held weakly: a cycle through the app would leave this QObject to the garbage collector,
        # which may run in a worker thread, where deleting its timer crashes Qt.
        this = weakref.ref(self)

        def relay(changes: Changes, initiator: object) -> None:
            context = this()
            if context is not None:
                context.changed.emit(changes, initiator)

        app.subscribe(relay)
        app.changes_elsewhere()  # learn where the counters stand, so the first look finds news
        return app

    @property
    def db(self) -> Database:
        return self.app.db

    def set_workshop(self, workshop_id: int | None) -> None:
        if workshop_id != self.workshop_id:
            self.workshop_id = workshop_id
            self.workshop_changed.emit(workshop_id or 0)

    def replace_database(self, db: Database) -> None:
        """Work on another open database (after a restore); every screen reloads."""
        self.app = self._open(db)
        workshop_id = self.workshop_id
        still_there = workshop_id is not None and self.read(
            lambda s: s.get(Workshop, workshop_id) is not None
        )
        if not still_there:
            self.workshop_id = None
        self.changed.emit(Changes(Area.EVERYTHING), None)
        self.workshop_changed.emit(self.workshop_id or 0)

    # -- the one undo log, as a screen reaches it -------------------------------------------------
    def undo(self, scope: Hashable) -> UndoStep | None:
        return self.app.undo_log.undo(scope)

    def redo(self, scope: Hashable) -> UndoStep | None:
        return self.app.undo_log.redo(scope)

    def undo_text(self, scope: Hashable) -> str:
        """« Annuler : Ajout de Awa NDIAYE », or « Annuler » when there is nothing to undo."""
        step = self.app.undo_log.next_undo(scope)
        return _("Undo: {step}").format(step=step.name) if step else _("Undo")

    def redo_text(self, scope: Hashable) -> str:
        step = self.app.undo_log.next_redo(scope)
        return _("Redo: {step}").format(step=step.name) if step else _("Redo")

    # -- changes made elsewhere -------------------------------------------------------------------
    def look_elsewhere(self) -> None:
        """Announce what other processes changed since the last look (the watcher's timer)."""
        try:
            self.app.poll_elsewhere()
        except Exception:  # a busy or vanished file: the next look will tell
            return

    # -- the former way ---------------------------------------------------------------------------
    def read(self, query: Callable[[Session], T]) -> T:
        """Run a read-only query in its own session."""
        return self.app.read(query)

    def write(self, area: str, operation: Callable[[Session], T]) -> T:
        """Run one change as one committed transaction, then announce it.

        The commit (durable, synchronous=FULL) happens before any screen hears of the change.
        """
        changes = Changes(_FORMER_AREAS.get(area, Area.EVERYTHING), self.workshop_id)
        return self.app.run(operation, changes, initiator=_FormerWrite(area))

    def _bridge(self, changes: Changes, initiator: object) -> None:
        if isinstance(initiator, _FormerWrite):
            self.data_changed.emit(initiator.area)
            return
        for name in former_names(changes):
            self.data_changed.emit(name)
