"""The desk's scan field: where a USB scanner types, as a keyboard would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class ScanField(QLineEdit):
    """A Tab suffix submits like Enter; Ctrl+Z is left to the desk (undo the last check-in)."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            event.ignore()  # the desk's undo, not the line edit's (it is cleared anyway)
            return False
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and self.text().strip()
        ):
            self.returnPressed.emit()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Even when the desk's shortcut cannot take it (window not active), Ctrl+Z must never
        # bring an old badge code back into the field, one Enter away from a rescan.
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            event.ignore()
            return
        super().keyPressEvent(event)
