"""When the app cannot use its event file: say why, and offer the way out that is safe.

A damaged file: put back the newest intact backup (the damaged file is kept aside). A file that
cannot be written (a locked USB stick, a read-only copy): work on a copy on this computer.
Nothing here ever writes into the refused file itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from facilitator.i18n import _
from facilitator.store.backups import backup_file, backups_folder, kept_folder
from facilitator.store.database import (
    Database,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseRefused,
    open_database,
    restore_event_file,
)
from facilitator.store.event_file import backup_time
from facilitator.ui.widgets.dates import app_locale
from facilitator.ui.widgets.print_jobs import APP_FOLDER, documents_folder


class RefusedFileBox(QMessageBox):
    """The message for a refused event file, with a way out when there is a safe one."""

    def __init__(self, refusal: DatabaseRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refusal = refusal
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_("Cannot open the event file"))
        self.setText(str(refusal))
        self.way_out: QPushButton | None = None
        if isinstance(refusal, DatabaseDamaged):
            # SQLite's own words and the command line's advice are for « Show details ».
            self.setText(
                _("The event file {path} is damaged; it was left untouched.").format(
                    path=refusal.path
                )
            )
            self.setDetailedText(str(refusal))
        if isinstance(refusal, DatabaseDamaged) and refusal.good_backup is None:
            self.setInformativeText(
                _("No intact backup was found in {folder}.").format(
                    folder=backups_folder(refusal.path)
                )
            )
        elif isinstance(refusal, DatabaseDamaged) and refusal.good_backup is not None:
            self.setInformativeText(
                _(
                    "Put back the backup of {when}? What was recorded after it is in the damaged "
                    "file, which is kept in {folder}."
                ).format(when=_when(refusal.good_backup), folder=kept_folder(refusal.path))
            )
            self.way_out = self.addButton(
                _("Restore this backup"), QMessageBox.ButtonRole.AcceptRole
            )
        elif isinstance(refusal, DatabaseReadOnly) and refusal.path.exists():
            self.setInformativeText(
                _("Facilitator can copy it into {folder} and open the copy.").format(
                    folder=copies_folder()
                )
            )
            self.way_out = self.addButton(
                _("Open a copy on this computer"), QMessageBox.ButtonRole.AcceptRole
            )
        quit_button = self.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.way_out or quit_button)
        self.setEscapeButton(quit_button)

    def chose_way_out(self) -> bool:
        return self.way_out is not None and self.clickedButton() is self.way_out


def _when(path: Path) -> str:
    locale = app_locale()
    when = QDateTime.fromSecsSinceEpoch(int(backup_time(path).timestamp()))
    return locale.toString(when, locale.dateTimeFormat(locale.FormatType.ShortFormat))


def copies_folder() -> Path:
    """Where a copy of an event file that cannot be written goes: the user's documents."""
    return documents_folder() / APP_FOLDER


def writable_copy(source: Path) -> Path:
    """Copy an event file to the copies folder under a name not taken yet; returns the copy."""
    folder = copies_folder()
    target = folder / source.name
    number = 2
    while target.exists():
        target = folder / f"{source.stem} ({number}){source.suffix}"
        number += 1
    backup_file(source, target)
    return target


def recover(refusal: DatabaseRefused, box: RefusedFileBox, backup_reason: str) -> Database | None:
    """Carry out the way out the user chose in `box`; None when they chose to quit."""
    if not box.chose_way_out():
        return None
    if isinstance(refusal, DatabaseDamaged):
        assert refusal.good_backup is not None
        restore_event_file(refusal.path, refusal.good_backup)
        return open_database(refusal.path, create=False, backup_reason=backup_reason)
    assert isinstance(refusal, DatabaseReadOnly)
    copy = writable_copy(refusal.path)
    return open_database(copy, create=False, backup_reason=backup_reason)
