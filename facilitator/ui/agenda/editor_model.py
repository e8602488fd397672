"""The day's agenda as a two-level Qt tree model; a drop asks for a move, the store does it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from facilitator.i18n import _
from facilitator.store.agenda import AgendaEntry, kind_label

MIME_TYPE = "application/x-facilitator-agenda-item"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = 8
START, END, DURATION, TITLE, KIND, SPEAKERS, FIXED, ACTUAL = range(COLUMNS)

AnyIndex = QModelIndex | QPersistentModelIndex


def column_titles() -> list[str]:
    return [
        _("Start time"),
        _("End time"),
        _("Duration"),
        _("Title"),
        _("Kind"),
        _("Speakers or moderators"),
        _("Fixed"),
        _("As it ran"),
    ]


def format_minutes(minutes: int) -> str:
    """45 min, 1 h 30, 2 h."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{n} min").format(n=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes}").format(hours=hours, minutes=f"{rest:02d}")


def actual_text(entry: AgendaEntry) -> str:
    """« 09:12–09:55 (+12 min) », « 10:02–… » while it runs, or nothing before it starts."""
    if entry.actual_start is None:
        return ""
    end = f"{entry.actual_end:%H:%M}" if entry.actual_end is not None else "…"
    text = f"{entry.actual_start:%H:%M}–{end}"
    delay = entry.delay_minutes or 0
    if delay:
        text += " " + _("({delay} min)").format(delay=f"{delay:+d}".replace("-", "−"))
    return text


def _cells(entry: AgendaEntry) -> list[QStandardItem]:
    minutes = round((entry.planned_end - entry.planned_start).total_seconds() / 60)
    texts = [
        f"{entry.planned_start:%H:%M}",
        f"{entry.planned_end:%H:%M}",
        format_minutes(minutes),
        entry.title,
        kind_label(entry.kind),
        entry.speakers,
        _("fixed") if entry.fixed else "",
        actual_text(entry),
    ]
    cells = []
    for text in texts:
        cell = QStandardItem(text)
        cell.setData(entry.id, ID_ROLE)
        cell.setEditable(False)
        cell.setToolTip(text)
        cells.append(cell)
    if entry.fixed:
        font = QFont()
        font.setBold(True)
        cells[START].setFont(font)
        cells[FIXED].setFont(font)
    return cells


class AgendaTreeModel(QStandardItemModel):
    """Items of one day, sub-items as children. Drops never move rows here: they emit
    `move_requested(item_id, parent_id or 0 for the top level, position among siblings)`."""

    move_requested = Signal(int, int, int)

    def __init__(self) -> None:
        super().__init__(0, COLUMNS)
        self.setHorizontalHeaderLabels(column_titles())
        self.entries: list[AgendaEntry] = []

    def set_entries(self, entries: Sequence[AgendaEntry]) -> None:
        self.entries = list(entries)
        self.removeRows(0, self.rowCount())
        for entry in entries:
            cells = _cells(entry)
            for child in entry.children:
                cells[0].appendRow(_cells(child))
            self.appendRow(cells)

    # -- lookups ---------------------------------------------------------------------------------
    def item_id(self, index: AnyIndex) -> int | None:
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def index_of(self, item_id: int) -> QModelIndex:
        for row in range(self.rowCount()):
            top = self.index(row, 0)
            if self.item_id(top) == item_id:
                return top
            for sub in range(self.rowCount(top)):
                child = self.index(sub, 0, top)
                if self.item_id(child) == item_id:
                    return child
        return QModelIndex()

    def entry(self, item_id: int) -> AgendaEntry | None:
        for entry in self.entries:
            if entry.id == item_id:
                return entry
            for child in entry.children:
                if child.id == item_id:
                    return child
        return None

    def parent_id(self, item_id: int) -> int | None:
        for entry in self.entries:
            if any(child.id == item_id for child in entry.children):
                return entry.id
        return None

    # -- drag and drop ---------------------------------------------------------------------------
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = [self.item_id(index) for index in indexes]
        first = next((item_id for item_id in ids if item_id is not None), None)
        data.setData(MIME_TYPE, str(first or "").encode())
        return data

    def dropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        raw = bytes(data.data(MIME_TYPE).data()).decode()
        if not raw.isdigit():
            return False
        target = self.drop_target(int(raw), row, parent)
        if target is None:
            return False
        self.move_requested.emit(int(raw), target[0] or 0, target[1])
        return True

    def drop_target(
        self, item_id: int, row: int, parent: AnyIndex
    ) -> tuple[int | None, int] | None:
        """(new parent id, position among its other children) for a drop, None if not allowed.

        Between rows: there. Onto a sub-item: its place. Onto an item: an item takes its place,
        a sub-item becomes its last sub-item.
        """
        entry = self.entry(item_id)
        if entry is None:
            return None
        old_parent = self.parent_id(item_id)
        onto = row < 0 and parent.isValid()
        if parent.isValid() and parent.parent().isValid():
            row, parent = parent.row(), parent.parent()
        elif onto and old_parent is None:
            row, parent = parent.row(), QModelIndex()
        parent = parent.siblingAtColumn(0) if parent.isValid() else QModelIndex()
        parent_id = self.item_id(parent)
        if parent_id is not None and (entry.children or parent_id == item_id):
            return None  # an item with sub-items stays an item; nothing goes under itself
        siblings = [self.item_id(self.index(r, 0, parent)) for r in range(self.rowCount(parent))]
        if row < 0:
            row = len(siblings)
        position = row
        moving_down = old_parent == parent_id and siblings.index(item_id) < row
        if moving_down and not onto:
            position -= 1
        return parent_id, position
