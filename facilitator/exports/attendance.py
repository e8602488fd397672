"""The attendance sheet (« liste d'émargement ») written as PDF, XLSX or CSV, chosen by suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from facilitator.exports.atomic import replaced_when_done
from facilitator.exports.snapshots import AttendanceRow, AttendanceSheet
from facilitator.i18n import N_, _, ngettext

Progress = Callable[[int, int], None]
FORMATS = (".pdf", ".xlsx", ".csv")

# Column headers, translated where shown. The PDF prints the first seven and the signature;
# the spreadsheet and CSV add e-mail and type.
NUMBER = N_("No.")
LAST_NAME = N_("Last name")
FIRST_NAME = N_("First name")
ORGANISATION = N_("Organisation")
FUNCTION = N_("Function")
PHONE = N_("Phone")
ARRIVAL = N_("Arrival time")
SIGNATURE = N_("Signature")
EMAIL = N_("E-mail")
CATEGORY = N_("Type")

TABLE_COLUMNS = (
    NUMBER,
    LAST_NAME,
    FIRST_NAME,
    ORGANISATION,
    FUNCTION,
    CATEGORY,
    PHONE,
    EMAIL,
    ARRIVAL,
    SIGNATURE,
)


class UnknownFormat(ValueError):
    """The file name's suffix is not one the attendance sheet is written as."""


def arrival_time(row: AttendanceRow) -> str:
    """The check-in time as printed (« 08:05 »), empty for someone absent."""
    return row.checked_in_at.strftime("%H:%M") if row.checked_in_at else ""


def totals_text(sheet: AttendanceSheet) -> str:
    """« 80 inscrits · 52 présents · 28 femmes · 24 hommes » for the sheet's day."""
    present = [row for row in sheet.rows if row.checked_in_at is not None]
    women = sum(1 for row in present if row.gender == "F")
    men = sum(1 for row in present if row.gender == "M")
    unstated = len(present) - women - men
    parts = [
        ngettext("{n} registered", "{n} registered", len(sheet.rows)).format(n=len(sheet.rows)),
        ngettext("{n} present", "{n} present", len(present)).format(n=len(present)),
        ngettext("{n} woman", "{n} women", women).format(n=women),
        ngettext("{n} man", "{n} men", men).format(n=men),
    ]
    if unstated:
        parts.append(
            ngettext("{n} gender not stated", "{n} gender not stated", unstated).format(n=unstated)
        )
    return " · ".join(parts)


def sheet_heading(sheet: AttendanceSheet) -> str:
    """« Liste d'émargement — Vendredi 27 octobre 2023 »."""
    return _("Attendance sheet — {day}").format(day=sheet.day_label)


def write_attendance(path: Path, sheet: AttendanceSheet, progress: Progress | None = None) -> None:
    """Write the sheet to `path` as .pdf, .xlsx or .csv; the file appears only once complete."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(
            _("« {name} »: the attendance sheet is written as .pdf, .xlsx or .csv.").format(
                name=path.name
            )
        )
    # Imported here: a CSV or a spreadsheet never loads reportlab.
    if suffix == ".pdf":
        from facilitator.exports.attendance_pdf import write_attendance_pdf as writer
    elif suffix == ".xlsx":
        from facilitator.exports.tables import write_attendance_xlsx as writer
    else:
        from facilitator.exports.tables import write_attendance_csv as writer
    with replaced_when_done(path) as temporary:
        writer(temporary, sheet, progress)
