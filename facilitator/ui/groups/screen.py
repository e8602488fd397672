"""The groups screen (Ctrl+3): rounds of breakout groups, made, mixed by hand, printed, projected.

The layout, what the person sees and how it is read are here; the toolbars are in actions.py, the
round actions in round_actions.py, member edits in member_actions.py, late arrivals in late.py and
printing in printing.py. Every change goes through GroupsController.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from facilitator.i18n import _, ngettext
from facilitator.store.groups import (
    GroupsInvalid,
    RoundInfo,
    RoundView,
    list_rounds,
    people_for,
    round_view,
)
from facilitator.store.workshops import get_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.groups.actions import ScreenActions
from facilitator.ui.groups.board import GroupBoard, GroupCard, MemberList
from facilitator.ui.groups.controller import AREA_GROUPS, GroupsController
from facilitator.ui.groups.dialogs import GroupDialog, NewRoundDialog
from facilitator.ui.groups.late import LateArrivals, late_arrivals
from facilitator.ui.groups.member_actions import MemberActions
from facilitator.ui.groups.pairs_dialog import ApartPairsDialog
from facilitator.ui.groups.panels import BalancePanel, LateArrivalsPanel
from facilitator.ui.groups.preview import Preview, preview_for
from facilitator.ui.groups.printing import Printing
from facilitator.ui.groups.round_actions import RoundActions
from facilitator.ui.groups.round_picker import RoundPicker
from facilitator.ui.next_steps import IMPORT, LABELS, WORKSHOPS
from facilitator.ui.widgets.print_jobs import Opener, PrintRunner
from facilitator.ui.widgets.tasks import BackgroundTask

_ERROR_STYLE = "color: #B00020; font-weight: bold;"
SIDE_WIDTH = 300
NARROW_SIDE_WIDTH = 250  # on a 1024-pixel screen: four groups still fit beside it
NARROW_SCREEN = 1200


@dataclass(frozen=True)
class _Loaded:
    view: RoundView
    preview: Preview | None
    late: list[tuple[int, str]]
    type_colours: dict[str, str]  # participant type name: its stored colour


class GroupsScreen(ScreenActions, RoundActions, MemberActions, LateArrivals, Printing, QWidget):
    """The rounds of the current workshop, one at a time, its groups side by side."""

    project_requested = Signal(int)  # the round to show on the projector
    next_step = Signal(str)  # an empty screen's button: a step of ui.next_steps, elsewhere
    print_button: QToolButton  # made with the toolbars

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
        self.type_colours: dict[str, str] = {}
        self.new_round_dialog: NewRoundDialog | None = None
        self.group_dialog: GroupDialog | None = None
        self.apart_pairs_dialog: ApartPairsDialog | None = None

        self.round_picker = RoundPicker()  # resizeEvent gives it the room the bar leaves
        self.board = GroupBoard()
        self.empty = QLabel(objectName="empty_state", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 16px;")
        self.empty_button = QPushButton(_("New round…"), objectName="empty_new_round")
        self._empty_step = ""  # the step of ui.next_steps the button leads to ("": a new round)
        self.balance = BalancePanel()
        self.late = LateArrivalsPanel()
        self.status = QLabel(objectName="status", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()
        self._connect()
        self.reload_rounds()

    # -- layout ----------------------------------------------------------------------------------
    def _layout(self) -> None:
        rounds, edits = self._toolbars()
        self.round_bar = rounds
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
        side_widget = QWidget(objectName="side_panel_inner")
        side_widget.setLayout(side)
        # Scrolls on a short screen rather than squeeze its lines over one another.
        self.side_panel = QScrollArea(objectName="side_panel")
        self.side_panel.setWidget(side_widget)
        self.side_panel.setWidgetResizable(True)
        self.side_panel.setFrameShape(QFrame.Shape.NoFrame)
        self.side_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_panel.setFixedWidth(SIDE_WIDTH)
        middle = QHBoxLayout()
        middle.addWidget(self.pages, 1)
        middle.addWidget(self.side_panel)
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
        self.empty_button.clicked.connect(self._empty_clicked)
        self.controller.message.connect(self.show_status)
        self.controller.round_shown.connect(self._round_shown)
        self.undo_stack.indexChanged.connect(self._update_actions)
        self.late.chosen.connect(self._late_chosen)
        self.late.place_requested.connect(self.place_late)
        self.runner.printed.connect(self._printed)
        self.runner.open_failed.connect(self._open_failed)
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
        self.round_picker.setToolTip(self.round_picker.currentText())
        self.round_picker.blockSignals(False)
        self.controller.round_id = chosen
        self.reload()

    def _say_what_next(self, wid: int | None) -> None:
        """No groups on screen: say why, and offer the step that comes first."""
        people = len(self.context.read(lambda s: people_for(s, wid, False))) if wid else 0
        if wid is None:
            text, self._empty_step = _("Open or create a workshop first."), WORKSHOPS
        elif not people:
            text = _("No participant to put in groups yet: import the participant list first.")
            self._empty_step = IMPORT
        else:
            text = _(
                "No groups yet. « New round… » forms balanced groups from the participants "
                "present: participant types, organisations, women and men mixed in each."
            )
            self._empty_step = ""
        self.empty.setText(text)
        self.empty_button.setText(
            _(LABELS[self._empty_step]) if self._empty_step else _("New round…")
        )

    def _empty_clicked(self) -> None:
        if self._empty_step:
            self.next_step.emit(self._empty_step)
        else:
            self.new_round()

    def _read(self, session: Session, wid: int, round_id: int) -> _Loaded:
        view = round_view(session, round_id)
        colours = {t.name: t.colour for t in get_workshop(session, wid).participant_types}
        late = late_arrivals(session, wid, view)
        return _Loaded(view, preview_for(session, wid, view), late, colours)

    def reload(self) -> None:
        """Read the round on screen again, keeping the selected members selected."""
        wid, rid = self.context.workshop_id, self.round_id
        keep = self.selected_ids()
        if wid is None or rid is None:
            self.view = self.preview = None
            self.board.set_cards([])
            self._say_what_next(wid)
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
        self.type_colours = loaded.type_colours
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
                card.show_group(group, self.type_colours)
            return
        fresh = [GroupCard(view.round.id, group, self.type_colours) for group in view.groups]
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

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        narrow = self.width() < NARROW_SCREEN
        self.side_panel.setFixedWidth(NARROW_SIDE_WIDTH if narrow else SIDE_WIDTH)
        # The round's whole name when the bar has room; cut with « … » rather than hide an action.
        margins = self.layout().contentsMargins()
        self.round_picker.fit(self.round_bar, self.width() - margins.left() - margins.right())
        super().resizeEvent(event)

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

    # -- status ----------------------------------------------------------------------------------
    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        self.status.setText(text)
