"""The groups screen (Ctrl+3): rounds of breakout groups, made, mixed by hand, printed, projected.

The layout and what the person sees are here; every change goes through GroupsController.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from facilitator.i18n import _, ngettext
from facilitator.store.group_edits import suggest_group
from facilitator.store.groups import (
    GroupsInvalid,
    RoundInfo,
    RoundView,
    default_round_name,
    list_rounds,
    people_for,
    round_view,
)
from facilitator.store.participants import list_participants
from facilitator.store.workshops import get_workshop, slugify
from facilitator.ui.context import AppContext
from facilitator.ui.groups.board import GroupBoard, GroupCard, MemberList
from facilitator.ui.groups.controller import (
    AREA_GROUPS,
    GroupsController,
    groups_folder,
    groups_print_job,
)
from facilitator.ui.groups.dialogs import GroupDialog, NewRoundDialog
from facilitator.ui.groups.labels import delta_text, member_name
from facilitator.ui.groups.panels import BalancePanel, LateArrivalsPanel
from facilitator.ui.groups.preview import Preview, preview_for
from facilitator.ui.widgets.print_jobs import Opener, PrintRunner, Written
from facilitator.ui.widgets.tasks import BackgroundTask

_ERROR_STYLE = "color: #B00020; font-weight: bold;"


@dataclass(frozen=True)
class _Loaded:
    view: RoundView
    preview: Preview | None
    late: list[tuple[int, str]]


class GroupsScreen(QWidget):
    """The rounds of the current workshop, one at a time, its groups side by side."""

    project_requested = Signal(int)  # the round to show on the projector

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, opener: Opener | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("groups_screen")
        self.context = context
        self.controller = GroupsController(context, self)
        self.undo_stack = self.controller.undo_stack
        self.view: RoundView | None = None
        self.preview: Preview | None = None
        self.focused_group: int | None = None
        self.runner = PrintRunner(self, context, opener)
        self.print_task: BackgroundTask | None = None
        self.actions_by_name: dict[str, QAction] = {}

        self.round_picker = QComboBox(objectName="round_picker")
        self.round_picker.setMinimumContentsLength(24)
        self.round_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.board = GroupBoard()
        self.empty = QLabel(objectName="empty_state", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 16px;")
        self.empty_button = QPushButton(_("New round…"), objectName="empty_new_round")
        self.balance = BalancePanel()
        self.late = LateArrivalsPanel()
        self.status = QLabel(objectName="status", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()
        self._connect()
        self.reload_rounds()

    # -- layout ----------------------------------------------------------------------------------
    def _action(
        self, name: str, text: str, slot: Any, keys: tuple[str, ...] = (), tip: str = ""
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

    def _layout(self) -> None:
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
        for name, text, slot in (
            ("project", _("Project the groups"), self.project),
            ("print_lists", _("Print the lists…"), self.print_lists),
            ("door_sheet", _("Door sheet…"), self.print_door_sheet),
        ):
            rounds.addAction(self._action(name, text, slot))
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
            ("edit_group", _("Edit the group…"), self.edit_group, ("F2",), ""),
        ):  # fmt: skip
            edits.addAction(self._action(name, text, slot, keys, tip))
            if name in ("redo", "move_to"):
                edits.addSeparator()
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.pages = QStackedWidget()
        self.pages.addWidget(empty_page)
        self.pages.addWidget(self.board)
        side = QVBoxLayout()
        side.addWidget(self.balance)
        side.addWidget(self.late)
        side.addWidget(self.status)
        side.addStretch(1)
        self.side_panel = side_widget = QWidget(objectName="side_panel")
        side_widget.setLayout(side)
        side_widget.setFixedWidth(300)
        middle = QHBoxLayout()
        middle.addWidget(self.pages, 1)
        middle.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(rounds)
        layout.addWidget(edits)
        layout.addLayout(middle, 1)

    def _connect(self) -> None:
        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        self.context.workshop_changed.connect(self._workshop_changed)
        self.context.data_changed.connect(self._data_changed)
        self.round_picker.activated.connect(self._round_picked)
        self.empty_button.clicked.connect(self.new_round)
        self.controller.message.connect(self.show_status)
        self.controller.round_shown.connect(self._round_shown)
        self.undo_stack.indexChanged.connect(self._update_actions)
        self.late.chosen.connect(self._late_chosen)
        self.late.place_requested.connect(self.place_late)
        self.runner.printed.connect(self._printed)
        self.runner.failed.connect(lambda text: self.show_status(text, True))

    # -- reading ---------------------------------------------------------------------------------
    @property
    def round_id(self) -> int | None:
        return self.controller.round_id

    def reload_rounds(self, select: int | None = None) -> None:
        """Read the workshop's rounds; show `select`, else the one on screen, else the last."""
        wid = self.context.workshop_id
        rounds: list[RoundInfo] = self.context.read(lambda s: list_rounds(s, wid)) if wid else []
        wanted = select or self.round_id
        ids = [r.id for r in rounds]
        chosen = wanted if wanted in ids else (ids[-1] if ids else None)
        self.round_picker.blockSignals(True)
        self.round_picker.clear()
        for r in rounds:
            groups = ngettext("{n} group", "{n} groups", r.groups).format(n=r.groups)
            self.round_picker.addItem(f"{r.name} — {groups}", r.id)
        self.round_picker.setCurrentIndex(ids.index(chosen) if chosen is not None else -1)
        self.round_picker.blockSignals(False)
        self.controller.round_id = chosen
        self.reload()

    def _read(self, session: Session, wid: int, round_id: int) -> _Loaded:
        view = round_view(session, round_id)
        in_round = {m.participant_id for g in view.groups for m in g.members}
        present = {p.id for p in people_for(session, wid, True)}
        late = [
            (p.id, f"{p.last_name.upper()} {p.first_name}".strip())
            for p in list_participants(session, wid)
            if p.id in present and p.id not in in_round
        ]
        return _Loaded(view, preview_for(session, wid, view), late)

    def reload(self) -> None:
        """Read the round on screen again, keeping the selected members selected."""
        wid, rid = self.context.workshop_id, self.round_id
        keep = self.selected_ids()
        if wid is None or rid is None:
            self.view = self.preview = None
            self.board.set_cards([])
            self.empty.setText(
                _("No round of groups: create one (New round…).")
                if wid
                else _("Open or create a workshop first.")
            )
            self.empty_button.setEnabled(wid is not None)
            self.pages.setCurrentIndex(0)
            self.side_panel.hide()  # no balance to weigh, nobody to place: no clutter
            self.balance.show_report(None)
            self.late.set_people([])
            self._update_actions()
            return
        try:
            loaded = self.context.read(lambda s: self._read(s, wid, rid))
        except GroupsInvalid:  # deleted elsewhere
            self.controller.round_id = None
            self.reload_rounds()
            return
        self.view, self.preview = loaded.view, loaded.preview
        self._show_groups(loaded.view)
        self.pages.setCurrentIndex(1)
        self.side_panel.show()
        self.balance.show_report(loaded.view.balance)
        self.late.set_people(loaded.late)
        self.select_members(keep)
        self._update_actions()

    def _show_groups(self, view: RoundView) -> None:
        cards = self.board.cards
        if [c.group.id for c in cards] == [g.id for g in view.groups] and all(
            c.model.round_id == view.round.id for c in cards
        ):
            for card, group in zip(cards, view.groups, strict=True):
                card.show_group(group)
            return
        fresh = [GroupCard(view.round.id, group) for group in view.groups]
        for card in fresh:
            card.edit_requested.connect(self.edit_group)
            card.model.move_requested.connect(self._dropped, Qt.ConnectionType.QueuedConnection)
            card.members.drag_hovered.connect(self._drag_hovered)
            card.members.focused.connect(self._focused)
            card.members.customContextMenuRequested.connect(self._context_menu)
            card.members.selectionModel().selectionChanged.connect(self._selection_changed)
            card.members.doubleClicked.connect(self._member_double_clicked)
        self.board.set_cards(fresh)

    def lists(self) -> list[MemberList]:
        return [card.members for card in self.board.cards]

    def selected_ids(self) -> list[int]:
        """The members selected, those of the focused group first."""
        lists = sorted(self.lists(), key=lambda v: v.members_model.group_id != self.focused_group)
        return [pid for view in lists for pid in view.selected_ids()]

    def select_members(self, ids: list[int]) -> None:
        for view in self.lists():
            model = view.members_model
            rows = [row for pid in ids if (row := model.row_of(pid)) >= 0]
            if not rows:
                continue
            selection = view.selectionModel()
            selection.blockSignals(True)
            selection.setCurrentIndex(
                model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            for row in rows:
                selection.select(model.index(row), QItemSelectionModel.SelectionFlag.Select)
            selection.blockSignals(False)
            view.viewport().update()

    def group_of(self, participant_id: int) -> int | None:
        for view in self.lists():
            if view.members_model.row_of(participant_id) >= 0:
                return view.members_model.group_id
        return None

    def _update_actions(self, *_args: object) -> None:
        has_round = self.view is not None
        selected = bool(self.selected_ids()) if has_round else False
        enabled = {
            "new_round": self.context.workshop_id is not None,
            "undo": self.undo_stack.canUndo(),
            "redo": self.undo_stack.canRedo(),
            "keep_apart": len(self.selected_ids()) == 2 if has_round else False,
            "edit_group": has_round,
        }
        for name in ("reassign", "rename_round", "delete_round", "project", "print_lists",
                     "door_sheet"):  # fmt: skip
            enabled[name] = has_round
        for name in ("move_left", "move_right", "move_to", "pin"):
            enabled[name] = selected
        for name, action in self.actions_by_name.items():
            action.setEnabled(enabled.get(name, True))
        self.actions_by_name["undo"].setToolTip(
            self.undo_stack.undoText() or self.actions_by_name["undo"].text()
        )

    # -- events ----------------------------------------------------------------------------------
    def _workshop_changed(self, _workshop_id: int) -> None:
        self.undo_stack.clear()  # an undo must never act on another workshop's groups
        self.controller.round_id = None
        self.show_status("", False)
        self.reload_rounds()

    def _data_changed(self, area: str) -> None:
        if area == AREA_GROUPS:
            self.reload_rounds()
        elif area in ("participants", "checkins") and self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.reload()  # check-ins made at the desk since: new late arrivals

    def _round_picked(self, index: int) -> None:
        self.controller.round_id = self.round_picker.itemData(index)
        self.reload()

    def _round_shown(self, round_id: int) -> None:
        self.reload_rounds(round_id)

    def _focused(self, group_id: int) -> None:
        self.focused_group = group_id
        self._update_actions()

    def _selection_changed(self, *_args: object) -> None:
        # A plain click starts a new selection; Ctrl+click adds people of other groups to it.
        if not QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            sender = self.sender()
            for view in self.lists():
                if view.selectionModel() is not sender and view.selectionModel().hasSelection():
                    view.selectionModel().blockSignals(True)
                    view.clearSelection()
                    view.selectionModel().blockSignals(False)
                    view.viewport().update()
        self._update_actions()

    def _member_double_clicked(self, _index: object) -> None:
        self.move_menu()

    def _drag_hovered(self, ids: list[int], group_id: int) -> None:
        for card in self.board.cards:
            card.set_highlight(card.group.id == group_id)
        if not group_id or self.preview is None or self.view is None:
            self.balance.show_report(self.view.balance if self.view else None)
            return
        report = self.preview.report_if_moved(ids, group_id)
        name = next(g.name for g in self.view.groups if g.id == group_id)
        self.balance.show_report(report, _("If dropped in « {group} »:").format(group=name))

    def _context_menu(self, position: Any) -> None:
        view = self.sender()
        if not isinstance(view, MemberList):
            return
        menu = QMenu(self)
        self._fill_move_menu(menu.addMenu(_("Move to…")))
        for name in ("pin", "keep_apart"):
            menu.addAction(self.actions_by_name[name])
        menu.addSeparator()
        menu.addAction(self.actions_by_name["edit_group"])
        menu.popup(view.viewport().mapToGlobal(position))

    # -- changes ---------------------------------------------------------------------------------
    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        self.status.setText(text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def new_round(self) -> None:
        wid = self.context.workshop_id
        if wid is None:
            return

        def counts(session: Session) -> tuple[str, int, int]:
            rounds = list_rounds(session, wid)
            name = default_round_name(session, wid) if rounds else _("Practical workshops")
            everyone = len(people_for(session, wid, False))
            return name, len(people_for(session, wid, True)), everyone

        name, present, registered = self.context.read(counts)
        dialog = NewRoundDialog(name, present, registered, self.controller.create, self)
        if not present:
            dialog.present_only.setChecked(False)  # nobody checked in yet: everyone registered
        self.new_round_dialog = dialog
        dialog.exec()
        self.new_round_dialog = None

    def reassign(self) -> None:
        if self.view is None:
            return
        if not self.confirm(
            _("Assign again"),
            _(
                "Assign the groups of « {round} » again? Everyone's group changes except pinned "
                "members'. A backup is taken first, and Ctrl+Z puts the groups back."
            ).format(round=self.view.round.name),
        ):
            return
        self.controller.reassign()

    def rename_round(self) -> None:
        if self.view is None:
            return
        name, ok = QInputDialog.getText(
            self, _("Rename the round"), _("Name:"), text=self.view.round.name
        )
        if ok:
            self.controller.rename(name)

    def delete_round(self) -> None:
        if self.view is None:
            return
        if self.confirm(
            _("Delete the round"),
            _(
                "Delete « {round} », its groups and their report-backs? A backup is taken first; "
                "this cannot be undone here."
            ).format(round=self.view.round.name),
        ):
            self.controller.delete()

    def _group_name(self, group_id: int) -> str:
        groups = self.view.groups if self.view else ()
        return next((g.name for g in groups if g.id == group_id), "")

    def _names(self, ids: list[int]) -> str:
        members = {
            m.participant_id: m for g in (self.view.groups if self.view else ()) for m in g.members
        }
        return ", ".join(member_name(members[pid]) for pid in ids if pid in members)

    def move_to(self, ids: list[int], group_id: int) -> None:
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

    def _dropped(self, ids: list[int], group_id: int) -> None:
        self.move_to(ids, group_id)

    def move_by(self, step: int) -> None:
        ids = self.selected_ids()
        if not ids or self.view is None:
            return
        order = [g.id for g in self.view.groups]
        current = self.group_of(ids[0])
        if current is None:
            return
        self.move_to(ids, order[(order.index(current) + step) % len(order)])

    def _fill_move_menu(self, menu: QMenu) -> None:
        for group in self.view.groups if self.view else ():
            action = menu.addAction(group.name)
            action.triggered.connect(
                lambda _c=False, g=group.id: self.move_to(self.selected_ids(), g)
            )

    def move_menu(self) -> None:
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

    def toggle_pin(self) -> None:
        ids = self.selected_ids()
        if not ids or self.view is None:
            return
        pinned = {m.participant_id for g in self.view.groups for m in g.members if m.pinned}
        pin = not all(pid in pinned for pid in ids)
        text = (_("Pinned: {names}") if pin else _("Unpinned: {names}")).format(
            names=self._names(ids)
        )
        self.controller.set_pins(ids, pin, text)

    def keep_apart(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            self.show_status(_("Select two people (Ctrl+click) to keep apart."), True)
            return
        text = _("Kept apart: {names}").format(names=self._names(ids))
        self.controller.keep_apart(ids[0], ids[1], text)

    def edit_group(self, group_id: int | bool = False) -> None:
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

    def _late_chosen(self, participant_id: int) -> None:
        rid = self.round_id
        if not participant_id or rid is None:
            self.late.show_suggestion("")
            return
        try:
            suggestion = self.context.read(lambda s: suggest_group(s, rid, participant_id))
        except GroupsInvalid as exc:
            self.late.show_suggestion(str(exc))
            return
        self.late.show_suggestion(
            _("Best group: « {group} » ({effect})").format(
                group=suggestion.group_name, effect=delta_text(suggestion.delta)
            )
        )

    def place_late(self, participant_id: int) -> None:
        name = self.late.people.currentText()
        placed = self.controller.place_late(participant_id, name)
        if placed is None:
            return
        group_id, delta = placed
        self.show_status(
            _("{name} added to « {group} »: {effect}.").format(
                name=name, group=self._group_name(group_id), effect=delta_text(delta)
            )
        )
        self.select_members([participant_id])

    # -- projector and printing ------------------------------------------------------------------
    def project(self) -> None:
        if self.round_id is not None:
            self.project_requested.emit(self.round_id)

    def print_lists(self) -> None:
        self._print(door_sheet=False)

    def print_door_sheet(self) -> None:
        self._print(door_sheet=True)

    def _print(self, door_sheet: bool) -> None:
        wid, rid, view = self.context.workshop_id, self.round_id, self.view
        if wid is None or rid is None or view is None or self.runner.running():
            return
        slug = self.context.read(lambda s: get_workshop(s, wid).slug)
        kind = _("door") if door_sheet else _("groups")
        default = groups_folder() / f"{slug}-{slugify(view.round.name)}-{slugify(kind)}.pdf"
        title = _("Door sheet") if door_sheet else _("Group lists")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(default), _("PDF files (*.pdf)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        job = groups_print_job(self.context.db, rid, path, door_sheet)
        self.print_task = self.runner.run(title, _("Writing the PDF…"), job, path)

    def _printed(self, result: Written, opened: bool) -> None:
        text = result.message
        if not opened:
            text += "\n" + _("No application could open it: open it from its folder.")
        self.show_status(text)
