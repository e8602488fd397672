"""Printing badges at the desk: one card a page (CR80), written off the UI thread, then opened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from facilitator.i18n import _
from facilitator.store.database import data_folder
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.tasks import BackgroundTask, Report

AREA_BADGES = "badges"
DESK_LAYOUT = "cr80"


def badges_folder() -> Path:
    """Where the desk's badge PDFs go: the « badges » folder of the data folder."""
    return data_folder() / "badges"


def _pdf_path(ids: Sequence[int]) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"badge-{ids[0]}-{stamp}.pdf" if len(ids) == 1 else f"badges-{stamp}.pdf"
    return badges_folder() / name


class _BadgePrint(QObject):
    """The print jobs of one window: keeps each task alive, opens its PDF or says what failed.

    Finished tasks are let go when the next one starts, never from their own signal.
    """

    def __init__(self, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent)
        self.setObjectName("badge_print")
        self.parent_widget = parent
        self.context = context
        self.tasks: list[BackgroundTask] = []

    def start(self, task: BackgroundTask) -> None:
        for done in [t for t in self.tasks if t.done]:
            done.dialog.deleteLater()
            self.tasks.remove(done)
        self.tasks.append(task)
        task.finished_ok.connect(self.opened)
        task.finished_error.connect(self.failed)
        task.start()

    def opened(self, path: object) -> None:
        self.context.data_changed.emit(AREA_BADGES)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def failed(self, error: object) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Badge"),
            _("The badge could not be printed: {error}").format(error=error),
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def print_badges(parent: QWidget, context: AppContext, ids: Sequence[int]) -> BackgroundTask | None:
    """Write the badges of `ids` to a PDF in the background, mark them printed, and open it."""
    workshop_id = context.workshop_id
    ids = list(ids)
    if workshop_id is None or not ids:
        return None
    try:
        from facilitator.exports.badges import write_badges
        from facilitator.store.badges import badge_data, mark_printed
    except ImportError:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Badge"),
            _("Printing badges is not available in this version."),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return None
    path = _pdf_path(ids)
    db = context.db

    def job(report: Report) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with db.read() as session:
            badges = badge_data(session, workshop_id, ids)
        write_badges(path, badges, layout=DESK_LAYOUT, progress=report)
        with db.write() as session:
            mark_printed(session, ids)
        return path

    handler = parent.findChild(_BadgePrint, "badge_print") or _BadgePrint(parent, context)
    task = BackgroundTask(parent, _("Badge"), _("Preparing the badge…"), job)
    handler.start(task)
    return task
