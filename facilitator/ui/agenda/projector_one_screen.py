"""One screen mirrored to the projector: the projector view covers the facilitator's window.

Then whatever the laptop shows, the room sees. A dialog (Ctrl+M's message, the re-plan, a
question) belongs to the facilitator's window, never on the audience's image: while one is open,
the projector view steps aside, and it comes back once the last such dialog is closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class DialogsStepAside(QObject):
    """An application event filter, installed only while the projector covers the main window."""

    def __init__(
        self,
        projector: Callable[[], QWidget | None],
        come_back: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._projector = projector
        self._come_back = come_back
        self._dialogs: list[QDialog] = []
        self._installed = False

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False
        self._dialogs.clear()

    def aside(self) -> bool:
        """Whether the projector view has stepped aside for a dialog."""
        return bool(self._dialogs)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.Hide) or not isinstance(watched, QDialog):
            return False
        if kind == QEvent.Type.Show and watched not in self._dialogs:
            projector = self._projector()
            if projector is None or watched is projector:
                return False
            self._dialogs.append(watched)
            if projector.isVisible():
                projector.hide()
        elif kind == QEvent.Type.Hide and watched in self._dialogs:
            self._dialogs.remove(watched)
            if not self._dialogs:
                self._come_back()
        return False
