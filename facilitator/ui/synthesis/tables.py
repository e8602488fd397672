"""The preview's tables sized to the preview: no word cut in two, whatever the screen's width.

Qt's own widths cut « Priorité » or « Recommandation » in two beside long texts, and more so on a
1024-pixel screen. Here every column gets at least its longest word (headers are bold: measured
in bold); a column of short values gets just that, the others share the rest by how much text
they hold. When even the words do not fit, the table is wider than the preview, which scrolls.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTable,
    QTextTableCell,
)

AIR = 3.0  # beyond the cell's padding and border: a word must not touch the next column
SHORT_TEXT = 12  # a column whose values average this many characters or fewer stays narrow
MAX_WEIGHT = 45.0
_SPACES = re.compile(r"[ \t\n\r\u2028\u2029]+")
_HYPHEN = re.compile(r"(?<=[-‐/])")  # a line may end after a hyphen or a slash


def cell_text(cell: QTextTableCell) -> str:
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def tables(document: QTextDocument) -> list[QTextTable]:
    """Every table of the document, in no particular order."""
    found: list[QTextTable] = []
    frames = [document.rootFrame()]
    while frames:
        frame = frames.pop()
        frames.extend(frame.childFrames())
        if isinstance(frame, QTextTable):
            found.append(frame)
    return found


def words(text: str) -> list[str]:
    """The pieces a line of the cell can end after: words, cut after their hyphens too.

    A no-break space (« −25 min », « 10 000 ») holds its two sides together: not a break.
    """
    return [piece for word in _SPACES.split(text) for piece in _HYPHEN.split(word) if piece]


def longest_words(table: QTextTable, header: QFontMetrics, body: QFontMetrics) -> list[float]:
    """Per column, the width of its longest word (plus the cell's padding)."""
    table_format = table.format()
    padding = 2 * table_format.cellPadding() + table_format.border() + AIR
    widths = []
    for column in range(table.columns()):
        longest = 0
        for row in range(table.rows()):
            metrics = header if row == 0 else body
            for word in words(cell_text(table.cellAt(row, column))):
                longest = max(longest, metrics.horizontalAdvance(word))
        widths.append(longest + padding)
    return widths


def column_widths(
    table: QTextTable, header: QFontMetrics, body: QFontMetrics, width: float
) -> list[float]:
    """The pixel width of each column in `width` pixels (more when the words need more)."""
    floors = longest_words(table, header, body)
    short: list[bool] = []
    weights: list[float] = []
    for column in range(table.columns()):
        texts = [cell_text(table.cellAt(row, column)) for row in range(table.rows())]
        mean = sum(len(text) for text in texts) / max(len(texts), 1)
        short.append(mean <= SHORT_TEXT)
        weights.append(min(mean, MAX_WEIGHT))
    widths = [floors[c] if short[c] else 0.0 for c in range(len(floors))]
    flexible = [c for c in range(len(floors)) if not short[c]]
    # Share what the short columns leave; a column below its longest word takes that word's
    # width, and the others share what is left again.
    while flexible:
        rest = width - sum(widths[c] for c in range(len(widths)) if c not in flexible)
        total = sum(weights[c] for c in flexible) or 1.0
        below = [c for c in flexible if rest * weights[c] / total < floors[c]]
        if not below:
            for c in flexible:
                widths[c] = rest * weights[c] / total
            break
        for c in below:
            widths[c] = floors[c]
            flexible.remove(c)
    return widths


def fit_tables(document: QTextDocument, width: int) -> None:
    """Set every table's column widths for a preview `width` pixels wide."""
    font = QFont(document.defaultFont())
    body = QFontMetrics(font)
    font.setBold(True)  # headers are bold: measure the wider face
    header = QFontMetrics(font)
    for table in tables(document):
        widths = column_widths(table, header, body, float(max(width, 1)))
        total = sum(widths)
        table_format = table.format()
        if total <= width + 0.5:  # the shares add up to the width, give or take a rounding
            table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
            constraints = [
                QTextLength(QTextLength.Type.PercentageLength, 100 * w / max(width, 1))
                for w in widths
            ]
        else:  # the words alone are wider than the preview: fixed widths, the preview scrolls
            table_format.setWidth(QTextLength(QTextLength.Type.FixedLength, total))
            constraints = [QTextLength(QTextLength.Type.FixedLength, w) for w in widths]
        table_format.setColumnWidthConstraints(constraints)
        table.setFormat(table_format)
