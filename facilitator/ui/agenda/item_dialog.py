"""The form of one agenda item: title, kind, speakers, start, duration or end, fixed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.agenda import KIND_NAMES, kind_label
from facilitator.store.agenda_edit import MAX_MINUTES, AgendaInvalid, ItemFields, minutes_between
from facilitator.ui.widgets.time_field import TimeField


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class ItemDialog(QDialog):
    """Edits an item's fields; `save` writes them and may refuse with AgendaInvalid.

    The start can be typed for the day's first item and fixed items; the others follow the item
    before them. Duration and end stay in step: editing one updates the other.
    """

    def __init__(
        self,
        fields: ItemFields,
        save: Callable[[ItemFields], object],
        *,
        start: dt.time,
        first: bool = False,
        sub_item: bool = False,
        has_children: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_item_dialog")
        self._save = save
        self._first = first
        self._sub_item = sub_item
        self._syncing = False
        self._end_invalid = False
        self.setMinimumWidth(640)

        self.title = QLineEdit(fields.title, objectName="title")
        self.kind = QComboBox(objectName="kind")
        for key in KIND_NAMES:
            self.kind.addItem(kind_label(key), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(fields.kind)))
        self.speakers = QLineEdit(fields.speakers, objectName="speakers")
        self.start = self._time_edit("start", start)
        self.duration = QSpinBox(objectName="duration")
        self.duration.setRange(0, MAX_MINUTES + 60)
        self.duration.setSuffix(_(" min"))
        self.duration.setValue(fields.duration_minutes)
        self.end = self._time_edit("end", start)
        self.fixed = QCheckBox(
            _("Fixed in time (does not move with the others)"), objectName="fixed"
        )
        self.fixed.setChecked(fields.fixed and not sub_item)
        self.fixed.setVisible(not sub_item)
        self.hint = QLabel(objectName="hint", wordWrap=True)
        self.hint.setStyleSheet("color: #555;")
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet("color: #b00020; font-weight: 600;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        if has_children:
            self.duration.setToolTip(_("At least as long as its sub-items together."))

        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Speakers or moderators"), self.speakers)
        form.addRow(_("Start time"), self.start)
        form.addRow(_("Duration"), self.duration)
        form.addRow(_("End time"), self.end)
        form.addRow("", self.fixed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.start.timeChanged.connect(self._start_changed)
        self.duration.valueChanged.connect(self._duration_changed)
        self.end.timeChanged.connect(self._end_changed)
        self.fixed.toggled.connect(self._update_start_state)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._duration_changed()
        self._update_start_state()
        self.title.setFocus()

    def _time_edit(self, name: str, value: dt.time) -> TimeField:
        edit = TimeField(_qtime(value))
        edit.setObjectName(name)
        edit.setMaximumWidth(120)
        return edit

    # -- keeping start, duration and end in step ---------------------------------------------------
    def _update_start_state(self) -> None:
        editable = not self._sub_item and (self._first or self.fixed.isChecked())
        self.start.setEnabled(editable)
        if self._sub_item:
            self.hint.setText(_("A sub-item starts when the one before it ends."))
        elif not editable:
            self.hint.setText(
                _("This item starts when the one before it ends; fix it to choose its start.")
            )
        else:
            self.hint.setText("")

    def _start_changed(self) -> None:
        self._duration_changed()

    def _duration_changed(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        self.end.setTime(self.start.time().addSecs(self.duration.value() * 60))
        self._syncing = False
        self._end_invalid = False
        self.error.setText("")

    def _end_changed(self) -> None:
        if self._syncing:
            return
        try:
            minutes = minutes_between(_time(self.start.time()), _time(self.end.time()))
        except AgendaInvalid as exc:
            self.error.setText(str(exc))
            self._end_invalid = True
            return
        self._syncing = True
        self.duration.setValue(minutes)
        self._syncing = False
        self._end_invalid = False
        self.error.setText("")

    # -- saving ----------------------------------------------------------------------------------
    def value(self) -> ItemFields:
        return ItemFields(
            title=self.title.text(),
            kind=str(self.kind.currentData()),
            speakers=self.speakers.text(),
            start=_time(self.start.time()),
            duration_minutes=self.duration.value(),
            fixed=self.fixed.isChecked(),
        )

    def save(self) -> None:
        """Write the fields; on a refusal, say why here and keep the dialog open."""
        for field in (self.start, self.end):
            if field.isEnabled() and not field.is_valid():
                self.error.setText(
                    _("« {text} » is not a time: write it as 14:45.").format(text=field.text())
                )
                field.setFocus()
                return
        if self._end_invalid:
            self._end_changed()  # the end is still before the start: say it again
            return
        try:
            self._save(self.value())
        except AgendaInvalid as exc:
            self.error.setText(str(exc))
            return
        self.accept()
