"""The desk's « À imprimer » batch: badges waiting to be printed together on one sheet.

Kept in this computer's settings, per event file and workshop, so that a restart loses none.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QSettings, Signal

from facilitator.ui.context import AppContext
from facilitator.ui.widgets.badge_printer import SETTINGS, workshop_key

GROUP = "desk/to_print"


class PrintQueue(QObject):
    """Participant ids whose badge waits in the open workshop's batch, in the order added."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.workshop_changed.connect(self._workshop_changed)

    def _key(self) -> str | None:
        key = workshop_key(self.context)
        return f"{GROUP}/{key}" if key else None

    def ids(self) -> list[int]:
        key = self._key()
        if key is None:
            return []
        raw = str(QSettings(*SETTINGS).value(key, "") or "")
        return [int(part) for part in raw.split(",") if part.strip().isdigit()]

    def _store(self, ids: Iterable[int]) -> None:
        key = self._key()
        if key is None:
            return
        settings = QSettings(*SETTINGS)
        kept = list(dict.fromkeys(ids))
        if kept:
            settings.setValue(key, ",".join(str(i) for i in kept))
        else:
            settings.remove(key)
        settings.sync()  # on disk now: a crash of the laptop must not lose a waiting badge
        self.changed.emit()

    def add(self, ids: Iterable[int]) -> None:
        self._store([*self.ids(), *ids])

    def remove(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        self._store(i for i in self.ids() if i not in gone)

    def __len__(self) -> int:
        return len(self.ids())

    def _workshop_changed(self, _workshop_id: int) -> None:
        self.changed.emit()
