"""When typed text is saved: after a pause in typing, and at the latest a second after the
first unsaved keystroke, so that steady typing with no pause is not left unsaved."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

MAX_WAIT_MS = 1000


class SaveLoop(QObject):
    """Emits `due` after `pause_ms` without a keystroke, or `MAX_WAIT_MS` after the first one."""

    due = Signal()

    def __init__(self, pause_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pause = QTimer(self, singleShot=True, interval=pause_ms)
        self._deadline = QTimer(self, singleShot=True, interval=max(pause_ms, MAX_WAIT_MS))
        self._pause.timeout.connect(self._fire)
        self._deadline.timeout.connect(self._fire)

    def touched(self) -> None:
        """A keystroke: wait for a pause, but not past the deadline set by the first one."""
        self._pause.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def stop(self) -> None:
        """Saved: nothing is due any more."""
        self._pause.stop()
        self._deadline.stop()

    def isActive(self) -> bool:  # noqa: N802 (QTimer's name, for the callers that used one)
        return self._pause.isActive() or self._deadline.isActive()

    def _fire(self) -> None:
        self.stop()
        self.due.emit()
