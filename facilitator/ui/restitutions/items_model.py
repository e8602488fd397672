"""A group's restitution items as a thin Qt table model; a drop asks the store for a move."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from facilitator.i18n import _
from facilitator.store.restitution_fields import (
    CHALLENGE,
    GOOD_PRACTICE,
    OPPORTUNITY,
    RECOMMENDATION,
    horizon_label,
    kind_label,
    rec_type_label,
)
from facilitator.store.restitutions import ItemRow

MIME_TYPE = "application/x-facilitator-restitution-item"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = 6
KIND, TEXT, REC_TYPE, ACTOR, HORIZON, PRIORITY = range(COLUMNS)
SHOWN_CHARS = 300  # a pasted document shows its start in the list; the editor has it all
KIND_COLOURS = {
    CHALLENGE: "#fde2e1",
    OPPORTUNITY: "#dff3e4",
    GOOD_PRACTICE: "#e0ecfb",
    RECOMMENDATION: "#fff1cc",
}

AnyIndex = QModelIndex | QPersistentModelIndex


def column_titles() -> list[str]:
    return [
        _("Kind of item"),
        _("Text"),
        _("Type"),
        _("Actor responsible"),
        _("Horizon"),
        _("Priority"),
    ]


def one_line(text: str) -> str:
    """The start of a text on one line, for a row of the list."""
    short = text[: SHOWN_CHARS + 1]
    short = short.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ").replace("\t", " ")
    return short[:SHOWN_CHARS] + "…" if len(text) > SHOWN_CHARS else short


class ItemsModel(QAbstractTableModel):
    """One row per item, in the stored order. Drops never move rows here: they emit
    order_requested with the new order of ids, and the screen reloads after the store moved."""

    order_requested = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ItemRow] = []
        self._titles = column_titles()

    def set_rows(self, rows: Sequence[ItemRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def replace_row(self, row: ItemRow) -> None:
        """Show a saved item again without resetting the list (cheap while typing)."""
        for number, old in enumerate(self.rows):
            if old.id == row.id:
                self.rows[number] = row
                self.dataChanged.emit(self.index(number, 0), self.index(number, COLUMNS - 1))
                return

    def row_of(self, item_id: int) -> int:
        return next((n for n, row in enumerate(self.rows) if row.id == item_id), -1)

    def ids(self) -> list[int]:
        return [row.id for row in self.rows]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return row.text[:1000]
        if role == Qt.ItemDataRole.BackgroundRole and column == KIND:
            return QBrush(QColor(KIND_COLOURS.get(row.kind, "#eeeeee")))
        return None

    @staticmethod
    def _display(row: ItemRow, column: int) -> str:
        if column == KIND:
            return kind_label(row.kind)
        if column == TEXT:
            return one_line(row.text)
        if row.kind != RECOMMENDATION:
            return ""
        if column == REC_TYPE:
            return rec_type_label(row.rec_type)
        if column == ACTOR:
            return one_line(row.actor)
        if column == HORIZON:
            return horizon_label(row.horizon)
        return "" if row.priority is None else str(row.priority)

    # -- drag and drop ---------------------------------------------------------------------------
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(MIME_TYPE, str(self.rows[rows[0]].id).encode())
        return data

    def dropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        _column: int,
        parent: AnyIndex,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rows)
        order = self.order_after_drop(int(bytes(data.data(MIME_TYPE).data()).decode()), row)
        if order is not None:
            self.order_requested.emit(order)
        return False  # the rows move when the screen reloads from the store

    def order_after_drop(self, item_id: int, row: int) -> list[int] | None:
        """The ids in their new order when `item_id` is dropped before row `row`."""
        ids = self.ids()
        if item_id not in ids:
            return None
        old = ids.index(item_id)
        ids.remove(item_id)
        ids.insert(row - 1 if row > old else row, item_id)
        return None if ids == self.ids() else ids
