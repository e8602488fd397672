"""`facilitator attendance W -o OUT`: the attendance sheet of one day as PDF, XLSX or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli import EXIT_OK, UsageError
from facilitator.commands.workshops import check_output_file, open_from
from facilitator.core.os_errors import reason
from facilitator.exports.attendance import FORMATS, totals_text, write_attendance
from facilitator.i18n import _
from facilitator.store.attendance import AttendanceInvalid, attendance_sheet
from facilitator.store.workshops import find_workshop


def _check_output(output: Path) -> None:
    """Refuse, before anything is read or written, an output that cannot be made."""
    check_output_file(
        output,
        FORMATS,
        _(
            "« {name} »: the attendance sheet is written as .pdf, .xlsx or .csv; "
            "end the file name with one of them."
        ),
    )


def attendance(args: argparse.Namespace) -> int:
    output: Path = args.output
    _check_output(output)
    db = open_from(args, write=False)
    try:
        with db.read() as session:
            workshop = find_workshop(session, args.workshop)
            sheet = attendance_sheet(session, workshop.id, args.day, args.blank_rows)
    except AttendanceInvalid as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    try:
        write_attendance(output, sheet)
    except OSError as exc:
        raise UsageError(
            _("Cannot write {path}: {reason} (nothing was written).").format(
                path=output, reason=reason(exc)
            )
        ) from exc
    print(
        _("Attendance sheet written to {path} ({day}): {totals}.").format(
            day=sheet.day_label, path=output, totals=totals_text(sheet)
        )
    )
    return EXIT_OK
