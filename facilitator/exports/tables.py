"""The attendance sheet as a spreadsheet (XLSX, printable) and as CSV (for French Excel)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from facilitator.exports.attendance import (
    ARRIVAL,
    TABLE_COLUMNS,
    Progress,
    arrival_time,
    sheet_heading,
    totals_text,
)
from facilitator.exports.snapshots import AttendanceRow, AttendanceSheet
from facilitator.i18n import _

HEADER_ROW = 6  # title, organisers, venue, day, a blank line, then the table
WIDTHS = (6, 22, 22, 40, 30, 22, 18, 32, 10, 30)  # characters, in TABLE_COLUMNS order
WRAPPED = {4, 5, 6}  # organisation, function, type: long texts wrap instead of spilling over
ROW_HEIGHT = 28  # points: about 1 cm, room to sign on paper
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# A spreadsheet opening a CSV runs a cell that starts like a formula; harmless phone numbers
# (+221 77 …) are left alone, anything else starting that way is quoted.
_FORMULA_START = re.compile(r"[=+\-@\t\r]")
_PHONE_LIKE = re.compile(r"[+\-]?[\d\s.()/+-]*")


def _texts(row: AttendanceRow) -> list[str]:
    return [
        str(row.number),
        row.last_name,
        row.first_name,
        row.organisation,
        row.function,
        row.category,
        row.phone,
        row.email,
        arrival_time(row),
        "",
    ]


def _csv_safe(text: str) -> str:
    if _FORMULA_START.match(text) and not _PHONE_LIKE.fullmatch(text):
        return "'" + text
    return text


def write_attendance_csv(path: Path, sheet: AttendanceSheet, progress: Progress | None) -> None:
    """UTF-8 with a BOM and `;` between fields: what French Excel opens without a wizard."""
    total = len(sheet.rows)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
        writer.writerow([_(name) for name in TABLE_COLUMNS])
        for index, row in enumerate(sheet.rows, start=1):
            writer.writerow([_csv_safe(text) for text in _texts(row)])
            if progress is not None and index % 500 == 0:
                progress(index, total)
    if progress is not None:
        progress(total, total)


def _title_rows(ws: Worksheet, sheet: AttendanceSheet) -> None:
    organisers = " · ".join(line.strip() for line in sheet.organisers.splitlines() if line.strip())
    ws.cell(1, 1, sheet.workshop_title).font = Font(bold=True, size=14)
    ws.cell(2, 1, organisers)
    ws.cell(3, 1, sheet.venue)
    ws.cell(4, 1, sheet_heading(sheet)).font = Font(bold=True, size=12)
    for row in (1, 2, 3, 4):
        cell = ws.cell(row, 1)
        if cell.data_type == "f":  # a title starting with « = » is text, not a formula
            cell.data_type = "s"


def _table_row(ws: Worksheet, at: int, values: list[object]) -> None:
    for column, value in enumerate(values, start=1):
        cell = ws.cell(at, column, value)
        if cell.data_type == "f":
            cell.data_type = "s"
        cell.border = GRID
        cell.alignment = Alignment(vertical="center", wrap_text=column in WRAPPED)
    ws.row_dimensions[at].height = ROW_HEIGHT


def write_attendance_xlsx(path: Path, sheet: AttendanceSheet, progress: Progress | None) -> None:
    """One printable sheet: title rows, a frozen bold header, real times, totals at the end."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = _("Attendance")[:31]
    _title_rows(ws, sheet)
    header_fill = PatternFill("solid", start_color="DDDDDD")
    for column, name in enumerate(TABLE_COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, column, _(name))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = WIDTHS[column - 1]
    arrival_column = TABLE_COLUMNS.index(ARRIVAL) + 1
    at = HEADER_ROW
    total = len(sheet.rows)
    for index, row in enumerate(sheet.rows, start=1):
        at += 1
        values: list[object] = list(_texts(row))
        values[0] = row.number
        values[arrival_column - 1] = row.checked_in_at.time() if row.checked_in_at else None
        _table_row(ws, at, values)
        ws.cell(at, arrival_column).number_format = "hh:mm"
        ws.cell(at, arrival_column).alignment = Alignment(horizontal="center", vertical="center")
        if progress is not None and index % 500 == 0:
            progress(index, total)
    for number in range(total + 1, total + sheet.blank_rows + 1):
        at += 1
        _table_row(ws, at, [number] + [None] * (len(TABLE_COLUMNS) - 1))
    at += 2
    ws.cell(at, 1, _("Total")).font = Font(bold=True)
    ws.cell(at, 2, totals_text(sheet)).font = Font(bold=True)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = _("Page {page} / {pages}").format(page="&P", pages="&N")
    workbook.save(path)
    if progress is not None:
        progress(total, total)
