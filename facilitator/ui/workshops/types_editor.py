"""The participant types of a workshop, as the workshop form edits them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.categories import TypeName, match_type
from facilitator.i18n import _, ngettext
from facilitator.store.participant_types import TypeMerge, participants_by_type
from facilitator.store.workshops import TypeInfo, slugify
from facilitator.ui.context import AppContext
from facilitator.ui.workshops.type_merges import (
    MergeTypeDialog,
    MergeTypes,
    TypesUndoStack,
    merged_text,
)

ID_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2

# Distinct colours offered to a new type before the user picks one.
PALETTE = (
    "#1F4E9C",
    "#7B3FA0",
    "#0F8C8C",
    "#2E8B3A",
    "#C26A00",
    "#B8326E",
    "#8A6D1F",
    "#B03A2E",
    "#2C7FB8",
    "#5A6472",
)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(18, 18)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class TypesEditor(QWidget):
    """The workshop's participant types: add, rename in place, recolour, reorder, remove, merge.

    Everything but a merge waits for the form's « Enregistrer »; a merge moves participants, so
    it is saved at once, as one undoable step on `undo_stack` (Ctrl+Z here or on the screen).
    """

    changed = Signal()

    def __init__(
        self,
        context: AppContext,
        types: list[TypeInfo],
        parent: QWidget | None = None,
        *,
        workshop_id: int | None = None,
        undo_stack: TypesUndoStack | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.workshop_id = workshop_id
        self.undo_stack = undo_stack if undo_stack is not None else TypesUndoStack(self)
        self._known_keys = {t.key for t in types}
        self.list = QListWidget()
        self.list.setObjectName("typesList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # Bound methods, not lambdas: Qt drops them with this editor.
        self.list.model().rowsMoved.connect(self._emit_changed)
        self.list.itemChanged.connect(self._emit_changed)
        self.list.currentRowChanged.connect(self._update_buttons)

        self.add_button = self._button("addTypeButton", _("Add a type"), self.add_type)
        self.rename_button = self._button("renameTypeButton", _("Rename"), self.rename_type)
        self.colour_button = self._button("colourTypeButton", _("Colour…"), self.choose_colour)
        self.up_button = self._button("upTypeButton", _("Move up"), self.move_up)
        self.down_button = self._button("downTypeButton", _("Move down"), self.move_down)
        self.remove_button = self._button("removeTypeButton", _("Remove…"), self.remove_type)
        self.merge_button = self._button("mergeTypeButton", _("Merge with…"), self.merge_type)
        self.merge_button.setToolTip(
            _("Give this type's participants another type, then remove it (Ctrl+Z undoes it)")
        )
        self.merge_button.setVisible(workshop_id is not None)  # a new workshop has no one yet
        buttons = QVBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.colour_button,
            self.up_button,
            self.down_button,
            self.remove_button,
            self.merge_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.merge_label = QLabel(objectName="mergeStatus", wordWrap=True)
        self.merge_label.hide()
        # Not « Annuler » alone: the form's own « Annuler » closes it.
        self.undo_button = self._button(
            "undoMergeButton", _("Undo the merge"), self.undo_stack.undo
        )
        self.undo_button.hide()
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_label, 1)
        merge_row.addWidget(self.undo_button)
        hint = QLabel(
            _(
                "Double-click a type to rename it; drag it to reorder. "
                "Badges and lists show types in this order."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout.addLayout(row)
        layout.addLayout(merge_row)
        layout.addWidget(hint)
        for info in types:
            self._append(info)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        # Bound methods: Qt disconnects them when this editor goes with its form.
        self.undo_stack.merged.connect(self._on_merged)
        self.undo_stack.unmerged.connect(self._on_unmerged)
        self.undo_stack.indexChanged.connect(self._update_undo)

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _emit_changed(self, *_args: object) -> None:
        self.changed.emit()

    def _append(self, info: TypeInfo) -> QListWidgetItem:
        item = QListWidgetItem(info.name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(ID_ROLE, info.id)
        item.setData(KEY_ROLE, info.key)
        self._paint(item, info.colour)
        self.list.addItem(item)
        return item

    def _paint(self, item: QListWidgetItem, colour: str) -> None:
        item.setData(COLOUR_ROLE, colour)
        item.setIcon(_swatch(colour))
        item.setToolTip(colour)

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        for button in (self.rename_button, self.colour_button, self.remove_button):
            button.setEnabled(row >= 0)
        saved = [self.list.item(r).data(ID_ROLE) is not None for r in range(self.list.count())]
        self.merge_button.setEnabled(row >= 0 and saved[row] and sum(saved) > 1)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)

    def types(self) -> list[TypeInfo]:
        """The types in their order; a type added here gets a key no type of the workshop had.

        The default types keep the keys they come with (« ministry »…), whatever their names
        say: the importer and every workshop made with `facilitator new` know them by these.
        """
        items = [self.list.item(row) for row in range(self.list.count())]
        given = {item.data(KEY_ROLE) for item in items if item.data(KEY_ROLE)}
        taken = self._known_keys | given
        result: list[TypeInfo] = []
        for item in items:
            key = item.data(KEY_ROLE) or ""
            if not key:
                base = slugify(item.text()).replace("-", "_")[:55]
                key, n = base, 2
                while key in taken:
                    key, n = f"{base}_{n}", n + 1
                taken.add(key)
            result.append(TypeInfo(item.data(ID_ROLE), key, item.text(), item.data(COLOUR_ROLE)))
        return result

    def add_type(self) -> QListWidgetItem:
        names = {self.list.item(r).text().casefold() for r in range(self.list.count())}
        name, n = _("New type"), 2
        while name.casefold() in names:
            name, n = f"{_('New type')} {n}", n + 1
        used = {str(self.list.item(r).data(COLOUR_ROLE)).upper() for r in range(self.list.count())}
        colour = next((c for c in PALETTE if c not in used), "#777777")
        item = self._append(TypeInfo(None, "", name, colour))
        self.list.setCurrentItem(item)
        self.list.editItem(item)
        self.changed.emit()
        return item

    def rename_type(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def choose_colour(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        colour = QColorDialog.getColor(
            QColor(item.data(COLOUR_ROLE)),
            self,
            _("Colour of « {name} »").format(name=item.text()),
        )
        if colour.isValid():
            self._paint(item, colour.name().upper())
            self.changed.emit()

    def move_up(self) -> None:
        self.move_type(-1)

    def move_down(self) -> None:
        self.move_type(1)

    def move_type(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def participants_with_type(self, type_id: int) -> int:
        return self._counts().get(type_id, 0)

    def _counts(self) -> dict[int, int]:
        workshop_id = self.workshop_id
        if workshop_id is None:
            return {}
        return self.context.read(lambda s: participants_by_type(s, workshop_id))

    # Merging ---------------------------------------------------------------------------------

    def merge_type(self) -> bool:
        """Ask which type the current one's participants join, then merge them (undoable)."""
        item = self.list.currentItem()
        if item is None or item.data(ID_ROLE) is None or self.workshop_id is None:
            return False
        counts = self._counts()
        others = [
            (other.data(ID_ROLE), other.text(), counts.get(other.data(ID_ROLE), 0))
            for other in (self.list.item(r) for r in range(self.list.count()))
            if other is not item and other.data(ID_ROLE) is not None
        ]
        dialog = MergeTypeDialog(item.text(), counts.get(item.data(ID_ROLE), 0), others, self)
        likely, _how = match_type(item.text(), [TypeName(i, "", name) for i, name, _n in others])
        if likely is not None:
            dialog.select(likely.id)
        if not dialog.exec() or dialog.kept_id() is None:
            return False
        kept_id = dialog.kept_id()
        assert kept_id is not None
        kept_name = next(name for type_id, name, _count in others if type_id == kept_id)
        self.undo_stack.push(
            MergeTypes(
                self.context,
                self.undo_stack,
                self.workshop_id,
                (item.data(ID_ROLE), item.text()),
                (kept_id, kept_name),
            )
        )
        return True

    def _item_of(self, type_id: object) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == type_id:
                return self.list.item(row)
        return None

    def _on_merged(self, merge: TypeMerge) -> None:
        if merge.workshop_id != self.workshop_id:
            return
        item = self._item_of(merge.removed["id"])
        if item is not None:
            self.list.takeItem(self.list.row(item))
        kept = self._item_of(merge.kept_id)
        if kept is not None:
            self.list.setCurrentItem(kept)
        self._show_merge(merged_text(merge))

    def _on_unmerged(self, merge: TypeMerge) -> None:
        if merge.workshop_id != self.workshop_id:
            return
        row = merge.removed
        if self._item_of(row["id"]) is None:
            item = self._append(
                TypeInfo(int(str(row["id"])), str(row["key"]), str(row["name"]), str(row["colour"]))
            )
            self.list.takeItem(self.list.row(item))
            self.list.insertItem(min(int(str(row["position"])), self.list.count()), item)
            self.list.setCurrentItem(item)
            self._known_keys.add(str(row["key"]))
        self._show_merge(
            _("« {merged} » is back, with its participants.").format(merged=merge.removed_name)
        )

    def _show_merge(self, text: str) -> None:
        self.merge_label.setText(text)
        self.merge_label.show()
        self._update_buttons()
        self._update_undo()

    def _update_undo(self, *_args: object) -> None:
        # Only once a merge was done here: the form opens without a leftover undo button.
        try:
            can_undo = self.undo_stack.canUndo() and self.merge_label.isVisibleTo(self)
        except RuntimeError:  # the screen's stack is going, clearing itself as it goes
            return
        self.undo_button.setVisible(can_undo)
        if can_undo:
            self.undo_button.setToolTip(self.undo_stack.undoText())

    def remove_type(self) -> bool:
        """Take the current type out of the list (nothing is written before the form is saved)."""
        item = self.list.currentItem()
        if item is None:
            return False
        used = self.participants_with_type(item.data(ID_ROLE)) if item.data(ID_ROLE) else 0
        if used:
            text = ngettext(
                "{n} participant has the type « {name} »; without it, they will have no type.",
                "{n} participants have the type « {name} »; without it, they will have no type.",
                used,
            ).format(n=used, name=item.text())
            answer = QMessageBox.question(
                self,
                _("Remove a participant type"),
                text + "\n\n" + _("Remove it? Nothing changes until you save the workshop."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.list.takeItem(self.list.row(item))
        self._update_buttons()
        self.changed.emit()
        return True
