"""The « keep apart » pairs of the workshop: listed, and removed one at a time, with undo.

A removal is one store transaction through the groups controller, pushed on the screen's undo
stack; the list is read again from the store once the change is announced, so it only ever
shows what is written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.group_pairs import ApartPair, ApartPerson, list_apart_pairs
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext
from facilitator.ui.groups.controller import AREA_GROUPS, GroupsController

_ERROR_STYLE = "color: #B00020; font-weight: bold;"


def person_name(person: ApartPerson) -> str:
    """« DIOP Awa »."""
    return " ".join(part for part in (person.last_name.upper(), person.first_name) if part)


def pair_names(pair: ApartPair) -> str:
    """« DIOP Awa, FALL Moussa »."""
    return f"{person_name(pair.first)}, {person_name(pair.second)}"


class ApartPairsDialog(QDialog):
    """Each pair on a row (both names and organisations); « Remove » or Delete forgets one."""

    def __init__(
        self, context: AppContext, controller: GroupsController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("apart_pairs_dialog")
        self.setWindowTitle(_("Pairs to keep apart"))
        self.context, self.controller = context, controller
        self.pairs: list[ApartPair] = []
        intro = QLabel(
            _(
                "When groups are assigned, the two people of each pair go to different groups "
                "whenever possible."
            ),
            objectName="apart_intro",
            wordWrap=True,
        )
        self.table = QTableWidget(0, 4, objectName="apart_pairs")
        self.table.setHorizontalHeaderLabels(
            [_("Participant"), _("Organisation"), _("Kept apart from"), _("Organisation")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (0, 2):  # names whole; organisations share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(objectName="apart_empty", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(24)
        self.empty.setStyleSheet("font-size: 15px;")
        self.empty.setText(
            _(
                "No pair is kept apart yet. To add one, select two people in the groups "
                "(Ctrl+click) and press Ctrl+K."
            )
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.table)
        self.status = QLabel(objectName="apart_status", wordWrap=True)
        self.remove_button = QPushButton(_("Remove"), objectName="remove_pair")
        self.remove_button.setToolTip(_("Remove the selected pair (Delete); Ctrl+Z puts it back"))
        self.remove_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._keys()
        # Bound methods, not lambdas: Qt drops them when this dialog is destroyed.
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.controller.message.connect(self.show_status)
        self.context.data_changed.connect(self._data_changed)
        self.setMinimumSize(780, 340)
        self.reload()

    def _keys(self) -> None:
        for keys, slot in (
            ((QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")),
             self.remove_selected),
            ((QKeySequence("Ctrl+Z"),), self.controller.undo_stack.undo),
            ((QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")),
             self.controller.undo_stack.redo),
        ):  # fmt: skip
            action = QAction(self)
            action.setShortcuts(list(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    # -- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the pairs again from the store, keeping the selection on the same row."""
        wid = self.context.workshop_id
        row = self.table.currentRow()
        self.pairs = self.context.read(lambda s: list_apart_pairs(s, wid)) if wid else []
        self.table.setRowCount(len(self.pairs))
        for index, pair in enumerate(self.pairs):
            cells = (
                person_name(pair.first),
                pair.first.organisation,
                person_name(pair.second),
                pair.second.organisation,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
        self.pages.setCurrentWidget(self.table if self.pairs else self.empty)
        if self.pairs:
            self.table.selectRow(min(max(row, 0), len(self.pairs) - 1))
        self._selection_changed()

    def selected_pair(self) -> ApartPair | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.pairs:
            return None
        return self.pairs[rows[0].row()]

    def _data_changed(self, area: str) -> None:
        if area in (AREA_GROUPS, AREA_PARTICIPANTS):
            self.reload()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected_pair() is not None)

    # -- changes ---------------------------------------------------------------------------------
    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        self.status.setText(text)

    def remove_selected(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        text = _("No longer kept apart: {names}").format(names=pair_names(pair))
        self.controller.release_apart(pair.ids, text)
        if self.pairs:
            self.table.setFocus()
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
