"""A label that fits its text to the width it is given: wrapped on a few lines, then « … ».

A plain label asks for the width of its longest word: a 60-letter name widened the desk's
window. This one never asks for width; the whole text is in its tooltip when it is cut.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QTextLayout
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """Shows its text on at most `max_lines` lines, the last one cut with « … » if need be."""

    def __init__(self, max_lines: int = 1, parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(parent, **kwargs)
        self.max_lines = max_lines
        self._full = ""
        self.setWordWrap(False)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        """The whole text, as set (what shows may be cut)."""
        return self._full

    def shown_text(self) -> str:
        """What the label shows, cut to its width."""
        return super().text()

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self._fit()

    def is_cut(self) -> bool:
        return self.shown_text().replace("\n", " ") != " ".join(self._full.split())

    def refit(self) -> None:
        """Fit the text again (after a change of font)."""
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(10, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self._height())

    def _height(self) -> int:
        lines = max(1, min(self.max_lines, self.shown_text().count("\n") + 1))
        margins = self.contentsMargins()
        return lines * QFontMetrics(self.font()).lineSpacing() + margins.top() + margins.bottom()

    def _fit(self) -> None:
        before = super().text()
        shown = self._lines(self.contentsRect().width())
        if shown != before:
            super().setText(shown)
            self.updateGeometry()  # one line more or less: the layout gives another height
        self.setToolTip(self._full if self.is_cut() else "")

    def _lines(self, width: int) -> str:
        text = " ".join(self._full.split())
        if not text or width <= 0:
            return text
        metrics = QFontMetrics(self.font())
        layout = QTextLayout(text, self.font())
        layout.beginLayout()
        starts: list[int] = []
        while len(starts) < self.max_lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        lines: list[str] = []
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(text)
            piece = text[start:end].strip()
            last = number == len(starts) - 1
            if last or metrics.horizontalAdvance(piece) > width:
                rest = text[start:].strip()
                lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
                break
            lines.append(piece)
        return "\n".join(lines)
