"""Merging two participant types as one undoable step, and the dialog that chooses the kept one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _, ngettext, number
from facilitator.store.participant_types import TypeMerge, merge_types, unmerge_types
from facilitator.ui.context import AREA_PARTICIPANTS, AREA_WORKSHOPS, AppContext


class TypesUndoStack(QUndoStack):
    """The undo stack of type merges; says when a merge is done or undone, for open editors."""

    merged = Signal(object)  # the TypeMerge just done
    unmerged = Signal(object)  # the TypeMerge just undone


class MergeTypes(QUndoCommand):
    """« Fusionner « Ministère » avec « Ministères » »: one transaction, and so is its undo."""

    def __init__(
        self,
        context: AppContext,
        stack: TypesUndoStack,
        workshop_id: int,
        merged: tuple[int, str],
        kept: tuple[int, str],
    ) -> None:
        super().__init__(
            _("Merge « {merged} » with « {kept} »").format(merged=merged[1], kept=kept[1])
        )
        self.context, self.stack, self.workshop_id = context, stack, workshop_id
        self.merged_id, self.kept_id = merged[0], kept[0]
        self.merge: TypeMerge | None = None

    def redo(self) -> None:
        workshop_id, merged_id, kept_id = self.workshop_id, self.merged_id, self.kept_id
        self.merge = self.context.write(
            AREA_PARTICIPANTS, lambda s: merge_types(s, workshop_id, merged_id, kept_id)
        )
        self.context.data_changed.emit(AREA_WORKSHOPS)
        self.stack.merged.emit(self.merge)

    def undo(self) -> None:
        merge = self.merge
        if merge is None:
            return
        self.context.write(AREA_PARTICIPANTS, lambda s: unmerge_types(s, merge))
        self.context.data_changed.emit(AREA_WORKSHOPS)
        self.stack.unmerged.emit(merge)


def merged_text(merge: TypeMerge) -> str:
    """What a merge did, in one sentence, with the way back."""
    moved = len(merge.moved)
    text = ngettext(
        "« {merged} » merged with « {kept} »: {n} participant changed type.",
        "« {merged} » merged with « {kept} »: {n} participants changed type.",
        moved,
    ).format(merged=merge.removed_name, kept=merge.kept_name, n=number(moved))
    return text + " " + _("Ctrl+Z undoes it.")


class MergeTypeDialog(QDialog):
    """Choose the type that a type's participants join (« Fusionner avec… »)."""

    def __init__(
        self,
        merged_name: str,
        merged_count: int,
        others: list[tuple[int, str, int]],  # (id, name, participants) of the other types
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeTypeDialog")
        self.setWindowTitle(_("Merge a participant type"))
        question = QLabel(
            ngettext(
                "Merge « {name} » ({n} participant) with:",
                "Merge « {name} » ({n} participants) with:",
                merged_count,
            ).format(name=merged_name, n=number(merged_count))
        )
        question.setWordWrap(True)
        self.list = QListWidget(objectName="mergeTargets")
        for type_id, name, count in others:
            label = ngettext("{name} ({n} participant)", "{name} ({n} participants)", count)
            item = QListWidgetItem(label.format(name=name, n=number(count)))
            item.setData(Qt.ItemDataRole.UserRole, type_id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        explanation = QLabel(
            _(
                "Its participants take the chosen type and « {name} » is removed. This is saved "
                "at once; Ctrl+Z undoes it."
            ).format(name=merged_name)
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(_("Merge"))
        self.merge_button.setObjectName("mergeButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.list, 1)
        layout.addWidget(explanation)
        layout.addWidget(buttons)
        self.resize(420, 360)

    def _activated(self, _item: QListWidgetItem) -> None:
        self.accept()

    def select(self, type_id: int) -> None:
        """Offer `type_id` first (the type whose name means the same)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == type_id:
                self.list.setCurrentRow(row)

    def kept_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
