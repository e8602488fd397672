"""The groups screen's actions: its two toolbars, their keys, when each is enabled, the menu."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QToolButton

from facilitator.i18n import _
from facilitator.ui.groups.board import MemberList

if TYPE_CHECKING:
    from facilitator.ui.groups.screen import GroupsScreen

_ROUND_ACTIONS = (  # need a round on screen
    "reassign",
    "rename_round",
    "delete_round",
    "project",
    "print_lists",
    "door_sheet",
)
_MEMBER_ACTIONS = ("move_left", "move_right", "move_to", "pin")  # need selected members


class ScreenActions:
    """Builds the screen's QActions (kept in `actions_by_name`) and keeps them enabled or not."""

    def _action(
        self: GroupsScreen,
        name: str,
        text: str,
        slot: Any,
        keys: tuple[str, ...] = (),
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self, objectName=f"action_{name}")
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip or text} ({native})"
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _toolbars(self: GroupsScreen) -> tuple[QToolBar, QToolBar]:
        """The round bar (picker, round actions, output) and the edit bar (undo, members)."""
        rounds = QToolBar(objectName="round_bar")
        rounds.addWidget(QLabel(_("Round:") + " "))
        rounds.addWidget(self.round_picker)
        for name, text, slot, keys, tip in (
            ("new_round", _("New round…"), self.new_round, ("Ctrl+N",), ""),
            ("reassign", _("Assign again…"), self.reassign, ("Ctrl+R",),
             _("Replace the members of every group; pinned members stay")),
            ("rename_round", _("Rename…"), self.rename_round, (), _("Rename the round")),
            ("delete_round", _("Delete…"), self.delete_round, (), _("Delete the round")),
        ):  # fmt: skip
            rounds.addAction(self._action(name, text, slot, keys, tip))
        rounds.addSeparator()
        rounds.addAction(self._action("project", _("Project the groups"), self.project))
        # Both printouts behind one button: the bar fits a 1024-pixel screen without « » .
        printing = QMenu(self)
        printing.addAction(self._action("print_lists", _("Print the lists…"), self.print_lists))
        printing.addAction(self._action("door_sheet", _("Door sheet…"), self.print_door_sheet))
        print_button = QToolButton(objectName="print_button")
        print_button.setText(_("Print"))
        print_button.setToolTip(_("The group lists, or the sheet for the door of each room"))
        print_button.setMenu(printing)
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        rounds.addWidget(print_button)
        self.print_button = print_button
        edits = QToolBar(objectName="edit_bar")
        for name, text, slot, keys, tip in (
            ("undo", _("Undo"), self.undo_stack.undo, ("Ctrl+Z",), ""),
            ("redo", _("Redo"), self.undo_stack.redo, ("Ctrl+Shift+Z", "Ctrl+Y"), ""),
            ("move_left", "◀", lambda: self.move_by(-1), ("Ctrl+Left",),
             _("Move to the previous group")),
            ("move_right", "▶", lambda: self.move_by(1), ("Ctrl+Right",),
             _("Move to the next group")),
            ("move_to", _("Move to…"), self.move_menu, ("Ctrl+D",), ""),
            ("pin", _("Pin / unpin"), self.toggle_pin, ("Ctrl+E",),
             _("A pinned member stays in their group when groups are assigned again")),
            ("keep_apart", _("Keep apart"), self.keep_apart, ("Ctrl+K",),
             _("Two selected people never share a group (Ctrl+click to select two)")),
            ("apart_pairs", _("Pairs to keep apart…"), self.show_apart_pairs, (),
             _("Review the pairs kept apart, and remove one")),
            ("edit_group", _("Edit the group…"), self.edit_group, ("F2",), ""),
        ):  # fmt: skip
            edits.addAction(self._action(name, text, slot, keys, tip))
            if name in ("redo", "move_to"):
                edits.addSeparator()
        return rounds, edits

    def _update_actions(self: GroupsScreen, *_args: object) -> None:
        has_round = self.view is not None
        selected = bool(self.selected_ids()) if has_round else False
        enabled = {
            "new_round": self.context.workshop_id is not None,
            "undo": self.undo_stack.canUndo(),
            "redo": self.undo_stack.canRedo(),
            "keep_apart": len(self.selected_ids()) == 2 if has_round else False,
            "apart_pairs": self.context.workshop_id is not None,
            "edit_group": has_round,
        }
        for name in _ROUND_ACTIONS:
            enabled[name] = has_round
        for name in _MEMBER_ACTIONS:
            enabled[name] = selected
        for name, action in self.actions_by_name.items():
            action.setEnabled(enabled.get(name, True))
        self.print_button.setEnabled(has_round)
        self.actions_by_name["undo"].setToolTip(
            self.undo_stack.undoText() or self.actions_by_name["undo"].text()
        )

    def _context_menu(self: GroupsScreen, position: Any) -> None:
        view = self.sender()
        if not isinstance(view, MemberList):
            return
        menu = QMenu(self)
        self._fill_move_menu(menu.addMenu(_("Move to…")))
        for name in ("pin", "keep_apart", "apart_pairs"):
            menu.addAction(self.actions_by_name[name])
        menu.addSeparator()
        menu.addAction(self.actions_by_name["edit_group"])
        menu.popup(view.viewport().mapToGlobal(position))
