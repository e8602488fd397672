"""Printing from the app: badges (all, a selection, those not yet printed) and attendance sheets.

The dialogs ask what to print; the jobs of print_jobs write the files off the UI thread
(BackgroundTask), then open them with the system's viewer. The badge layout chosen is the
workshop's from then on: the desk prints its walk-ins' badges with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from facilitator.i18n import N_, _
from facilitator.store.attendance import day_label
from facilitator.store.badges import badge_counts
from facilitator.store.workshops import day_in_force, get_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.badge_printer import remember_layout, workshop_layout
from facilitator.ui.widgets.print_jobs import (
    Job,
    Opener,
    PrintRunner,
    Written,
    attendance_folder,
    attendance_job,
    badge_job,
    badges_folder,
)
from facilitator.ui.widgets.tasks import BackgroundTask

LAYOUT_CHOICES = (
    ("a4-8", N_("8 per A4 sheet, 10 × 7 cm holders, cut marks")),
    ("a6-4", N_("4 per A4 sheet (A6 size)")),
    ("cr80", N_("1 card of 86 × 54 mm per page")),
)
ATTENDANCE_FORMATS = (("PDF", ".pdf"), (N_("Excel (.xlsx)"), ".xlsx"), ("CSV", ".csv"))
MAX_BLANK_ROWS = 100
_ERROR_STYLE = "color: #B00020; font-weight: bold;"
_DONE_STYLE = "color: #1B5E20;"


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _with_suffix(path: Path, suffix: str, known: Sequence[str]) -> Path:
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in known:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


@dataclass(frozen=True)
class _WorkshopFacts:
    slug: str
    title: str
    days: tuple[dt.date, ...]
    day_in_force: dt.date


def _facts(context: AppContext) -> _WorkshopFacts | None:
    workshop_id = context.workshop_id
    if workshop_id is None:
        return None

    def query(session: Session) -> _WorkshopFacts:
        w = get_workshop(session, workshop_id)
        days = tuple(
            w.start_date + dt.timedelta(days=n) for n in range((w.end_date - w.start_date).days + 1)
        )
        return _WorkshopFacts(w.slug, w.title, days, day_in_force(w))

    return context.read(query)


class _PrintDialog(QDialog):
    """What both dialogs share: the output file, the inline message, Print and Close."""

    suffixes: tuple[str, ...] = (".pdf",)

    def __init__(
        self, context: AppContext, title: str, parent: QWidget | None, opener: Opener | None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.workshop_id = context.workshop_id
        self.facts = _facts(context)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.runner = PrintRunner(self, context, opener)
        self.runner.printed.connect(self._printed)
        self.runner.open_failed.connect(self._open_failed)
        self.runner.failed.connect(self.show_error)
        self.shown: Written | None = None  # the file the message says was written
        self.task: BackgroundTask | None = None
        self.custom_output = False  # the user chose the file: keep it

        self.heading = QLabel(objectName="heading", wordWrap=True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.heading.setText(self.facts.title if self.facts else "")
        self.output = QLineEdit(objectName="output")
        self.output.textEdited.connect(self._output_edited)
        self.output.textChanged.connect(self.output.setToolTip)  # the whole path, when cut
        self.browse_button = QPushButton(_("Save as…"), objectName="browse")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.choose_output)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.print_button = QPushButton(_("Print"), objectName="print")
        self.print_button.setDefault(True)  # Enter anywhere in the form prints
        self.print_button.clicked.connect(self.start)
        self.close_button = QPushButton(_("Close"), objectName="close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        # What the button does: it writes a file, it does not print.
        self.what_happens = QLabel(objectName="what_happens", wordWrap=True)
        self.what_happens.setStyleSheet("color: #546E7A;")
        self.sections = QVBoxLayout()  # what a dialog asks, above the form's rows
        self.form = QFormLayout()

    def _finish_layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.output, 1)
        file_row.addWidget(self.browse_button)
        self.form.addRow(_("File:"), file_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        # The dialog grows when a message appears, instead of squashing the form's fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.heading)
        layout.addLayout(self.sections)
        layout.addLayout(self.form)
        layout.addWidget(self.what_happens)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        if self.facts is None:
            self.print_button.setEnabled(False)
            self.show_error(_("No workshop is open: choose one first."))

    # -- the output file -------------------------------------------------------------------------
    def default_output(self) -> Path:
        raise NotImplementedError

    def suffix(self) -> str:
        return self.suffixes[0]

    def file_filter(self) -> str:
        return _("PDF files (*.pdf)")

    def refresh_output(self) -> None:
        """Show the default file for the current choices, unless the user chose one."""
        if self.custom_output:
            current = Path(self.output.text().strip() or self.default_output())
            self.output.setText(str(_with_suffix(current, self.suffix(), self.suffixes)))
        elif self.facts is not None:
            self.output.setText(str(self.default_output()))

    def _output_edited(self, _text: str) -> None:
        self.custom_output = True

    def choose_output(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save as"), self.output.text(), self.file_filter()
        )
        if chosen:
            self.custom_output = True
            self.output.setText(chosen)
            self.output_chosen(Path(chosen))

    def output_chosen(self, path: Path) -> None:
        """The user picked a file in the file dialog (the attendance sheet follows its suffix)."""

    def output_path(self) -> Path | None:
        """The file to write, its suffix put right; None (and the reason shown) if unusable."""
        text = self.output.text().strip()
        if not text:
            self.show_error(_("Give the file to write."))
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.default_output().parent / path
        if path.is_dir():
            self.show_error(_("{path} is a folder; give a file name.").format(path=path))
            return None
        return _with_suffix(path, self.suffix(), self.suffixes)

    # -- running ---------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.runner.running()

    def start(self) -> BackgroundTask | None:
        raise NotImplementedError

    def run(self, title: str, label: str, job: Job, path: Path) -> BackgroundTask:
        self.message.hide()
        self.shown = None
        self.print_button.setEnabled(False)
        self.task = self.runner.run(title, label, job, path)
        return self.task

    def _printed(self, result: Written, opened: bool) -> None:
        text = result.message
        if not opened:
            text += "\n" + _("No application could open it: open it from its folder.")
        self._show(text, _DONE_STYLE)
        self.shown = result
        self.print_button.setEnabled(True)
        self.done_printing()

    def _open_failed(self, result: Written) -> None:
        """The viewer was started, then could not open the file: say so, if still relevant."""
        if self.shown is result and not self.message.isHidden():
            note = _("No application could open it: open it from its folder.")
            self._show(f"{result.message}\n{note}", _DONE_STYLE)

    def done_printing(self) -> None:
        """The file is written: refresh what depends on it."""
        if not self.custom_output:
            self.refresh_output()

    def show_error(self, text: str) -> None:
        self.shown = None
        self._show(text, _ERROR_STYLE)
        self.print_button.setEnabled(self.facts is not None)

    def _show(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.show()
        # A wrapped label's height depends on its width, which the minimum size ignores: grow.
        self.message.setMinimumHeight(self.message.heightForWidth(max(self.message.width(), 400)))
        self.adjustSize()

    def reject(self) -> None:
        if not self.busy():  # a file being written is never abandoned halfway
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.busy():
            event.ignore()
        else:
            super().closeEvent(event)


class BadgePrintDialog(_PrintDialog):
    """Print badges for all participants, the selection, or those not printed yet, in a layout."""

    def __init__(
        self,
        context: AppContext,
        selected_ids: Sequence[int],
        parent: QWidget | None = None,
        opener: Opener | None = None,
    ) -> None:
        super().__init__(context, _("Print badges"), parent, opener)
        self.setObjectName("badge_printing")
        self.selected_ids = list(dict.fromkeys(selected_ids))
        self.scope_all = QRadioButton(objectName="scope_all")
        self.scope_selection = QRadioButton(objectName="scope_selection")
        self.scope_not_printed = QRadioButton(objectName="scope_not_printed")
        self.scopes = QButtonGroup(self)
        who_box = QGroupBox(_("Badges to print"), objectName="who")
        who = QVBoxLayout(who_box)
        for button in (self.scope_all, self.scope_selection, self.scope_not_printed):
            self.scopes.addButton(button)
            who.addWidget(button)
        self.layouts: dict[str, QRadioButton] = {}
        self.layout_group = QButtonGroup(self)
        layout_box = QGroupBox(_("Layout"), objectName="layout_choice")
        formats = QVBoxLayout(layout_box)
        for name, description in LAYOUT_CHOICES:
            button = QRadioButton(_(description), objectName=f"layout_{name}")
            button.setToolTip(name)
            self.layouts[name] = button
            self.layout_group.addButton(button)
            formats.addWidget(button)
        # The layout this workshop's badges were printed with: walk-ins' badges will match.
        self.layouts[workshop_layout(context)].setChecked(True)
        same = QLabel(_("The desk prints walk-ins' badges in the same layout."), wordWrap=True)
        same.setObjectName("layout_note")
        same.setStyleSheet("color: #546E7A;")
        formats.addWidget(same)
        self.sections.addWidget(who_box)
        self.sections.addWidget(layout_box)
        # The button writes a file: it says so, and what to do with the file.
        self.print_button.setText(_("Create the PDF"))
        self.what_happens.setText(
            _(
                "The badges are written to a PDF file, which then opens: print it from your PDF "
                "reader at actual size (100%), so that they fit the badge holders."
            )
        )
        self._finish_layout()
        self.refresh_counts()
        (self.scope_selection if self.selected_ids else self.scope_all).setChecked(True)
        self.refresh_output()
        self.scopes.buttonToggled.connect(self._scope_changed)
        self.layout_group.buttonToggled.connect(self._layout_changed)

    def layout_name(self) -> str:
        return next(name for name, button in self.layouts.items() if button.isChecked())

    def default_output(self) -> Path:
        slug = self.facts.slug if self.facts else "badges"
        return badges_folder() / f"{slug}-badges-{self.layout_name()}-{_stamp()}.pdf"

    def refresh_counts(self) -> None:
        """Count the participants and the badges not printed yet, and label the choices."""
        everyone = not_printed = 0
        if self.workshop_id is not None:
            workshop_id = self.workshop_id
            everyone, not_printed = self.context.read(lambda s: badge_counts(s, workshop_id))
        self.counts = {
            self.scope_all: everyone,
            self.scope_selection: len(self.selected_ids),
            self.scope_not_printed: not_printed,
        }
        self.scope_all.setText(_("All participants ({n})").format(n=everyone))
        self.scope_selection.setText(_("The selection ({n})").format(n=len(self.selected_ids)))
        self.scope_not_printed.setText(
            _("Only those whose badge was not printed yet ({n})").format(n=not_printed)
        )
        for button, count in self.counts.items():
            button.setEnabled(count > 0)
        if self.scope_not_printed.isChecked() and not not_printed:
            self.scope_all.setChecked(True)

    def _scope_changed(self, _button: object, checked: bool) -> None:
        if checked and not self.busy():
            self.message.hide()

    def _layout_changed(self, _button: object, checked: bool) -> None:
        if checked and not self.custom_output:
            self.refresh_output()

    def start(self) -> BackgroundTask | None:
        """Write the chosen badges to the PDF in the background; Enter does the same."""
        if self.workshop_id is None or self.busy():
            return None
        path = self.output_path()
        if path is None:
            return None
        scope = self.scopes.checkedButton()
        if scope is None or not self.counts.get(scope):
            self.show_error(
                _("All badges are printed already: nothing to print.")
                if scope is self.scope_not_printed
                else _("No participant to print a badge for.")
            )
            return None
        ids = self.selected_ids if scope is self.scope_selection else None
        remember_layout(self.context, self.layout_name())  # the desk prints walk-ins with it
        job = badge_job(
            self.context.db,
            self.workshop_id,
            path,
            self.layout_name(),
            ids,
            not_printed=scope is self.scope_not_printed,
        )
        return self.run(_("Print badges"), _("Writing the badges…"), job, path)

    def done_printing(self) -> None:
        self.refresh_counts()
        super().done_printing()


class AttendanceDialog(_PrintDialog):
    """The attendance sheet of one day, with blank rows for walk-ins, as PDF, XLSX or CSV."""

    suffixes = tuple(suffix for _name, suffix in ATTENDANCE_FORMATS)

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, opener: Opener | None = None
    ) -> None:
        super().__init__(context, _("Attendance sheet"), parent, opener)
        self.setObjectName("attendance_printing")
        self.day = QComboBox(objectName="day")
        if self.facts is not None:
            for day in self.facts.days:
                self.day.addItem(day_label(day), day.isoformat())
            self.day.setCurrentIndex(max(self.day.findData(self.facts.day_in_force.isoformat()), 0))
        self.blank_rows = QSpinBox(objectName="blank_rows")
        self.blank_rows.setRange(0, MAX_BLANK_ROWS)
        self.blank_rows.setValue(10)
        self.blank_rows.setToolTip(
            _(
                "Numbered empty rows at the end, for people not on the list. "
                "A CSV file holds the list only."
            )
        )
        self.format = QComboBox(objectName="format")
        for name, suffix in ATTENDANCE_FORMATS:
            self.format.addItem(_(name), suffix)
        self.form.addRow(_("Day:"), self.day)
        self.form.addRow(_("Blank rows for walk-ins:"), self.blank_rows)
        self.form.addRow(_("Format:"), self.format)
        self.print_button.setText(_("Create the file"))
        self.what_happens.setText(
            _(
                "The sheet is written to a file, which then opens: print it from the application "
                "that shows it."
            )
        )
        self._finish_layout()
        self.refresh_output()
        self.day.currentIndexChanged.connect(self._choice_changed)
        self.format.currentIndexChanged.connect(self._choice_changed)

    def chosen_day(self) -> dt.date | None:
        data = self.day.currentData()
        return dt.date.fromisoformat(data) if data else None

    def suffix(self) -> str:
        return str(self.format.currentData())

    def file_filter(self) -> str:
        return {
            ".pdf": _("PDF files (*.pdf)"),
            ".xlsx": _("Excel workbooks (*.xlsx)"),
            ".csv": _("CSV files (*.csv)"),
        }[self.suffix()]

    def default_output(self) -> Path:
        slug = self.facts.slug if self.facts else "atelier"
        day = self.chosen_day()
        return attendance_folder() / f"{slug}-emargement-{day}{self.suffix()}"

    def _choice_changed(self, _index: int) -> None:
        self.blank_rows.setEnabled(self.suffix() != ".csv")
        self.refresh_output()

    def output_chosen(self, path: Path) -> None:
        index = self.format.findData(path.suffix.lower())
        if index >= 0:
            self.format.setCurrentIndex(index)

    def start(self) -> BackgroundTask | None:
        """Write the day's attendance sheet in the background; Enter does the same."""
        day = self.chosen_day()
        if self.workshop_id is None or day is None or self.busy():
            return None
        path = self.output_path()
        if path is None:
            return None
        job = attendance_job(self.context.db, self.workshop_id, day, self.blank_rows.value(), path)
        return self.run(_("Attendance sheet"), _("Writing the attendance sheet…"), job, path)


def open_badge_printing(
    parent: QWidget, context: AppContext, selected_ids: Sequence[int]
) -> BadgePrintDialog:
    """Open the badge printing dialog (window-modal) over `parent`."""
    return _opened(BadgePrintDialog(context, selected_ids, parent))


def open_attendance(parent: QWidget, context: AppContext) -> AttendanceDialog:
    """Open the attendance sheet dialog (window-modal) over `parent`."""
    return _opened(AttendanceDialog(context, parent))


_Dialog = TypeVar("_Dialog", bound=_PrintDialog)


def _opened(dialog: _Dialog) -> _Dialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
