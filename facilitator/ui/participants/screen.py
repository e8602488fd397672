"""The participants screen: search as you type, filter, sort, add, edit, delete, import."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _, ngettext, number
from facilitator.store.participant_types import type_names
from facilitator.store.participants import (
    list_participants,
    participant_input,
    ties_of,
)
from facilitator.store.workshops import get_workshop
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext
from facilitator.ui.participants.columns import ColumnFitter
from facilitator.ui.participants.deletion import deletion_question
from facilitator.ui.participants.dialog import ParticipantDialog
from facilitator.ui.participants.empty_state import EmptyParticipants
from facilitator.ui.participants.import_wizard import ImportWizard
from facilitator.ui.participants.model import (
    ABSENT,
    ANY,
    PRESENT,
    ParticipantFilter,
    ParticipantTableModel,
)
from facilitator.ui.participants.undo import DeleteParticipants, ParticipantAdded, ParticipantEdited
from facilitator.ui.widgets.memory import settle_long_lived_objects
from facilitator.ui.widgets.printing import open_badge_printing


class ParticipantsScreen(QWidget):
    """Every participant of the current workshop, as a table the desk can search in a keystroke."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ParticipantTableModel()
        self.undo_stack = QUndoStack(self)
        self._stale = True

        self.title = QLabel(objectName="screen_title")
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        self.search.setPlaceholderText(_("Search a name, an organisation, a phone number…"))
        self.type_filter = QComboBox(objectName="type_filter")
        self.organisation_filter = QComboBox(objectName="organisation_filter")
        self.organisation_filter.setMinimumContentsLength(18)
        self.gender_filter = QComboBox(objectName="gender_filter")
        self.presence_filter = QComboBox(objectName="presence_filter")
        for label, value in (
            (_("All genders"), ANY),
            (_("Women"), "F"),
            (_("Men"), "M"),
            (_("Gender not specified"), "?"),
        ):
            self.gender_filter.addItem(label, value)
        for label, value in (
            (_("Present and absent"), ANY),
            (_("Those present"), PRESENT),
            (_("Those absent"), ABSENT),
        ):
            self.presence_filter.addItem(label, value)

        self.table = QTableView(objectName="participants_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The columns fill the table's width: « Présent » stays in view at 1024×768.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.columns = ColumnFitter(self.table)
        self.empty = EmptyParticipants()
        self.empty.hide()

        self.count = QLabel(objectName="count")
        self.no_match = QLabel(objectName="no_match", alignment=Qt.AlignmentFlag.AlignCenter)
        self.no_match.setStyleSheet("color: #5A5A5A; font-size: 15px; padding: 12px;")
        self.no_match.hide()
        self.add_button = QPushButton(_("Add…"), objectName="add")
        self.edit_button = QPushButton(_("Edit…"), objectName="edit")
        self.delete_button = QPushButton(_("Delete"), objectName="delete")
        self.import_button = QPushButton(_("Import a list…"), objectName="import")
        self.badges_button = QPushButton(_("Print badges…"), objectName="print_badges")
        self.undo_button = QPushButton(objectName="undo")
        self.undo_button.hide()

        self.filters = QWidget(objectName="filters")
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 3)
        for combo in (
            self.type_filter,
            self.organisation_filter,
            self.gender_filter,
            self.presence_filter,
        ):
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._filter_changed)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.undo_button)
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.import_button,
            self.badges_button,
        ):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.filters)
        layout.addWidget(self.no_match)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(actions)

        self.search.textChanged.connect(self._filter_changed)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.open_import)
        self.badges_button.clicked.connect(self.print_badges)
        self.empty.import_button.clicked.connect(self.open_import)
        self.empty.add_button.clicked.connect(self.add)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.indexChanged.connect(self._undo_changed)
        self._add_shortcuts()

        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        context.workshop_changed.connect(self._workshop_changed)
        context.data_changed.connect(self._data_changed)

    def _add_shortcuts(self) -> None:
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.New, self.add),
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_selected),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(scope)
            action.triggered.connect(slot)
            self.addAction(action)
        # `activated` is a double-click or Enter: one signal, so the form opens once.
        self.table.activated.connect(self._row_activated)

    # -- refreshing ----------------------------------------------------------------------------
    def _workshop_changed(self, _workshop_id: int) -> None:
        self.undo_stack.clear()  # an undo must never act on another workshop's participants
        self.refresh()

    def _row_activated(self, _index: object) -> None:
        self.edit_selected()

    def _data_changed(self, area: str) -> None:
        if area in (AREA_PARTICIPANTS, "workshops", "checkins"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()
        QTimer.singleShot(0, self, self.focus_search)  # bound to this screen: dropped if it goes

    def refresh(self) -> None:
        """Reload the participants of the current workshop from the database."""
        self._stale = False
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            self.title.setText(_("No workshop open"))
            self.model.set_rows([])
            self._update_count()
            return

        def query(session):  # type: ignore[no-untyped-def]
            workshop = get_workshop(session, workshop_id)
            types = type_names(session, workshop_id)
            return workshop.title, types, list_participants(session, workshop_id)

        title, types, rows = self.context.read(query)
        self.title.setText(title)
        self._set_choices(types, sorted({r.organisation for r in rows if r.organisation}))
        self.model.set_rows(rows)
        settle_long_lived_objects()
        self._filter_changed()
        self._update_count()

    def _set_choices(self, types: list[tuple[int, str]], organisations: list[str]) -> None:
        for combo, first, items in (
            (self.type_filter, _("All types"), [(name, type_id) for type_id, name in types]),
            (self.organisation_filter, _("All organisations"), [(o, o) for o in organisations]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for label, value in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
            combo.blockSignals(False)

    def _filter_changed(self) -> None:
        self.model.set_filter(
            ParticipantFilter(
                text=self.search.text(),
                type_id=self.type_filter.currentData(),
                organisation=self.organisation_filter.currentData() or ANY,
                gender=self.gender_filter.currentData() or ANY,
                presence=self.presence_filter.currentData() or ANY,
            )
        )
        self._update_count()

    def _update_count(self) -> None:
        rows = self.model.all_rows()
        present = sum(1 for r in rows if r.checked_in_at is not None)
        shown = self.model.visible_count()
        text = ngettext("{n} participant", "{n} participants", len(rows)).format(
            n=number(len(rows))
        )
        text += " · " + ngettext("{n} present", "{n} present", present).format(n=number(present))
        if shown != len(rows):
            text += " · " + ngettext("{n} shown", "{n} shown", shown).format(n=number(shown))
        self.count.setText(text)
        self._show_empty(not rows)
        nothing_shown = bool(rows) and self.model.visible_count() == 0
        if nothing_shown:
            typed = self.search.text().strip()
            self.no_match.setText(
                _("No participant matches « {text} ».").format(text=typed)
                if typed
                else _("No participant matches these filters.")
            )
        self.no_match.setVisible(nothing_shown)

    def _show_empty(self, empty: bool) -> None:
        """No participant yet: say what to do next, with the buttons that do it."""
        self.empty.set_workshop_open(self.context.workshop_id is not None)
        self.empty.setVisible(empty)
        # The panel's own buttons say what to do; the row below would only repeat them.
        for widget in (
            self.filters,
            self.table,
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.import_button,
            self.badges_button,
        ):
            widget.setVisible(not empty)

    # -- actions -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        if self.empty.isVisible():
            self.empty.focus()
            return
        self.search.setFocus()
        self.search.selectAll()

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.row_at(row).id for row in sorted(rows)]

    def select_participant(self, participant_id: int) -> None:
        row = self.model.visible_row_of(participant_id)
        if row is not None:
            index = self.model.index(row, 0)
            self.table.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def add(self) -> None:
        if self.context.workshop_id is None:
            return
        dialog = ParticipantDialog(self.context, self.context.workshop_id, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            name = f"{dialog.value().first_name} {dialog.value().last_name}".strip()
            text = _("Add « {name} »").format(name=name)
            self.undo_stack.push(ParticipantAdded(self.context, dialog.saved_id, text))
            self.select_participant(dialog.saved_id)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.context.workshop_id is None:
            return
        before = self.context.read(lambda s: participant_input(s, ids[0]))
        dialog = ParticipantDialog(self.context, self.context.workshop_id, ids[0], parent=self)
        if dialog.exec():
            after = self.context.read(lambda s: participant_input(s, ids[0]))
            if after != before:
                name = f"{after.first_name} {after.last_name}".strip()
                text = _("Edit « {name} »").format(name=name)
                self.undo_stack.push(ParticipantEdited(self.context, ids[0], before, after, text))
            self.select_participant(ids[0])

    def delete_selected(self) -> None:
        """Delete the selected participants (undoable), asking first when one of them is
        checked in or in a group, or when they are many."""
        ids = self.selected_ids()
        if not ids:
            return
        if len(ids) == 1:
            row = self.model.row_at(self.model.visible_row_of(ids[0]) or 0)
            text = _("Delete « {name} »").format(name=row.full_name)
        else:
            text = ngettext("Delete {n} participant", "Delete {n} participants", len(ids)).format(
                n=number(len(ids))
            )
        tied = [t for t in self.context.read(lambda s: ties_of(s, ids)) if t.any]
        question = ""
        if tied:
            question = deletion_question(tied, len(ids))
        elif len(ids) > 20:
            question = _("{action}? You can undo it with Ctrl+Z.").format(action=text)
        if question and not self._confirm_delete(question, len(ids)):
            return
        self.undo_stack.push(DeleteParticipants(self.context, ids, text))

    def _confirm_delete(self, question: str, count: int) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            ngettext("Delete a participant", "Delete participants", count),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirm_delete")
        box.button(QMessageBox.StandardButton.Yes).setText(_("Delete"))
        box.button(QMessageBox.StandardButton.No).setText(_("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _undo_changed(self) -> None:
        if self.undo_stack.canUndo():
            self.undo_button.setText(_("Undo: {action}").format(action=self.undo_stack.undoText()))
            self.undo_button.show()
        else:
            self.undo_button.hide()

    def print_badges(self) -> None:
        """Badges for everyone, the selected rows, or those not printed yet."""
        if self.context.workshop_id is not None:
            open_badge_printing(self, self.context, self.selected_ids())

    def open_import(self) -> None:
        if self.context.workshop_id is None:
            return
        wizard = ImportWizard(self.context, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
