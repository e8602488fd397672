"""What the import wizard shows and works out: the file's first rows, the field chosen above each
column, the trial runs that say what the import will do, and the sentences that describe it all.

No widget layout here (see import_wizard.py): a Qt model, the header, a controller and texts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from facilitator.core.participant_columns import (
    FIELD_LABELS,
    FIELDS,
    SkippedRow,
    holds_other_data,
    load_participant_file,
    parse_participants,
)
from facilitator.core.tabular import Table, TableError, TableRow
from facilitator.i18n import _, ngettext, number
from facilitator.store.database import Database
from facilitator.store.importing import ImportReport, import_into

PREVIEW_ROWS = 50
# A trial run starts once the mapping has not changed for this long.
TRIAL_DELAY_MS = 300
# Skipped lines named in the one-line summary; the others are counted only.
SUMMARY_SKIPPED_SHOWN = 3
_IGNORED_COLOUR = QColor("#8A8A8A")
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "ISO-8859-1",
}

Index = QModelIndex | QPersistentModelIndex
Mapping = list[str | None]


class PreviewModel(QAbstractTableModel):
    """The first rows of a table with their file line numbers; ignored columns are greyed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._rows: tuple[TableRow, ...] = ()
        self._mapping: list[str | None] = []

    def set_table(self, table: Table | None, mapping: Sequence[str | None]) -> None:
        self.beginResetModel()
        self._headers = table.headers if table else ()
        self._rows = table.rows[:PREVIEW_ROWS] if table else ()
        self._mapping = list(mapping)
        self.endResetModel()

    def set_mapping(self, mapping: Sequence[str | None]) -> None:
        self._mapping = list(mapping)
        if self._rows and self._headers:
            last = self.index(len(self._rows) - 1, len(self._headers) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.ForegroundRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._headers)

    def _ignored(self, column: int) -> bool:
        return column >= len(self._mapping) or self._mapping[column] is None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cell = self._rows[index.row()].cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(cell.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell or None
        if role == Qt.ItemDataRole.ForegroundRole and self._ignored(index.column()):
            return QBrush(_IGNORED_COLOUR)
        return None

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            title = self._headers[section] or _("(no title)")
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return title
        elif orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            line = self._rows[section].line
            if role == Qt.ItemDataRole.DisplayRole:
                return str(line)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Line {line} of the file").format(line=line)
        return None


class MappingHeader(QHeaderView):
    """A horizontal header with, above each column title, the field that column is read as."""

    mapping_changed = Signal()
    column_focused = Signal(int)  # a combo got the keyboard focus: its column should be shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.combos: list[QComboBox] = []
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumSectionSize(320)
        self.sectionResized.connect(self.place_combos)
        self.sectionCountChanged.connect(self.place_combos)
        self.geometriesChanged.connect(self.place_combos)

    def set_columns(self, headers: tuple[str, ...], mapping: Mapping) -> None:
        for combo in self.combos:
            combo.hide()
            combo.deleteLater()
        self.combos = []
        for column, header in enumerate(headers):
            combo = QComboBox(self.viewport())
            combo.addItem(_("Ignore"), None)
            for field in FIELDS:
                combo.addItem(_(FIELD_LABELS[field]), field)
            guessed = mapping[column] if column < len(mapping) else None
            combo.setCurrentIndex(max(combo.findData(guessed), 0) if guessed else 0)
            combo.setAccessibleName(
                _("Field of column “{column}”").format(column=header or column + 1)
            )
            combo.setToolTip(_("What column “{column}” holds").format(column=header or column + 1))
            combo.currentIndexChanged.connect(partial(self._on_combo, column))
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(self)
            combo.show()
            self.combos.append(combo)
        if self.combos:
            self.setMinimumSectionSize(self.combos[0].sizeHint().width())
        self.updateGeometry()
        self.place_combos()

    def mapping(self) -> Mapping:
        return [combo.currentData() for combo in self.combos]

    def _on_combo(self, column: int, _index: int) -> None:
        # One column per field, as the guess does (notes excepted: several columns may feed them).
        field = self.combos[column].currentData()
        if field is not None and field != "notes":
            for other, combo in enumerate(self.combos):
                if other != column and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.mapping_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if isinstance(watched, QComboBox) and watched in self.combos:
            if event.type() == QEvent.Type.FocusIn:
                self.column_focused.emit(self.combos.index(watched))
            elif event.type() == QEvent.Type.Wheel and not watched.hasFocus():
                return True  # scrolling past a column must not change what it holds
        return super().eventFilter(watched, event)

    def _combo_height(self) -> int:
        return self.combos[0].sizeHint().height() if self.combos else 0

    def place_combos(self) -> None:
        height = self._combo_height()
        for column, combo in enumerate(self.combos):
            combo.setGeometry(
                self.sectionViewportPosition(column), 0, self.sectionSize(column), height
            )

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        hint.setHeight(hint.height() + self._combo_height())
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, index: int) -> None:  # noqa: N802
        super().paintSection(painter, rect.adjusted(0, self._combo_height(), 0, 0), index)


