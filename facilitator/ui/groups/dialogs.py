"""The dialogs of the groups screen: a new round, and one group's details.

Each dialog saves through a callback; a refusal (GroupsInvalid) is shown inside the dialog, which
stays open with what was typed, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.groups import GroupsInvalid, GroupView
from facilitator.ui.groups.labels import member_name
from facilitator.ui.widgets.dates import format_date

ERROR_STYLE = "color: #B00020; font-weight: bold;"
MAX_GROUPS = 500


@dataclass(frozen=True)
class RoundRequest:
    """What the new-round dialog asks the store for."""

    name: str
    count: int | None
    target_size: int | None
    present_only: bool
    seed: int | None


class _SavingDialog(QDialog):
    """OK saves through a callback; a refusal stays in the dialog, in red."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.adjustSize()

    def save(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.save()
        except GroupsInvalid as exc:
            self.show_error(str(exc))
            return
        super().accept()


class NewRoundDialog(_SavingDialog):
    """A new round: its name, how many groups (or their size), who is placed, the draw number
    (the seed of the random draw: the same number gives the same groups)."""

    def __init__(
        self,
        default_name: str,
        present: int,
        registered: int,
        create: Callable[[RoundRequest], int],
        parent: QWidget | None = None,
        counted_day: dt.date | None = None,  # the day counted, when it is not today
    ) -> None:
        super().__init__(_("New round of groups"), parent)
        self.setObjectName("new_round_dialog")
        self.create = create
        self.round_id: int | None = None
        self.name = QLineEdit(default_name, objectName="round_name")
        self.by_count = QRadioButton(_("Number of groups"), objectName="by_count")
        self.by_size = QRadioButton(_("Target group size"), objectName="by_size")
        self.count = QSpinBox(objectName="count")
        self.count.setRange(0, MAX_GROUPS)
        self.count.setValue(4)
        self.size = QSpinBox(objectName="target_size")
        self.size.setRange(0, MAX_GROUPS)
        self.size.setValue(8)
        self.size.setSuffix(" " + _("people"))
        self.by = QButtonGroup(self)
        self.by.addButton(self.by_count)
        self.by.addButton(self.by_size)
        self.by_count.setChecked(True)
        self.by_count.toggled.connect(self._mode_changed)
        present_text = (
            _("Only the participants present (checked in today): {present} of {registered}")
            if counted_day is None
            else _("Only the participants present on {date}: {present} of {registered}")
        )
        self.present_only = QCheckBox(
            present_text.format(
                present=present,
                registered=registered,
                date=format_date(counted_day, with_year=False) if counted_day else "",
            ),
            objectName="present_only",
        )
        self.present_only.setChecked(True)
        self.seed = QLineEdit(objectName="seed")
        self.seed.setPlaceholderText(_("a new draw each time"))
        self.seed.setToolTip(
            _("The same draw number gives exactly the same groups again (to redo a draw).")
        )

        how = QGridLayout()
        how.addWidget(self.by_count, 0, 0)
        how.addWidget(self.count, 0, 1)
        how.addWidget(self.by_size, 1, 0)
        how.addWidget(self.size, 1, 1)
        form = QFormLayout()
        form.addRow(_("Name:"), self.name)
        form.addRow(how)
        form.addRow(self.present_only)
        form.addRow(_("Draw number (optional):"), self.seed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._mode_changed()
        self.setMinimumWidth(460)

    def _mode_changed(self, *_args: object) -> None:
        self.count.setEnabled(self.by_count.isChecked())
        self.size.setEnabled(self.by_size.isChecked())

    def request(self) -> RoundRequest:
        seed_text = self.seed.text().strip()
        try:
            seed = int(seed_text) if seed_text else None
        except ValueError:
            raise GroupsInvalid(
                _("The draw number must be a whole number, such as 42 (or left empty).")
            ) from None
        by_count = self.by_count.isChecked()
        return RoundRequest(
            self.name.text(),
            self.count.value() if by_count else None,
            None if by_count else self.size.value(),
            self.present_only.isChecked(),
            seed,
        )

    def save(self) -> None:
        self.round_id = self.create(self.request())


class GroupDialog(_SavingDialog):
    """One group's name, theme or question, room, moderator and rapporteur."""

    def __init__(
        self,
        group: GroupView,
        save: Callable[[str, str, str, int | None, int | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Edit the group"), parent)
        self.setObjectName("group_dialog")
        self.saver = save
        self.name = QLineEdit(group.name, objectName="group_name")
        self.theme = QPlainTextEdit(group.theme, objectName="group_theme")
        self.theme.setTabChangesFocus(True)
        self.theme.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.theme.setPlaceholderText(_("The theme or question the group works on"))
        self.room = QLineEdit(group.room, objectName="group_room")
        self.room.setPlaceholderText(_("Gorée, Room 2…"))
        self.moderator = self._people(group, group.moderator_id, "moderator")
        self.rapporteur = self._people(group, group.rapporteur_id, "rapporteur")
        form = QFormLayout()
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Theme or question:"), self.theme)
        form.addRow(_("Room:"), self.room)
        form.addRow(_("Moderator:"), self.moderator)
        form.addRow(_("Rapporteur:"), self.rapporteur)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _people(self, group: GroupView, chosen: int | None, name: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.addItem(_("(not chosen yet)"), 0)
        for member in group.members:
            combo.addItem(member_name(member), member.participant_id)
        if chosen and combo.findData(chosen) < 0:  # chosen before they left the group
            label = group.moderator_name if chosen == group.moderator_id else group.rapporteur_name
            combo.addItem(label, chosen)
        combo.setCurrentIndex(max(combo.findData(chosen or 0), 0))
        return combo

    def save(self) -> None:
        self.saver(
            self.name.text(),
            self.theme.toPlainText(),
            self.room.text(),
            self.moderator.currentData() or None,
            self.rapporteur.currentData() or None,
        )
