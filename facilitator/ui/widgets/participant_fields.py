"""The fields one participant is typed in with, shared by the participant form and the walk-in form.

Both forms show the same rows (name, organisation, function, type, gender, phone, e-mail), offer
the workshop's types and organisations, and give a `ParticipantInput`; each adds its own rows,
buttons and saving around them. A text longer than its field holds is said as it is typed (the
store refuses it too), rather than cut without a word.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.models import Organisation, ParticipantType
from facilitator.store.participants import ParticipantInput, length_problem
from facilitator.ui.context import AppContext

Choices = tuple[list[tuple[int, str]], list[str]]
_TOO_LONG_STYLE = "border: 2px solid #B00020;"


def participant_choices(session: Session, workshop_id: int) -> Choices:
    """The workshop's participant types (id, name) in their order, and its organisations' names."""
    types = session.execute(
        select(ParticipantType.id, ParticipantType.name)
        .where(ParticipantType.workshop_id == workshop_id)
        .order_by(ParticipantType.position)
    ).all()
    orgs = session.scalars(
        select(Organisation.name)
        .where(Organisation.workshop_id == workshop_id)
        .order_by(Organisation.name)
    ).all()
    return [(type_id, name) for type_id, name in types], list(orgs)


class ParticipantForm(QDialog):
    """A dialog holding one participant's fields, its error line, and its value.

    The organisation is typed in the widget the subclass gives: a line edit completes from the
    workshop's organisations, an editable combo box lists them under an empty first choice.
    """

    organisation: QLineEdit | QComboBox

    def __init__(
        self,
        context: AppContext,
        workshop_id: int,
        organisation: QLineEdit | QComboBox,
        default_type_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.workshop_id = workshop_id
        self.saved_id: int | None = None

        self.first_name = QLineEdit(objectName="first_name")
        self.last_name = QLineEdit(objectName="last_name")
        self.organisation = organisation
        self.function = QLineEdit(objectName="function")  # printed on the badge and the sheet
        self.type_combo = QComboBox(objectName="type")
        self.gender = QComboBox(objectName="gender")
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet("color: #B00020; font-weight: bold;")
        self.error.hide()
        self.gender.addItem(_("Not specified"), None)
        self.gender.addItem(_("Woman"), "F")
        self.gender.addItem(_("Man"), "M")
        self._fill_choices(default_type_id)
        self._length_error = ""  # the too-long message shown, if any (other errors stay)
        for edit in (self.first_name, self.last_name, self.function, self.phone, self.email):
            edit.textChanged.connect(self._check_lengths)
        if isinstance(self.organisation, QComboBox):
            self.organisation.editTextChanged.connect(self._check_lengths)
        else:
            self.organisation.textChanged.connect(self._check_lengths)

    def _fill_choices(self, default_type_id: int | None) -> None:
        workshop_id = self.workshop_id
        types, orgs = self.context.read(lambda s: participant_choices(s, workshop_id))
        self.type_combo.addItem(_("No type"), None)
        for type_id, name in types:
            self.type_combo.addItem(name, type_id)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(default_type_id), 0))
        if isinstance(self.organisation, QComboBox):
            self.organisation.addItem("")
            self.organisation.addItems(orgs)
            self.organisation.setCurrentIndex(0)
        else:
            completer = QCompleter(orgs, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.organisation.setCompleter(completer)

    def add_field_rows(self, form: QFormLayout) -> None:
        """The shared rows, in the order both forms show them."""
        form.addRow(_("First name"), self.first_name)
        form.addRow(_("Last name"), self.last_name)
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Function"), self.function)
        form.addRow(_("Participant type"), self.type_combo)
        form.addRow(_("Gender"), self.gender)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("E-mail"), self.email)

    def organisation_text(self) -> str:
        if isinstance(self.organisation, QComboBox):
            return self.organisation.currentText()
        return self.organisation.text()

    def fields_value(self, notes: str = "") -> ParticipantInput:
        """What the shared fields hold, as the store takes it."""
        return ParticipantInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            organisation=self.organisation_text(),
            function=self.function.text(),
            type_id=self.type_combo.currentData(),
            gender=self.gender.currentData(),
            email=self.email.text(),
            phone=self.phone.text(),
            notes=notes,
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _too_long(self) -> list[tuple[QWidget, str | None]]:
        """Each bounded field, with what is wrong with its length (None: it fits)."""
        fields = (
            ("first_name", self.first_name, self.first_name.text()),
            ("last_name", self.last_name, self.last_name.text()),
            ("organisation", self.organisation, self.organisation_text()),
            ("function", self.function, self.function.text()),
            ("phone", self.phone, self.phone.text()),
            ("email", self.email, self.email.text()),
        )
        # Measured as the store keeps the text: names and structures on one line, trimmed.
        return [
            (
                widget,
                length_problem(field, text.strip() if field == "email" else " ".join(text.split())),
            )
            for field, widget, text in fields
        ]

    def length_problem(self) -> str | None:
        """What is too long in the form now (the first field that is), or None."""
        return next((problem for _widget, problem in self._too_long() if problem), None)

    def _check_lengths(self, *_args: object) -> None:
        problem = None
        for widget, found in self._too_long():
            widget.setStyleSheet(_TOO_LONG_STYLE if found else "")
            problem = problem or found
        if problem:
            self._length_error = problem
            self.show_error(problem)
        elif self._length_error:
            if self.error.text() == self._length_error:
                self.error.clear()
                self.error.hide()
            self._length_error = ""
