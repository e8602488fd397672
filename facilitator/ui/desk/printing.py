"""Printing badges at the desk: one card a page (CR80), written off the UI thread, then opened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices  # noqa: F401 - the viewer; tests stub it through here
from PySide6.QtWidgets import QMessageBox, QWidget

from facilitator.i18n import _
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.print_jobs import PrintRunner, badge_job, badges_folder
from facilitator.ui.widgets.tasks import BackgroundTask

DESK_LAYOUT = "cr80"


def _pdf_path(ids: Sequence[int]) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"badge-{ids[0]}-{stamp}.pdf" if len(ids) == 1 else f"badges-{stamp}.pdf"
    return badges_folder() / name


class _DeskPrinting(PrintRunner):
    """The desk's print jobs: a failure is said in a message box and the desk keeps scanning."""

    def __init__(self, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent, context)
        self.setObjectName("badge_print")
        self.failed.connect(self.warn)

    def warn(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Badge"),
            _("The badge could not be printed: {error}").format(error=message),
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
    path = _pdf_path(ids)
    runner = parent.findChild(_DeskPrinting, "badge_print") or _DeskPrinting(parent, context)
    job = badge_job(context.db, workshop_id, path, DESK_LAYOUT, ids)
    return runner.run(_("Badge"), _("Preparing the badge…"), job, path)
