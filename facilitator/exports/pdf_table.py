"""A reportlab table whose very tall rows split across pages instead of failing the export.

reportlab never splits a row by default: a cell taller than the page (a 3,000-character
recommendation) raised LayoutError « Flowable <Table…> too large on page N ». Its own
`splitInRow` option (reportlab 4.0+) splits rows, but as a last resort: the rest of a table, once
split between rows, is retried in the space left on the same page, split there inside its first
row, and so prints its header row twice on one page. Here a row splits inside itself only when
it is taller than `TALL_ROW` and at least `MIN_PART` points are left for its first part; a
shorter row moves whole to the next page, where it always fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Table

TALL_ROW = 300.0  # points; less than the body of any page we print (landscape A4: about 490)
MIN_PART = 36.0  # about three lines of a cell


class SplittingTable(Table):  # type: ignore[misc]  # reportlab has no type hints
    """A Table whose rows taller than `TALL_ROW` split across pages."""

    def __init__(self, data: Sequence[Sequence[Any]], *args: Any, **kwargs: Any) -> None:
        if not kwargs.get("normalizedData"):
            # reportlab splits inside a row only the cells that are strings or lists of
            # flowables: a lone Paragraph would come out empty on both pages.
            data = [[[c] if isinstance(c, Flowable) else c for c in row] for row in data]
        kwargs["splitInRow"] = 0  # the decision is ours, in split()
        super().__init__(data, *args, **kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        fitting = self._getFirstPossibleSplitRowPosition(availHeight)  # rows that fit whole
        header = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        if (
            header <= fitting < len(heights)
            and heights[fitting] > TALL_ROW
            and availHeight - sum(heights[:fitting]) >= MIN_PART
        ):
            parts: list[Any] = self._splitRows(availHeight, doInRowSplit=True)
            if parts:
                return parts
        return list(super().split(availWidth, availHeight))
