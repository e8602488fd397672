"""The restitutions screen: pick a group, then record its rapporteur, notes and items.

Keyboard first: the item line has the focus as soon as a group is shown; Enter saves the item and
starts the next, Alt+1…4 set its kind, Alt+↑/↓ move it, Ctrl+PgUp/PgDn change group. A row
picked in the list (a click, ↑/↓) is the one in the item line. Typing is saved after a short pause
and at once on a change of focus, group, item or screen. Ctrl+Z undoes the shown group's changes.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.restitution_fields import KINDS, kind_label
from facilitator.store.restitutions import ItemRow
from facilitator.ui.context import AppContext
from facilitator.ui.restitutions.controller import AREA_RESTITUTIONS, RestitutionsController
from facilitator.ui.restitutions.entry import plain_text
from facilitator.ui.restitutions.items_model import TEXT
from facilitator.ui.restitutions.view import RestitutionsView
from facilitator.ui.widgets.autosave import SaveLoop
from facilitator.ui.widgets.revisions_dialog import RevisionsDialog

SAVE_DELAY_MS = 600  # typing is saved within a second of a pause
FIELDS = ("text", "kind", "rec_type", "actor", "horizon", "priority")


def snapshot(row: ItemRow) -> dict[str, Any]:
    """An item's editable fields, as update_item takes them."""
    return {name: getattr(row, name) for name in FIELDS}


