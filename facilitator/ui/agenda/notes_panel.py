"""The notes taken on one agenda item, saved as they are typed (autosave, never a Save button).

A save happens 800 ms after the last keystroke, and at once when the notes lose the focus, when
another item is shown, and when the panel is hidden or closed: each is one `save_agenda_note`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.agenda_notes import agenda_note, save_agenda_note
from facilitator.store.models import AgendaItem
from facilitator.store.restitution_fields import RestitutionsInvalid
from facilitator.store.revisions import ENTITY_AGENDA_NOTE, revisions
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.autosave import SaveLoop
from facilitator.ui.widgets.revisions_dialog import AREA_AGENDA_NOTES, RevisionsDialog

SAVE_DELAY_MS = 800


def editor_text(editor: QPlainTextEdit) -> str:
    """The text exactly as typed: toPlainText() would turn no-break spaces into plain ones."""
    return editor.document().toRawText().replace("\u2029", "\n")


class AgendaNotesPanel(QWidget):
    """The notes of one agenda item; follows the live item unless another one is picked."""

    leave_requested = Signal()  # Escape in the notes: the keyboard goes back to the timer
    saved = Signal(int)  # the agenda item whose notes were just saved
    item_changed = Signal(object)  # the agenda item shown now (None: none)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_notes")
        self.context = context
        self._item_id: int | None = None
        self._live_id: int | None = None
        self._following = True
        self._dirty = False
        self._loading = False
        self._saving = False
        self._status_item: int | None = None  # the item the status line speaks of
        self.revisions_dialog: RevisionsDialog | None = None

        self.title = QLabel(objectName="notes_title", wordWrap=True)
        self.title.setStyleSheet("font-weight: 600;")
        self.editor = QPlainTextEdit(objectName="notes_editor")
        self.editor.setPlaceholderText(_("Notes on this item: speeches, questions, decisions…"))
        self.editor.installEventFilter(self)
        self.status = QLabel(objectName="notes_status")
        self.status.setStyleSheet("color: #555;")
        self.versions_button = QPushButton(_("Earlier versions…"), objectName="notes_versions")
        self.versions_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.versions_button.clicked.connect(self.open_revisions)
        self._timer = SaveLoop(SAVE_DELAY_MS, self)
        self._timer.due.connect(self.save)

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.versions_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)

        self.editor.textChanged.connect(self._typed)
        context.data_changed.connect(self._data_changed)
        context.workshop_changed.connect(self._workshop_changed)
        self._load()

    # -- which item ------------------------------------------------------------------------------
    def item_id(self) -> int | None:
        return self._item_id

    def is_following(self) -> bool:
        return self._following

    def set_item(self, item_id: int | None) -> None:
        """Show another item's notes (the current ones are saved first)."""
        self._following = item_id == self._live_id
        self._show(item_id)

    def set_live_item(self, item_id: int | None) -> None:
        """The live item changed: the notes follow it (even after another item was picked)."""
        self._live_id = item_id
        self._following = True
        self._show(item_id)

    def _show(self, item_id: int | None) -> None:
        if item_id == self._item_id:
            return
        self.save()
        self._item_id = item_id
        self._load()
        self.item_changed.emit(self._item_id)

    def _load(self) -> None:
        item_id = self._item_id
        title, text = "", ""
        if item_id is not None:
            shown = item_id
            item, note = self.context.read(
                lambda s: (s.get(AgendaItem, shown), agenda_note(s, shown))
            )
            if item is None:
                self._item_id = item_id = None
            else:
                title = item.title
                text = note.text if note is not None else ""
        if text != self.text():  # unchanged text keeps its cursor and undo history
            self._loading = True
            try:
                self.editor.setPlainText(text)
            finally:
                self._loading = False
        self._dirty = False
        self._timer.stop()
        self.title.setText(title if item_id is not None else _("No agenda item"))
        self.editor.setEnabled(item_id is not None)
        self.editor.setReadOnly(item_id is None)
        if item_id != self._status_item:
            self.status.setText("")
        self._update_versions()

    def _update_versions(self) -> None:
        item_id = self._item_id
        has = item_id is not None and bool(
            self.context.read(lambda s: revisions(s, ENTITY_AGENDA_NOTE, item_id, "text"))
        )
        self.versions_button.setEnabled(has)

    # -- saving ----------------------------------------------------------------------------------
    def text(self) -> str:
        return editor_text(self.editor)

    def is_dirty(self) -> bool:
        return self._dirty

    def _typed(self) -> None:
        if self._loading or self._item_id is None:
            return
        self._dirty = True
        self._timer.touched()  # saves after a pause in typing, or a second after this started

    def save(self) -> None:
        """Save now if anything changed since the last save (one transaction)."""
        self._timer.stop()
        item_id = self._item_id
        if not self._dirty or item_id is None:
            return
        text = self.text()
        try:
            save_agenda_note(self.context.db, item_id, text)
        except RestitutionsInvalid as error:  # the item was deleted meanwhile
            self.status.setText(str(error))
            self._dirty = False
            return
        self._dirty = False
        now = dt.datetime.now().astimezone()
        self.status.setText(_("Saved at {time}").format(time=now.strftime("%H:%M")))
        self._status_item = item_id
        self._saving = True
        try:
            self.context.data_changed.emit(AREA_AGENDA_NOTES)
        finally:
            self._saving = False
        self._update_versions()
        self.saved.emit(item_id)

    def _data_changed(self, area: str) -> None:
        # Another window changed these notes (a restored version): show them, unless typing.
        if area == AREA_AGENDA_NOTES and not self._saving and not self._dirty:
            self._load()
        elif area == "agenda" and self._item_id is not None and not self._dirty:
            self._load()  # the item may have been renamed or deleted

    def _workshop_changed(self, _workshop_id: int) -> None:
        self.save()
        self._live_id = None
        self._following = True
        self._item_id = None
        self._load()

    # -- earlier versions ------------------------------------------------------------------------
    def open_revisions(self) -> None:
        item_id = self._item_id
        if item_id is None:
            return
        self.save()  # the text on screen becomes a version too when one is restored
        dialog = RevisionsDialog(self.context, ENTITY_AGENDA_NOTE, item_id, "text", self)
        self.revisions_dialog = dialog  # reachable by tests while it runs
        try:
            dialog.exec()
        finally:
            self.revisions_dialog = None
            dialog.deleteLater()
        self._load()

    # -- events ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.editor:
            if event.type() == QEvent.Type.FocusOut:
                self.save()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                self.save()
                self.leave_requested.emit()
                return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.save()
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.save()
        super().closeEvent(event)
