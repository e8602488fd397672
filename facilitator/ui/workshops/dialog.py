"""The workshop form: details, dates and participant types, saved as one operation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _, current_language, ngettext
from facilitator.store.workshops import (
    WorkshopDetails,
    WorkshopInvalid,
    WorkshopNotFound,
    create_workshop,
    default_types,
    details_of,
    get_workshop,
    update_workshop,
)
from facilitator.ui.context import AREA_WORKSHOPS, AppContext
from facilitator.ui.widgets.dates import app_locale, format_date_range
from facilitator.ui.workshops.date_edit import DateEdit
from facilitator.ui.workshops.type_merges import TypesUndoStack
from facilitator.ui.workshops.types_editor import TypesEditor


def _py_date(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


def _text_edit(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


def _line_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _date_edit(name: str, date: dt.date) -> DateEdit:
    edit = DateEdit(QDate(date.year, date.month, date.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setLocale(app_locale())
    edit.setDisplayFormat("dd/MM/yyyy" if current_language() == "fr" else "yyyy-MM-dd")
    return edit


class WorkshopDialog(QDialog):
    """Create a workshop (workshop_id None) or edit one; `saved(id)` once it is committed."""

    saved = Signal(int)

    def __init__(
        self,
        context: AppContext,
        workshop_id: int | None,
        parent: QWidget | None = None,
        types_undo: TypesUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workshopDialog")
        self.context = context
        self.workshop_id = workshop_id
        self._types_undo = types_undo
        self.saved_id: int | None = None
        if workshop_id is None:
            today = dt.date.today()
            details = WorkshopDetails(
                title="", start_date=today, end_date=today, types=default_types()
            )
            self.setWindowTitle(_("New workshop"))
        else:
            details = context.read(lambda s: details_of(get_workshop(s, workshop_id)))
            self.setWindowTitle(_("Edit « {title} »").format(title=details.title))
        self._timezone = details.timezone
        self._refused_with: tuple[QDate, QDate] | None = None  # the dates when a typed one was not
        self._build(details)
        self._dirty = False

    def _build(self, d: WorkshopDetails) -> None:
        self.title_edit = _line_edit("titleEdit", _("e.g. National workshop on circular migration"))
        self.title_edit.setText(d.title)
        self.start_edit = _date_edit("startDateEdit", d.start_date)
        self.end_edit = _date_edit("endDateEdit", d.end_date)
        self._start = self.start_edit.date()
        self.duration_label = QLabel()
        self.duration_label.setObjectName("durationLabel")
        self.venue_edit = _line_edit("venueEdit", _("e.g. King Fahd Palace hotel"))
        self.venue_edit.setText(d.venue)
        self.city_edit = _line_edit("cityEdit", _("e.g. Dakar"))
        self.city_edit.setText(d.city)
        self.organisers_edit = _line_edit(
            "organisersEdit", _("Who organises it, with whose support")
        )
        self.organisers_edit.setText(d.organisers)
        self.context_edit = _text_edit("contextEdit", _("Why this workshop, in a few lines"))
        self.context_edit.setPlainText(d.context)
        self.objectives_edit = _text_edit("objectivesEdit", _("One objective per line"))
        self.objectives_edit.setPlainText(d.objectives)
        self.results_edit = _text_edit("resultsEdit", _("One expected result per line"))
        self.results_edit.setPlainText(d.expected_results)
        self.types_editor = TypesEditor(
            self.context, d.types, workshop_id=self.workshop_id, undo_stack=self._types_undo
        )
        self.types_editor.setObjectName("typesEditor")

        dates = QHBoxLayout()
        dates.addWidget(QLabel(_("from")))
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(_("to")))
        dates.addWidget(self.end_edit)
        dates.addWidget(self.duration_label, 1)
        general = QWidget()
        form = QFormLayout(general)
        form.addRow(_("Title:"), self.title_edit)
        form.addRow(_("Dates:"), dates)
        form.addRow(_("Venue:"), self.venue_edit)
        form.addRow(_("City:"), self.city_edit)
        form.addRow(_("Organisers:"), self.organisers_edit)
        content = QWidget()
        content_form = QFormLayout(content)
        content_form.addRow(_("Context:"), self.context_edit)
        content_form.addRow(_("Objectives:"), self.objectives_edit)
        content_form.addRow(_("Expected results:"), self.results_edit)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workshopTabs")
        self.tabs.addTab(general, _("Workshop"))
        self.tabs.addTab(content, _("Context and objectives"))
        self.tabs.addTab(self.types_editor, _("Participant types"))

        self.error_label = QLabel()
        self.error_label.setObjectName("workshopError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020; font-weight: bold;")
        self.error_label.hide()
        # Standard buttons, as in the participant form: their order is the platform's.
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(640, 480)

        self.start_edit.dateChanged.connect(self._start_moved)
        self.end_edit.dateChanged.connect(self._show_duration)
        self.start_edit.refused.connect(self._date_refused)
        self.end_edit.refused.connect(self._date_refused)
        for edit in (self.title_edit, self.venue_edit, self.city_edit, self.organisers_edit):
            edit.textChanged.connect(self._mark_dirty)
        for text in (self.context_edit, self.objectives_edit, self.results_edit):
            text.textChanged.connect(self._mark_dirty)
        self.end_edit.dateChanged.connect(self._mark_dirty)
        self.types_editor.changed.connect(self._mark_dirty)
        self._show_duration()
        self.title_edit.setFocus()  # the first thing to type, on a new workshop above all

    def _mark_dirty(self) -> None:
        self._dirty = True

    def _start_moved(self, new_start: QDate) -> None:
        # Moving the first day moves the last one too, so the workshop keeps its length.
        shift = self._start.daysTo(new_start)
        self._start = new_start
        self.end_edit.setDate(self.end_edit.date().addDays(shift))
        self._show_duration()

    def _date_refused(self, typed: str) -> None:
        self.error_label.setText(
            _("« {text} » is not a date; type it like {example}.").format(
                text=typed, example=self.start_edit.text()
            )
        )
        self.error_label.show()
        self._refused_with = (self.start_edit.date(), self.end_edit.date())

    def _show_duration(self) -> None:
        dates = (self.start_edit.date(), self.end_edit.date())
        if self._refused_with is not None and dates != self._refused_with:
            self._refused_with = None  # a date was typed right since
            self.error_label.hide()
        start, end = _py_date(self.start_edit.date()), _py_date(self.end_edit.date())
        days = (end - start).days + 1
        if days < 1:
            self.duration_label.setText(_("the last day is before the first"))
            return
        self.duration_label.setText(
            ngettext("{n} day", "{n} days", days).format(n=days)
            + " · "
            + format_date_range(start, end)
        )

    def details(self) -> WorkshopDetails:
        """What the form holds now."""
        return WorkshopDetails(
            title=self.title_edit.text(),
            start_date=_py_date(self.start_edit.date()),
            end_date=_py_date(self.end_edit.date()),
            venue=self.venue_edit.text(),
            city=self.city_edit.text(),
            organisers=self.organisers_edit.text(),
            context=self.context_edit.toPlainText(),
            objectives=self.objectives_edit.toPlainText(),
            expected_results=self.results_edit.toPlainText(),
            timezone=self._timezone,
            types=self.types_editor.types(),
        )

    def save(self) -> bool:
        """One transaction; on refusal the message shows here and everything typed stays."""
        details = self.details()
        workshop_id = self.workshop_id
        try:
            if workshop_id is None:
                saved_id = self.context.write(
                    AREA_WORKSHOPS, lambda s: create_workshop(s, details).id
                )
            else:
                saved_id = self.context.write(
                    AREA_WORKSHOPS, lambda s: update_workshop(s, workshop_id, details).id
                )
        except (WorkshopInvalid, WorkshopNotFound) as exc:
            self.show_error(str(exc), details)
            return False
        self.saved_id = saved_id
        self._dirty = False
        self.error_label.hide()
        self.saved.emit(saved_id)
        self.accept()
        return True

    def show_error(self, message: str, details: WorkshopDetails) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if not details.title.strip():
            self.tabs.setCurrentIndex(0)
            self.title_edit.setFocus()
        elif (
            details.end_date < details.start_date
            or (details.end_date - details.start_date).days > 60
        ):
            self.tabs.setCurrentIndex(0)
            self.end_edit.setFocus()
        else:
            self.tabs.setCurrentWidget(self.types_editor)

    def reject(self) -> None:
        # Escape is an easy slip on a long form: ask before throwing away what was typed.
        if self._dirty and self.isVisible():
            answer = QMessageBox.question(
                self,
                _("Close without saving?"),
                _("Your changes to this workshop are not saved. Close the form and lose them?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._dirty = False
        super().reject()