class RestitutionsScreen(RestitutionsView):
    """Each group's restitution: rapporteur, free notes and items (défis … recommandations)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restitutions_screen")
        self.context = context
        self.controller = RestitutionsController(context, self)
        self.undo_group = self.controller.undo_group  # the shown group's history is active
        self.group_id: int | None = None
        self._loading = False
        self._stale = False
        self._restitution_dirty = False
        self._entry_dirty = False
        self._saved: dict[str, Any] = {}  # the entry's item as stored
        self._before: dict[str, Any] = {}  # … when its editing began, for undo
        self._merge_key: object = None
        self._sessions = itertools.count(1)

        self.save_timer = SaveLoop(SAVE_DELAY_MS, self)
        self._build_actions()
        self._connect()
        self.reload_rounds()

    # -- actions ---------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        bar = self.bar
        for name, text, slot, keys, tip in (
            ("previous_group", "◀", lambda: self.picker.step(-1), ("Ctrl+PgUp",),
             _("Previous group")),
            ("next_group", "▶", lambda: self.picker.step(1), ("Ctrl+PgDown",), _("Next group")),
            ("project", _("Project"), self._project, (),
             _("Show this group's restitution on the projector (F5 closes it)")),
            ("undo", _("Undo"), self.undo, ("Ctrl+Z",), ""),
            ("redo", _("Redo"), self.redo, ("Ctrl+Shift+Z", "Ctrl+Y"), ""),
            ("move_up", _("Move up"), lambda: self.move_by(-1), ("Alt+Up",), ""),
            ("move_down", _("Move down"), lambda: self.move_by(1), ("Alt+Down",), ""),
            ("delete", _("Delete"), self.delete_selected, (), _("Delete the selected item")),
            ("versions", _("Earlier versions…"), self.show_versions, (),
             _("Put back an earlier text of the selected item, or of the notes")),
        ):  # fmt: skip
            bar.addAction(self._action(name, text, slot, keys, tip))
            if name in ("project", "redo", "move_down"):
                bar.addSeparator()
        for number, kind in enumerate(KINDS, start=1):
            self._action(
                f"kind_{kind}", kind_label(kind), lambda _c=False, k=kind: self.set_kind(k),
                (f"Alt+{number}",),
            )  # fmt: skip
        self.actions_by_name["project"].setCheckable(True)
        delete = self.actions_by_name["delete"]
        delete.setToolTip(f"{delete.toolTip()} ({_('Del')})")
        # Delete is the list's key only: in a text field it deletes a character.
        remove = QAction(self.items)
        remove.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.delete_selected)
        self.items.addAction(remove)
        edit = QAction(self.items)
        edit.setShortcut(QKeySequence(Qt.Key.Key_F2))
        edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit.triggered.connect(self._edit_selected)
        self.items.addAction(edit)

    def _connect(self) -> None:
        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        self.context.workshop_changed.connect(self._workshop_changed)
        self.context.data_changed.connect(self._data_changed)
        self.picker.group_chosen.connect(self.show_group)
        self.picker.itemClicked.connect(self._picker_clicked)
        self.picker.itemActivated.connect(self._picker_clicked)
        self.rapporteur.textEdited.connect(self._restitution_edited)
        self.notes.textChanged.connect(self._restitution_edited)
        self.entry.edited.connect(self._entry_edited)
        self.entry.submitted.connect(self.submit)
        self.entry.left.connect(self.leave_item)
        self.entry.kind_picked.connect(self.set_kind)
        self.items.activated.connect(self._item_activated)
        self.items.selectionModel().currentRowChanged.connect(self._current_item_changed)
        self.model.order_requested.connect(self._dropped, Qt.ConnectionType.QueuedConnection)
        self.save_timer.due.connect(self.save_now)
        self.controller.saved.connect(self._show_saved)
        self.controller.failed.connect(self._show_failure)
        self.controller.restored.connect(self._restored)
        self.undo_group.indexChanged.connect(self._update_actions)
        self.undo_group.activeStackChanged.connect(self._update_actions)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            app.aboutToQuit.connect(self.save_now)

    # -- reading ---------------------------------------------------------------------------------
    def reload_rounds(self) -> None:
        """Read the workshop's groups; keep the one on screen when it is still there."""
        rounds = self.controller.rounds()
        chosen = self.picker.set_rounds(rounds, self.group_id)
        has_groups = chosen is not None
        self.editor.setVisible(has_groups)
        self.empty.setVisible(not has_groups)
        if not has_groups:
            self.save_now()
            self.group_id = None
            self.empty.setText(
                _("No groups yet: make them on the groups screen (Ctrl+3).")
                if self.context.workshop_id
                else _("Open or create a workshop first.")
            )
        elif chosen != self.group_id:
            self.show_group(chosen)
        self.controller.forget_histories(self.picker.group_ids())
        self.controller.show_history(self.group_id)
        self._update_actions()

    def show_group(self, group_id: int) -> None:
        """Save what is being typed, then show another group with the item line focused."""
        self.save_now()
        view = self.controller.view(group_id)
        if view is None:
            return
        self.group_id = group_id
        self.controller.show_history(group_id)
        self.picker.select_group(group_id, notify=False)
        self._loading = True
        try:
            self.rapporteur.setText(view.rapporteur)
            self.rapporteur.setPlaceholderText(view.group_rapporteur)
            self.notes.setPlainText(view.notes)
        finally:
            self._loading = False
        self._restitution_dirty = False
        self.title.setText(" — ".join(p for p in (view.group_name, view.theme) if p))
        self.title.setToolTip(self.title.text())
        self.model.set_rows(view.items)
        self.start_new()
        self._stale = False
        self.group_shown.emit(group_id)

    def reload_items(self, select: int | None = None) -> None:
        if self.group_id is None:
            return
        view = self.controller.view(self.group_id)
        if view is None:
            return
        self.model.set_rows(view.items)
        self.picker.update_counts(self.group_id, view.items)
        if select:
            self.select_item(select)

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            index = self.model.index(row, TEXT)
            self.items.setCurrentIndex(index)
            self.items.scrollTo(index)

    def selected_id(self) -> int | None:
        index = self.items.currentIndex()
        return self.model.rows[index.row()].id if index.isValid() else None

    def _row(self, item_id: int | None) -> ItemRow | None:
        row = self.model.row_of(item_id) if item_id is not None else -1
        return self.model.rows[row] if row >= 0 else None

    def _target(self) -> int | None:
        """The item a kind or move key acts on: the list's selected one, else the one edited."""
        if self.items.hasFocus():
            return self.selected_id()
        return self.entry.item_id

    def _update_actions(self, *_args: object) -> None:
        self.actions_by_name["undo"].setEnabled(self.undo_group.canUndo())
        self.actions_by_name["redo"].setEnabled(self.undo_group.canRedo())
        self.actions_by_name["undo"].setToolTip(
            f"{self.undo_group.undoText() or _('Undo')} (Ctrl+Z)"
        )

    # -- the item line ---------------------------------------------------------------------------
    def start_new(self, kind: str | None = None) -> None:
        """An empty item line, focused; it keeps its kind (several défis in a row)."""
        self.entry.load(None, kind or self.entry.current_kind())
        self._entry_dirty = False
        self._saved, self._before, self._merge_key = {}, {}, None
        # No current row either: picking any row, even the one just edited, loads it again.
        self.items.selectionModel().clear()
        self.entry.focus_text()

    def edit_item(self, item_id: int) -> None:
        self.save_now()
        row = self._row(item_id)
        if row is None:
            return
        self._load_entry(row)
        self.select_item(item_id)
        self.entry.focus_text()

    def _load_entry(self, row: ItemRow) -> None:
        self.entry.load(row, row.kind)
        self._entry_dirty = False
        self._saved = snapshot(row)
        self._before = dict(self._saved)
        self._merge_key = ("edit", row.id, next(self._sessions))

    def submit(self) -> None:
        """Enter: save the item and start the next."""
        if self.entry.item_id is None and self.entry.is_blank():
            return
        self._entry_dirty = True
        self.save_now()
        self.start_new()

    def leave_item(self) -> None:
        """Escape while editing an item: keep what was typed and go back to a new one."""
        self.save_now()
        self.start_new()

    # -- saving ----------------------------------------------------------------------------------
    def _restitution_edited(self, *_args: object) -> None:
        if not self._loading:
            self._restitution_dirty = True
            self.save_timer.touched()

    def _entry_edited(self) -> None:
        self._entry_dirty = True
        self.save_timer.touched()

    def save_now(self) -> None:
        """Write whatever is typed and not saved yet: one store call for each part."""
        self.save_timer.stop()
        if self.group_id is None:
            return
        if self._restitution_dirty:
            self._restitution_dirty = False
            self.controller.save_restitution(
                self.group_id, self.rapporteur.text(), plain_text(self.notes)
            )
        if self._entry_dirty:
            self._entry_dirty = False
            self._save_item()

    def _save_item(self) -> None:
        assert self.group_id is not None
        values = self.entry.values()
        item_id = self.entry.item_id
        if item_id is None:
            if self.entry.is_blank():
                return
            item_id = self.controller.add(self.group_id, values)
            if item_id is None:
                return
            self.entry.item_id = item_id
            self._saved = {"rec_type": None, "actor": "", "horizon": None, "priority": None}
            self._saved.update(values)
            self._merge_key = ("add", item_id)  # typing on is part of adding it
            self.reload_items()
            return
        if self.entry.is_blank() and self._merge_key == ("add", item_id):
            # A new item typed and then erased before Enter: it was never meant to exist.
            if self.controller.delete(self.group_id, item_id) is not None:
                self.entry.item_id = None
                self.reload_items()
            return
        changes = {k: v for k, v in values.items() if self._saved.get(k) != v}
        if not changes:
            return
        after = {**self._saved, **changes}
        if self.controller.edit(
            self.group_id, item_id, self._before, changes, after, self._merge_key,
            _("Item changed"),
        ):  # fmt: skip
            self._saved = after
            row = self._row(item_id)
            if row is not None:
                self.model.replace_row(dataclasses.replace(row, **after))

    def _show_saved(self, text: str) -> None:
        self.status.setStyleSheet("color: #555;")
        self.status.setText(text)

    def _show_failure(self, text: str) -> None:
        self.status.setStyleSheet("color: #b00020; font-weight: 600;")
        self.status.setText(text)

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        dirty = self._restitution_dirty or self._entry_dirty
        if dirty and old is not None and self.isAncestorOf(old):
            self.save_now()

    # -- item changes ----------------------------------------------------------------------------
    def set_kind(self, kind: str) -> None:
        """Alt+1…4: the kind of the selected or edited item, or of the one about to be typed."""
        item_id = self._target()
        row = self._row(item_id)
        if row is None or self.group_id is None:
            self.entry.set_kind(kind)
            if self.entry.item_id is None and not self.entry.is_blank():
                self._entry_edited()
            return
        self.save_now()
        row = self._row(row.id)
        if row is None or row.kind == kind:
            return
        text = _("Kind changed: {kind}").format(kind=kind_label(kind))
        if not self.controller.edit(
            self.group_id, row.id, {"kind": row.kind}, {"kind": kind}, {"kind": kind}, None, text
        ):
            return
        new = dataclasses.replace(row, kind=kind)
        self.model.replace_row(new)
        self.picker.update_counts(self.group_id, self.model.rows)
        if self.entry.item_id == row.id:
            self.entry.set_kind(kind)
            self._saved["kind"] = kind
            self._before = dict(self._saved)
            self._merge_key = ("edit", row.id, next(self._sessions))

    def show_versions(self) -> None:
        """Earlier texts of the selected item (else of the group's notes); one may be put back."""
        if self.group_id is None:
            return
        self.save_now()  # what is on screen becomes a version too
        item_id = self.selected_id()
        if item_id is not None:
            entity, entity_id, field = "item", item_id, "text"
        else:
            entity, entity_id, field = "restitution", self.group_id, "notes"
        dialog = RevisionsDialog(self.context, entity, entity_id, field, self)
        restored = dialog.exec() and dialog.restored is not None
        dialog.deleteLater()
        if restored:
            self.show_group(self.group_id)
            if item_id is not None:
                self.select_item(item_id)

    def delete_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is None or self.group_id is None:
            return
        if self.entry.item_id == item_id:
            self.save_now()
            self.start_new()
        number = self.model.row_of(item_id)
        if self.controller.delete(self.group_id, item_id) is None:
            return
        self.reload_items()
        if self.model.rows:
            self.select_item(self.model.rows[min(number, len(self.model.rows) - 1)].id)
        self.items.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status.setText(_("Item deleted — Ctrl+Z to undo"))

    def move_by(self, step: int) -> None:
        """Alt+↑/↓: move the selected or edited item up or down the list."""
        item_id = self._target()
        if item_id is None or self.group_id is None:
            return
        self.save_now()
        ids = self.model.ids()
        if item_id not in ids:
            return
        old = ids.index(item_id)
        new = old + step
        if not 0 <= new < len(ids):
            return
        after = list(ids)
        after[old], after[new] = after[new], after[old]
        self._reorder(item_id, ids, after)

    def _dropped(self, order: list[int]) -> None:
        moved = next((a for a, b in zip(order, self.model.ids(), strict=False) if a != b), None)
        if moved is not None:
            self.save_now()
            self._reorder(moved, self.model.ids(), order)

    def _reorder(self, item_id: int, before: list[int], after: list[int]) -> None:
        assert self.group_id is not None
        focus_list = self.items.hasFocus()
        self.controller.reorder(self.group_id, item_id, before, after)
        self.reload_items()
        if focus_list or self.entry.item_id != item_id:
            self.select_item(item_id)

    def undo(self) -> None:
        """Ctrl+Z: the last change of the group on screen (each group has its own history)."""
        self.save_now()
        self.undo_group.undo()

    def redo(self) -> None:
        self.save_now()
        self.undo_group.redo()

    def _restored(self, group_id: int, item_id: int) -> None:
        """After an undo or redo: show that group, and the item it put back."""
        if group_id != self.group_id:
            self.picker.select_group(group_id)
        self.reload_items(item_id or None)
        edited = self._row(self.entry.item_id)
        if self.entry.item_id is not None and edited is None:
            self.start_new()
        elif edited is not None:
            self._load_entry(edited)

    # -- events ----------------------------------------------------------------------------------
    def _project(self) -> None:
        if self.group_id is not None:
            self.save_now()  # the room sees what was typed
            self.controller.flush_announce()
            self.project_requested.emit(self.group_id)

    def _picker_clicked(self, *_args: object) -> None:
        self.entry.focus_text()

    def _edit_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is not None:
            self.edit_item(item_id)

    def _current_item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """A row picked in the list (click or arrow keys) goes into the item line, the focus
        staying where it is; what was typed in the line is saved first."""
        if not current.isValid() or self.model.rows[current.row()].id == self.entry.item_id:
            return
        if self._entry_dirty:
            # Saving a new item re-reads the list: not while the list is changing its row.
            QTimer.singleShot(0, self, self._load_current)
        else:
            self._load_current()

    def _load_current(self) -> None:
        item_id = self.selected_id()
        if item_id is None or item_id == self.entry.item_id:
            return
        self.save_now()
        row = self._row(item_id)
        if row is not None:
            self._load_entry(row)
            if self.selected_id() != item_id:  # the save re-read the list
                self.select_item(item_id)

    def _item_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_item(self.model.rows[index.row()].id)

    def _workshop_changed(self, _workshop_id: int) -> None:
        self.save_now()
        self.controller.forget_histories()  # an undo must never act on another workshop's groups
        self.group_id = None
        self.status.setText("")
        self.reload_rounds()

    def _data_changed(self, area: str) -> None:
        if area == AREA_RESTITUTIONS and self.controller.announcing:
            return
        if area in (AREA_RESTITUTIONS, "groups"):
            if self.isVisible():
                self.save_now()
                self.reload_rounds()  # counts and names; what is being typed stays
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload_rounds()
            if self.group_id is not None:
                self.show_group(self.group_id)
        if self.group_id is not None:
            self.entry.focus_text()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.save_now()
        self.controller.flush_announce()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_now()
        self.controller.flush_announce()
        super().closeEvent(event)
