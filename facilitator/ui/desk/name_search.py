"""« Badge oublié ? » at the desk: type a name, arrows to pick, Enter checks the person in.

A badge scanned while this field has the focus is still checked in (never searched as a name);
Escape gives the keyboard back to the scan field.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.badges import read_payload
from facilitator.i18n import _
from facilitator.store.participants import ParticipantView
from facilitator.ui.desk.elided import ElidedLabel
from facilitator.ui.desk.name_delegate import NameResultDelegate
from facilitator.ui.desk.names import NameMatchModel

STEPS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8, Qt.Key.Key_PageDown: 8}


class NameSearch(QWidget):
    """The search field, the matching names, and the buttons that act on the one picked."""

    check_in_requested = Signal(int)  # the participant picked
    badge_typed = Signal(str)  # a badge's code arrived in the search field
    done = Signal()  # the agent left the search: the scan field takes the keyboard back

    def __init__(self, names: NameMatchModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.field = QLineEdit(objectName="name_search", clearButtonEnabled=True)
        self.field.setPlaceholderText(_("Forgotten badge? Type a name…"))
        self.results = QListView(objectName="name_results")
        self.results.setModel(names)
        self.results.setUniformItemSizes(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The name is cut, never whether the person is here already.
        self.results.setItemDelegate(NameResultDelegate(self.results))
        # Long names and organisations are cut with « … »: no sideways scrolling at the desk.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setMinimumHeight(90)
        self.match_info = ElidedLabel(2, objectName="match_info")  # never squeezes the counts
        self.check_in_button = QPushButton(_("Check in"), objectName="check_in_selected")
        self.reprint_button = QPushButton(_("Print the badge again"), objectName="reprint")
        for button in (self.check_in_button, self.reprint_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_button)
        buttons.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Find a participant by name")))
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.match_info)
        layout.addLayout(buttons)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self._entered)
        self.field.installEventFilter(self)
        self.results.activated.connect(self._activated)
        self.check_in_button.clicked.connect(self.check_in_selected)

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched == self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in STEPS:
                self._move(STEPS[key])
                return True
            if key == Qt.Key.Key_Escape:
                self.field.clear()
                self.done.emit()
                return True
        return super().eventFilter(watched, event)

    def refresh(self, loaded: bool) -> None:
        """The list was (re)loaded: show the matches of what is typed."""
        self._typed(self.field.text(), loaded)

    def _typed(self, text: str, loaded: bool = True) -> None:
        self.names.set_text(text)
        if self.names.rowCount():
            self.results.setCurrentIndex(self.names.index(0))
        self.match_info.setText(self.names.summary(loaded))

    def _move(self, step: int) -> None:
        count = self.names.rowCount()
        if count:
            row = min(max(self.results.currentIndex().row() + step, 0), count - 1)
            self.results.setCurrentIndex(self.names.index(row))

    def _entered(self) -> None:
        text = self.field.text()
        if read_payload(text) is not None:  # a badge scanned while this field had the focus
            self.field.clear()
            self.badge_typed.emit(text)
            return
        self.check_in_selected()

    def _activated(self, index: QModelIndex) -> None:
        self._check_in_row(index.row())

    def check_in_selected(self) -> None:
        """Check in the participant picked in the list (the first match by default)."""
        if self.names.rowCount():
            self._check_in_row(max(self.results.currentIndex().row(), 0))
        else:
            self.done.emit()

    def _check_in_row(self, row: int) -> None:
        person = self.names.view_at(row)
        self.field.clear()
        self.check_in_requested.emit(person.id)

    def picked(self) -> ParticipantView | None:
        """The person picked in the list while a name is typed, else None."""
        if self.field.text().strip() and self.names.rowCount():
            return self.names.view_at(max(self.results.currentIndex().row(), 0))
        return None
