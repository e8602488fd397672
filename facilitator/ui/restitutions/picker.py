"""The group picker of the restitution screen: rounds, their groups and what each has written."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from facilitator.i18n import _, ngettext
from facilitator.store.restitution_fields import KINDS, kind_heading
from facilitator.store.restitutions import ItemRow, RoundEntry

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


def _counts_tip(counts: dict[str, int]) -> str:
    return "\n".join(
        _("{kind}: {n}").format(kind=kind_heading(kind), n=counts.get(kind, 0)) for kind in KINDS
    )


class GroupPicker(QTreeWidget):
    """Rounds → groups, with item counts. `group_chosen` fires when the current group changes."""

    group_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("group_picker")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformRowHeights(True)
        self._items: dict[int, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._current_changed)

    def set_rounds(self, rounds: Sequence[RoundEntry], keep: int | None) -> int | None:
        """Show the rounds; keep `keep` current if it is still there, else the first group."""
        self.blockSignals(True)
        self.clear()
        self._items = {}
        first: int | None = None
        for entry in rounds:
            top = QTreeWidgetItem([entry.round_name])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, entry.round_name)
            self.addTopLevelItem(top)
            for group in entry.groups:
                item = QTreeWidgetItem()
                item.setData(0, GROUP_ROLE, group.group_id)
                self._items[group.group_id] = item
                top.addChild(item)
                self._label(item, group.name, group.theme, dict(group.counts))
                first = first if first is not None else group.group_id
        self.expandAll()
        chosen = keep if keep in self._items else first
        if chosen is not None:
            self.setCurrentItem(self._items[chosen])
        self.blockSignals(False)
        return chosen

    @staticmethod
    def _label(item: QTreeWidgetItem, name: str, theme: str, counts: dict[str, int]) -> None:
        total = sum(counts.values())
        items = ngettext("{n} item", "{n} items", total).format(n=total)
        item.setText(0, f"{name} ({items})")
        item.setData(0, Qt.ItemDataRole.UserRole, (name, theme))
        item.setToolTip(0, "\n".join(part for part in (name, theme, _counts_tip(counts)) if part))

    def update_counts(self, group_id: int, rows: Sequence[ItemRow]) -> None:
        """Count a group's items again after a change made on this screen (no query)."""
        item = self._items.get(group_id)
        if item is None:
            return
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.kind] = counts.get(row.kind, 0) + 1
        name, theme = item.data(0, Qt.ItemDataRole.UserRole)
        self._label(item, name, theme, counts)

    def group_ids(self) -> list[int]:
        return list(self._items)

    def current_group(self) -> int | None:
        item = self.currentItem()
        value = item.data(0, GROUP_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select_group(self, group_id: int, notify: bool = True) -> None:
        item = self._items.get(group_id)
        if item is not None and item is not self.currentItem():
            self.blockSignals(not notify)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def step(self, delta: int) -> None:
        """The previous or next group, across rounds."""
        ids = self.group_ids()
        current = self.current_group()
        if not ids:
            return
        index = ids.index(current) + delta if current in ids else 0
        self.select_group(ids[max(0, min(index, len(ids) - 1))])

    def _current_changed(self, current: QTreeWidgetItem | None, *_args: object) -> None:
        if current is None:
            return
        value = current.data(0, GROUP_ROLE)
        if value is None:  # a round: go to its first group
            if current.childCount():
                self.setCurrentItem(current.child(0))
            return
        self.group_chosen.emit(int(value))
