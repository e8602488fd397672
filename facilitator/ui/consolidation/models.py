"""Thin Qt table models over the store's rows: the groups' proposals and the consolidated list.

The consolidated model never changes itself: an edit or a drop is announced (`edited`,
`order_requested`) and the view reloads from the store once the change is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from facilitator.i18n import _
from facilitator.store.recommendations import CandidateItem, RecommendationRow
from facilitator.store.restitution_fields import horizon_label, rec_type_label
from facilitator.ui.consolidation.labels import final_numbers, used_in

Index = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-facilitator-recommendation-ids"
_DIM = QBrush(QColor("#6b6b6b"))

# Columns of the groups' proposals.
C_GROUP, C_TEXT, C_DETAILS, C_USED = range(4)
# Columns of the consolidated recommendations.
R_NUMBER, R_TEXT, R_TYPE, R_ACTOR, R_HORIZON, R_PRIORITY, R_VOTES, R_KEPT, R_GROUPS = range(9)
FIELDS = {
    R_TEXT: "text",
    R_TYPE: "rec_type",
    R_ACTOR: "actor",
    R_HORIZON: "horizon",
    R_PRIORITY: "priority",
    R_VOTES: "votes",
    R_KEPT: "kept",
}


class CandidatesModel(QAbstractTableModel):
    """Every group's recommendation items, and where each already went."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CandidateItem] = []
        self.numbers: dict[int, int] = {}

    def set_rows(self, rows: list[CandidateItem], recs: list[RecommendationRow]) -> None:
        self.beginResetModel()
        self.rows, self.numbers = rows, final_numbers(recs)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Group"), _("Proposal"), _("Type, horizon, actor"), _("Taken up"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column not in (C_TEXT, C_DETAILS):
                return None
            if column == C_DETAILS:
                kind = " · ".join(
                    part
                    for part in (rec_type_label(item.rec_type), horizon_label(item.horizon))
                    if part
                )
                return "\n".join(part for part in (kind, item.actor) if part)
            return (item.group_name, item.text, "", used_in(item, self.numbers))[column]
        if role == Qt.ItemDataRole.ForegroundRole and item.recommendation_ids:
            return _DIM  # already taken up: the eye goes to what is left
        if role == Qt.ItemDataRole.UserRole:
            return item.item_id
        return None


class RecommendationsModel(QAbstractTableModel):
    """The consolidated recommendations in order; edits and drops are only announced."""

    edited = Signal(int, str, object)  # recommendation id, field, new value
    order_requested = Signal(list)  # every id, in the wanted order

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RecommendationRow] = []
        self.numbers: dict[int, int] = {}

    def set_rows(self, rows: list[RecommendationRow]) -> None:
        self.beginResetModel()
        self.rows, self.numbers = rows, final_numbers(rows)
        self.endResetModel()

    def row_of(self, rec_id: int) -> int | None:
        return next((i for i, rec in enumerate(self.rows) if rec.id == rec_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                _("No."),
                _("Recommendation"),
                _("Type"),
                _("Actor"),
                _("Horizon"),
                _("Prio."),
                _("Votes"),
                _("Kept"),
                _("Groups"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                R_NUMBER: _("Number in the final list (kept recommendations only)"),
                R_PRIORITY: _("Priority, from 1 (highest) to 5"),
                R_GROUPS: _("The groups that proposed it"),
            }.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == R_KEPT:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(rec, column)
        if role == Qt.ItemDataRole.EditRole:
            return {
                R_TEXT: rec.text,
                R_TYPE: rec.rec_type,
                R_ACTOR: rec.actor,
                R_HORIZON: horizon_label(rec.horizon),
                R_PRIORITY: rec.priority or 0,
                R_VOTES: rec.votes,
            }.get(column)
        if role == Qt.ItemDataRole.CheckStateRole and column == R_KEPT:
            return Qt.CheckState.Checked if rec.kept else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in (R_TEXT, R_ACTOR, R_GROUPS):
            return self._shown(rec, column)
        if role == Qt.ItemDataRole.ForegroundRole and not rec.kept:
            return _DIM
        if role == Qt.ItemDataRole.FontRole and column == R_NUMBER:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            R_NUMBER,
            R_PRIORITY,
            R_VOTES,
        ):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.UserRole:
            return rec.id
        return None

    def _shown(self, rec: RecommendationRow, column: int) -> str:
        if column == R_NUMBER:
            number = self.numbers.get(rec.id)
            return str(number) if number else "–"
        if column == R_PRIORITY:
            return str(rec.priority) if rec.priority else ""
        if column == R_VOTES:
            return str(rec.votes)
        if column == R_KEPT:
            return ""
        if column == R_GROUPS:
            names = rec.group_names
            return ", ".join(names) if names else _("Plenary")
        return (rec.text, rec_type_label(rec.rec_type), rec.actor, horizon_label(rec.horizon))[
            column - R_TEXT
        ]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() not in FIELDS:
            return False
        rec = self.rows[index.row()]
        field = FIELDS[index.column()]
        if field == "kept":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif field == "priority":
            value = int(value) or None
        elif field == "votes":
            value = int(value)
        elif value is not None and field != "rec_type":
            value = str(value)
        self.edited.emit(rec.id, field, value)
        return True

    # -- drag and drop: rows move within the list ------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data = QMimeData()
        ids = ",".join(str(self.rows[row].id) for row in rows)
        data.setData(MIME_TYPE, QByteArray(ids.encode()))
        return data

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(MIME_TYPE).data()).decode()
        moved = [int(part) for part in raw.split(",") if part]
        if row < 0:  # dropped on a row: before it; on the empty space: at the end
            row = parent.row() if parent.isValid() else len(self.rows)
        before = [rec.id for rec in self.rows[:row] if rec.id not in moved]
        after = [rec.id for rec in self.rows[row:] if rec.id not in moved]
        order = before + [rec_id for rec_id in moved if self.row_of(rec_id) is not None] + after
        if order != [rec.id for rec in self.rows]:
            self.order_requested.emit(order)
        # False: the view must not remove the dragged rows; the reload shows the new order.
        return False
