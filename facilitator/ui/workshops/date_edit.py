"""A date field that takes a whole date typed over it (« 11/12/2026 », « 11122026 »)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QValidator, QWheelEvent
from PySide6.QtWidgets import QDateEdit, QWidget


def parse_typed_date(text: str, order: str, current: dt.date) -> dt.date | None:
    """The date someone typed, or None when it is no date.

    `order` is the field's order of day, month and year ("dmy" or "ymd"). « 11/12/2026 »,
    « 11.12.26 » and « 11122026 » are read; parts left out (« 11 », « 11/12 ») come from
    `current`.
    """
    if re.search(r"[^\d\s/.\-]", text):
        return None
    parts = re.findall(r"\d+", text)
    if len(parts) == 1:  # typed without separators
        digits = parts[0]
        if order.startswith("y") and len(digits) == 8:
            parts = [digits[:4], digits[4:6], digits[6:]]
        elif not order.startswith("y") and len(digits) in (4, 6, 8):
            parts = [part for part in (digits[:2], digits[2:4], digits[4:]) if part]
    if not 1 <= len(parts) <= 3:
        return None
    given = dict(zip(order, parts, strict=False))
    year = int(given.get("y", current.year))
    if len(given.get("y", "0000")) <= 2:
        year += 2000
    if year < 1900:
        return None
    try:
        return dt.date(year, int(given.get("m", current.month)), int(given.get("d", current.day)))
    except ValueError:
        return None


class DateEdit(QDateEdit):
    """A QDateEdit that also takes a whole date typed over its selected text.

    QDateEdit edits one section at a time: a date typed over a selection that spans several
    sections is refused key by key, and the field silently keeps its old date; typed over the
    day alone, the separators jump past the month. Here a date typed from the start of the field
    is collected as it comes and read on Enter, Tab, a click or leaving the field; a text that
    is no date leaves the date as it was and says so through `refused`.
    """

    refused = Signal(str)  # what was typed, when it is no date

    def __init__(self, date: QDate, parent: QWidget | None = None) -> None:
        super().__init__(date, parent)
        self._typed: str | None = None  # the text typed so far over a whole selection
        self._validator: QValidator | None = None  # set aside while a date is typed
        # Keys normally reach the line edit through this widget; some (tests, input tools) are
        # sent to the line edit itself: they take the same way.
        self.lineEdit().installEventFilter(self)

    def _order(self) -> str:
        letters = (c for c in self.displayFormat().lower() if c in "dmy")
        return "".join(dict.fromkeys(letters))

    def _starts_typing(self, event: QKeyEvent) -> bool:
        # A digit typed over the whole date (select-all) or over its first part (as Tab selects
        # it): a date may be coming, separators and all, which QDateEdit would mangle.
        line = self.lineEdit()
        return (
            event.text().isdigit()
            and line.hasSelectedText()
            and (line.selectionStart() == 0 or not line.selectedText().isdigit())
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self._typed is None and self._starts_typing(event):
            self._typed = ""
        if self._typed is None:
            super().keyPressEvent(event)
            return
        key, text = event.key(), event.text()
        if key == Qt.Key.Key_Escape:
            self._stop_typing()
            self.setDate(self.date())  # shows the date again
            self.selectAll()
            event.accept()
        elif key == Qt.Key.Key_Backspace:
            self._show_typed(self._typed[:-1])
            event.accept()
        elif text and (text.isdigit() or text in "/.- "):
            self._show_typed(self._typed + text)
            event.accept()
        else:  # Enter, arrows, shortcuts…: the typed date first, then what the key does
            self.commit_typing()
            super().keyPressEvent(event)

    def _show_typed(self, text: str) -> None:
        self._typed = text
        line = self.lineEdit()
        # QDateEdit must neither read nor correct (31/02 into 28/02) a half-typed date.
        if line.validator() is not None:
            self._validator = line.validator()
            line.setValidator(None)  # type: ignore[arg-type]
        line.blockSignals(True)
        line.setText(text)
        line.blockSignals(False)

    def _stop_typing(self) -> None:
        self._typed = None
        if self._validator is not None:
            self.lineEdit().setValidator(self._validator)
            self._validator = None

    def commit_typing(self) -> None:
        """Read what was typed over the selection, if anything: the new date, or refused."""
        if self._typed is None:
            return
        typed = self._typed.strip()
        self._stop_typing()
        if not typed:
            self.setDate(self.date())
            return
        current = self.date()
        date = parse_typed_date(typed, self._order(), dt.date(*current.getDate()))
        if date is None:
            self.setDate(current)
            self.refused.emit(typed)
        else:
            self.setDate(QDate(date.year, date.month, date.day))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt API)
        # Tab after a typed date leaves the field (QDateEdit would go to the next part).
        if self._typed is not None:
            self.commit_typing()
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        self.commit_typing()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self.commit_typing()  # before the calendar opens or the arrows step the date
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        self.commit_typing()  # the wheel steps the typed date, not the one before
        super().wheelEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.lineEdit() and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._typed is not None or self._starts_typing(event):
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)
