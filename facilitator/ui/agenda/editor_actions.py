"""What the agenda editor's buttons and keys do: add, edit, delete, move, fix, paste a programme.

Each change is one store operation through AgendaEditor.change (one transaction, one undo step).
Kept apart from the editor's layout and reading (editor.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from facilitator.i18n import _, ngettext
from facilitator.store.agenda_edit import (
    ItemFields,
    add_day,
    add_item,
    delete_item,
    move_item,
    set_fixed,
    update_item,
)
from facilitator.store.agenda_paste import add_programme, day_end
from facilitator.ui.agenda.item_dialog import ItemDialog
from facilitator.ui.agenda.paste_dialog import PasteProgrammeDialog
from facilitator.ui.widgets.dates import format_date

if TYPE_CHECKING:
    from facilitator.ui.agenda.editor import AgendaEditor


class EditorActions:
    """The editor's changes, each undoable."""

    def _open_dialog(
        self: AgendaEditor, fields: ItemFields, save: Callable[[ItemFields], object], **options: Any
    ) -> bool:
        dialog = ItemDialog(fields, save, parent=self, **options)
        dialog.setWindowTitle(_("Agenda item"))
        return bool(dialog.exec())

    def _end_of_day(self: AgendaEditor) -> dt.time:
        entries = self.model.entries
        return entries[-1].planned_end.time() if entries else dt.time(8, 30)

    def add(self: AgendaEditor) -> None:
        """A new item after the selected one (after its item, for a sub-item), else at the end."""
        wid, day = self.context.workshop_id, self.day
        if wid is None or day is None:
            return
        selected = self.selected_id()
        after = self.model.parent_id(selected) or selected if selected else None
        entry = self.model.entry(after) if after else None
        start = entry.planned_end.time() if entry else self._end_of_day()

        def save(fields: ItemFields) -> None:
            text = _("Item added: {title}").format(title=fields.title.strip())
            self.select_item(
                self.change(text, lambda s: add_item(s, wid, day, fields, after_id=after))
            )

        self._open_dialog(ItemFields(""), save, start=start, first=not self.model.entries)

    def add_sub_item(self: AgendaEditor) -> None:
        wid, day, selected = self.context.workshop_id, self.day, self.selected_id()
        if wid is None or day is None or selected is None:
            return
        parent_id = self.model.parent_id(selected) or selected
        parent = self.model.entry(parent_id)
        after = selected if selected != parent_id else None
        # Where it will start: after the selected sub-item, else after the parent's last one,
        # else at the parent's start.
        if parent is None:
            start = self._end_of_day()
        elif after is not None and (sibling := self.model.entry(after)) is not None:
            start = sibling.planned_end.time()
        elif parent.children:
            start = parent.children[-1].planned_end.time()
        else:
            start = parent.planned_start.time()

        def save(fields: ItemFields) -> None:
            text = _("Sub-item added: {title}").format(title=fields.title.strip())
            self.select_item(
                self.change(
                    text,
                    lambda s: add_item(s, wid, day, fields, after_id=after, parent_id=parent_id),
                )
            )

        fields = ItemFields("", kind=parent.kind if parent else "session", duration_minutes=15)
        self._open_dialog(fields, save, start=start, sub_item=True)

    def _focus_tree(self: AgendaEditor) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self: AgendaEditor, _index: object) -> None:
        self.edit_selected()

    def edit_selected(self: AgendaEditor) -> None:
        item_id = self.selected_id()
        entry = self.model.entry(item_id) if item_id is not None else None
        if item_id is None or entry is None:
            return
        minutes = round((entry.planned_end - entry.planned_start).total_seconds() / 60)
        fields = ItemFields(
            entry.title,
            entry.kind,
            entry.speakers,
            entry.planned_start.time(),
            minutes,
            entry.fixed,
        )
        sub_item = self.model.parent_id(item_id) is not None

        def save(new: ItemFields) -> None:
            text = _("Item changed: {title}").format(title=new.title.strip())
            self._select_id = item_id
            self.change(text, lambda s: update_item(s, item_id, new))

        self._open_dialog(
            fields,
            save,
            start=entry.planned_start.time(),
            first=not sub_item and self.model.entries[0].id == item_id,
            sub_item=sub_item,
            has_children=bool(entry.children),
        )

    def delete_selected(self: AgendaEditor) -> None:
        item_id = self.selected_id()
        entry = self.model.entry(item_id) if item_id is not None else None
        if item_id is None or entry is None:
            return
        index = self.tree.currentIndex()
        neighbour = index.siblingAtRow(index.row() + 1)
        if not neighbour.isValid():
            neighbour = index.siblingAtRow(index.row() - 1)
        self._select_id = self.model.item_id(neighbour) or self.model.parent_id(item_id)
        if self.try_change(_("Item deleted"), lambda s: delete_item(s, item_id)):
            self.status.setText(
                _("Item deleted: « {title} » — Ctrl+Z to undo").format(title=entry.title)
            )

    def _move_to(self: AgendaEditor, item_id: int, parent_id: int | None, position: int) -> None:
        entry = self.model.entry(item_id)
        text = _("Item moved: {title}").format(title=entry.title if entry else "")
        self._select_id = item_id
        self.try_change(text, lambda s: move_item(s, item_id, position, new_parent_id=parent_id))

    def _move_requested(self: AgendaEditor, item_id: int, parent_id: int, position: int) -> None:
        self._move_to(item_id, parent_id or None, position)

    def _move_by(self: AgendaEditor, step: int) -> None:
        index = self.tree.currentIndex()
        item_id = self.model.item_id(index)
        if item_id is None:
            return
        row = index.row() + step
        if 0 <= row < self.model.rowCount(index.parent()):
            self._move_to(item_id, self.model.parent_id(item_id), row)

    def move_up(self: AgendaEditor) -> None:
        self._move_by(-1)

    def move_down(self: AgendaEditor) -> None:
        self._move_by(1)

    def toggle_fixed(self: AgendaEditor) -> None:
        item_id = self.selected_id()
        entry = self.model.entry(item_id) if item_id is not None else None
        if item_id is None or entry is None:
            return
        text = (
            _("Item made flexible: {title}") if entry.fixed else _("Item fixed: {title}")
        ).format(title=entry.title)
        self._select_id = item_id
        self.try_change(text, lambda s: set_fixed(s, item_id, not entry.fixed))

    def add_day(self: AgendaEditor) -> None:
        wid = self.context.workshop_id
        if wid is None:
            return
        new = self.context.write("workshops", lambda s: add_day(s, wid))
        self.undo_stack.clear()  # a new day is not undone here; the workshop screen can shorten
        self.reload_days(new)
        self.status.setText(_("Day added: {day}").format(day=format_date(new)))

    def paste_programme(self: AgendaEditor) -> None:
        """Paste a programme copied from Word or Excel: preview, then one change (one Ctrl+Z)."""
        wid, day = self.context.workshop_id, self.day
        if wid is None or day is None:
            return
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text() if clipboard is not None else ""
        end = self.context.read(lambda s: day_end(s, wid, day))
        dialog = PasteProgrammeDialog(text, self.day_picker.currentText(), end, self)
        self.paste_dialog = dialog  # for tests and screen readers while it is open
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        items = dialog.programme.items
        self.paste_dialog = None
        dialog.deleteLater()
        text = ngettext(
            "Programme pasted: {n} item", "Programme pasted: {n} items", len(items)
        ).format(n=len(items))
        if (
            accepted
            and items
            and self.try_change(text, lambda s: add_programme(s, wid, day, items))
        ):
            self.status.setText(text + " — " + _("Ctrl+Z to undo"))
        if self.pages.currentWidget() is self.tree:
            self._focus_tree()  # its keys (Ctrl+Z, Del…) work at once
