"""Choosing a backup of the event file and putting it back, from the app."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import N_, _
from facilitator.store.backups import all_backups
from facilitator.store.database import SQLITE_HEADER, DatabaseRefused, restore_database
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.dates import app_locale
from facilitator.ui.widgets.refused_file import choose_event_copy, failure_text

# Why each backup was taken, as its file name says it, in words for people.
REASONS = {
    "open": N_("when the app opened the file"),
    "periodic": N_("automatic, every 10 minutes"),
    "before-import": N_("before an import"),
    "before-migration": N_("before an update of the file"),
    "before-restore": N_("before a restore"),
    "before-delete-workshop": N_("before a workshop was deleted"),
    "before-delete-round": N_("before a round of groups was deleted"),
    "before-groups": N_("before groups were formed"),
}
_STAMP = re.compile(r"-(\d{8}-\d{6})-\d+-(.+)\.sqlite3$")


def looks_usable(path: Path) -> bool:
    """A quick look at a backup: not empty, an SQLite file (the full check comes on restore)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def describe_backup(path: Path) -> str:
    """« 22/11/2026 14:30:05 — before an import » for a backup file name."""
    match = _STAMP.search(path.name)
    if not match:
        return path.name
    when = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    reason = REASONS.get(match.group(2))
    stamp = app_locale().toString(
        when, app_locale().dateTimeFormat(app_locale().FormatType.ShortFormat)
    )
    return f"{stamp} — {_(reason) if reason else match.group(2)}"


class RestoreDialog(QDialog):
    """The backups of the open event file, newest first; restoring one asks first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Restore a backup"))
        self.resize(560, 420)
        self.list = QListWidget(objectName="backups")
        path = context.db.path
        # A copy kept byte for byte because it was damaged would only be refused: not offered.
        choices = [b for b in (all_backups(path) if path else []) if "damaged" not in b.stem]
        for backup in reversed(choices):
            item = QListWidgetItem(describe_backup(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup))
            item.setToolTip(str(backup))
            if not looks_usable(backup):
                # Seen at a glance, not refused after the user chose it and confirmed.
                item.setText(
                    _("{backup} — empty or damaged, cannot be used").format(backup=item.text())
                )
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        usable = [
            i for i in range(self.list.count())
            if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
        ]  # fmt: skip
        if usable:
            self.list.setCurrentRow(usable[0])
        explanation = QLabel(
            _(
                "The event file goes back to the state of the chosen copy. The current state is "
                "saved first, so a restore can itself be undone by restoring that copy."
            ),
            wordWrap=True,
        )
        self.empty = QLabel(_("No backup yet."))
        self.empty.setVisible(self.list.count() == 0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText(_("Restore"))
        self.restore_button.setEnabled(bool(usable))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        # A copy made with « Enregistrer une copie… » or brought on a USB stick.
        self.other_button = buttons.addButton(
            _("Choose another file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button.clicked.connect(self.restore_other)
        buttons.accepted.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)

    def _activated(self, _item: QListWidgetItem) -> None:
        self.restore_selected()

    def selected_backup(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def restore_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        self._restore(
            backup,
            _("Put the event file back as it was ({when})?").format(when=describe_backup(backup)),
        )

    def restore_other(self) -> None:
        chosen = self.choose_file(self)
        if chosen is not None:
            self._restore(
                chosen,
                _("Put the event file back as it is in {file}?").format(file=chosen),
            )

    # Replaced in tests: a file dialog cannot be driven offscreen.
    choose_file = staticmethod(choose_event_copy)

    def _restore(self, backup: Path, question: str) -> None:
        answer = QMessageBox.question(self, _("Restore a backup"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            db, _safety = restore_database(self.context.db, backup)
        except (DatabaseRefused, OSError, sqlite3.Error) as exc:
            QMessageBox.critical(self, _("Restore a backup"), failure_text(exc))
            return
        self.context.replace_database(db)
        self.accept()
