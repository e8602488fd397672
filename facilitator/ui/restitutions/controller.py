"""What the restitution screen does to the store: one call per save, each undoable step pushed.

Announcing the change to other screens is throttled: typing saves often, and a synthesis screen
reloading on every pause would cost more than the save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from facilitator.i18n import _
from facilitator.store.restitution_fields import RestitutionsInvalid
from facilitator.store.restitution_items import (
    add_item,
    delete_item,
    restore_item,
    set_order,
    update_item,
)
from facilitator.store.restitutions import (
    ItemRow,
    RestitutionView,
    RoundEntry,
    groups_with_restitutions,
    restitution_view,
    save_restitution,
)
from facilitator.ui.context import AppContext
from facilitator.ui.restitutions.commands import StoreChange

AREA_RESTITUTIONS = "restitutions"
ANNOUNCE_DELAY_MS = 1000
T = TypeVar("T")


class RestitutionsController(QObject):
    """Store calls for one screen, an undo history per group, and « Enregistré à 10:42 ».

    Each group keeps its own history, and only the shown group's is active: Ctrl+Z never undoes
    another group's change, and going back to a group brings its history back.
    """

    saved = Signal(str)  # the status to show
    failed = Signal(str)  # what went wrong, in words
    restored = Signal(int, int)  # group id, item id (0: none) after an undo or redo

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.undo_group = QUndoGroup(self)
        self._histories: dict[int, QUndoStack] = {}
        self._no_group = QUndoStack(self)  # active while no group is shown: nothing to undo
        self.undo_group.addStack(self._no_group)
        self.announcing = False  # our own data_changed, which this screen ignores
        self._announce_timer = QTimer(self, singleShot=True, interval=ANNOUNCE_DELAY_MS)
        self._announce_timer.timeout.connect(self.announce_now)

    # -- undo histories, one per group -----------------------------------------------------------
    def history(self, group_id: int) -> QUndoStack:
        """The group's undo history (made empty the first time)."""
        stack = self._histories.get(group_id)
        if stack is None:
            stack = QUndoStack(self)
            self.undo_group.addStack(stack)
            self._histories[group_id] = stack
        return stack

    def show_history(self, group_id: int | None) -> None:
        """Make the group's history the one Ctrl+Z acts on (None: no group, nothing to undo)."""
        self.undo_group.setActiveStack(
            self.history(group_id) if group_id is not None else self._no_group
        )

    def forget_histories(self, keep: Iterable[int] = ()) -> None:
        """Drop the histories of groups other than `keep` (groups gone, or another workshop):
        a new group that gets a former one's id must not inherit its history."""
        kept = set(keep)
        for group_id in [g for g in self._histories if g not in kept]:
            stack = self._histories.pop(group_id)
            self.undo_group.removeStack(stack)
            stack.deleteLater()

    def _push(self, group_id: int, command: QUndoCommand) -> None:
        self.history(group_id).push(command)

    # -- reading ---------------------------------------------------------------------------------
    def rounds(self) -> list[RoundEntry]:
        wid = self.context.workshop_id
        return self.context.read(lambda s: groups_with_restitutions(s, wid)) if wid else []

    def view(self, group_id: int) -> RestitutionView | None:
        try:
            return self.context.read(lambda s: restitution_view(s, group_id))
        except RestitutionsInvalid as exc:
            self.failed.emit(str(exc))
            return None

    # -- writing ---------------------------------------------------------------------------------
    def _run(self, operation: Callable[[], T]) -> T | None:
        try:
            result = operation()
        except RestitutionsInvalid as exc:
            self.failed.emit(str(exc))
            return None
        self.saved.emit(_("Saved at {time}").format(time=f"{dt.datetime.now():%H:%M}"))
        self.announce()
        return result

    def save_restitution(self, group_id: int, rapporteur: str, notes: str) -> bool:
        db = self.context.db
        done = self._run(
            lambda: save_restitution(db, group_id, rapporteur=rapporteur, notes=notes) or True
        )
        return bool(done)

    def add(self, group_id: int, values: dict[str, Any]) -> int | None:
        """Add an item at the end; undoing it deletes it (and whatever was typed in it since)."""
        db = self.context.db
        fields = {k: v for k, v in values.items() if k != "kind"}
        item_id = self._run(lambda: add_item(db, group_id, values["kind"], **fields))
        if item_id is None:
            return None
        deleted: list[ItemRow] = []

        def undo() -> None:
            row = self._call(lambda: delete_item(db, item_id))
            deleted[:] = [row] if row is not None else []
            self.restored.emit(group_id, 0)

        def redo() -> None:
            if deleted:
                self.restored.emit(group_id, self._call(lambda: restore_item(db, deleted[0])) or 0)

        self._push(
            group_id, StoreChange(_("Item added"), undo, redo, ("add", item_id), absorbing=True)
        )
        return item_id

    def edit(
        self,
        group_id: int,
        item_id: int,
        before: dict[str, Any],
        changes: dict[str, Any],
        after: dict[str, Any],
        merge_key: Hashable,
        text: str,
    ) -> bool:
        """Save some fields of an item; undo puts back `before`, redo `after`."""
        db = self.context.db
        if self._run(lambda: update_item(db, item_id, **changes) or True) is None:
            return False

        def put(values: dict[str, Any]) -> Callable[[], None]:
            def run() -> None:
                self._call(lambda: update_item(db, item_id, **values))
                self.restored.emit(group_id, item_id)

            return run

        self._push(group_id, StoreChange(text, put(before), put(after), merge_key))
        return True

    def delete(self, group_id: int, item_id: int) -> ItemRow | None:
        db = self.context.db
        row = self._run(lambda: delete_item(db, item_id))
        if row is None:
            return None
        current = [row.id]

        def undo() -> None:
            current[0] = self._call(lambda: restore_item(db, row)) or current[0]
            self.restored.emit(group_id, current[0])

        def redo() -> None:
            self._call(lambda: delete_item(db, current[0]))
            self.restored.emit(group_id, 0)

        self._push(group_id, StoreChange(_("Item removed"), undo, redo))
        return row

    def reorder(
        self, group_id: int, item_id: int, before: Sequence[int], after: Sequence[int]
    ) -> None:
        db = self.context.db
        if self._run(lambda: set_order(db, group_id, list(after)) or True) is None:
            return

        def put(ids: Sequence[int]) -> Callable[[], None]:
            def run() -> None:
                self._call(lambda: set_order(db, group_id, list(ids)))
                self.restored.emit(group_id, item_id)

            return run

        self._push(group_id, StoreChange(_("Item moved"), put(before), put(after)))

    def _call(self, operation: Callable[[], T]) -> T | None:
        """An undo or redo step: failures are told, never raised into Qt's undo stack."""
        try:
            result = operation()
        except RestitutionsInvalid as exc:
            self.failed.emit(str(exc))
            return None
        self.announce()
        return result

    # -- telling other screens -------------------------------------------------------------------
    def announce(self) -> None:
        if not self._announce_timer.isActive():
            self._announce_timer.start()

    def announce_now(self) -> None:
        self._announce_timer.stop()
        self.announcing = True
        try:
            self.context.data_changed.emit(AREA_RESTITUTIONS)
        finally:
            self.announcing = False

    def flush_announce(self) -> None:
        if self._announce_timer.isActive():
            self.announce_now()
