"""The round picker of the groups screen: the round's whole name when the bar has room for it,
else cut with « … » (never mid-word without a sign), the whole name in its tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolBar,
    QWidget,
)

MIN_WIDTH = 140  # « Travaux de gr… »: still says which round it is


class RoundPicker(QComboBox):
    """A combo box as wide as its longest round name, within the width it is allowed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("round_picker")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumWidth(MIN_WIDTH)
        self.currentIndexChanged.connect(self._tooltip)

    def _tooltip(self, _index: int) -> None:
        self.setToolTip(self.currentText())

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def shown_text(self) -> str:
        """The current round's name as drawn: whole, or ending with « … » when too narrow."""
        option = self._option()
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        # The style draws the label 1 pixel in from each side of the field.
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideRight, field.width() - 2
        )

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        painter = QStylePainter(self)
        option = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def fit(self, bar: QToolBar, width: int) -> None:
        """Allow the picker what `bar`, `width` pixels wide, leaves beside its other items, so
        that no action of the bar is pushed into its « » menu."""
        others = 0
        count = 0
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is None or widget is self or not action.isVisible():
                continue
            others += widget.sizeHint().width()
            count += 1
        style = bar.style()
        spacing = style.pixelMetric(QStyle.PixelMetric.PM_ToolBarItemSpacing, None, bar)
        margins = 2 * (
            style.pixelMetric(QStyle.PixelMetric.PM_ToolBarItemMargin, None, bar)
            + style.pixelMetric(QStyle.PixelMetric.PM_ToolBarFrameWidth, None, bar)
        )
        extension = style.pixelMetric(QStyle.PixelMetric.PM_ToolBarExtensionExtent, None, bar)
        room = width - others - spacing * (count + 1) - margins - extension
        self.setMaximumWidth(max(MIN_WIDTH, room))
