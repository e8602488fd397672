"""The form to add or edit one participant."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from facilitator.i18n import _
from facilitator.store.models import Organisation, ParticipantType
from facilitator.store.participants import (
    ParticipantInput,
    ParticipantInvalid,
    add_participant,
    participant_input,
    update_participant,
)
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext


class ParticipantDialog(QDialog):
    """Add a participant (participant_id None) or edit one; saves in one transaction."""

    def __init__(
        self,
        context: AppContext,
        workshop_id: int,
        participant_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.workshop_id = workshop_id
        self.participant_id = participant_id
        self.saved_id: int | None = None
        self.setWindowTitle(_("New participant") if participant_id is None else _("Participant"))
        self.setMinimumWidth(460)

        self.first_name = QLineEdit(objectName="first_name")
        self.last_name = QLineEdit(objectName="last_name")
        self.organisation = QComboBox(objectName="organisation", editable=True)
        self.function = QLineEdit(objectName="function")
        self.type_combo = QComboBox(objectName="type")
        self.gender = QComboBox(objectName="gender")
        self.email = QLineEdit(objectName="email")
        self.phone = QLineEdit(objectName="phone")
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setFixedHeight(70)
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet("color: #B00020; font-weight: bold;")
        self.error.hide()

        self.gender.addItem(_("Not specified"), None)
        self.gender.addItem(_("Woman"), "F")
        self.gender.addItem(_("Man"), "M")
        self._fill_choices()

        form = QFormLayout()
        form.addRow(_("First name"), self.first_name)
        form.addRow(_("Last name"), self.last_name)
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Function"), self.function)
        form.addRow(_("Participant type"), self.type_combo)
        form.addRow(_("Gender"), self.gender)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("E-mail"), self.email)
        form.addRow(_("Notes"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if participant_id is not None:
            self._load(participant_id)
        self.first_name.setFocus()

    def _fill_choices(self) -> None:
        def query(session):  # type: ignore[no-untyped-def]
            types = session.execute(
                select(ParticipantType.id, ParticipantType.name)
                .where(ParticipantType.workshop_id == self.workshop_id)
                .order_by(ParticipantType.position)
            ).all()
            orgs = session.scalars(
                select(Organisation.name)
                .where(Organisation.workshop_id == self.workshop_id)
                .order_by(Organisation.name)
            ).all()
            return types, orgs

        types, orgs = self.context.read(query)
        self.type_combo.addItem(_("No type"), None)
        for type_id, name in types:
            self.type_combo.addItem(name, type_id)
        self.organisation.addItem("")
        self.organisation.addItems(list(orgs))
        self.organisation.setCurrentIndex(0)

    def _load(self, participant_id: int) -> None:
        data = self.context.read(lambda s: participant_input(s, participant_id))
        self.first_name.setText(data.first_name)
        self.last_name.setText(data.last_name)
        self.organisation.setCurrentText(data.organisation)
        self.function.setText(data.function)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(data.type_id), 0))
        self.gender.setCurrentIndex(max(self.gender.findData(data.gender), 0))
        self.email.setText(data.email)
        self.phone.setText(data.phone)
        self.notes.setPlainText(data.notes)

    def value(self) -> ParticipantInput:
        return ParticipantInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            organisation=self.organisation.currentText(),
            function=self.function.text(),
            type_id=self.type_combo.currentData(),
            gender=self.gender.currentData(),
            email=self.email.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        data = self.value()
        try:
            if self.participant_id is None:
                self.saved_id = self.context.write(
                    AREA_PARTICIPANTS,
                    lambda s: add_participant(s, self.workshop_id, data).id,
                )
            else:
                participant_id = self.participant_id
                self.context.write(
                    AREA_PARTICIPANTS, lambda s: update_participant(s, participant_id, data)
                )
                self.saved_id = participant_id
        except ParticipantInvalid as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
