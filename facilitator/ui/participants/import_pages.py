"""The first pages of the participant-list import wizard: the file, then its columns.

Reading the file and the trial runs behind the live summary run off the UI thread. The types
page and the result page follow (import_types_page, import_result_page).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from facilitator.core.participant_columns import is_participant_list
from facilitator.core.tabular import Table, TableError
from facilitator.i18n import _
from facilitator.store.importing import ImportReport
from facilitator.ui.participants.import_preview_model import (
    Mapping,
    MappingHeader,
    PreviewModel,
    TrialRunner,
    no_name_column,
    preview_extent,
    read_participant_list,
    source_description,
    summary_text,
)
from facilitator.ui.widgets.tasks import BackgroundTask

if TYPE_CHECKING:
    from facilitator.ui.participants.import_wizard import ImportWizard

_ERROR_STYLE = "color: #B00020;"
SETTINGS = ("facilitator", "facilitator")  # QSettings(organisation, application) of the app
LAST_FOLDER_KEY = "import/last_folder"  # the folder of the last list read, for « Parcourir… »
TYPING_PAUSE_MS = 400  # a path typed in the field is read after this pause, when it is a file


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


class FilePage(QWizardPage):
    """Page 1: choose the file (Browse, type a path, or drop it here) and read it."""

    def __init__(self, wizard: ImportWizard, workshop_title: str) -> None:
        super().__init__()
        self.owner = wizard
        self.task: BackgroundTask | None = None
        self.setTitle(_("File"))
        self.setSubTitle(
            _(
                "Choose the list of participants to import into “{workshop}”: a CSV file or an "
                "Excel workbook. You can also drop the file onto this window."
            ).format(workshop=workshop_title)
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("Path of the file"))
        self.path_edit.editingFinished.connect(self._on_path_changed)
        self.path_edit.returnPressed.connect(self._on_path_entered)
        self.path_edit.textEdited.connect(self._on_path_edited)
        # A typed path is read once typing pauses, when it names a file: no need for Tab or Enter.
        self.typing_timer = QTimer(self)
        self.typing_timer.setSingleShot(True)
        self.typing_timer.setInterval(TYPING_PAUSE_MS)
        self.typing_timer.timeout.connect(self._on_typing_paused)
        self.path_edit.installEventFilter(self)
        self.browse_button = QPushButton(_("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        label = QLabel(_("&File:"))
        label.setBuddy(self.path_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.setAcceptDrops(True)

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        # The file read must be the one the field names (not one typed over since).
        return (
            self.task is None
            and self.owner.table is not None
            and self._typed_path() == self.owner.path
        )

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        return self.isComplete()  # QWizard.next() itself does not check

    def start_folder(self) -> Path:
        """Where « Browse… » opens: the typed file's folder, the last list's, else Documents."""
        typed = self._typed_path()
        last = QSettings(*SETTINGS).value(LAST_FOLDER_KEY)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        for folder in (
            typed.parent if typed is not None else None,
            Path(last) if isinstance(last, str) and last else None,
            Path(documents) if documents else None,
        ):
            if folder is not None and folder.is_dir():
                return folder
        return Path.home()

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a list of participants"),
            str(self.start_folder()),
            _("Participant lists (*.csv *.xlsx *.xlsm *.txt *.tsv)") + ";;" + _("All files (*)"),
        )
        if name:
            self.load(Path(name))

    def _typed_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _on_path_edited(self, _text: str) -> None:
        self.typing_timer.start()
        typed = self._typed_path()
        if typed is None:
            self.status_label.clear()
        elif typed != self.owner.path:
            self.status_label.setText(_("Press Enter to read the file."))
        self.completeChanged.emit()  # « Next » waits for the file the field names

    def _on_typing_paused(self) -> None:
        path = self._typed_path()
        if path is None or path == self.owner.path or not path.is_file():
            return  # Enter (or leaving the field) reads it, and says what is wrong
        if self.task is not None:
            self.typing_timer.start()  # another file is being read: try again after it
            return
        self.load(path)

    def _on_path_changed(self) -> None:
        self.typing_timer.stop()
        path = self._typed_path()
        if path is not None and path != self.owner.path:
            self.load(path)

    def _on_path_entered(self) -> None:
        # Enter reads the file again after a failure; after a success it goes on to « Suivant ».
        path = self._typed_path()
        if path is not None and (path != self.owner.path or self.owner.table is None):
            self.load(path)

    def load(self, path: Path) -> None:
        """Read the file in the background; the page completes when it is a participant list."""
        if self.task is not None:
            return
        self.typing_timer.stop()
        self.owner.set_table(path, None, [])
        self.path_edit.setText(str(path))
        _show_error(self.error_label, "")
        self.status_label.setText(_("Reading {file}…").format(file=path.name))
        self.task = BackgroundTask(
            self,
            _("Importing"),  # short: a progress window is narrow (it showed « Import…litator »)
            _("Reading {file}…").format(file=path.name),
            lambda _report: read_participant_list(path),
        )
        self.task.finished_ok.connect(self._on_read)
        self.task.finished_error.connect(self._on_error)
        self._set_busy(True)
        self.task.start()

    def _set_busy(self, busy: bool) -> None:
        self.browse_button.setEnabled(not busy)
        self.path_edit.setReadOnly(busy)
        if not busy and self.task is not None:
            self.task.dialog.deleteLater()
            self.task.deleteLater()
            self.task = None
        self.completeChanged.emit()

    def _on_read(self, result: tuple[Table, Mapping]) -> None:
        table, mapping = result
        assert self.owner.path is not None
        self.owner.set_table(self.owner.path, table, mapping)
        QSettings(*SETTINGS).setValue(LAST_FOLDER_KEY, str(self.owner.path.parent))
        self.status_label.setText(
            _("{file}: {rows}").format(file=self.owner.path.name, rows=preview_extent(table))
        )
        self._set_busy(False)

    def _on_error(self, error: Exception) -> None:
        self.status_label.clear()
        if isinstance(error, TableError):
            _show_error(self.error_label, str(error))
        else:
            _show_error(
                self.error_label, _("The file could not be read: {error}").format(error=error)
            )
        self._set_busy(False)

    # Dropping a file anywhere on the page, the path field included, reads it.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        dragging = (QEvent.Type.DragEnter, QEvent.Type.DragMove)
        if watched is self.path_edit and event.type() in dragging:
            self.dragEnterEvent(event)  # type: ignore[arg-type]
            return True
        if watched is self.path_edit and event.type() == QEvent.Type.Drop:
            self.dropEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def _dropped_path(self, event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) == 1 and urls[0].isLocalFile() and self.task is None:
            return Path(urls[0].toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        path = self._dropped_path(event)
        if path is not None:
            event.acceptProposedAction()
            self.load(path)


class ColumnsPage(QWizardPage):
    """Page 2: what each column holds, the first rows, and what the import will do.

    When a column holds categories, the types page follows (it shows the type each value gets);
    otherwise this page imports. `report` is the latest trial run's, for the current mapping.
    """

    summary_updated = Signal(str)  # the summary of a finished trial run, for the current mapping
    report_ready = Signal(object)  # the ImportReport of that trial run
    trial_failed = Signal(str)  # why that trial run could not say what the import will do

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.trials = TrialRunner(wizard.context.db, wizard.workshop_id, self)
        self.trials.done.connect(self._on_trial_done)
        self.setTitle(_("Columns"))
        self.setSubTitle(
            _(
                "Check what each column holds. If a column was misunderstood, choose the right "
                "field in the list above it."
            )
        )
        self.report: ImportReport | None = None
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.model = PreviewModel(self)
        self.header = MappingHeader()
        self.view = QTableView()
        self.view.setHorizontalHeader(self.header)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.horizontalScrollBar().valueChanged.connect(self.header.place_combos)
        self.header.mapping_changed.connect(self._on_mapping_changed)
        self.header.column_focused.connect(self._show_column)
        self.source_label = QLabel()
        self.extent_label = QLabel()
        hint = QLabel(
            _(
                "What ignored columns hold goes into each participant’s notes, except numbering "
                "and signature columns."
            )
        )
        hint.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.error_label = _error_label()
        self.error_label.setObjectName("columnsError")
        layout = QVBoxLayout(self)
        # Above the table: when no column was read as the name, this is what to do first.
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        for label in (self.source_label, self.extent_label, hint):
            layout.addWidget(label)
        layout.addWidget(self.summary_label)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        table = self.owner.table
        assert table is not None
        self.header.set_columns(table.headers, self.owner.mapping)
        self.model.set_table(table, self.owner.mapping)
        self.header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        self.source_label.setText(source_description(table))
        self.extent_label.setText(preview_extent(table))
        self._on_mapping_changed()
        combos = self.header.combos
        for before, after in zip(combos, [*combos[1:], self.view], strict=False):
            QWidget.setTabOrder(before, after)
        if combos:
            combos[0].setFocus()

    def _show_column(self, column: int) -> None:
        self.view.scrollTo(self.model.index(max(self.view.rowAt(0), 0), column))

    def cleanupPage(self) -> None:  # noqa: N802 (Qt API)
        self.trials.stop()
        super().cleanupPage()

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        if not self.has_categories():
            self.trials.stop()  # the import itself follows; the trial run no longer matters
        return self.isComplete()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return is_participant_list(self.owner.mapping)

    def has_categories(self) -> bool:
        """Whether a column is read as the participant type (the types page follows)."""
        return "category" in self.owner.mapping

    def nextId(self) -> int:  # noqa: N802 (Qt API)
        page = self.owner.types_page if self.has_categories() else self.owner.result_page
        return self.owner.page_id(page)

    def _on_mapping_changed(self) -> None:
        mapping = self.owner.mapping = self.header.mapping()
        self.model.set_mapping(mapping)
        self.report = None
        self.setCommitPage(not self.has_categories())
        if is_participant_list(mapping):
            _show_error(self.error_label, "")
            self.summary_label.setText(_("Working out what the import will do…"))
            assert self.owner.table is not None
            self.trials.request(self.owner.table, mapping)
        else:
            self.trials.stop()
            self.summary_label.clear()
            _show_error(self.error_label, no_name_column())
        self.completeChanged.emit()

    def _on_trial_done(self, result: object) -> None:
        if isinstance(result, ImportReport):
            text = summary_text(result)
            self.report = result
            self.summary_label.setText(text)
            self.summary_updated.emit(text)
            self.report_ready.emit(result)
        elif isinstance(result, TableError):
            self.summary_label.clear()
            _show_error(self.error_label, str(result))
            self.trial_failed.emit(str(result))
        else:
            text = _("What the import will do could not be worked out: {error}").format(
                error=result
            )
            self.summary_label.setText(text)
            self.trial_failed.emit(text)
