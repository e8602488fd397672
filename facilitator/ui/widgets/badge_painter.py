"""Badges painted on a printer (or any QPaintDevice) with Qt, from the same marks as the PDF.

The page is set to the layout's paper with no margin, and every mark is placed in device pixels
from the paper's corner. Text uses the PDF's own font, without kerning or hinting, so that its
widths are the ones the layout measured; QR modules land on whole device pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
)
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.units import mm

from facilitator.exports.badge_layout import Code, Fill, Layout, Line, Mark, Outline, Text
from facilitator.exports.fonts import BOLD
from facilitator.i18n import _
from facilitator.resources import resource_path

LEFT_TO_RIGHT_OVERRIDE, POP = "\u202d", "\u202c"  # text comes in visual order already


class PrinterUnavailable(RuntimeError):
    """The printer could not be started (switched off, unplugged, no rights to it)."""


@cache
def font_families() -> tuple[str, str]:
    """Register the shipped DejaVu Sans with Qt (on the UI thread, once); its family names."""
    families = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        found = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        families.append(found[0] if found else "DejaVu Sans")
    return families[0], families[1]


def set_paper(printer: QPrinter, spec: Layout) -> None:
    """The layout's paper (A4, or the card itself), portrait or landscape, without margins."""
    width, height = spec.page[0] / mm, spec.page[1] / mm
    portrait = height >= width
    size = QPageSize(
        QSizeF(min(width, height), max(width, height)),
        QPageSize.Unit.Millimeter,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,  # A4 is A4: the printer's own paper
    )
    orientation = (
        QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    )
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))


def paint_pages(printer: QPrinter, pages: Sequence[Sequence[Mark]], spec: Layout) -> None:
    """Print the pages' marks; raises PrinterUnavailable when the printer cannot start."""
    set_paper(printer, spec)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterUnavailable(
            _("The printer « {name} » cannot print now: is it switched on and connected?").format(
                name=printer.printerName() or printer.outputFileName()
            )
        )
    try:
        for index, marks in enumerate(pages):
            if index and not printer.newPage():
                raise PrinterUnavailable(_("The printer stopped before the last page."))
            paint_marks(painter, marks, printer.resolution() / 72, spec.page[1])
    finally:
        painter.end()


def _font(mark: Text) -> QFont:
    regular, bold = font_families()
    font = QFont(bold if mark.font == BOLD else regular)
    font.setBold(mark.font == BOLD)
    font.setPointSizeF(mark.size)  # points on the printer: its resolution makes them pixels
    font.setKerning(False)  # widths as the layout measured them, glyph by glyph
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _grey(level: float) -> QColor:
    return QColor.fromRgbF(level, level, level)


def paint_marks(painter: QPainter, marks: Sequence[Mark], scale: float, page_height: float) -> None:
    """Paint marks given in points from the bottom-left corner; `scale` is pixels per point."""

    def x_of(x: float) -> float:
        return x * scale

    def y_of(y: float) -> float:
        return (page_height - y) * scale

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    for mark in marks:
        if isinstance(mark, Text):
            painter.setFont(_font(mark))
            painter.setPen(_grey(mark.grey))
            text = f"{LEFT_TO_RIGHT_OVERRIDE}{mark.text}{POP}"
            painter.drawText(QPointF(x_of(mark.x), y_of(mark.baseline)), text)
        elif isinstance(mark, Fill):
            rect = QRectF(x_of(mark.x), y_of(mark.y + mark.h), mark.w * scale, mark.h * scale)
            painter.fillRect(rect, QColor.fromRgbF(*mark.rgb))
        elif isinstance(mark, Code):
            _paint_code(painter, mark, x_of(mark.x), y_of(mark.y + mark.side), scale)
        elif isinstance(mark, Outline):
            painter.setPen(QPen(_grey(mark.grey), mark.width * scale))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(
                QRectF(x_of(mark.x), y_of(mark.y + mark.h), mark.w * scale, mark.h * scale)
            )
        elif isinstance(mark, Line):
            painter.setPen(QPen(_grey(mark.grey), mark.width * scale))
            painter.drawLine(
                QPointF(x_of(mark.x0), y_of(mark.y0)), QPointF(x_of(mark.x1), y_of(mark.y1))
            )


def _paint_code(painter: QPainter, code: Code, left: float, top: float, scale: float) -> None:
    """White square, then the dark modules, each module a whole number of device pixels."""
    count = len(code.matrix)
    module = code.side * scale / count
    whole = round(module)
    if whole >= 1 and abs(module - whole) < 0.05:
        module = whole  # the layout chose module sizes that are whole pixels at 150 dpi
    left, top = round(left), round(top)
    painter.fillRect(QRectF(left, top, module * count, module * count), Qt.GlobalColor.white)
    black = QColor(Qt.GlobalColor.black)
    for row, cells in enumerate(code.matrix):
        start = -1
        for column, dark in enumerate((*cells, False)):
            if dark and start < 0:
                start = column
            elif not dark and start >= 0:
                painter.fillRect(
                    QRectF(
                        left + start * module, top + row * module, (column - start) * module, module
                    ),
                    black,
                )
                start = -1
