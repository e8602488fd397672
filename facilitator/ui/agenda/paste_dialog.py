"""« Coller un programme »: the text pasted from Word or Excel, and a preview of what it adds.

Nothing is written before « Ajouter »: the preview lists each item with its times, kind and
speakers, the lines that cannot be used and why, and how the day will look. The text can be
corrected in the box, and the preview follows.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.pasted_programme import PastedItem, PastedProgramme, Problem, parse_programme
from facilitator.i18n import _, ngettext
from facilitator.store.agenda import kind_label
from facilitator.ui.agenda.editor_model import format_minutes

PREVIEW_DELAY_MS = 150
_WARNING = "color: #8a4b00;"
_GUESSED = QColor("#8a4b00")


def problem_text(problem: Problem) -> str:
    return {
        Problem.NO_TITLE: _("a time but no title"),
        Problem.END_NOT_AFTER_START: _("the end is not after the start"),
        Problem.GOES_BACK: _(
            "it starts before the line above (another day? paste one day at a time)"
        ),
    }[problem]


def columns() -> list[str]:
    return [_("Line"), _("Start time"), _("End time"), _("Duration"), _("Title"), _("Kind"),
            _("Speakers or moderators")]  # fmt: skip


class PasteProgrammeDialog(QDialog):
    """Paste a day's programme; `programme` is what « Ajouter » adds."""

    def __init__(
        self,
        text: str,
        day_label: str,
        day_end: dt.time | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paste_programme_dialog")
        self.setWindowTitle(_("Paste a programme"))
        self.day_label = day_label
        self.day_end = day_end  # when the day's items end now (None: the day is empty)
        self.programme = PastedProgramme((), (), ())
        intro = QLabel(
            _(
                "Paste the programme copied from Word or Excel (Ctrl+V): one line per item, "
                "starting with its times, such as « 08:30 – 09:00  Accueil des participants ». "
                "Nothing is added before « Add »."
            ),
            wordWrap=True,
        )
        self.text = QPlainTextEdit(objectName="pasted_text")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # one line, one item
        self.text.setPlaceholderText("08:30 – 09:00\tAccueil et installation des participants")
        self.table = QTableWidget(0, len(columns()), objectName="preview")
        self.table.setHorizontalHeaderLabels(columns())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)  # one line per item, as in the agenda; a tooltip holds all
        header = self.table.horizontalHeader()
        for column in range(len(columns())):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(objectName="summary", wordWrap=True)
        self.summary.setStyleSheet("font-weight: 600;")
        self.problems = QLabel(objectName="problems", wordWrap=True)
        self.problems.setStyleSheet(_WARNING)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(_("Add"), objectName="add_pasted")
        self.add_button.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel(_("What will be added:")))
        preview_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.text)
        split.addWidget(preview)
        split.setSizes([1000, 1600])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_preview)
        self.text.textChanged.connect(self.timer.start)
        self.text.setPlainText(text)
        self.update_preview()
        self._fit_to_screen()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 900, 620
        if room is not None:  # a 1024×768 laptop: inside the screen, title bar included
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    def pasted_text(self) -> str:
        return self.text.toPlainText()

    def update_preview(self) -> None:
        """Read the text again and show what it would add."""
        self.timer.stop()
        self.programme = parse_programme(self.pasted_text())
        items = self.programme.items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            self._fill_row(row, item)
        self.add_button.setEnabled(bool(items))
        self.add_button.setText(
            ngettext("Add {n} item", "Add {n} items", len(items)).format(n=len(items))
            if items
            else _("Add")
        )
        self.summary.setText(self._summary())
        problems = self._problems()
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def _fill_row(self, row: int, item: PastedItem) -> None:
        assert item.end is not None
        end = QTableWidgetItem(f"{item.end:%H:%M}")
        if item.end_guessed:
            end.setForeground(_GUESSED)
            end.setToolTip(_("No end time given: the next item's start, or 30 minutes."))
        cells = [
            QTableWidgetItem(str(item.line)),
            QTableWidgetItem(f"{item.start:%H:%M}"),
            end,
            QTableWidgetItem(format_minutes(item.minutes)),
            QTableWidgetItem(item.title),
            QTableWidgetItem(kind_label(item.kind)),
            QTableWidgetItem(item.speakers),
        ]
        for column, cell in enumerate(cells):
            cell.setToolTip(cell.toolTip() or cell.text())
            self.table.setItem(row, column, cell)

    def _summary(self) -> str:
        items = self.programme.items
        if not items:
            return _("No line starts with a time yet: nothing to add.")
        last_end = items[-1].end
        assert last_end is not None
        return ngettext(
            "{n} item will be added to {day}, from {start} to {end}.",
            "{n} items will be added to {day}, from {start} to {end}.",
            len(items),
        ).format(
            n=len(items),
            day=self.day_label,
            start=f"{items[0].start:%H:%M}",
            end=f"{last_end:%H:%M}",
        )

    def _problems(self) -> list[str]:
        lines = [
            _("Line {line} left out: {reason} — « {text} »").format(
                line=refused.line,
                reason=problem_text(refused.problem),
                text=" · ".join(part.strip() for part in refused.text.split("\t") if part.strip()),
            )
            for refused in self.programme.refused
        ]
        skipped = self.programme.skipped
        if skipped:
            lines.append(
                ngettext(
                    "{n} line without a time left aside (a heading?): {lines}",
                    "{n} lines without a time left aside (headings?): {lines}",
                    len(skipped),
                ).format(n=len(skipped), lines=", ".join(str(line) for line, _text in skipped))
            )
        for line in self.programme.overlaps:
            lines.append(_("Line {line} starts before the item above it ends.").format(line=line))
        items = self.programme.items
        if items and self.day_end is not None:
            lines.append(
                _(
                    "This day already has items until {time}: the pasted ones go after them, "
                    "each at its own time."
                ).format(time=f"{self.day_end:%H:%M}")
            )
        if any(item.end_guessed for item in items):
            lines.append(
                _("End times in colour were not given: the next item's start, or 30 minutes.")
            )
        return lines
