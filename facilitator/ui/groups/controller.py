"""What the groups screen does to the store: each change one transaction, undone by a snapshot.

A change reads the round's snapshot, runs one store operation (one transaction), reads the
snapshot again and pushes both on the screen's undo stack; Ctrl+Z puts the round back exactly
(store.group_edits.restore_round). The screen only shows and asks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.group_documents import groups_document
from facilitator.store.group_edits import (
    RoundSnapshot,
    add_keep_apart,
    move_members,
    place_late_arrival,
    remove_keep_apart,
    restore_round,
    round_snapshot,
    set_pins,
    update_group,
)
from facilitator.store.group_rounds import create_round, delete_round, reassign_round, rename_round
from facilitator.store.groups import GroupsInvalid
from facilitator.ui.context import AppContext
from facilitator.ui.groups.dialogs import RoundRequest
from facilitator.ui.widgets.print_jobs import Job, Written
from facilitator.ui.widgets.tasks import Report

AREA_GROUPS = "groups"
T = TypeVar("T")


class RoundChange(QUndoCommand):
    """A change already written; undo and redo put the round back as it was before or after."""

    def __init__(
        self, controller: GroupsController, before: RoundSnapshot, after: RoundSnapshot, text: str
    ) -> None:
        super().__init__(text)
        self.controller, self.before, self.after = controller, before, after
        self.first = True  # the change is written already

    def undo(self) -> None:
        self.controller.restore(self.before, _("Undone: {action}").format(action=self.text()))

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.controller.restore(self.after, _("Redone: {action}").format(action=self.text()))


class KeepApartChange(QUndoCommand):
    """A « keep apart » pair asked for; undone by forgetting it (it belongs to the workshop)."""

    def __init__(self, controller: GroupsController, pair: tuple[int, int], text: str) -> None:
        super().__init__(text)
        self.controller, self.pair = controller, pair
        self.first = True

    def undo(self) -> None:
        self.controller.forget_apart(self.pair, _("Undone: {action}").format(action=self.text()))

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.controller.ask_apart(self.pair, _("Redone: {action}").format(action=self.text()))


class ReleaseApartChange(QUndoCommand):
    """A « keep apart » pair removed; undone by asking for it again."""

    def __init__(self, controller: GroupsController, pair: tuple[int, int], text: str) -> None:
        super().__init__(text)
        self.controller, self.pair = controller, pair
        self.first = True  # the pair is removed already

    def undo(self) -> None:
        self.controller.ask_apart(self.pair, _("Undone: {action}").format(action=self.text()))

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.controller.forget_apart(self.pair, _("Redone: {action}").format(action=self.text()))


class GroupsController(QObject):
    """The groups screen's operations on the current workshop's rounds, with undo."""

    message = Signal(str, bool)  # text for the status line, whether it is an error
    round_shown = Signal(int)  # the round an undo or a creation brought on screen

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.undo_stack = QUndoStack(self)
        self.round_id: int | None = None  # the round on screen

    @property
    def db(self) -> Database:
        return self.context.db

    def _announce(self) -> None:
        self.context.data_changed.emit(AREA_GROUPS)

    def change(self, text: str, operation: Callable[[], T]) -> T | None:
        """Run one store operation on the round on screen, for undo; a refusal is reported."""
        round_id = self.round_id
        if round_id is None:
            return None
        try:
            before = self.context.read(lambda s: round_snapshot(s, round_id))
            result = operation()
            after = self.context.read(lambda s: round_snapshot(s, round_id))
        except GroupsInvalid as exc:
            self.message.emit(str(exc), True)
            self._announce()  # what is on screen may be stale: show the store's truth
            return None
        self.undo_stack.push(RoundChange(self, before, after, text))
        self._announce()
        self.message.emit(text, False)
        return result

    def restore(self, snapshot: RoundSnapshot, text: str) -> None:
        try:
            restore_round(self.db, snapshot)
        except GroupsInvalid as exc:
            self.message.emit(str(exc), True)
            return
        if snapshot.round_id != self.round_id:
            self.round_shown.emit(snapshot.round_id)
        self._announce()
        self.message.emit(text, False)

    # -- rounds ----------------------------------------------------------------------------------
    def create(self, request: RoundRequest) -> int:
        """A new round (raises GroupsInvalid, for the dialog to show); not undone, but deleted."""
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            raise GroupsInvalid(_("Choose a workshop first."))
        round_id = create_round(
            self.db,
            workshop_id,
            request.name,
            count=request.count,
            target_size=request.target_size,
            present_only=request.present_only,
            seed=request.seed,
        )
        self.round_id = round_id
        self._announce()
        self.round_shown.emit(round_id)
        self.message.emit(
            _("Round created: « {name} »").format(name=" ".join(request.name.split())), False
        )
        return round_id

    def reassign(self) -> None:
        self.change(_("Groups assigned again"), lambda: reassign_round(self.db, self._current()))

    def rename(self, name: str) -> None:
        self.change(
            _("Round renamed: « {name} »").format(name=" ".join(name.split())),
            lambda: rename_round(self.db, self._current(), name),
        )

    def delete(self) -> None:
        round_id = self._current()
        try:
            delete_round(self.db, round_id)
        except GroupsInvalid as exc:
            self.message.emit(str(exc), True)
            return
        # Snapshots of a deleted round cannot be put back: the history ends here.
        self.undo_stack.clear()
        self.round_id = None
        self._announce()
        self.message.emit(_("Round deleted (a backup was taken first)."), False)

    def _current(self) -> int:
        if self.round_id is None:
            raise GroupsInvalid(_("Choose a round of groups first."))
        return self.round_id

    # -- members ---------------------------------------------------------------------------------
    def move(self, participant_ids: list[int], group_id: int, text: str) -> None:
        """Move the selected members (one transaction, one undo step)."""
        self.change(text, lambda: move_members(self.db, self._current(), participant_ids, group_id))

    def set_pins(self, participant_ids: list[int], pinned: bool, text: str) -> None:
        """Pin or unpin the selected members (one transaction, one undo step)."""
        self.change(text, lambda: set_pins(self.db, self._current(), participant_ids, pinned))

    def edit_group(
        self,
        group_id: int,
        name: str,
        theme: str,
        room: str,
        moderator_id: int | None,
        rapporteur_id: int | None,
    ) -> None:
        """Save a group's details (raises GroupsInvalid, for the dialog to show)."""
        round_id = self._current()
        before = self.context.read(lambda s: round_snapshot(s, round_id))
        update_group(
            self.db,
            group_id,
            name=name,
            theme=theme,
            room=room,
            moderator_id=moderator_id,
            rapporteur_id=rapporteur_id,
        )
        after = self.context.read(lambda s: round_snapshot(s, round_id))
        text = _("Group changed: {name}").format(name=" ".join(name.split()))
        self.undo_stack.push(RoundChange(self, before, after, text))
        self._announce()
        self.message.emit(text, False)

    def place_late(self, participant_id: int, name: str) -> tuple[int, dict[str, int]] | None:
        return self.change(
            _("Late arrival placed: {name}").format(name=name),
            lambda: place_late_arrival(self.db, self._current(), participant_id),
        )

    def keep_apart(self, a: int, b: int, text: str) -> None:
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            return
        pair = (min(a, b), max(a, b))
        try:
            add_keep_apart(self.db, workshop_id, *pair)
        except GroupsInvalid as exc:
            self.message.emit(str(exc), True)
            return
        self.undo_stack.push(KeepApartChange(self, pair, text))
        self._announce()
        self.message.emit(text, False)

    def release_apart(self, pair: tuple[int, int], text: str) -> bool:
        """Forget a « keep apart » pair (one transaction), for undo; False if it was gone."""
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            return False
        removed = remove_keep_apart(self.db, workshop_id, *pair)
        self._announce()  # removed elsewhere or not: show the store's truth
        if not removed:
            self.message.emit(_("This pair was no longer kept apart."), True)
            return False
        self.undo_stack.push(ReleaseApartChange(self, pair, text))
        self.message.emit(text, False)
        return True

    def ask_apart(self, pair: tuple[int, int], text: str) -> None:
        if self.context.workshop_id is not None:
            try:
                add_keep_apart(self.db, self.context.workshop_id, *pair)
            except GroupsInvalid as exc:  # one of them was deleted since
                self.message.emit(str(exc), True)
                return
            self._announce()
            self.message.emit(text, False)

    def forget_apart(self, pair: tuple[int, int], text: str) -> None:
        if self.context.workshop_id is not None:
            remove_keep_apart(self.db, self.context.workshop_id, *pair)
            self._announce()
            self.message.emit(text, False)


def groups_print_job(db: Database, round_id: int, path: Path, door_sheet: bool) -> Job:
    """The work of printing a round's group lists (one page per group) or its door sheet."""

    def job(report: Report) -> Written:
        from facilitator.exports.groups_pdf import write_door_sheet, write_group_lists

        path.parent.mkdir(parents=True, exist_ok=True)
        with db.read() as session:
            document = groups_document(session, round_id)
        if door_sheet:
            write_door_sheet(document, path, report)
            message = _("Door sheet written to {path}").format(path=path)
        else:
            write_group_lists(document, path, report)
            message = _("Group lists written to {path}").format(path=path)
        return Written(path, message)

    return job
