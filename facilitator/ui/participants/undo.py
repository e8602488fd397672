"""Undoable changes to participants: each is one committed transaction, and so is its undo."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from facilitator.store.participants import (
    DeletedParticipant,
    ParticipantInput,
    delete_participants,
    restore_participants,
    update_participant,
)
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext


class DeleteParticipants(QUndoCommand):
    """Deleting participants, undone by putting them back with their badges and check-ins."""

    def __init__(self, context: AppContext, ids: list[int], text: str) -> None:
        super().__init__(text)
        self.context = context
        self.ids = ids
        self.deleted: list[DeletedParticipant] = []

    def redo(self) -> None:
        self.deleted = self.context.write(
            AREA_PARTICIPANTS, lambda s: delete_participants(s, self.ids)
        )

    def undo(self) -> None:
        deleted = self.deleted
        self.context.write(AREA_PARTICIPANTS, lambda s: restore_participants(s, deleted))


class ParticipantAdded(QUndoCommand):
    """A participant the form just saved; undone by deleting them, redone by putting them back."""

    def __init__(self, context: AppContext, participant_id: int, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.participant_id = participant_id
        self.deleted: list[DeletedParticipant] = []
        self.done = True  # the form has saved already

    def undo(self) -> None:
        self.deleted = self.context.write(
            AREA_PARTICIPANTS, lambda s: delete_participants(s, [self.participant_id])
        )
        self.done = False

    def redo(self) -> None:
        if not self.done:
            deleted = self.deleted
            self.context.write(AREA_PARTICIPANTS, lambda s: restore_participants(s, deleted))
            self.done = True


class ParticipantEdited(QUndoCommand):
    """A participant's details as the form changed them, and as they were before."""

    def __init__(
        self,
        context: AppContext,
        participant_id: int,
        before: ParticipantInput,
        after: ParticipantInput,
        text: str,
    ) -> None:
        super().__init__(text)
        self.context = context
        self.participant_id = participant_id
        self.before, self.after = before, after
        self.first = True  # the form has saved already

    def _save(self, data: ParticipantInput) -> None:
        self.context.write(
            AREA_PARTICIPANTS, lambda s: update_participant(s, self.participant_id, data)
        )

    def undo(self) -> None:
        self._save(self.before)

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self._save(self.after)
