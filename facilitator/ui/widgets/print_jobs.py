"""The background work behind printing: badge and attendance jobs, and the runner that starts them.

A job writes its file off the UI thread (BackgroundTask); the runner announces the change, then
opens the file with the system's viewer. Files go by default to a visible folder of the user's
documents (Documents/Facilitator/<kind>), made when first needed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QStandardPaths, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from facilitator.core.os_errors import reason
from facilitator.i18n import _, ngettext
from facilitator.store.attendance import AttendanceInvalid, attendance_sheet
from facilitator.store.badges import UnknownParticipants, badge_data, mark_printed
from facilitator.store.database import Database
from facilitator.store.workshops import WorkshopNotFound
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.tasks import BackgroundTask, Report

AREA_BADGES = "badges"
# Opens a written file; returns False if nothing could, or an Opening that may fail later.
Opener = Callable[[Path], object]
Job = Callable[[Report], "Written"]


class NothingToPrint(ValueError):
    """The participants asked for have no badge to print."""


@dataclass(frozen=True)
class Written:
    """A file a job wrote, what to tell the user, and the data area it changed (if any)."""

    path: Path
    message: str
    area: str | None = None


class Opening(QObject):
    """xdg-open at work on a file: `failed` says later that no application could open it.

    QDesktopServices.openUrl returns True as soon as xdg-open starts, even when xdg-open then finds
    no viewer (exit code 3 or 4); its exit code is what tells. Nothing here waits for it.
    """

    failed = Signal(object)  # the path no application could open
    opened = Signal(object)  # the path a viewer was started for

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.settled = False
        self.process = QProcess(self)
        self.process.setStandardOutputFile(QProcess.nullDevice())
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        _openings.add(self)  # kept alive until xdg-open is done
        self.process.start("xdg-open", [str(path)])

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        ok = status == QProcess.ExitStatus.NormalExit and code == 0
        self._done(ok)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no `finished` follows this one
            self._done(False)

    def _done(self, ok: bool) -> None:
        if self.settled:
            return
        self.settled = True
        (self.opened if ok else self.failed).emit(self.path)
        # Let go once the process's signal is over: dropping it now would delete it mid-signal.
        QTimer.singleShot(0, self._forget)

    def _forget(self) -> None:
        _openings.discard(self)


_openings: set[Opening] = set()


def open_file(path: Path) -> bool | Opening:
    """Open a written file (or a folder) with the system's viewer (PDF reader, spreadsheet).

    On Linux, xdg-open runs in the background and the returned Opening says if it failed; elsewhere
    (or without xdg-open) Qt opens it and the answer is at once: False if nothing could.
    """
    if sys.platform.startswith("linux") and shutil.which("xdg-open"):
        return Opening(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# The folder of the user's documents where the app's files go, and its folders, one per kind of
# file. They are names on the disk, the same whatever the language of the windows.
APP_FOLDER = "Facilitator"
BADGES = "Badges"
ATTENDANCE = "Émargement"
REPORTS = "Rapports"
GROUPS = "Groupes"


def documents_folder() -> Path:
    """The user's documents folder (Qt's DocumentsLocation), or the home folder if none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def export_folder(kind: str | None = None) -> Path:
    """Documents/Facilitator/<kind>, made if missing: a dialog or a job is about to use it.

    The home folder if it cannot be made (a read-only disk, a file in the way).
    """
    folder = documents_folder() / APP_FOLDER
    if kind:
        folder /= kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder


def badges_folder() -> Path:
    """Where badge PDFs go: Documents/Facilitator/Badges."""
    return export_folder(BADGES)


def attendance_folder() -> Path:
    """Where attendance sheets go: Documents/Facilitator/Émargement."""
    return export_folder(ATTENDANCE)


def groups_folder() -> Path:
    """Where printed group lists go: Documents/Facilitator/Groupes."""
    return export_folder(GROUPS)


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


def error_message(error: object, path: Path) -> str:
    """What went wrong, in words for the person at the desk."""
    if isinstance(error, OSError):
        return _("Cannot write « {path} »: {reason}. Nothing was written.").format(
            path=path, reason=reason(error)
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
    open_failed = Signal(object)  # the Written result no viewer could open, said after `printed`
    failed = Signal(str)  # what went wrong, in words for people

    def __init__(self, parent: QWidget, context: AppContext, opener: Opener | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.opener = opener
        self.tasks: list[BackgroundTask] = []
        self._paths: dict[BackgroundTask, Path] = {}
        self._opening: dict[Path, Written] = {}  # files xdg-open is at work on

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
        outcome = opener(result.path)
        if isinstance(outcome, Opening):
            self._opening[result.path] = result
            outcome.failed.connect(self._open_failed)
            outcome.opened.connect(self._opened)
        self.printed.emit(result, outcome is not False)

    def _opened(self, path: Path) -> None:
        self._opening.pop(path, None)

    def _open_failed(self, path: Path) -> None:
        result = self._opening.pop(path, None)
        if result is not None:
            self.open_failed.emit(result)

    def _failed(self, error: object) -> None:
        path = self._paths.get(self.sender())  # type: ignore[call-overload]
        self.failed.emit(error_message(error, path or Path()))
