"""The list of workshops: create, edit, duplicate, delete, and open one to work on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import N_, _, ngettext
from facilitator.store.workshops import (
    WorkshopSummary,
    delete_workshop,
    duplicate_workshop,
    list_workshops,
)
from facilitator.ui.context import AREA_WORKSHOPS, AppContext
from facilitator.ui.widgets.dates import app_locale, format_date_range
from facilitator.ui.workshops.dialog import WorkshopDialog
from facilitator.ui.workshops.type_merges import TypesUndoStack

AnyIndex = QModelIndex | QPersistentModelIndex


class WorkshopTableModel(QAbstractTableModel):
    """Workshops as table rows: title, dates, venue, registered and present counts."""

    COLUMNS = (N_("Title"), N_("Dates"), N_("Venue"), N_("Registered"), N_("Attending"))
    TITLE, DATES, VENUE, REGISTERED, PRESENT = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WorkshopSummary] = []
        self.current_id: int | None = None

    def set_rows(self, rows: Sequence[WorkshopSummary], current_id: int | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.current_id = current_id
        self.endResetModel()

    def row_at(self, row: int) -> WorkshopSummary:
        return self._rows[row]

    def row_of(self, workshop_id: int) -> int | None:
        return next((i for i, w in enumerate(self._rows) if w.id == workshop_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        w, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return w.title
            if column == self.DATES:
                return format_date_range(w.start_date, w.end_date)
            if column == self.VENUE:
                return ", ".join(part for part in (w.venue, w.city) if part)
            number = w.registered if column == self.REGISTERED else w.present
            return app_locale().toString(number)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.REGISTERED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and w.id == self.current_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if w.id == self.current_id:
                return _("The workshop open now ({slug})").format(slug=w.slug)
            return w.slug
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section == self.PRESENT:
            return _("Checked in today, or on the nearest day of the workshop")
        return None


class WorkshopsScreen(QWidget):
    """Every workshop of the event database; `open_requested(id)` when the user opens one."""

    open_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopsScreen")
        self.context = context
        self.dialog: WorkshopDialog | None = None
        # Type merges (from a workshop's form) stay undoable here once the form is closed.
        self.undo_stack = TypesUndoStack(self)

        heading = QLabel(_("Workshops"))
        heading.setObjectName("workshopsHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.empty_label = QLabel(_("No workshop yet. Create one with « New workshop… »."))
        self.empty_label.setObjectName("workshopsEmpty")
        self.new_button = self._button("newWorkshopButton", _("New workshop…"), self.new_workshop)
        self.open_button = self._button("openWorkshopButton", _("Open"), self.open_selected)
        self.edit_button = self._button("editWorkshopButton", _("Edit…"), self.edit_selected)
        self.duplicate_button = self._button(
            "duplicateWorkshopButton", _("Duplicate"), self.duplicate_selected
        )
        self.delete_button = self._button(
            "deleteWorkshopButton", _("Delete…"), self.delete_selected
        )
        self.open_button.setDefault(True)
        self.open_button.setToolTip(_("Work on this workshop: participants, desk, agenda…"))
        self.duplicate_button.setToolTip(
            _(
                "Copy the details, participant types, participants (with new badges) and agenda; "
                "not check-ins or groups"
            )
        )

        self.model = WorkshopTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("workshopsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WorkshopTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # Bound methods, never lambdas: Qt disconnects them when this screen is destroyed (a
        # language switch rebuilds the window while the context lives on).
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.status_label = QLabel()
        self.status_label.setObjectName("workshopsStatus")
        self.status_label.setWordWrap(True)
        self.undo_button = self._button("undoWorkshopsButton", "", self.undo_stack.undo)
        self.undo_button.hide()
        self.undo_stack.indexChanged.connect(self._undo_changed)
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.edit_button, self.duplicate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(buttons)
        # In the table's place when there is none: the sentence stays under the buttons.
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.table, 1)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.undo_button)
        layout.addLayout(status)

        context.data_changed.connect(self._on_data_changed)
        context.workshop_changed.connect(self._on_data_changed)
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # Reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the workshops, keeping the selection (or the open workshop) selected."""
        keep = self.selected_id() or self.context.workshop_id
        self.model.set_rows(self.context.read(list_workshops), self.context.workshop_id)
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)
        if (keep is None or not self.select_workshop(keep)) and self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _on_activated(self, _index: QModelIndex) -> None:
        self.open_selected()

    def _on_data_changed(self, *_args: object) -> None:
        # Hidden screens only take note; showing the screen reloads it.
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def selected_row(self) -> WorkshopSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def select_workshop(self, workshop_id: int) -> bool:
        row = self.model.row_of(workshop_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self) -> None:
        selected = self.selected_row() is not None
        for button in (
            self.open_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
        ):
            button.setEnabled(selected)

    # Actions -----------------------------------------------------------------------------

    def new_workshop(self) -> WorkshopDialog:
        return self._show_dialog(None)

    def edit_selected(self) -> WorkshopDialog | None:
        workshop_id = self.selected_id()
        return self._show_dialog(workshop_id) if workshop_id is not None else None

    def _show_dialog(self, workshop_id: int | None) -> WorkshopDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = WorkshopDialog(self.context, workshop_id, self, self.undo_stack)
        if workshop_id is None:
            self.dialog.saved.connect(self._on_created)
        else:
            self.dialog.saved.connect(self._on_saved)
        self.dialog.open()
        return self.dialog

    def _on_saved(self, workshop_id: int) -> None:
        self.refresh()
        self.select_workshop(workshop_id)
        row = self.selected_row()
        if row is not None:
            self._say(_("« {title} » saved.").format(title=row.title))

    def _on_created(self, workshop_id: int) -> None:
        # A workshop just made is the one to work on: it opens, as « Ouvrir » would.
        self._on_saved(workshop_id)
        self.open_selected()

    def _undo_changed(self) -> None:
        if self.undo_stack.canUndo():
            self.undo_button.setText(_("Undo: {action}").format(action=self.undo_stack.undoText()))
        self.undo_button.setVisible(self.undo_stack.canUndo())

    def open_selected(self) -> int | None:
        workshop_id = self.selected_id()
        if workshop_id is None:
            return None
        self.context.set_workshop(workshop_id)
        self.open_requested.emit(workshop_id)
        return workshop_id

    def duplicate_selected(self) -> int | None:
        source = self.selected_id()
        if source is None:
            return None
        copy_id = self.context.write(AREA_WORKSHOPS, lambda s: duplicate_workshop(s, source).id)
        self.refresh()
        self.select_workshop(copy_id)
        row = self.selected_row()
        if row is not None:
            self._say(
                _("Copy created: « {title} ». Edit it to change its title and dates.").format(
                    title=row.title
                )
            )
        return copy_id

    def delete_selected(self) -> bool:
        """Delete after a confirmation that names the workshop; a backup is taken first."""
        row = self.selected_row()
        if row is None:
            return False
        if row.registered:
            question = ngettext(
                "Delete « {title} » and its {n} participant?",
                "Delete « {title} » and its {n} participants?",
                row.registered,
            ).format(title=row.title, n=row.registered)
        else:
            question = _("Delete « {title} »? It has no participants.").format(title=row.title)
        has_backup = self.context.db.path is not None
        safety = (
            _(
                "A backup copy of the event is saved first: File › Restore a backup… can bring "
                "the workshop back."
            )
            if has_backup
            else _("This shared database has no automatic backup: it cannot be undone.")
        )
        answer = QMessageBox.question(
            self,
            _("Delete a workshop"),
            question + "\n\n" + safety,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            backup = self.context.db.backup("before-delete-workshop")
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Delete a workshop"),
                _("The backup failed ({error}); nothing was deleted.").format(error=exc),
            )
            return False
        workshop_id = row.id
        self.context.write(AREA_WORKSHOPS, lambda s: delete_workshop(s, workshop_id))
        if self.context.workshop_id == workshop_id:
            self.context.set_workshop(None)
        self.refresh()
        if backup is not None:
            # The file itself is for whoever needs it (a technician), not in the sentence.
            self._say(
                _(
                    "« {title} » deleted. A backup copy was saved just before "
                    "(File › Restore a backup…)."
                ).format(title=row.title),
                _("Backup copy: {path}").format(path=backup),
            )
        else:
            self._say(_("« {title} » deleted.").format(title=row.title))
        return True

    def _say(self, text: str, details: str = "") -> None:
        """A message under the table; `details` (a file path…) shows on hovering it."""
        self.status_label.setText(text)
        self.status_label.setToolTip(details)