class _TrialCancelledError(Exception):
    """A trial run stopped because its result is no longer wanted."""


class _Trial(QThread):
    """One trial run in its own thread; `computed(this trial, report or exception)` at the end.

    Trials belong to no widget: one still running when its wizard is deleted (the app's window
    closed under it) ends on its own, and the app waits for them before quitting.
    """

    computed = Signal(object, object)

    def __init__(self, generation: int, job: Callable[[threading.Event], object]) -> None:
        super().__init__()
        self.generation, self.job = generation, job
        self.cancel = threading.Event()
        _RUNNING.add(self)
        self.finished.connect(self._forget)
        app = QCoreApplication.instance()
        if app is not None and not app.property("facilitator_waits_for_trials"):
            app.setProperty("facilitator_waits_for_trials", True)
            app.aboutToQuit.connect(wait_for_trials)

    def run(self) -> None:
        try:
            result = self.job(self.cancel)
        except Exception as exc:  # shown to the user by whoever asked
            result = exc
        self.computed.emit(self, result)

    def _forget(self) -> None:
        # Later, not inside this object's own slot: dropping the last reference deletes it.
        QTimer.singleShot(0, partial(_release, self))


_RUNNING: set[_Trial] = set()


def _release(trial: _Trial) -> None:
    trial.wait()  # `finished` comes just before the thread's very end
    _RUNNING.discard(trial)


def trials_under_way() -> int:
    """How many trial threads have not ended yet."""
    return len(_RUNNING)


def wait_for_trials(msecs: int = 5000) -> None:
    """Cancel every trial run still under way and wait for its thread (before quitting)."""
    for trial in list(_RUNNING):
        trial.cancel.set()
    for trial in list(_RUNNING):
        trial.wait(msecs)


class TrialRunner(QObject):
    """Works out in the background what importing a table with a mapping would do.

    Requests are debounced; one trial runs at a time and a newer request cancels it. `done`
    gets the ImportReport (or the exception) of the latest request only.
    """

    done = Signal(object)

    def __init__(self, db: Database, workshop_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.workshop_id = db, workshop_id
        self.generation = 0
        self.request_args: tuple[Table, Mapping] | None = None
        self.trial: _Trial | None = None
        self.pending = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TRIAL_DELAY_MS)
        self.timer.timeout.connect(self._start)

    def request(self, table: Table, mapping: Mapping) -> None:
        self.generation += 1
        self.request_args = (table, list(mapping))
        self.timer.start()

    def is_running(self) -> bool:
        return self.trial is not None or self.timer.isActive() or self.pending

    def stop(self, wait: bool = False) -> None:
        """Drop the trials under way or planned (waiting for the thread's end if asked)."""
        self.timer.stop()
        self.pending = False
        self.generation += 1
        if self.trial is not None:
            self.trial.cancel.set()
            if wait:
                self.trial.wait()
                self.trial = None

    def _start(self) -> None:
        if self.trial is not None:
            self.trial.cancel.set()
            self.pending = True
            return
        assert self.request_args is not None
        (table, mapping), db, workshop_id = self.request_args, self.db, self.workshop_id

        def job(cancel: threading.Event) -> ImportReport:
            def progress(_done: int, _total: int) -> None:
                if cancel.is_set():
                    raise _TrialCancelledError

            parsed = parse_participants(table, mapping)
            progress(0, 0)
            return import_into(db, workshop_id, parsed, dry_run=True, progress=progress)

        self.trial = _Trial(self.generation, job)
        self.trial.computed.connect(self._on_computed)
        self.trial.start()

    def _on_computed(self, trial: _Trial, result: object) -> None:
        if trial is not self.trial:
            return  # already dropped by stop(wait=True)
        self.trial = None
        if trial.generation == self.generation and not isinstance(result, _TrialCancelledError):
            self.done.emit(result)
        if self.pending:
            self.pending = False
            self._start()


