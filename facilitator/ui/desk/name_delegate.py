"""How a match in the desk's name list is drawn: the name and organisation cut with « … », and
the presence status (« arrivé(e) à 09:12 ») always whole at the right, where the agent looks."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
MAIN_ROLE = Qt.ItemDataRole.UserRole + 1  # « Awa MBAYE — Croix-Rouge sénégalaise »
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # « arrivé(e) à 09:12 », or ""
GAP = 12  # pixels between the name and the status


def split_widths(main: str, status: str, metrics: QFontMetrics, width: int) -> tuple[int, int]:
    """The widths given to the name and to the status in `width` pixels: the status whole first,
    unless even it does not fit (then it is cut too, and the name gets nothing)."""
    if not status:
        return width, 0
    wanted = metrics.horizontalAdvance(status)
    if wanted + GAP >= width:
        return 0, width
    return width - wanted - GAP, wanted


class NameResultDelegate(QStyledItemDelegate):
    """Draws one match in two parts, so a long organisation never hides whether they are here."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        main, status = str(index.data(MAIN_ROLE) or ""), str(index.data(STATUS_ROLE) or "")
        metrics = QFontMetrics(opt.font)
        rect = text_rect.adjusted(2, 0, -2, 0)
        main_width, status_width = split_widths(main, status, metrics, rect.width())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText))
        else:
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            painter.setPen(
                brush.color() if brush is not None else opt.palette.color(QPalette.ColorRole.Text)
            )
        painter.setFont(opt.font)
        flags = Qt.AlignmentFlag.AlignVCenter
        if main_width > 0:
            shown = metrics.elidedText(main, Qt.TextElideMode.ElideRight, main_width)
            box = QRect(rect.left(), rect.top(), main_width, rect.height())
            painter.drawText(box, flags | Qt.AlignmentFlag.AlignLeft, shown)
        if status_width > 0:
            shown = metrics.elidedText(status, Qt.TextElideMode.ElideRight, status_width)
            box = QRect(rect.right() - status_width + 1, rect.top(), status_width, rect.height())
            painter.drawText(box, flags | Qt.AlignmentFlag.AlignRight, shown)
        painter.restore()
