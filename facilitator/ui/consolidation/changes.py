"""What the consolidation screen's buttons and keys do: each change goes through the controller.

Kept apart from the layout (view.py); every method runs on the ConsolidationView.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from facilitator.i18n import _, ngettext
from facilitator.ui.consolidation.merge_dialog import MergeWordingDialog, wordings
from facilitator.ui.consolidation.reword_dialog import RewordDialog

if TYPE_CHECKING:
    from facilitator.ui.consolidation.view import ConsolidationView


class ConsolidationChanges:
    """Create, merge, reword, vote, delete and reorder recommendations."""

    def create_recommendation(self: ConsolidationView) -> None:
        wid, items = self.context.workshop_id, self.selected_item_ids()
        if wid is not None and items:
            self.controller.create(wid, items)
            self.recs_table.setFocus()

    def add_to(self: ConsolidationView) -> None:
        items, recs = self.selected_item_ids(), self.selected_rec_ids()
        if items and len(recs) == 1:
            self.controller.add_to(recs[0], items)

    def import_all(self: ConsolidationView) -> None:
        wid = self.context.workshop_id
        left = sum(not c.recommendation_ids for c in self.candidates)
        if wid is None or not left:
            return
        question = ngettext(
            "Create {n} recommendation, one for each proposal not taken up yet?",
            "Create {n} recommendations, one for each proposal not taken up yet?",
            left,
        ).format(n=left)
        answer = QMessageBox.question(self, _("Take up all"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.import_all(wid)

    def reword(self: ConsolidationView) -> None:
        recs = self.selected_rec_ids()
        if len(recs) != 1:
            return
        rec = next(r for r in self.recs if r.id == recs[0])
        dialog = RewordDialog(rec, self)
        self.reword_dialog = dialog  # for tests and screen readers while it is open
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        text = dialog.wording()
        self.reword_dialog = None
        dialog.deleteLater()
        self.recs_table.setFocus(Qt.FocusReason.OtherFocusReason)  # for Ctrl+Z at once
        if accepted:
            self.controller.edit(rec.id, "text", text)

    def merge(self: ConsolidationView) -> None:
        """Merge the selected recommendations; worded differently, ask which wording stays."""
        ids = self.selected_rec_ids()
        if len(ids) < 2:
            return
        recs = [rec for rec_id in ids for rec in self.recs if rec.id == rec_id]
        text: str | None = None
        if len(wordings(recs)) > 1:
            dialog = MergeWordingDialog(recs, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            chosen = dialog.wording()
            dialog.deleteLater()
            self.recs_table.setFocus(Qt.FocusReason.OtherFocusReason)  # for Ctrl+Z, Ctrl+M…
            if not accepted:
                self.show_status(_("Merge cancelled: nothing was changed."))
                return
            text = None if chosen == recs[0].text else chosen
        self.controller.merge(ids, text)

    def add_vote(self: ConsolidationView) -> None:
        recs = self.selected_rec_ids()
        if len(recs) == 1:
            self.controller.vote(recs[0], 1)

    def delete(self: ConsolidationView) -> None:
        if self.selected_rec_ids():
            self.controller.delete(self.selected_rec_ids())

    def move_by(self: ConsolidationView, step: int) -> None:
        wid, recs = self.context.workshop_id, self.selected_rec_ids()
        if wid is None or len(recs) != 1:
            return
        order = [rec.id for rec in self.recs]
        row = order.index(recs[0])
        target = row + step
        if 0 <= target < len(order):
            order.insert(target, order.pop(row))
            self.controller.reorder(wid, order, recs)

    def _edited(self: ConsolidationView, rec_id: int, field: str, value: object) -> None:
        # After the editor has closed: the reload replaces the rows under it.
        QTimer.singleShot(0, self, lambda: self.controller.edit(rec_id, field, value))

    def _order_requested(self: ConsolidationView, order: list[int]) -> None:
        wid, moved = self.context.workshop_id, self.selected_rec_ids()
        if wid is not None:
            # After the drop has finished: the reload replaces the rows being dragged.
            QTimer.singleShot(0, self, lambda: self.controller.reorder(wid, order, moved))
