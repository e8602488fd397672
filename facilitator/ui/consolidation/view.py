"""The consolidation screen: the groups' proposals on the left, the consolidated list on the right.

Layout and what the person sees are here; every change goes through ConsolidationController.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.recommendations import (
    CandidateItem,
    RecommendationRow,
    candidate_items,
    consolidated,
)
from facilitator.ui.consolidation.changes import ConsolidationChanges
from facilitator.ui.consolidation.columns import Column, ColumnFitter
from facilitator.ui.consolidation.controller import AREA_RECOMMENDATIONS, ConsolidationController
from facilitator.ui.consolidation.delegates import HorizonDelegate, NumberDelegate, TypeDelegate
from facilitator.ui.consolidation.labels import counter_text, on_target
from facilitator.ui.consolidation.models import (
    C_DETAILS,
    C_GROUP,
    C_TEXT,
    C_USED,
    R_ACTOR,
    R_GROUPS,
    R_HORIZON,
    R_KEPT,
    R_NUMBER,
    R_PRIORITY,
    R_TEXT,
    R_TYPE,
    R_VOTES,
    CandidatesModel,
    RecommendationsModel,
)
from facilitator.ui.consolidation.reword_dialog import RewordDialog
from facilitator.ui.context import AppContext

RELOAD_AREAS = (AREA_RECOMMENDATIONS, "restitutions")
RELOAD_DELAY_MS = 150  # several announcements in a row: one reload
NARROW_SCREEN = 1150
MOST_SHARE = 0.7  # one list above the other: the fullest takes at most this share of the height
_ERROR_STYLE = "color: #B00020; font-weight: bold;"
_ON_TARGET_STYLE = "font-size: 15px; font-weight: bold; color: #1b6e20;"
_OFF_TARGET_STYLE = "font-size: 15px; font-weight: bold; color: #8a4b00;"
_TITLE_STYLE = "font-size: 15px; font-weight: bold;"


def _table(name: str) -> QTableView:
    table = QTableView(objectName=name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return table


def _read(session: Session, wid: int) -> tuple[list[CandidateItem], list[RecommendationRow]]:
    return candidate_items(session, wid), consolidated(session, wid)


class ConsolidationView(ConsolidationChanges, QWidget):
    """Consolidate the groups' recommendations into the workshop's final list."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consolidation_view")
        self.context = context
        self.controller = ConsolidationController(context, self)
        self.undo_stack = self.controller.undo_stack
        self.candidates: list[CandidateItem] = []
        self.recs: list[RecommendationRow] = []
        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.reword_dialog: RewordDialog | None = None
        self._split = False  # the splitter's shares are set at the first resize
        self._moved = False  # the person moved the splitter: their shares stay

        self.candidates_model = CandidatesModel()
        self.candidates_table = _table("candidates")
        self.candidates_table.setModel(self.candidates_model)
        self.candidates_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recs_model = RecommendationsModel()
        self.recs_table = _table("recommendations")
        self.recs_table.setModel(self.recs_model)
        self.recs_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.recs_table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.recs_table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.recs_table.setDragDropOverwriteMode(False)
        self.recs_table.setDropIndicatorShown(True)
        self.recs_table.setItemDelegateForColumn(R_TYPE, TypeDelegate(self.recs_table))
        self.recs_table.setItemDelegateForColumn(R_HORIZON, HorizonDelegate(self.recs_table))
        self.recs_table.setItemDelegateForColumn(
            R_PRIORITY, NumberDelegate(5, True, self.recs_table)
        )
        self.recs_table.setItemDelegateForColumn(
            R_VOTES, NumberDelegate(99_999, False, self.recs_table)
        )
        self.counter = QLabel(objectName="counter")
        self.status = QLabel(objectName="status", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(objectName="empty_state", wordWrap=True)
        self.empty.setStyleSheet("font-size: 14px;")
        self.reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._layout()
        self._connect()
        self.reload()

    # -- layout ----------------------------------------------------------------------------------
    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        keys: Sequence[str] = (),
        tip: str = "",
        scope: QWidget | None = None,
    ) -> QPushButton:
        """A button, and its keys working anywhere in `scope` (this screen by default)."""
        owner = scope or self
        action = QAction(text, owner, objectName=f"action_{name}")
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip or text} ({native})"
        action.triggered.connect(slot)
        owner.addAction(action)
        self.actions_by_name[name] = action
        button = QPushButton(text, objectName=name)
        button.setToolTip(tip or text)
        button.clicked.connect(action.trigger)
        self.buttons[name] = button
        return button

    def _layout(self) -> None:
        left_title = QLabel(_("Proposals of the groups"), objectName="candidates_title")
        left_title.setStyleSheet(_TITLE_STYLE)
        left_rows = QVBoxLayout()
        left_buttons = QHBoxLayout()
        items = self.candidates_table
        for name, text, slot, keys, tip, scope in (
            ("create", _("Create a recommendation"), self.create_recommendation, ("Ctrl+Return",),
             _("One recommendation from the selected proposals (several: merged at once)"), items),
            ("import_all", _("Take up all…"), self.import_all, (),
             _("One recommendation per proposal not taken up yet"), None),
            ("add_to", _("Add to the selected recommendation"), self.add_to, (),
             _("The selected proposals also count for the recommendation selected on the right"),
             None),
        ):  # fmt: skip
            left_buttons.addWidget(self._action(name, text, slot, keys, tip, scope))
            if name == "import_all":
                left_buttons.addStretch(1)
                left_rows.addLayout(left_buttons)
                left_buttons = QHBoxLayout()
        left_buttons.addStretch(1)
        left_rows.addLayout(left_buttons)
        left = QWidget(objectName="candidates_panel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(left_title)
        left_layout.addWidget(self.candidates_table, 1)
        left_layout.addLayout(left_rows)

        right_title = QLabel(_("Consolidated recommendations"), objectName="recs_title")
        right_title.setStyleSheet(_TITLE_STYLE)
        title_row = QHBoxLayout()
        title_row.addWidget(right_title)
        title_row.addStretch(1)
        title_row.addWidget(self.counter)
        table = self.recs_table
        right_rows = QVBoxLayout()
        right_buttons = QHBoxLayout()
        for name, text, slot, keys, tip, scope in (
            ("reword", _("Reword…"), self.reword, (), "", table),
            ("merge", _("Merge"), self.merge, ("Ctrl+M",),
             _("Merge the selected recommendations into one (if they are worded differently, "
               "you choose the wording)"), table),
            ("vote", _("+1 vote"), self.add_vote, ("+",),
             _("Count one more vote for the selected recommendation"), table),
            ("delete", _("Delete"), self.delete, ("Del",), "", table),
            ("up", _("Move up"), lambda: self.move_by(-1), ("Alt+Up",), "", table),
            ("down", _("Move down"), lambda: self.move_by(1), ("Alt+Down",), "", table),
            ("undo", _("Undo"), self.undo_stack.undo, ("Ctrl+Z",), "", None),
            ("redo", _("Redo"), self.undo_stack.redo, ("Ctrl+Shift+Z", "Ctrl+Y"), "", None),
        ):  # fmt: skip
            right_buttons.addWidget(self._action(name, text, slot, keys, tip, scope))
            if name == "delete":  # two rows: the screen must fit a small laptop
                right_buttons.addStretch(1)
                right_rows.addLayout(right_buttons)
                right_buttons = QHBoxLayout()
        right_buttons.addStretch(1)
        right_rows.addLayout(right_buttons)
        right = QWidget(objectName="recs_panel")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addLayout(title_row)
        right_layout.addWidget(self.recs_table, 1)
        right_layout.addLayout(right_rows)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 8)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self._size_columns()

    def _size_columns(self) -> None:
        # Preferred widths for a 1366-pixel screen; narrower, each column keeps its header and
        # its longest word, and the text columns wrap.
        self.candidates_fitter = ColumnFitter(self.candidates_table, (
            Column(C_GROUP, 70), Column(C_TEXT, weight=3, floor=160),
            Column(C_DETAILS, weight=1, floor=130), Column(C_USED, 66),
        ))  # fmt: skip
        self.recs_fitter = ColumnFitter(self.recs_table, (
            Column(R_NUMBER, 28), Column(R_TEXT, weight=3, floor=180), Column(R_TYPE, 98),
            Column(R_ACTOR, weight=2, floor=120), Column(R_HORIZON, 78), Column(R_PRIORITY, 38),
            Column(R_VOTES, 44), Column(R_KEPT, 60), Column(R_GROUPS, 70),
        ))  # fmt: skip
        for table in (self.candidates_table, self.recs_table):
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # Side by side, each list is too narrow to read below NARROW_SCREEN: one above the other.
        wanted = (
            Qt.Orientation.Vertical if event.size().width() < NARROW_SCREEN
            else Qt.Orientation.Horizontal
        )  # fmt: skip
        if self.splitter.orientation() != wanted or not self._split:
            self.splitter.setOrientation(wanted)
            self._split = True
            self._moved = False  # a new arrangement: the shares are ours again
            self._share()
        super().resizeEvent(event)

    def _share(self) -> None:
        """Divide the splitter between the two lists, unless the person has moved it.

        Side by side, the proposals' words need 5/13 of a 1366-pixel screen. One above the other
        (1024 pixels), the height goes by what each list holds: before anything is consolidated,
        the proposals take most of it, not 7 rows above a large empty table.
        """
        if self._moved:
            return
        # Shares, not pixels: the splitter keeps its size and divides it in this ratio.
        if self.splitter.orientation() == Qt.Orientation.Horizontal:
            self.splitter.setSizes([5000, 8000])
            return
        proposals, recs = max(len(self.candidates), 1), max(len(self.recs), 1)
        share = min(MOST_SHARE, max(1 - MOST_SHARE, proposals / (proposals + recs)))
        self.splitter.setSizes([round(10000 * share), round(10000 * (1 - share))])

    def _splitter_moved(self, *_args: object) -> None:
        self._moved = True

    def _connect(self) -> None:
        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        self.context.workshop_changed.connect(self._workshop_changed)
        self.context.data_changed.connect(self._data_changed)
        self.reload_timer.timeout.connect(self.reload)
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.controller.message.connect(self.show_status)
        self.controller.changed.connect(self._changed)
        self.recs_model.edited.connect(self._edited)
        self.recs_model.order_requested.connect(self._order_requested)
        self.undo_stack.indexChanged.connect(self._update_actions)
        for table in (self.candidates_table, self.recs_table):
            selection = table.selectionModel()
            selection.selectionChanged.connect(self._update_actions)

    # -- reading ---------------------------------------------------------------------------------
    def reload(self, select: Sequence[int] | None = None) -> None:
        """Read both lists again, keeping the selections (or selecting `select` on the right)."""
        self.reload_timer.stop()
        wid = self.context.workshop_id
        keep_items = self.selected_item_ids()
        keep_recs = list(select) if select else self.selected_rec_ids()
        current = self.recs_table.currentIndex()
        current_column = current.column() if current.isValid() else R_TEXT
        if wid is None:
            self.candidates, self.recs = [], []
        else:
            self.candidates, self.recs = self.context.read(lambda s: _read(s, wid))
        self.candidates_model.set_rows(self.candidates, self.recs)
        self.recs_model.set_rows(self.recs)
        self._select(self.candidates_table, [
            row for row, item in enumerate(self.candidates) if item.item_id in keep_items
        ], C_TEXT)  # fmt: skip
        self._select(self.recs_table, [
            row for row, rec in enumerate(self.recs) if rec.id in keep_recs
        ], current_column)  # fmt: skip
        kept = sum(rec.kept for rec in self.recs)
        self.counter.setText(counter_text(kept))
        self.counter.setStyleSheet(_ON_TARGET_STYLE if on_target(kept) else _OFF_TARGET_STYLE)
        self.counter.setVisible(bool(self.recs))
        if wid is None:
            self.empty.setText(_("Open or create a workshop first."))
        elif not self.candidates and not self.recs:
            self.empty.setText(
                _("No group has written a recommendation yet: they appear here once the "
                  "restitutions are entered.")
            )  # fmt: skip
        self.empty.setVisible(wid is None or (not self.candidates and not self.recs))
        self.splitter.setVisible(wid is not None)
        if self._split:
            self._share()
        self._update_actions()

    @staticmethod
    def _select(table: QTableView, rows: list[int], column: int) -> None:
        selection = table.selectionModel()
        selection.clearSelection()
        model = table.model()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            selection.select(model.index(row, 0), flags)
        if rows:
            index = model.index(rows[0], column)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            table.scrollTo(index)

    def selected_item_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.candidates_table.selectionModel().selectedRows()})
        return [self.candidates[row].item_id for row in rows if row < len(self.candidates)]

    def selected_rec_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.recs_table.selectionModel().selectedRows()})
        return [self.recs[row].id for row in rows if row < len(self.recs)]

    def _workshop_changed(self, _workshop_id: int) -> None:
        self.undo_stack.clear()  # another workshop's history means nothing here
        self.reload()

    def _data_changed(self, area: str) -> None:
        if area in RELOAD_AREAS:
            self.reload_timer.start()

    def _changed(self, select: list[int]) -> None:
        self.reload(select or None)

    def _update_actions(self) -> None:
        items = bool(self.selected_item_ids())
        recs = self.selected_rec_ids()
        has_workshop = self.context.workshop_id is not None
        enabled = {
            "create": items,
            "add_to": items and len(recs) == 1,
            "import_all": has_workshop and any(not c.recommendation_ids for c in self.candidates),
            "reword": len(recs) == 1,
            "merge": len(recs) >= 2,
            "vote": len(recs) == 1,
            "delete": bool(recs),
            "up": len(recs) == 1 and recs[0] != (self.recs[0].id if self.recs else None),
            "down": len(recs) == 1 and recs[0] != (self.recs[-1].id if self.recs else None),
            "undo": self.undo_stack.canUndo(),
            "redo": self.undo_stack.canRedo(),
        }
        for name, on in enabled.items():
            self.actions_by_name[name].setEnabled(on)
            self.buttons[name].setEnabled(on)
        undo_text = self.undo_stack.undoText()
        self.buttons["undo"].setToolTip(
            f"{_('Undo')} : {undo_text} (Ctrl+Z)" if undo_text else f"{_('Undo')} (Ctrl+Z)"
        )

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        self.status.setText(text)
