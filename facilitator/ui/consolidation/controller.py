"""Every change to the consolidated list: one store call, announced, and undoable.

Undo puts back what the store returned or what was read just before (snapshots); redo does the
change again, or puts back what was read just after.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from facilitator.i18n import _, ngettext
from facilitator.store.recommendation_edits import (
    add_sources,
    add_votes,
    create_from_items,
    delete_recommendation,
    import_all_items,
    merge_recommendations,
    merge_recommendations_worded,
    restore_recommendation,
    restore_recommendations,
    set_recommendation_order,
    update_recommendation,
)
from facilitator.store.recommendations import RecommendationSnapshot, consolidated, snapshot
from facilitator.store.restitution_fields import RestitutionsInvalid, horizon_from_text
from facilitator.ui.context import AppContext

AREA_RECOMMENDATIONS = "recommendations"


class StoreChange(QUndoCommand):
    """A change already written; undo and redo run the store calls that reverse or repeat it."""

    def __init__(
        self,
        controller: ConsolidationController,
        text: str,
        undo: Callable[[], Any],
        redo: Callable[[], Any],
    ) -> None:
        super().__init__(text)
        self.controller, self._undo, self._redo = controller, undo, redo
        self.first = True  # the change is written already

    def undo(self) -> None:
        self.controller.run(self._undo, _("Undone: {action}").format(action=self.text()))

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.controller.run(self._redo, _("Redone: {action}").format(action=self.text()))


class ConsolidationController(QObject):
    """Runs the changes of the consolidation screen and keeps their undo history."""

    message = Signal(str, bool)  # text, is an error
    changed = Signal(list)  # recommendation ids to show selected after the change

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.undo_stack = QUndoStack(self)

    @property
    def db(self) -> Any:
        return self.context.db

    def run(self, operation: Callable[[], Any], done: str, select: Sequence[int] = ()) -> bool:
        """Run one change; say so, or say why it could not be made."""
        try:
            operation()
        except RestitutionsInvalid as error:
            self.message.emit(str(error), True)
            return False
        self._announce(done, select)
        return True

    def _announce(self, done: str, select: Sequence[int] = ()) -> None:
        self.context.data_changed.emit(AREA_RECOMMENDATIONS)
        self.changed.emit(list(select))
        self.message.emit(done, False)

    def _push(self, text: str, undo: Callable[[], Any], redo: Callable[[], Any]) -> None:
        self.undo_stack.push(StoreChange(self, text, undo, redo))

    def _attempt(self, operation: Callable[[], Any]) -> tuple[bool, Any]:
        try:
            return True, operation()
        except RestitutionsInvalid as error:
            self.message.emit(str(error), True)
            return False, None

    def _snapshot(self, rec_id: int) -> RecommendationSnapshot:
        return self.context.read(lambda s: snapshot(s, rec_id))

    # -- from the groups' proposals --------------------------------------------------------------
    def create(self, workshop_id: int, item_ids: Sequence[int]) -> int | None:
        """One recommendation from the items (several: merged at once)."""
        ok, rec_id = self._attempt(lambda: create_from_items(self.db, workshop_id, item_ids))
        if not ok:
            return None
        deleted: list[RecommendationSnapshot] = []

        def undo() -> None:
            deleted[:] = [delete_recommendation(self.db, rec_id)]

        self._push(
            _("Create a recommendation"), undo, lambda: restore_recommendation(self.db, deleted[0])
        )
        self._announce(_("Recommendation created."), [rec_id])
        return int(rec_id)

    def add_to(self, rec_id: int, item_ids: Sequence[int]) -> bool:
        """Record more groups' items as proposing a recommendation."""
        ok, before = self._attempt(lambda: self._snapshot(rec_id))
        if not ok or not self._attempt(lambda: add_sources(self.db, rec_id, item_ids))[0]:
            return False
        after = self._snapshot(rec_id)
        self._push(
            _("Add to the recommendation"),
            lambda: restore_recommendations(self.db, [before]),
            lambda: restore_recommendations(self.db, [after]),
        )
        self._announce(_("Added to the recommendation."), [rec_id])
        return True

    def import_all(self, workshop_id: int) -> list[int]:
        """One recommendation per proposal not taken up yet."""
        ok, ids = self._attempt(lambda: import_all_items(self.db, workshop_id))
        if not ok or not ids:
            return []
        deleted: list[RecommendationSnapshot] = []

        def undo() -> None:
            deleted[:] = [delete_recommendation(self.db, rec_id) for rec_id in reversed(ids)]

        self._push(
            _("Take up every proposal"), undo, lambda: restore_recommendations(self.db, deleted)
        )
        count = len(ids)
        self._announce(
            ngettext("{n} recommendation created.", "{n} recommendations created.", count).format(
                n=count
            ),
            ids,
        )
        return list(ids)

    # -- on the consolidated list ----------------------------------------------------------------
    def merge(self, ids: Sequence[int], text: str | None = None) -> bool:
        """Merge into the first the others, which say the same thing; with `text`, the merged
        one takes that wording (one change, one step of undo)."""
        if len(ids) < 2:
            return False
        keep, others = ids[0], list(ids[1:])

        def merge() -> Any:
            if text is None:
                return merge_recommendations(self.db, keep, others)
            return merge_recommendations_worded(self.db, keep, others, text)

        ok, before = self._attempt(merge)
        if not ok:
            return False
        self._push(_("Merge"), lambda: restore_recommendations(self.db, before), merge)
        count = len(ids)
        self._announce(
            ngettext(
                "{n} recommendation merged into one.", "{n} recommendations merged into one.", count
            ).format(n=count),
            [keep],
        )
        return True

    def edit(self, rec_id: int, field: str, value: Any) -> bool:
        """Change one field (text, rec_type, actor, horizon, priority, votes or kept)."""
        if field == "horizon":
            value = horizon_from_text(value or "")
        ok, before = self._attempt(lambda: self._snapshot(rec_id))
        if not ok or getattr(before.recommendation, field) == value:
            return False
        if not self._attempt(lambda: update_recommendation(self.db, rec_id, **{field: value}))[0]:
            return False
        after = self._snapshot(rec_id)
        if after == before:
            return False
        names = {
            "text": _("Reword"),
            "rec_type": _("Change the type"),
            "actor": _("Change the actor"),
            "horizon": _("Change the horizon"),
            "priority": _("Change the priority"),
            "votes": _("Change the votes"),
            "kept": _("Keep or set aside"),
        }
        self._push(
            names[field],
            lambda: restore_recommendations(self.db, [before]),
            lambda: restore_recommendations(self.db, [after]),
        )
        self._announce(_("Saved."), [rec_id])
        return True

    def vote(self, rec_id: int, delta: int = 1) -> int | None:
        """Count votes (a show of hands); returns the new total."""
        ok, total = self._attempt(lambda: add_votes(self.db, rec_id, delta))
        if not ok:
            return None
        self._push(
            _("+1 vote") if delta == 1 else _("Count votes"),
            lambda: add_votes(self.db, rec_id, -delta),
            lambda: add_votes(self.db, rec_id, delta),
        )
        self._announce(ngettext("{n} vote", "{n} votes", total).format(n=total), [rec_id])
        return int(total)

    def delete(self, ids: Sequence[int]) -> bool:
        """Delete recommendations (undo puts them back, same ids and places)."""
        deleted: list[RecommendationSnapshot] = []
        for rec_id in ids:
            ok, snap = self._attempt(lambda rec_id=rec_id: delete_recommendation(self.db, rec_id))
            if ok:
                deleted.append(snap)
        if not deleted:
            return False
        again = [snap.recommendation.id for snap in deleted]

        def redo() -> None:
            deleted[:] = [delete_recommendation(self.db, rec_id) for rec_id in again]

        self._push(_("Delete"), lambda: restore_recommendations(self.db, list(deleted)), redo)
        count = len(deleted)
        self._announce(
            ngettext("{n} recommendation deleted.", "{n} recommendations deleted.", count).format(
                n=count
            )
        )
        return True

    def reorder(self, workshop_id: int, order: Sequence[int], select: Sequence[int]) -> bool:
        """Put the whole list in `order`."""
        before = [rec.id for rec in self.context.read(lambda s: consolidated(s, workshop_id))]
        order = list(order)
        if order == before:
            return False
        ok, _none = self._attempt(lambda: set_recommendation_order(self.db, workshop_id, order))
        if not ok:
            return False
        self._push(
            _("Reorder"),
            lambda: set_recommendation_order(self.db, workshop_id, before),
            lambda: set_recommendation_order(self.db, workshop_id, order),
        )
        self._announce(_("Order saved."), select)
        return True
