"""The background work behind printing: badge and attendance jobs, and the runner that starts them.

A job writes its file off the UI thread (BackgroundTask); the runner announces the change, then
opens the file with the system's viewer.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from facilitator.i18n import N_, _, ngettext
from facilitator.store.attendance import AttendanceInvalid, attendance_sheet
from facilitator.store.badges import UnknownParticipants, badge_data, mark_printed
from facilitator.store.database import Database, data_folder
from facilitator.store.workshops import WorkshopNotFound
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.tasks import BackgroundTask, Report

AREA_BADGES = "badges"
Opener = Callable[[Path], object]  # opens a written file; returns False if nothing could
Job = Callable[[Report], "Written"]


class NothingToPrint(ValueError):
    """The participants asked for have no badge to print."""


@dataclass(frozen=True)
class Written:
    """A file a job wrote, what to tell the user, and the data area it changed (if any)."""

    path: Path
    message: str
    area: str | None = None


def open_file(path: Path) -> bool:
    """Open a written file with the system's viewer (PDF reader, spreadsheet)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def badges_folder() -> Path:
    """Where badge PDFs go: the « badges » folder of the data folder."""
    return data_folder() / "badges"


def attendance_folder() -> Path:
    """Where attendance sheets go: the « emargement » folder of the data folder."""
    return data_folder() / "emargement"


def badge_job(
    db: Database,
    workshop_id: int,
    path: Path,
    layout: str,
    ids: Sequence[int] | None = None,
    not_printed: bool = False,
) -> Job:
    """The work of printing badges: read them, write the PDF, record them printed (one commit)."""

    def job(report: Report) -> Written:
        from facilitator.exports.badges import write_badges  # reportlab loads when first used

        path.parent.mkdir(parents=True, exist_ok=True)
        with db.read() as session:
            badges = badge_data(session, workshop_id, ids, not_printed)
        if not badges:
            raise NothingToPrint(_("No badge to print: every badge asked for is printed already."))
        write_badges(path, badges, layout, report)
        with db.write() as session:
            mark_printed(session, [badge.participant_id for badge in badges])
        count = len(badges)
        message = ngettext(
            "{n} badge written to {path}", "{n} badges written to {path}", count
        ).format(n=count, path=path)
        return Written(path, message, AREA_BADGES)

    return job


def attendance_job(
    db: Database, workshop_id: int, day: dt.date, blank_rows: int, path: Path
) -> Job:
    """The work of an attendance sheet: read the day's check-ins, write the file."""

    def job(report: Report) -> Written:
        from facilitator.exports.attendance import totals_text, write_attendance

        path.parent.mkdir(parents=True, exist_ok=True)
        with db.read() as session:
            sheet = attendance_sheet(session, workshop_id, day, blank_rows)
        write_attendance(path, sheet, report)
        message = _("Attendance sheet written to {path} ({day}): {totals}.").format(
            path=path, day=sheet.day_label, totals=totals_text(sheet)
        )
        return Written(path, message)

    return job


# The system's reasons (in English) for the failures people meet, in words of the app's language.
_REASONS = {
    errno.EACCES: N_("this folder may not be written to"),
    errno.EPERM: N_("this folder may not be written to"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EEXIST: N_("a file has the name of a folder on the way"),
    errno.ENOTDIR: N_("a file has the name of a folder on the way"),
}


def error_message(error: object, path: Path) -> str:
    """What went wrong, in words for the person at the desk."""
    if isinstance(error, OSError):
        reason = _REASONS.get(error.errno or 0)
        return _("Cannot write « {path} »: {reason}. Nothing was written.").format(
            path=path, reason=_(reason) if reason else error.strerror or error
        )
    if isinstance(
        error, UnknownParticipants | AttendanceInvalid | NothingToPrint | WorkshopNotFound
    ):
        return str(error)
    return _("Unexpected error: {error}").format(error=error)


class PrintRunner(QObject):
    """Runs a window's print jobs off the UI thread, then announces the change and opens the file.

    Tasks are kept alive while they run; finished ones are let go when the next one starts, never
    from their own signal.
    """

    printed = Signal(object, bool)  # the Written result, and whether a viewer opened the file
    failed = Signal(str)  # what went wrong, in words for people

    def __init__(self, parent: QWidget, context: AppContext, opener: Opener | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.opener = opener
        self.tasks: list[BackgroundTask] = []
        self._paths: dict[BackgroundTask, Path] = {}

    def run(self, title: str, label: str, job: Job, path: Path) -> BackgroundTask:
        for done in [t for t in self.tasks if t.done]:
            done.dialog.deleteLater()
            self.tasks.remove(done)
            self._paths.pop(done, None)
        task = BackgroundTask(self.parent_widget, title, label, job)
        self.tasks.append(task)
        self._paths[task] = path
        task.finished_ok.connect(self._succeeded)
        task.finished_error.connect(self._failed)
        task.start()
        return task

    def running(self) -> bool:
        return any(not task.done for task in self.tasks)

    def _succeeded(self, result: object) -> None:
        assert isinstance(result, Written)
        if result.area is not None:
            self.context.data_changed.emit(result.area)
        opener = self.opener if self.opener is not None else open_file
        opened = opener(result.path) is not False
        self.printed.emit(result, opened)

    def _failed(self, error: object) -> None:
        path = self._paths.get(self.sender())  # type: ignore[call-overload]
        self.failed.emit(error_message(error, path or Path()))
