"""Column widths for the consolidation's tables: every column readable at any window width.

Each column is at least as wide as its header and its longest word, so no word is ever cut in
two; short columns keep their preferred width while there is room; the text columns share what
is left. When even the minimums do not fit (a very narrow window), the table scrolls sideways
instead of cutting a column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

PADDING = 12  # a cell's text margins (3 px each side), the grid line, and a little air
HEADER_PADDING = 12  # a header section's margins (4 px a side) and its grid line, with air


@dataclass(frozen=True)
class Column:
    """How one column wants to be sized."""

    index: int
    preferred: int = 0  # its width when there is room; 0 for a column that shares the rest
    weight: int = 0  # >0: takes a share of what the fixed columns leave, in this proportion
    floor: int = 0  # never narrower, whatever its words (a text column needs room to wrap)


class ColumnFitter(QObject):
    """Sizes the columns of `table` now and whenever its width or its rows change."""

    def __init__(self, table: QTableView, columns: Sequence[Column]) -> None:
        super().__init__(table)
        self.table = table
        self.columns = list(columns)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(20)
        for column in self.columns:
            header.setSectionResizeMode(column.index, QHeaderView.ResizeMode.Fixed)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        table.viewport().installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.fit)
        model.layoutChanged.connect(self.fit)
        model.dataChanged.connect(self._later)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        self._width = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            self._later()
        return False

    def _later(self, *_args: object) -> None:
        self._timer.start()

    def minimum(self, column: Column) -> int:
        """The header's width and the longest word of the column, whichever is wider."""
        model = self.table.model()
        header = self.table.horizontalHeader()
        title = str(model.headerData(column.index, Qt.Orientation.Horizontal) or "")
        header_font = header.font()
        header_font.setBold(True)  # some styles draw headers bold: measure the wider face
        needed = QFontMetrics(header_font).horizontalAdvance(title) + HEADER_PADDING
        metrics = QFontMetrics(self.table.font())
        for row in range(model.rowCount()):
            text = str(model.index(row, column.index).data() or "")
            for word in text.split():
                needed = max(needed, metrics.horizontalAdvance(word) + PADDING)
        return max(needed, column.floor)

    def widths(self, available: int) -> dict[int, int]:
        """The width of each column when the viewport is `available` pixels wide."""
        floors = {c.index: self.minimum(c) for c in self.columns}
        fixed = [c for c in self.columns if not c.weight]
        shared = [c for c in self.columns if c.weight]
        widths = {c.index: max(c.preferred, floors[c.index]) for c in fixed}
        room = available - sum(widths.values())
        short = sum(floors[c.index] for c in shared) - room
        if short > 0:  # the fixed columns give back what they hold above their minimum
            spare = {c.index: widths[c.index] - floors[c.index] for c in fixed}
            total = sum(spare.values())
            give = min(short, total)
            for index, extra in spare.items():  # in proportion, rounded up, never past a floor
                taken = min(extra, -(-extra * give // total) if total else 0, give)
                widths[index] -= taken
                give -= taken
            room = available - sum(widths.values())
        # Share the room by weight; a column whose share is below its minimum takes its
        # minimum, and the others share again what is left.
        sharing = list(shared)
        while sharing:
            weights = sum(c.weight for c in sharing) or 1
            below = [c for c in sharing if room * c.weight // weights < floors[c.index]]
            if not below:
                for c in sharing:
                    widths[c.index] = room * c.weight // weights
                break
            for c in below:
                widths[c.index] = floors[c.index]
                room -= floors[c.index]
                sharing.remove(c)
        return widths

    def fit(self) -> None:
        self._width = self.table.viewport().width()
        header = self.table.horizontalHeader()
        for index, width in self.widths(self._width).items():
            if header.sectionSize(index) != width:
                header.resizeSection(index, width)
        self.table.resizeRowsToContents()
