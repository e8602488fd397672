"""The File menu's actions of the main window: import, badges, attendance, synthesis, copies.

Methods of the MainWindow, kept apart from its navigation (main_window.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from facilitator.i18n import _
from facilitator.store import backups
from facilitator.ui.widgets.print_jobs import export_folder
from facilitator.ui.widgets.printing import open_attendance
from facilitator.ui.widgets.restore import RestoreDialog
from facilitator.ui.widgets.tasks import BackgroundTask

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow


class FileActions:
    """Each File menu action; those about a workshop first ask for one to be open."""

    def _print_badges(self: MainWindow) -> None:
        if self.context.workshop_id is None:
            QMessageBox.information(self, _("Print badges…"), _("Open or create a workshop first."))
            return
        self.participants_screen.print_badges()

    def _attendance(self: MainWindow) -> None:
        if self.context.workshop_id is None:
            QMessageBox.information(
                self, _("Attendance sheet…"), _("Open or create a workshop first.")
            )
            return
        open_attendance(self, self.context)

    def _export_synthesis(self: MainWindow) -> None:
        if self.context.workshop_id is None:
            QMessageBox.information(
                self, _("Export the synthesis…"), _("Open or create a workshop first.")
            )
            return
        self.show_screen("synthesis")
        self.synthesis_screen.export()

    def _import_list(self: MainWindow) -> None:
        if self.context.workshop_id is None:
            QMessageBox.information(self, _("Import"), _("Open or create a workshop first."))
            return
        self.show_screen("participants")
        self.participants_screen.open_import()

    def _save_copy(self: MainWindow) -> None:
        if self.context.db.path is None:
            QMessageBox.information(
                self,
                _("Save a copy"),
                _("This event is kept on a server: ask whoever runs the server for a backup."),
            )
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save a copy of the event file"),
            str(export_folder() / "facilitator-copie.sqlite3"),  # not the app's working folder
            _("Event files (*.sqlite3)"),
        )
        if not target:
            return
        engine = self.context.db.engine
        task = BackgroundTask(
            self,
            _("Save a copy"),
            _("Copying the event file…"),
            lambda _report: backups.backup_engine(engine, Path(target)),
        )
        task.finished_ok.connect(
            lambda _r: self.statusBar().showMessage(
                _("Copy saved: {path}").format(path=target), 8000
            )
        )
        task.finished_error.connect(
            lambda exc: QMessageBox.critical(self, _("Save a copy"), str(exc))
        )
        task.start()

    def _restore_backup(self: MainWindow) -> None:
        if self.context.db.path is None:
            QMessageBox.information(
                self,
                _("Restore a backup"),
                _("This event is kept on a server: ask whoever runs the server for a backup."),
            )
            return
        if RestoreDialog(self.context, self).exec():
            self.statusBar().showMessage(_("Backup restored."), 8000)
