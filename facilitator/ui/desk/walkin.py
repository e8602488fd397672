"""Registering a walk-in at the desk: one small form, Enter, and they are in, present and badged."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.badges import read_payload
from facilitator.i18n import _
from facilitator.store.participants import ParticipantInput, ParticipantInvalid, add_participant
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext
from facilitator.ui.widgets.participant_fields import ParticipantForm


class WalkInDialog(ParticipantForm):
    """The walk-in form; `registered(participant_id, print_badge)` once the person is saved."""

    registered = Signal(int, bool)
    organisation: QLineEdit

    def __init__(
        self,
        context: AppContext,
        workshop_id: int,
        default_type_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context, workshop_id, QLineEdit(objectName="organisation"), default_type_id, parent
        )
        self.setObjectName("walk_in")
        self.setWindowTitle(_("Walk-in participant"))
        self.setMinimumWidth(440)

        self.print_badge = QCheckBox(_("Print the badge"), objectName="print_badge")
        self.print_badge.setChecked(True)

        form = QFormLayout()
        self.add_field_rows(form)
        form.addRow("", self.print_badge)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Register and check in"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("Enter registers the person, checks them in and prints their badge."))
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.first_name.setFocus()

    def value(self) -> ParticipantInput:
        return self.fields_value()

    def save(self) -> None:
        data = self.value()
        workshop_id = self.workshop_id
        typed = " ".join(
            (data.first_name, data.last_name, data.organisation, data.phone, data.email)
        )
        if read_payload(typed) is not None:
            # A badge scanned while this form had the focus: never register a person named
            # after a badge code.
            self.show_error(
                _(
                    "A badge code was typed into this form: close it and scan the badge in the "
                    "scan field."
                )
            )
            return
        try:
            self.saved_id = self.context.write(
                AREA_PARTICIPANTS,
                lambda s: add_participant(s, workshop_id, data, walk_in=True).id,
            )
        except ParticipantInvalid as exc:
            self.show_error(str(exc))
            return
        self.accept()
        self.registered.emit(self.saved_id, self.print_badge.isChecked())
