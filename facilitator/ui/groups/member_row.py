"""How one member shows on a group card: the name on its own line, the organisation under it,
and a coloured tag of the participant type beside the organisation.

On a 1024-pixel screen four cards leave about 165 pixels a row: on one line, « DIALLO
Mouhamed — Ministère… » lost the name's end and the whole organisation; on two, the name reads
whole and the organisation takes what the tag leaves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from facilitator.ui.groups.labels import PIN_MARK
from facilitator.ui.groups.model import (
    NAME_ROLE,
    ORGANISATION_ROLE,
    PINNED_ROLE,
    TYPE_COLOUR_ROLE,
    TYPE_ROLE,
)
from facilitator.ui.groups.tags import fitting_tag
from facilitator.ui.widgets.type_colours import text_on

PAD = 4  # pixels left and right of the texts, and between the organisation and the tag
TAG_PAD = 8  # pixels around a tag's text, inside its coloured box
TAG_SHARE = 0.45  # at most this share of the row for the tag when an organisation is beside it

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RowLayout:
    """What one member's row shows, once fitted to its width: the texts as drawn, and where."""

    name_lines: tuple[str, ...]  # one line, or two for a long name (never cut mid-word)
    organisation: str
    tag: str
    name_rect: QRect
    organisation_rect: QRect
    tag_rect: QRect

    @property
    def name(self) -> str:
        """The name as read: its lines joined again."""
        return " ".join(self.name_lines)


def name_lines(name: str, metrics: QFontMetrics, width: int) -> tuple[str, ...]:
    """`name` on one line when it fits `width`, else on two, broken between words; a second
    line still too long ends with « … »."""
    if metrics.horizontalAdvance(name) <= width or " " not in name:
        return (metrics.elidedText(name, Qt.TextElideMode.ElideRight, width),)
    words = name.split(" ")
    first = words[0]
    for count in range(len(words) - 1, 0, -1):  # as many words as fit on the first line
        candidate = " ".join(words[:count])
        if metrics.horizontalAdvance(candidate) <= width:
            first = candidate
            break
    rest = name[len(first) :].strip()
    return (
        metrics.elidedText(first, Qt.TextElideMode.ElideRight, width),
        metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width),
    )


def _fonts(base: QFont, pinned: bool) -> tuple[QFont, QFont, QFont]:
    name = QFont(base)
    name.setBold(pinned)
    small = QFont(base)
    small.setPointSizeF(max(base.pointSizeF() * 0.9, 6.0))
    tag = QFont(base)
    tag.setPointSizeF(max(base.pointSizeF() * 0.8, 6.0))
    return name, small, tag


class MemberDelegate(QStyledItemDelegate):
    """A member on two lines: name, then organisation with the type's coloured tag."""

    def row_layout(self, option: QStyleOptionViewItem, index: Index) -> RowLayout:
        """The texts of the row as they fit `option.rect`, each cut with « … » only if needed."""
        pinned = bool(index.data(PINNED_ROLE))
        name_font, small_font, tag_font = _fonts(option.font, pinned)
        name_metrics, small_metrics = QFontMetrics(name_font), QFontMetrics(small_font)
        tag_metrics = QFontMetrics(tag_font)
        rect = option.rect
        width = max(rect.width() - 2 * PAD, 0)
        top = rect.top() + 2
        name = str(index.data(NAME_ROLE) or "")
        if pinned:
            name = f"{PIN_MARK} {name}"
        lines = name_lines(name, name_metrics, width)
        name_rect = QRect(rect.left() + PAD, top, width, name_metrics.height() * len(lines))
        second = name_rect.bottom() + 1
        small_height = max(small_metrics.height(), tag_metrics.height() + 2)
        organisation = str(index.data(ORGANISATION_ROLE) or "")
        type_name = str(index.data(TYPE_ROLE) or "")
        room = int(width * TAG_SHARE) if organisation else width
        tag = fitting_tag(
            type_name, room, lambda text: tag_metrics.horizontalAdvance(text) + TAG_PAD
        )
        tag_width = min(tag_metrics.horizontalAdvance(tag) + TAG_PAD, width) if tag else 0
        tag_height = tag_metrics.height() + 2
        tag_rect = QRect(
            rect.left() + PAD + width - tag_width,
            second + (small_height - tag_height) // 2,
            tag_width,
            tag_height,
        )
        organisation_width = max(width - (tag_width + PAD if tag else 0), 0)
        organisation_rect = QRect(rect.left() + PAD, second, organisation_width, small_height)
        return RowLayout(
            name_lines=lines,
            organisation=small_metrics.elidedText(
                organisation, Qt.TextElideMode.ElideRight, organisation_width
            ),
            tag=tag_metrics.elidedText(tag, Qt.TextElideMode.ElideRight, tag_width - 4),
            name_rect=name_rect,
            organisation_rect=organisation_rect,
            tag_rect=tag_rect,
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = self.row_layout(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        # The row's background and selection, drawn by the style, under both lines and the tag.
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        background.state &= ~QStyle.StateFlag.State_HasFocus
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = palette.color(role)
        faint = QColor(text_colour)
        if not selected:
            faint = palette.color(QPalette.ColorRole.PlaceholderText)
            if faint == text_colour or not faint.isValid():
                faint.setAlphaF(0.7)
        name_font, small_font, tag_font = _fonts(option.font, bool(index.data(PINNED_ROLE)))
        painter.save()
        centre = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setPen(text_colour)
        painter.setFont(name_font)
        painter.drawText(row.name_rect, centre, "\n".join(row.name_lines))
        painter.setPen(faint)
        painter.setFont(small_font)
        painter.drawText(row.organisation_rect, centre, row.organisation)
        if row.tag:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            colour = index.data(TYPE_COLOUR_ROLE)
            colour = colour if isinstance(colour, QColor) else QColor("#777777")
            painter.setBrush(colour)
            painter.drawRoundedRect(row.tag_rect, 4, 4)
            painter.setPen(text_on(colour))
            painter.setFont(tag_font)
            painter.drawText(row.tag_rect, Qt.AlignmentFlag.AlignCenter, row.tag)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        view = self.parent()
        sized = QStyleOptionViewItem(option)
        if isinstance(view, QAbstractItemView):  # the row is as wide as the list shows
            sized.rect = QRect(0, 0, view.viewport().width(), 1)
        row = self.row_layout(sized, index)
        # Narrow on purpose: the list is as wide as its card, and long texts end with « … ».
        return QSize(40, row.organisation_rect.bottom() + 1 - sized.rect.top() + 4)
