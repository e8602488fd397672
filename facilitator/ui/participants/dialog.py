"""The form to add or edit one participant."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.participants import (
    ParticipantInput,
    ParticipantInvalid,
    add_participant,
    participant_input,
    update_participant,
)
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext
from facilitator.ui.widgets.participant_fields import ParticipantForm


class ParticipantDialog(ParticipantForm):
    """Add a participant (participant_id None) or edit one; saves in one transaction."""

    organisation: QComboBox

    def __init__(
        self,
        context: AppContext,
        workshop_id: int,
        participant_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context, workshop_id, QComboBox(objectName="organisation", editable=True), None, parent
        )
        self.participant_id = participant_id
        self.setWindowTitle(_("New participant") if participant_id is None else _("Participant"))
        self.setMinimumWidth(460)

        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setFixedHeight(70)

        form = QFormLayout()
        self.add_field_rows(form)
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
        return self.fields_value(notes=self.notes.toPlainText())

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
            self.show_error(str(exc))
            return
        self.accept()
