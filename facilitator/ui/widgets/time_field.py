"""A time-of-day field that takes what people type: « 14:45 », « 1445 », « 14h45 », « 9h ».

QTimeEdit edits one section at a time: typed over a selected « 08:30 », « 14:45 » gives 08:45.
This field reads the whole text instead, keeps the last valid time, and says when the text is
not a time. Up and Down move by five minutes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from facilitator.i18n import _

STEP_MINUTES = 5
# Hours, then minutes after an optional separator (: h H . or a space); « 9 » alone is 09:00.
_PATTERN = re.compile(r"^\s*(\d{1,2})(?:\s*[:hH.\s]\s*(\d{1,2})?|(\d{2}))?\s*$")


def parse_time(text: str) -> QTime | None:
    """The time written in `text`, or None when it is not one."""
    match = _PATTERN.match(text)
    if match is None:
        return None
    hours = int(match.group(1))
    minutes_text = match.group(2) or match.group(3)
    minutes = int(minutes_text) if minutes_text else 0
    if hours > 23 or minutes > 59:
        return None
    return QTime(hours, minutes)


class TimeField(QLineEdit):
    """A QLineEdit with QTimeEdit's `time()`, `setTime()` and `timeChanged`."""

    timeChanged = Signal(QTime)  # noqa: N815 (Qt's naming)

    def __init__(self, value: QTime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time = QTime(value.hour(), value.minute())
        self._before = QTime(self._time)  # the time when the editing began
        self.setText(self._time.toString("HH:mm"))
        self.setMaxLength(8)
        self.setPlaceholderText(_("hh:mm"))
        self.setToolTip(_("A time such as 14:45, 1445 or 14h45; Up and Down: 5 minutes"))
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._tidy)

    def time(self) -> QTime:
        """The last valid time typed (or set)."""
        return QTime(self._time)

    def setTime(self, value: QTime) -> None:  # noqa: N802
        value = QTime(value.hour(), value.minute())
        self.setText(value.toString("HH:mm"))
        self._mark(valid=True)
        self._before = QTime(value)
        if value != self._time:
            self._time = value
            self.timeChanged.emit(QTime(value))

    def is_valid(self) -> bool:
        """Whether the text is a time (the field is red when not)."""
        return parse_time(self.text()) is not None

    def _edited(self, text: str) -> None:
        value = parse_time(text)
        self._mark(valid=value is not None or not text.strip())
        if value is not None and value != self._time:
            self._time = value
            self.timeChanged.emit(QTime(value))

    def _tidy(self) -> None:
        """On Enter or leaving: « 1445 » shows as « 14:45 »; a text that is not a time puts
        back the time the editing began with."""
        if not self.is_valid():
            self.setTime(self._before)
        self.setText(self._time.toString("HH:mm"))
        self._mark(valid=True)
        self._before = QTime(self._time)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._before = QTime(self._time)
        super().focusInEvent(event)

    def _mark(self, *, valid: bool) -> None:
        self.setStyleSheet("" if valid else "QLineEdit { border: 2px solid #b00020; }")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = STEP_MINUTES if event.key() == Qt.Key.Key_Up else -STEP_MINUTES
            self.setTime(self._time.addSecs(step * 60))
            event.accept()
            return
        super().keyPressEvent(event)
