"""What the projector's data views share: a dark background, and reading their data again.

A change announced for one of the view's areas reloads it after a short pause, so that a burst
of edits (a drag, an undo, typing in an item) reads the database once; a hidden view only notes
that it is stale and reads again when it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from facilitator.ui.context import AppContext

BACKGROUND = "#101820"
RELOAD_MS = 150  # a burst of edits reloads once


class ProjectorDataView(QWidget):
    """A projector view painted from data it reads: subclasses give `_read()` and their areas."""

    def __init__(
        self,
        context: AppContext,
        areas: Iterable[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(BACKGROUND))
        self.setPalette(palette)
        self.context = context
        self.areas = frozenset(areas)
        self._stale = False
        self._reload = QTimer(self, singleShot=True, interval=RELOAD_MS)
        self._reload.timeout.connect(self.reload)
        context.data_changed.connect(self._data_changed)

    def reload(self) -> None:
        """Read the data now (a pending delayed reload is then not needed)."""
        self._reload.stop()
        self._stale = False
        self._read()

    def _read(self) -> None:
        """Read what is shown from the database and plan the painting."""
        raise NotImplementedError

    def _wants(self, area: str) -> bool:
        """Whether a change in this area can change what is shown."""
        return area in self.areas

    def _data_changed(self, area: str) -> None:
        if not self._wants(area):
            return
        if self.isVisible():
            self._reload.start()
        else:
            self._stale = True  # read again when shown

    def _catch_up(self) -> None:
        """On being shown: read again what changed while hidden."""
        if self._stale:
            self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._catch_up()
