"""Registering a walk-in at the desk: one small form, Enter, and they are in, present and badged."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from facilitator.core.badges import read_payload
from facilitator.i18n import _
from facilitator.store.models import Organisation, ParticipantType
from facilitator.store.participants import ParticipantInput, ParticipantInvalid, add_participant
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext


class WalkInDialog(QDialog):
    """The walk-in form; `registered(participant_id, print_badge)` once the person is saved."""

    registered = Signal(int, bool)

    def __init__(
        self,
        context: AppContext,
        workshop_id: int,
        default_type_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("walk_in")
        self.context = context
        self.workshop_id = workshop_id
        self.saved_id: int | None = None
        self.setWindowTitle(_("Walk-in participant"))
        self.setMinimumWidth(440)

        self.first_name = QLineEdit(objectName="first_name")
        self.last_name = QLineEdit(objectName="last_name")
        self.organisation = QLineEdit(objectName="organisation")
        self.function = QLineEdit(objectName="function")  # printed on the badge and the sheet
        self.type_combo = QComboBox(objectName="type")
        self.gender = QComboBox(objectName="gender")
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        self.print_badge = QCheckBox(_("Print the badge"), objectName="print_badge")
        self.print_badge.setChecked(True)
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet("color: #B00020; font-weight: bold;")
        self.error.hide()
        self.gender.addItem(_("Not specified"), None)
        self.gender.addItem(_("Woman"), "F")
        self.gender.addItem(_("Man"), "M")
        self._fill_choices(default_type_id)

        form = QFormLayout()
        form.addRow(_("First name"), self.first_name)
        form.addRow(_("Last name"), self.last_name)
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Function"), self.function)
        form.addRow(_("Participant type"), self.type_combo)
        form.addRow(_("Gender"), self.gender)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("E-mail"), self.email)
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

    def _fill_choices(self, default_type_id: int | None) -> None:
        workshop_id = self.workshop_id

        def query(session):  # type: ignore[no-untyped-def]
            types = session.execute(
                select(ParticipantType.id, ParticipantType.name, ParticipantType.colour)
                .where(ParticipantType.workshop_id == workshop_id)
                .order_by(ParticipantType.position)
            ).all()
            orgs = session.scalars(
                select(Organisation.name)
                .where(Organisation.workshop_id == workshop_id)
                .order_by(Organisation.name)
            ).all()
            return types, list(orgs)

        types, orgs = self.context.read(query)
        self.type_combo.addItem(_("No type"), None)
        for type_id, name, _colour in types:
            self.type_combo.addItem(name, type_id)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(default_type_id), 0))
        completer = QCompleter(orgs, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisation.setCompleter(completer)

    def value(self) -> ParticipantInput:
        return ParticipantInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            organisation=self.organisation.text(),
            function=self.function.text(),
            type_id=self.type_combo.currentData(),
            gender=self.gender.currentData(),
            email=self.email.text(),
            phone=self.phone.text(),
        )

    def save(self) -> None:
        data = self.value()
        workshop_id = self.workshop_id
        typed = " ".join(
            (data.first_name, data.last_name, data.organisation, data.phone, data.email)
        )
        if read_payload(typed) is not None:
            # A badge scanned while this form had the focus: never register a person named
            # after a badge code.
            self.error.setText(
                _(
                    "A badge code was typed into this form: close it and scan the badge in the "
                    "scan field."
                )
            )
            self.error.show()
            return
        try:
            self.saved_id = self.context.write(
                AREA_PARTICIPANTS,
                lambda s: add_participant(s, workshop_id, data, walk_in=True).id,
            )
        except ParticipantInvalid as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
        self.registered.emit(self.saved_id, self.print_badge.isChecked())