def source_description(table: Table) -> str:
    """How the file was read: « Encodage : Windows-1252 · séparateur « ; » · ligne d’en-tête 3 »."""
    parts: list[str] = []
    if table.sheet is not None:
        parts.append(_("sheet “{sheet}”").format(sheet=table.sheet))
    if table.encoding is not None:
        name = _ENCODING_NAMES.get(table.encoding, table.encoding.upper())
        parts.append(_("Encoding: {encoding}").format(encoding=name))
        if table.delimiter == "\t":
            parts.append(_("tab separator"))
        elif table.delimiter is not None:
            parts.append(_("separator “{separator}”").format(separator=table.delimiter))
        else:
            parts.append(_("one column"))
    parts.append(_("header line {line}").format(line=table.header_line))
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def preview_extent(table: Table) -> str:
    """How much of the file the preview shows."""
    total = len(table.rows)
    if total <= PREVIEW_ROWS:
        return ngettext("{count} row read.", "{count} rows read.", total).format(
            count=number(total)
        )
    return _("Preview of the first {shown} rows out of {total}.").format(
        shown=number(PREVIEW_ROWS), total=number(total)
    )


def skipped_line(row: SkippedRow) -> str:
    """One skipped line for a list: « Ligne 14 : aucun nom sur cette ligne »."""
    return _("Line {line}: {reason}").format(line=number(row.line), reason=row.reason)


def summary_text(report: ImportReport) -> str:
    """What an import will do, in one sentence, from a dry run's report."""
    parts = [
        ngettext("{count} new participant", "{count} new participants", report.imported),
        ngettext("{count} updated", "{count} updated", report.updated),
        ngettext("{count} unchanged", "{count} unchanged", report.unchanged),
    ]
    text = ", ".join(
        part.format(count=number(n))
        for part, n in zip(parts, (report.imported, report.updated, report.unchanged), strict=True)
    )
    skipped = report.skipped
    text += ", " + ngettext("{count} line skipped", "{count} lines skipped", len(skipped)).format(
        count=number(len(skipped))
    )
    if skipped:
        details = [
            _("line {line}: {reason}").format(line=number(row.line), reason=row.reason)
            for row in skipped[:SUMMARY_SKIPPED_SHOWN]
        ]
        if len(skipped) > SUMMARY_SKIPPED_SHOWN:
            details.append("…")
        text += " (" + "; ".join(details) + ")"
    return text


def read_participant_list(path: Path) -> tuple[Table, Mapping]:
    """Read a file and refuse, with a reason, one that holds no participants (worker thread).

    A list whose name column was not recognised is not refused: the columns page asks for it.
    """
    table, mapping = load_participant_file(path)
    if holds_other_data(table.headers):
        # Same reason the parser gives, without parsing every row to get it.
        parse_participants(replace(table, rows=()), mapping)
    if not table.rows:
        raise TableError(
            _("{file} has column titles on line {line} but no participant below them.").format(
                file=path.name, line=table.header_line
            )
        )
    return table, mapping


def no_name_column() -> str:
    """Why a mapping cannot be imported when no column is read as a name."""
    return _(
        "No column is read as a name: choose “{first}”, “{last}” or “{full}” above the column "
        "that holds the names."
    ).format(
        first=_(FIELD_LABELS["first_name"]),
        last=_(FIELD_LABELS["last_name"]),
        full=_(FIELD_LABELS["full_name"]),
    )
