"""The attendance sheet as a landscape A4 PDF, readable and signable when photocopied."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from facilitator.exports.attendance import (
    ARRIVAL,
    FIRST_NAME,
    FUNCTION,
    LAST_NAME,
    NUMBER,
    ORGANISATION,
    PHONE,
    SIGNATURE,
    Progress,
    arrival_time,
    sheet_heading,
    totals_text,
)
from facilitator.exports.fonts import ellipsized, register_fonts
from facilitator.exports.fonts import visual as shaped
from facilitator.exports.pdf_pages import PageCountCanvas
from facilitator.exports.pdf_table import TALL_ROW, SplittingTable
from facilitator.exports.snapshots import AttendanceSheet
from facilitator.i18n import _

PAGE = landscape(A4)
MARGIN = 12 * mm
COLUMNS = (NUMBER, LAST_NAME, FIRST_NAME, ORGANISATION, FUNCTION, PHONE, ARRIVAL, SIGNATURE)
# Millimetres; the signature column takes what is left of the page's width.
FIXED_WIDTHS = (11, 32, 31, 52, 36, 37, 20)
FONT_SIZE = 9  # the smallest size still readable on a second-generation photocopy
LEADING = 11
ROW_HEIGHT: float = 10 * mm  # at least: room for a signature
PADDING = 3


def _cell(text: str) -> str:
    return escape(shaped(text))


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=regular, fontSize=FONT_SIZE, leading=LEADING)
    return {
        "cell": base,
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
        "name": ParagraphStyle("name", parent=base, fontName=bold),
        "head": ParagraphStyle("head", parent=base, fontName=bold, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=15, leading=19),
        "line": ParagraphStyle("line", parent=base, fontSize=10, leading=13),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=bold, fontSize=13, leading=17, spaceBefore=4
        ),
        "totals": ParagraphStyle("totals", parent=base, fontName=bold, fontSize=11, leading=15),
    }


def _header(sheet: AttendanceSheet, styles: dict[str, ParagraphStyle]) -> list[Any]:
    flowables: list[Any] = [Paragraph(_cell(sheet.workshop_title), styles["title"])]
    for line in sheet.organisers.splitlines():
        if line.strip():
            flowables.append(Paragraph(_cell(line.strip()), styles["line"]))
    if sheet.venue:
        flowables.append(Paragraph(_cell(sheet.venue), styles["line"]))
    flowables.append(Paragraph(_cell(sheet_heading(sheet)), styles["heading"]))
    flowables.append(Spacer(1, 3 * mm))
    return flowables


def _table(
    sheet: AttendanceSheet, styles: dict[str, ParagraphStyle], progress: Progress | None
) -> Table:
    cell, centre, name = styles["cell"], styles["centre"], styles["name"]
    data: list[list[Any]] = [[Paragraph(_cell(_(title)), styles["head"]) for title in COLUMNS]]
    total = len(sheet.rows)
    for index, row in enumerate(sheet.rows, start=1):
        data.append(
            [
                Paragraph(str(row.number), centre),
                Paragraph(_cell(row.last_name.upper()), name),
                Paragraph(_cell(row.first_name), cell),
                Paragraph(_cell(row.organisation), cell),
                Paragraph(_cell(row.function), cell),
                Paragraph(_cell(row.phone), cell),
                Paragraph(arrival_time(row), centre),
                "",
            ]
        )
        if progress is not None and index % 200 == 0:
            progress(index, total)
    for number in range(total + 1, total + sheet.blank_rows + 1):
        data.append([Paragraph(str(number), centre)] + [""] * (len(COLUMNS) - 1))
    usable = PAGE[0] - 2 * MARGIN
    widths = [w * mm for w in FIXED_WIDTHS]
    widths.append(usable - sum(widths))
    heights = [None] + [_row_height(cells, widths) for cells in data[1:]]
    # A row taller than the page (a 5,000-character organisation) splits across pages, its
    # text from the top: centred, each part would waste half a page.
    tall = [
        ("VALIGN", (0, i), (-1, i), "TOP") for i, h in enumerate(heights) if (h or 0) > TALL_ROW
    ]
    table = SplittingTable(data, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                *tall,
            ]
        )
    )
    return table


def _row_height(cells: list[Any], widths: list[float]) -> float:
    """Tall enough for the longest wrapped text, and never under 1 cm."""
    needed = max(
        (
            cell.wrap(width - 2 * PADDING, PAGE[1])[1]
            for cell, width in zip(cells, widths, strict=True)
            if isinstance(cell, Paragraph)
        ),
        default=0.0,
    )
    return max(ROW_HEIGHT, float(needed) + 2 * PADDING)


def _numbered_canvas(footer_left: str, font: str) -> type[Canvas]:
    """A canvas that writes « Page 2 / 5 » once the number of pages is known."""

    class NumberedCanvas(PageCountCanvas):
        def decorate(self, total: int) -> None:
            self.setFont(font, FONT_SIZE)
            self.setFillColor(colors.black)
            y = MARGIN - 5 * mm
            self.drawString(MARGIN, y, footer_left)
            self.drawRightString(
                PAGE[0] - MARGIN,
                y,
                _("Page {page} / {pages}").format(page=self._pageNumber, pages=total),
            )

    return NumberedCanvas


def write_attendance_pdf(path: Path, sheet: AttendanceSheet, progress: Progress | None) -> None:
    """Landscape A4: the workshop's header, the numbered table, blank rows, then the totals."""
    regular, bold = register_fonts()
    styles = _styles(regular, bold)
    document = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 2 * mm,
        title=sheet_heading(sheet),
        subject=sheet.workshop_title,
        creator="Facilitator",
    )
    story = _header(sheet, styles)
    story.append(_table(sheet, styles, progress))
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph(_cell(totals_text(sheet)), styles["totals"]))
    footer = shaped(f"{sheet.workshop_title} · {sheet_heading(sheet)}")
    document.build(story, canvasmaker=_numbered_canvas(_fit(footer, regular), regular))
    if progress is not None:
        progress(len(sheet.rows), len(sheet.rows))


def _fit(text: str, font: str) -> str:
    """The footer's text cut with « … » so that it leaves room for the page number."""
    return ellipsized(text, font, FONT_SIZE, PAGE[0] - 2 * MARGIN - 40 * mm)
