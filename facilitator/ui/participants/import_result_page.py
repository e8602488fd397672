"""The last page of the import wizard: the import itself, with its progress, then what it did.

The import runs off the UI thread (one transaction after a backup, store.importing.import_into);
a long list's progress shows on the page: reading the rows, matching them, writing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from facilitator.core.participant_columns import parse_participants
from facilitator.i18n import _, ngettext, number
from facilitator.store.importing import ImportReport, describe, import_into
from facilitator.ui.participants.import_preview_model import skipped_line
from facilitator.ui.widgets.tasks import BackgroundTask

if TYPE_CHECKING:
    from facilitator.ui.participants.import_wizard import ImportWizard

_ERROR_STYLE = "color: #B00020;"
# The page shows its own bar; the task's progress window would only cover it.
_NEVER_MS = 2**31 - 1


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(_ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class ResultPage(QWizardPage):
    """The import itself, then what it did and the lines it left out."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.task: BackgroundTask | None = None
        self.report: ImportReport | None = None
        self.setTitle(_("Importing"))
        self.setSubTitle(
            _("The list is imported in one go: either everything is saved, or nothing.")
        )
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p %")
        self.progress.hide()
        self.error_label = _error_label()
        self.retry_button = QPushButton(_("&Try again"))
        self.retry_button.clicked.connect(self.start)
        self.retry_button.hide()
        self.types_label = QLabel()
        self.types_label.setWordWrap(True)
        self.skipped_label = QLabel(_("&Lines not imported:"))
        self.skipped_list = QListWidget()
        self.skipped_label.setBuddy(self.skipped_list)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.types_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped_list, 1)
        # Without skipped lines the list is hidden: the sentences stay together at the top.
        layout.addStretch(1)
        self._layout = layout

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.start()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self.task is None

    def start(self) -> None:
        """Import the list with the chosen columns and types, in the background."""
        if self.task is not None:
            return
        table, mapping = self.owner.table, list(self.owner.mapping)
        choices = dict(self.owner.type_choices)
        db, workshop_id = self.owner.context.db, self.owner.workshop_id
        assert table is not None
        self.report = None
        self.retry_button.hide()
        _show_error(self.error_label, "")
        rows = len(table.rows)
        self.result_label.setText(
            ngettext(
                "Importing {n} line of the list…", "Importing {n} lines of the list…", rows
            ).format(n=number(rows))
        )
        self.progress.setRange(0, 3 * max(rows, 1))
        self.progress.setValue(0)
        self.progress.show()
        self._show_details(None)

        def job(report: Callable[[int, int], None]) -> ImportReport:
            # Three equal steps per row: read from the table, matched, written.
            lines = max(rows, 1)
            total = 3 * lines
            parsed = parse_participants(
                table, mapping, progress=lambda done, _all: report(done, total)
            )

            def importing(done: int, of: int) -> None:
                report(lines + (2 * lines * done) // max(of, 1), total)

            return import_into(db, workshop_id, parsed, progress=importing, choices=choices)

        self.task = BackgroundTask(self, _("Importing"), _("Importing the participants…"), job)
        self.task.dialog.setMinimumDuration(_NEVER_MS)
        self.task.worker.progress.connect(self._on_progress)
        self.task.finished_ok.connect(self._on_imported)
        self.task.finished_error.connect(self._on_failed)
        self.task.start()
        self.completeChanged.emit()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _end_task(self) -> None:
        if self.task is not None:
            self.task.dialog.deleteLater()
            self.task.deleteLater()
            self.task = None
        self.progress.hide()
        self.completeChanged.emit()

    def _show_details(self, report: ImportReport | None) -> None:
        skipped = report.skipped if report else []
        self.skipped_list.clear()
        self.skipped_list.addItems([skipped_line(row) for row in skipped])
        self.skipped_label.setVisible(bool(skipped))
        self.skipped_list.setVisible(bool(skipped))
        self._layout.setStretch(self._layout.count() - 1, 0 if skipped else 1)
        # Categories the workshop had no type for became new types: say which.
        types = report.new_types if report else []
        self.types_label.setText(
            _("New participant types: {types}.").format(types=", ".join(types)) if types else ""
        )
        self.types_label.setVisible(bool(types))

    def _on_imported(self, report: ImportReport) -> None:
        self.report = report
        self.result_label.setText(describe(report, False))
        self._show_details(report)
        self._end_task()
        self.owner.on_imported(report)

    def _on_failed(self, error: Exception) -> None:
        self.result_label.clear()
        # SQLAlchemy's message adds the SQL and a web link; the driver's own says what went wrong.
        reason = getattr(error, "orig", None) or error
        _show_error(
            self.error_label,
            _("The import failed and nothing was saved: {error}").format(error=reason),
        )
        self.retry_button.show()
        self._end_task()
