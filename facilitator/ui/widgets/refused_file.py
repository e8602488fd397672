"""When the app cannot use its event file: say why, and offer the ways out that are safe.

A damaged file: put back the newest intact backup, or a copy the user chooses (the damaged file is
kept aside). A file that cannot be written (a locked USB stick, a read-only copy): work on a copy on
this computer, the one made last time if there is one. Nothing here writes into the refused file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

from facilitator.core.os_errors import reason
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

# What the user chose in the box.
RESTORE, CHOOSE, NEW_COPY, EARLIER_COPY, QUIT = "restore", "choose", "copy", "earlier", "quit"
EVENT_FILES = "*.sqlite3 *.sqlite *.db"


class RefusedFileBox(QMessageBox):
    """The message for a refused event file, with the safe ways out as buttons."""

    def __init__(self, refusal: DatabaseRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refusal = refusal
        self.choices: dict[QAbstractButton, str] = {}
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_("Cannot open the event file"))
        self.setText(str(refusal))
        first: QAbstractButton | None = None
        if isinstance(refusal, DatabaseDamaged):
            first = self._damaged(refusal)
        elif isinstance(refusal, DatabaseReadOnly) and refusal.path.exists():
            first = self._read_only(refusal)
        quit_button = self._add(_("Quit"), QUIT, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(first or quit_button)  # type: ignore[arg-type]
        self.setEscapeButton(quit_button)

    def _add(self, text: str, choice: str, role: QMessageBox.ButtonRole) -> QAbstractButton:
        button = self.addButton(text, role)
        self.choices[button] = choice
        return button

    def _damaged(self, refusal: DatabaseDamaged) -> QAbstractButton | None:
        # SQLite's own words and the command line's advice are for « Show details ».
        self.setText(
            _("The event file {path} is damaged; it was left untouched.").format(path=refusal.path)
        )
        self.setDetailedText(str(refusal))
        first = None
        if refusal.good_backup is None:
            self.setInformativeText(
                _(
                    "No intact backup was found in {folder}. If you have a copy of the event "
                    "(on a USB stick, sent by e-mail), choose it: it will replace the damaged "
                    "file, which is kept in {kept}."
                ).format(folder=backups_folder(refusal.path), kept=kept_folder(refusal.path))
            )
        else:
            self.setInformativeText(
                _(
                    "Put back the backup of {when}? What was recorded after it is in the damaged "
                    "file, which is kept in {folder}."
                ).format(when=when(refusal.good_backup), folder=kept_folder(refusal.path))
            )
            first = self._add(_("Restore this backup"), RESTORE, QMessageBox.ButtonRole.AcceptRole)
        choose = self._add(_("Choose a copy…"), CHOOSE, QMessageBox.ButtonRole.ActionRole)
        return first or choose

    def _read_only(self, refusal: DatabaseReadOnly) -> QAbstractButton:
        earlier = earlier_copy(refusal.path)
        if earlier is None:
            self.setInformativeText(
                _("Facilitator can copy it into {folder} and open the copy.").format(
                    folder=copies_folder()
                )
            )
            return self._add(
                _("Open a copy on this computer"), NEW_COPY, QMessageBox.ButtonRole.AcceptRole
            )
        # Opening a fresh copy would leave the morning's check-ins in the earlier one.
        self.setInformativeText(
            _(
                "A copy of this file made earlier is in {folder} (changed {when}): open it to "
                "go on with what was recorded there."
            ).format(folder=copies_folder(), when=when(earlier))
        )
        first = self._add(
            _("Open the earlier copy"), EARLIER_COPY, QMessageBox.ButtonRole.AcceptRole
        )
        self._add(_("Make a new copy"), NEW_COPY, QMessageBox.ButtonRole.ActionRole)
        return first

    def choice(self) -> str:
        clicked = self.clickedButton()
        return self.choices.get(clicked, QUIT) if clicked is not None else QUIT


def when(path: Path) -> str:
    """When a file was last changed, as the app's locale writes it."""
    locale = app_locale()
    moment = QDateTime.fromSecsSinceEpoch(int(backup_time(path).timestamp()))
    return locale.toString(moment, locale.dateTimeFormat(locale.FormatType.ShortFormat))


def copies_folder() -> Path:
    """Where a copy of an event file that cannot be written goes: the user's documents."""
    return documents_folder() / APP_FOLDER


def earlier_copy(source: Path) -> Path | None:
    """The copy of `source` made on this computer last time, if it is still there."""
    target = copies_folder() / source.name
    return target if target.is_file() else None


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


def choose_event_copy(parent: QWidget | None) -> Path | None:
    """Ask for a copy of an event file (a backup made with « Enregistrer une copie… », say)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Choose a copy of the event"),
        str(documents_folder()),
        _("Event files ({patterns})").format(patterns=EVENT_FILES),
    )
    return Path(name) if name else None


def recover(
    refusal: DatabaseRefused,
    choice: str,
    backup_reason: str,
    choose: Callable[[], Path | None] = lambda: choose_event_copy(None),
) -> Database | None:
    """Carry out the way out chosen; None when the user quit (or gave up choosing a file).

    Raises DatabaseRefused (or OSError) when it cannot be done; nothing is lost then either.
    """
    path = getattr(refusal, "path", None)
    if choice in (RESTORE, CHOOSE) and isinstance(refusal, DatabaseDamaged):
        source = refusal.good_backup if choice == RESTORE else choose()
        if source is None:
            return None
        restore_event_file(refusal.path, source)
        return open_database(refusal.path, create=False, backup_reason=backup_reason)
    if choice == EARLIER_COPY and isinstance(path, Path):
        earlier = earlier_copy(path)
        if earlier is not None:
            return open_database(earlier, create=False, backup_reason=backup_reason)
    if choice in (NEW_COPY, EARLIER_COPY) and isinstance(path, Path):
        return open_database(writable_copy(path), create=False, backup_reason=backup_reason)
    return None


def failure_text(failure: BaseException) -> str:
    """What went wrong in a recovery, for a person."""
    if isinstance(failure, DatabaseRefused):
        return str(failure)
    if isinstance(failure, OSError):
        return reason(failure)
    return _("The copy could not be made or opened ({error}).").format(error=failure)


def open_refused_file(refusal: DatabaseRefused, backup_reason: str) -> Database | None:
    """Show the box until the user takes a way out that works, or quits (None)."""
    while True:
        box = RefusedFileBox(refusal)
        box.exec()
        choice = box.choice()
        if choice == QUIT:
            return None
        try:
            opened = recover(refusal, choice, backup_reason, partial(choose_event_copy, box))
        except (DatabaseRefused, OSError, sqlite3.Error) as failure:
            message = failure_text(failure)
            QMessageBox.critical(None, _("Cannot open the event file"), message)
            continue
        if opened is not None:
            return opened
