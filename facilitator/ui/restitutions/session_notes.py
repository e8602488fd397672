"""Notes on any agenda item, taken from the restitutions screen (the timer screen has them too).

A picker of the workshop's items (day, time, title; sub-items indented) above the same notes
editor as on the timer screen, saved the same way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from facilitator.i18n import _
from facilitator.store.agenda import agenda
from facilitator.ui.agenda.notes_panel import AgendaNotesPanel
from facilitator.ui.context import AppContext


class SessionNotes(QWidget):
    """Pick an agenda item, take its notes."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("session_notes")
        self.context = context
        self.picker = QComboBox(objectName="notes_item_picker")
        # Long titles must not widen the window past a small laptop's screen.
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(30)
        self.notes = AgendaNotesPanel(context)
        form = QFormLayout()
        form.addRow(_("Agenda item:"), self.picker)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notes, 1)
        self.picker.currentIndexChanged.connect(self._picked)
        context.workshop_changed.connect(self._workshop_changed)
        self.reload()

    def reload(self) -> None:
        """List the workshop's items, keeping the one picked."""
        current = self.picker.currentData()
        wid = self.context.workshop_id
        entries = self.context.read(lambda s: agenda(s, wid)) if wid is not None else []
        self.picker.blockSignals(True)
        self.picker.clear()
        for entry in entries:
            for item, indent in ((entry, ""), *((child, "    ") for child in entry.children)):
                label = f"{indent}{item.planned_start:%d/%m %H:%M}  {item.title}"
                self.picker.addItem(label, item.id)
        self.picker.blockSignals(False)
        index = self.picker.findData(current) if current is not None else -1
        self.picker.setCurrentIndex(max(0, index) if self.picker.count() else -1)
        self._picked()

    def select_item(self, item_id: int) -> None:
        index = self.picker.findData(item_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def _picked(self, _index: int = 0) -> None:
        self.notes.set_item(self.picker.currentData())

    def _workshop_changed(self, _workshop_id: int) -> None:
        self.reload()
