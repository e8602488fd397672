"""Column widths of the participants table that fit the window: no column cut at 1024 pixels."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

# Per column of participants.model.COLUMNS: the least width it is readable at, and its share of
# the room left over. « Présent » and « Sexe » hold short texts and never grow.
MINIMUM_WIDTHS = (90, 90, 120, 90, 110, 50, 95, 120, 75)
SHARES = (2, 2, 3, 2, 3, 0, 1, 2, 0)


def fitted_widths(
    available: int, minimums: Sequence[int] = MINIMUM_WIDTHS, shares: Sequence[int] = SHARES
) -> list[int]:
    """Widths that fill `available` pixels: each column's minimum, plus its share of the rest."""
    spare = max(available - sum(minimums), 0)
    total = sum(shares) or 1
    widths = [
        minimum + spare * share // total for minimum, share in zip(minimums, shares, strict=True)
    ]
    # What the rounding left goes to the widest-sharing column, so the last one is not cut.
    if spare:
        widths[shares.index(max(shares))] += available - sum(widths)
    return widths


class ColumnFitter(QObject):
    """Keeps a table's columns filling its width as the window changes size.

    Once the user drags a column's edge, their widths are kept (until `fit` is called again).
    """

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.user_sized = False
        self._fitting = False
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._section_resized)

    def fit(self) -> None:
        """Size every column to the table's width now."""
        self.user_sized = False
        self._apply()

    def _apply(self) -> None:
        model = self.table.model()
        if model is None or model.columnCount() != len(MINIMUM_WIDTHS):
            return
        header = self.table.horizontalHeader()
        # Never narrower than the column's title (and its sort arrow), whatever the font.
        minimums = [
            max(minimum, header.sectionSizeFromContents(column).width())
            for column, minimum in enumerate(MINIMUM_WIDTHS)
        ]
        self._fitting = True
        try:
            for column, width in enumerate(fitted_widths(self.table.viewport().width(), minimums)):
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _section_resized(self, *_args: object) -> None:
        if not self._fitting:
            self.user_sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and not self.user_sized:
            self._apply()
        return False
