"""The groups screen's member edits: move, pin, keep apart (and its pairs), edit a group."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from facilitator.i18n import _
from facilitator.ui.groups.dialogs import GroupDialog
from facilitator.ui.groups.labels import member_name
from facilitator.ui.groups.pairs_dialog import ApartPairsDialog

if TYPE_CHECKING:
    from facilitator.ui.groups.screen import GroupsScreen


class MemberActions:
    """What the edit bar, the keys and the context menu do to the selected members."""

    def _group_name(self: GroupsScreen, group_id: int) -> str:
        groups = self.view.groups if self.view else ()
        return next((g.name for g in groups if g.id == group_id), "")

    def _names(self: GroupsScreen, ids: list[int]) -> str:
        members = {
            m.participant_id: m for g in (self.view.groups if self.view else ()) for m in g.members
        }
        return ", ".join(member_name(members[pid]) for pid in ids if pid in members)

    def move_to(self: GroupsScreen, ids: list[int], group_id: int) -> None:
        ids = [pid for pid in ids if self.group_of(pid) != group_id]
        if not ids:
            return
        text = _("{names} moved to « {group} »").format(
            names=self._names(ids), group=self._group_name(group_id)
        )
        self.controller.move(ids, group_id, text)
        self.select_members(ids)
        card = self.board.card(group_id)
        if card is not None:
            card.members.setFocus()
            self.board.ensureWidgetVisible(card)

    def _dropped(self: GroupsScreen, ids: list[int], group_id: int) -> None:
        self.move_to(ids, group_id)

    def move_by(self: GroupsScreen, step: int) -> None:
        ids = self.selected_ids()
        if not ids or self.view is None:
            return
        order = [g.id for g in self.view.groups]
        current = self.group_of(ids[0])
        if current is None:
            return
        self.move_to(ids, order[(order.index(current) + step) % len(order)])

    def _fill_move_menu(self: GroupsScreen, menu: QMenu) -> None:
        for group in self.view.groups if self.view else ():
            action = menu.addAction(group.name)
            action.triggered.connect(
                lambda _c=False, g=group.id: self.move_to(self.selected_ids(), g)
            )

    def move_menu(self: GroupsScreen) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        self._fill_move_menu(menu)
        view = next((v for v in self.lists() if v.hasFocus()), None)
        if view is not None:
            anchor = view.viewport().mapToGlobal(view.visualRect(view.currentIndex()).center())
        else:
            anchor = self.mapToGlobal(self.rect().center())
        menu.popup(anchor)
        self.move_popup = menu

    def toggle_pin(self: GroupsScreen) -> None:
        ids = self.selected_ids()
        if not ids or self.view is None:
            return
        pinned = {m.participant_id for g in self.view.groups for m in g.members if m.pinned}
        pin = not all(pid in pinned for pid in ids)
        text = (_("Pinned: {names}") if pin else _("Unpinned: {names}")).format(
            names=self._names(ids)
        )
        self.controller.set_pins(ids, pin, text)

    def keep_apart(self: GroupsScreen) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            self.show_status(_("Select two people (Ctrl+click) to keep apart."), True)
            return
        text = _("Kept apart: {names}").format(names=self._names(ids))
        self.controller.keep_apart(ids[0], ids[1], text)

    def show_apart_pairs(self: GroupsScreen) -> None:
        """The workshop's « keep apart » pairs, to review and remove (Ctrl+Z puts one back)."""
        if self.context.workshop_id is None:
            return
        dialog = ApartPairsDialog(self.context, self.controller, self)
        self.apart_pairs_dialog = dialog
        dialog.exec()
        self.apart_pairs_dialog = None
        dialog.deleteLater()  # it listens to data changes: not left behind, hidden

    def edit_group(self: GroupsScreen, group_id: int | bool = False) -> None:
        if self.view is None:
            return
        if not isinstance(group_id, int) or isinstance(group_id, bool) or not group_id:
            group_id = self.focused_group or self.view.groups[0].id
        group = next((g for g in self.view.groups if g.id == group_id), self.view.groups[0])

        def save(
            name: str, theme: str, room: str, moderator: int | None, rapporteur: int | None
        ) -> None:
            self.controller.edit_group(group.id, name, theme, room, moderator, rapporteur)

        dialog = GroupDialog(group, save, self)
        self.group_dialog = dialog
        dialog.exec()
        self.group_dialog = None
