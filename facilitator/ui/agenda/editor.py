"""The agenda editor: one day's items and sub-items, edited, reordered and undone.

Each change is one store operation in one transaction, with snapshots of the day before and after
it taken in that same transaction; Ctrl+Z puts the day back (store.agenda_edit.restore_day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.agenda import agenda
from facilitator.store.agenda_edit import (
    AgendaInvalid,
    DaySnapshot,
    agenda_days,
    day_overlaps,
    day_snapshot,
    restore_day,
)
from facilitator.ui.agenda.editor_actions import EditorActions
from facilitator.ui.agenda.editor_empty import EmptyDay
from facilitator.ui.agenda.editor_model import SPEAKERS, TITLE, AgendaTreeModel
from facilitator.ui.agenda.paste_dialog import PasteProgrammeDialog
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.dates import format_date

AREA_AGENDA = "agenda"
T = TypeVar("T")


class DayChange(QUndoCommand):
    """A change already written; undo and redo put the day back as it was before or after."""

    def __init__(self, editor: AgendaEditor, before: DaySnapshot, after: DaySnapshot, text: str):
        super().__init__(text)
        self.editor, self.before, self.after = editor, before, after
        self.first = True  # the change is written already

    def undo(self) -> None:
        self.editor.restore(self.before, _("Undone: {action}").format(action=self.text()))

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.editor.restore(self.after, _("Redone: {action}").format(action=self.text()))


class AgendaEditor(EditorActions, QWidget):
    """Edit the agenda of each day of the current workshop."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_editor")
        self.context = context
        self.undo_stack = QUndoStack(self)
        self._select_id: int | None = None
        self.paste_dialog: PasteProgrammeDialog | None = None

        self.day_picker = QComboBox(objectName="day_picker")
        self.add_day_button = QPushButton(_("Add a day"), objectName="add_day")
        self.model = AgendaTreeModel()
        self.tree = QTreeView(objectName="agenda_tree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SPEAKERS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SPEAKERS, 240)
        self.warnings = QLabel(objectName="overlap_warnings", wordWrap=True)
        self.warnings.setStyleSheet("color: #8a4b00; font-weight: 600;")
        self.status = QLabel(objectName="status", wordWrap=True)
        self.empty_page = EmptyDay(self)

        self.buttons: dict[str, QPushButton] = {}
        self._actions: list[tuple[str, str, list[QKeySequence], Callable[[], None]]] = [
            ("add", _("Add"), [QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+N")], self.add),
            ("add_sub", _("Add a sub-item"), [QKeySequence("Ctrl+Shift+N")], self.add_sub_item),
            ("edit", _("Edit"), [], self.edit_selected),
            ("delete", _("Delete"), [QKeySequence(Qt.Key.Key_Delete)], self.delete_selected),
            (
                "paste",
                _("Paste a programme…"),
                [QKeySequence("Ctrl+Shift+V")],
                self.paste_programme,
            ),
            ("up", _("Move up"), [QKeySequence("Ctrl+Up")], self.move_up),
            ("down", _("Move down"), [QKeySequence("Ctrl+Down")], self.move_down),
            ("fixed", _("Fixed / flexible"), [QKeySequence("Ctrl+L")], self.toggle_fixed),
            ("undo", _("Undo"), [QKeySequence("Ctrl+Z")], self.undo_stack.undo),
            (
                "redo",
                _("Redo"),
                [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
                self.undo_stack.redo,
            ),
        ]
        self._layout()
        self._connect()
        self.reload_days()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Day:")))
        top.addWidget(self.day_picker, 1)
        top.addWidget(self.add_day_button)
        # Two rows, so that the screen fits a small laptop: editing, then order and undo.
        rows = (QHBoxLayout(), QHBoxLayout())
        buttons = rows[0]
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for name, text, keys, slot in self._actions:
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            # Back to the list: its keys (Del, Ctrl+Z…) work right after a click on a button.
            button.clicked.connect(self._focus_tree)
            if keys:
                button.setToolTip(
                    f"{text} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
                )
                action = QAction(text, self, objectName=f"action_{name}")
                action.setShortcuts(keys)
                action.setShortcutContext(scope)
                action.triggered.connect(slot)
                self.addAction(action)
            self.buttons[name] = button
            buttons.addWidget(button)
            if name == "paste":
                buttons.addStretch(1)
                buttons = rows[1]
            elif name == "fixed":
                buttons.addStretch(1)
        # Ctrl+V in the list pastes a programme copied from Word or Excel (a preview first).
        paste = QAction(_("Paste a programme…"), self.tree, objectName="action_paste_in_list")
        paste.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        paste.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        paste.triggered.connect(self.paste_programme)
        self.tree.addAction(paste)
        self.pages = QStackedWidget(objectName="agenda_pages")
        self.pages.addWidget(self.tree)
        self.pages.addWidget(self.empty_page)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.warnings)
        for row in rows:
            layout.addLayout(row)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        self.context.workshop_changed.connect(self._workshop_changed)
        self.context.data_changed.connect(self._data_changed)
        self.day_picker.currentIndexChanged.connect(self._day_changed)
        self.add_day_button.clicked.connect(self.add_day)
        self.tree.activated.connect(self._activated)
        self.model.move_requested.connect(self._move_requested, Qt.ConnectionType.QueuedConnection)
        self.undo_stack.cleanChanged.connect(self._update_buttons)
        self.undo_stack.indexChanged.connect(self._update_buttons)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)

    # -- reading ---------------------------------------------------------------------------------
    @property
    def day(self) -> dt.date | None:
        value = self.day_picker.currentData()
        return value if isinstance(value, dt.date) else None

    def reload_days(self, select: dt.date | None = None) -> None:
        wid = self.context.workshop_id
        days = self.context.read(lambda s: agenda_days(s, wid)) if wid else []
        wanted = select or self.day
        self.day_picker.blockSignals(True)
        self.day_picker.clear()
        for number, day in enumerate(days, start=1):
            label = _("Day {n} — {date}").format(n=number, date=format_date(day))
            self.day_picker.addItem(label, day)
        # Compared in Python: Qt's findData does not match two equal dates held as objects.
        index = next((i for i, day in enumerate(days) if day == wanted), -1)
        self.day_picker.setCurrentIndex(index if index >= 0 else 0)
        self.day_picker.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Read the day again, keeping the selected item selected."""
        wid, day = self.context.workshop_id, self.day
        keep = self._select_id if self._select_id is not None else self.selected_id()
        self._select_id = None
        if wid is None or day is None:
            self.model.set_entries([])
            self.warnings.setText("")
            self._show_empty(wid is not None)
            self._update_buttons()
            return

        def read(session: Session) -> tuple[list[Any], list[str]]:
            entries = [e for e in agenda(session, wid) if e.day == day]
            return entries, [o.message() for o in day_overlaps(session, wid, day)]

        entries, overlaps = self.context.read(read)
        self.model.set_entries(entries)
        self._show_empty(None if entries else True)
        self.tree.expandAll()
        self.warnings.setText("\n".join("\N{WARNING SIGN} " + text for text in overlaps))
        self.warnings.setVisible(bool(overlaps))
        if keep is not None:
            self.select_item(keep)
        self._update_buttons()

    def _show_empty(self, state: bool | None) -> None:
        """The list when the day has items (None); else what to do: no workshop (False), or a
        day with no programme yet (True)."""
        lost = self.tree.hasFocus()  # the list goes: its focus must not fall outside the editor
        if state is None:
            self.empty_page.paste_action.setEnabled(False)  # the list's own Ctrl+V takes over
            self.pages.setCurrentWidget(self.tree)
            self.setFocusProxy(self.tree)
            return
        self.empty_page.show_state(has_workshop=state)
        self.pages.setCurrentWidget(self.empty_page)
        # The keyboard goes to the page's first step when the tab opens (its tab gives the
        # editor the focus): Enter pastes, and Ctrl+V works at once.
        self.setFocusProxy(self.empty_page.paste_button if state else None)
        if lost and state:
            self.empty_page.paste_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_id(self) -> int | None:
        return self.model.item_id(self.tree.currentIndex())

    def select_item(self, item_id: int) -> None:
        index = self.model.index_of(item_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_id() is not None
        for name in ("add_sub", "edit", "delete", "up", "down", "fixed"):
            self.buttons[name].setEnabled(chosen)
        self.buttons["undo"].setEnabled(self.undo_stack.canUndo())
        self.buttons["redo"].setEnabled(self.undo_stack.canRedo())

    def _workshop_changed(self, _workshop_id: int) -> None:
        self.undo_stack.clear()  # an undo must never act on another workshop's agenda
        self.status.setText("")
        self.reload_days()

    def _data_changed(self, area: str) -> None:
        if area == AREA_AGENDA:
            self.reload()

    def _day_changed(self, _index: int) -> None:
        self.reload()

    # -- writing ---------------------------------------------------------------------------------
    def change(self, text: str, operation: Callable[[Session], T]) -> T:
        """Run one change and its before/after snapshots in one transaction; push it for undo."""
        wid, day = self.context.workshop_id, self.day
        if wid is None or day is None:
            raise AgendaInvalid(_("Choose a workshop first."))

        def run(session: Session) -> tuple[DaySnapshot, T, DaySnapshot]:
            before = day_snapshot(session, wid, day)
            result = operation(session)
            return before, result, day_snapshot(session, wid, day)

        before, result, after = self.context.write(AREA_AGENDA, run)
        self.undo_stack.push(DayChange(self, before, after, text))
        self.status.setText(text)
        return result

    def try_change(self, text: str, operation: Callable[[Session], object]) -> bool:
        try:
            self.change(text, operation)
        except AgendaInvalid as exc:
            self.status.setText(str(exc))
            return False
        return True

    def restore(self, snapshot: DaySnapshot, text: str) -> None:
        """Put a day back (undo, redo), and show that day."""
        try:
            self.context.write(AREA_AGENDA, lambda s: restore_day(s, snapshot))
        except AgendaInvalid as exc:
            self.status.setText(str(exc))
            return
        if snapshot.day != self.day:
            self.reload_days(snapshot.day)
        self.status.setText(text)
