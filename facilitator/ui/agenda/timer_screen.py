"""The facilitator's timer screen: the view. What it does lives in timer_controller.py.

Keys when the screen has the focus: Space starts, pauses or resumes; N next; P previous; + and −
add or remove a minute. Buttons and the list never take the focus, so the keys always work; only
the notes under the day's list do, and Escape there gives the keyboard back to the timer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.run_of_show import Clock
from facilitator.i18n import _, ngettext
from facilitator.ui.agenda.notes_panel import AgendaNotesPanel
from facilitator.ui.agenda.replan_dialog import ReplanDialog
from facilitator.ui.agenda.timer_controller import (
    NEAR_END,
    OVERRUN,
    TimerController,
    TimerSnapshot,
)
from facilitator.ui.context import AppContext

# Amber near the end, red once over: always with words (« Il reste 5 min », « Temps écoulé »).
FRAME_STYLES = {
    "normal": "QFrame#countdown_frame { background: #eef3f8; border-radius: 12px; }",
    NEAR_END: "QFrame#countdown_frame { background: #ffbf00; border-radius: 12px; }"
    " QLabel { color: #1a1a1a; }",
    OVERRUN: "QFrame#countdown_frame { background: #c62828; border-radius: 12px; }"
    " QLabel { color: white; }",
}
LIVE_BACKGROUND = QColor("#cfe3ff")


class TimerScreen(QWidget):
    """The live item, its time left, what comes next, and the day's agenda."""

    tick = Signal(object)  # the TimerSnapshot shown, each second: a projector can mirror it
    edit_agenda_requested = Signal()  # « Enter the agenda »: the Agenda tab

    def __init__(
        self, context: AppContext, clock: Clock | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timer")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.context = context
        self._state = ""
        self._live_id: int | None = -1
        self._notes_target: tuple[bool, int | None] = (False, -1)  # (live, item) followed
        self.notes = AgendaNotesPanel(context)
        self.replan_dialog: ReplanDialog | None = None

        self.now_label = QLabel(objectName="now_label")
        self.title = QLabel(objectName="live_title", wordWrap=True)
        self.title.setStyleSheet("font-size: 28px; font-weight: 700;")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.countdown = QLabel(objectName="countdown", alignment=Qt.AlignmentFlag.AlignCenter)
        font = QFont()
        font.setPointSize(96)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.countdown.setFont(font)
        self.warning = QLabel(objectName="warning", alignment=Qt.AlignmentFlag.AlignCenter)
        self.warning.setStyleSheet("font-size: 26px; font-weight: 700;")
        self.frame = QFrame(objectName="countdown_frame")
        self.elapsed = QLabel(objectName="elapsed")
        self.next_label = QLabel(objectName="next_title", wordWrap=True)
        self.delay = QLabel(objectName="delay")
        self.delay.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.projected = QLabel(objectName="projected_end")
        for label in (self.elapsed, self.next_label, self.projected):
            label.setStyleSheet("font-size: 16px;")
        self.agenda_list = QListWidget(objectName="day_agenda")
        self.agenda_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A click picks the item whose notes are shown (the live one's again when it changes).
        self.agenda_list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.agenda_list.setMinimumWidth(260)
        self.agenda_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda_list.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.start_button = QPushButton(objectName="start_pause")
        self.previous_button = QPushButton(_("Previous"), objectName="previous")
        self.next_button = QPushButton(_("Next"), objectName="next")
        self.plus_button = QPushButton(_("+1 min"), objectName="plus_minute")
        self.minus_button = QPushButton(_("−1 min"), objectName="minus_minute")
        self.replan_button = QPushButton(_("Re-plan…"), objectName="replan")
        self.undo_replan_button = QPushButton(_("Undo the re-plan"), objectName="undo_replan")
        self.replan_status = QLabel(objectName="replan_status", wordWrap=True)
        # With no agenda, what to do next instead of an empty countdown.
        self.empty = QFrame(objectName="timer_empty_state")
        self.empty_text = QLabel(objectName="timer_empty_text", wordWrap=True)
        self.empty_text.setStyleSheet("font-size: 16px;")
        self.empty_button = QPushButton(_("Enter the agenda…"), objectName="timer_edit_agenda")
        self.empty_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.empty_button.setMinimumHeight(40)
        self.empty_button.clicked.connect(self.edit_agenda_requested)
        self.buttons = (
            self.start_button,
            self.previous_button,
            self.next_button,
            self.plus_button,
            self.minus_button,
        )
        keys = ("Espace", "P", "N", "+", "−")
        for button, key in zip(
            (*self.buttons, self.replan_button, self.undo_replan_button),
            (*keys, "R", "Ctrl+Z"),
            strict=True,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the screen keeps the keyboard
            button.setMinimumHeight(40)
            button.setProperty("key", key)
            button.setToolTip(f"{button.text()} ({key})")
        self._layout()

        self.controller = TimerController(context, clock, parent=self)
        self._connect()
        self._redraw_list()
        self.show_snapshot(self.controller.snapshot())

    def _layout(self) -> None:
        inner = QVBoxLayout(self.frame)
        inner.addWidget(self.countdown)
        inner.addWidget(self.warning)
        facts = QHBoxLayout()
        facts.addWidget(self.elapsed)
        facts.addStretch(1)
        facts.addWidget(self.delay)
        facts.addStretch(1)
        facts.addWidget(self.projected)
        buttons = QHBoxLayout()
        for button in self.buttons:
            buttons.addWidget(button)
        empty = QVBoxLayout(self.empty)
        empty.addStretch(1)
        empty.addWidget(self.empty_text)
        empty.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty.addStretch(2)
        left = QVBoxLayout()
        left.addWidget(self.empty, 1)
        left.addWidget(self.now_label)
        left.addWidget(self.title)
        left.addWidget(self.frame, 1)
        left.addLayout(facts)
        left.addWidget(self.next_label)
        left.addLayout(buttons)
        replan = QHBoxLayout()
        replan.addWidget(self.replan_status, 1)
        replan.addWidget(self.replan_button)
        replan.addWidget(self.undo_replan_button)
        left.addLayout(replan)
        day = QWidget()
        day_layout = QVBoxLayout(day)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(QLabel(_("The day's agenda")))
        day_layout.addWidget(self.agenda_list, 1)
        self.tools = QHBoxLayout()  # the projector's buttons, added by the screen holding this one
        day_layout.addLayout(self.tools)
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 6, 0, 0)
        heading = QLabel(_("Item notes"), objectName="notes_heading")
        heading.setStyleSheet("font-size: 16px; font-weight: 700;")
        notes_layout.addWidget(heading)
        notes_layout.addWidget(self.notes, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="day_and_notes")
        self.splitter.addWidget(day)
        self.splitter.addWidget(notes)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        right = QVBoxLayout()
        right.addWidget(self.splitter, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def _connect(self) -> None:
        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        controller = self.controller
        self.start_button.clicked.connect(controller.toggle)
        self.previous_button.clicked.connect(controller.previous)
        self.next_button.clicked.connect(controller.next)
        self.plus_button.clicked.connect(controller.add_minute)
        self.minus_button.clicked.connect(controller.remove_minute)
        self.replan_button.clicked.connect(self.open_replan)
        self.undo_replan_button.clicked.connect(self.undo_replan)
        controller.changed.connect(self._redraw_list)
        controller.tick.connect(self.show_snapshot)
        self.agenda_list.itemClicked.connect(self._item_clicked)
        self.notes.leave_requested.connect(self.take_keyboard)
        self.notes.item_changed.connect(self._select_notes_row)

    # -- display ---------------------------------------------------------------------------------
    def show_snapshot(self, snap: TimerSnapshot) -> None:
        """Paint one tick: only the labels whose text changed are repainted by Qt."""
        if snap.started:
            now = _("Now")
            self.now_label.setText(f"{now} — {snap.parent_title}" if snap.parent_title else now)
        else:
            self.now_label.setText(_("Up first") if snap.can_start else "")
        self.title.setText(snap.title)
        self.countdown.setText(snap.countdown)
        self.warning.setText(snap.warning)
        self.elapsed.setText(_("Elapsed: {time}").format(time=snap.elapsed) if snap.started else "")
        self.delay.setText(snap.delay)
        self.projected.setText(
            _("Projected end of the day: {time}").format(time=snap.projected_end)
            if snap.projected_end
            else ""
        )
        if snap.next_title:
            self.next_label.setText(_("Next: {title}").format(title=snap.next_title))
        else:
            self.next_label.setText(_("Last item of the day") if snap.started else "")
        if snap.state != self._state:
            self._state = snap.state
            self.frame.setStyleSheet(FRAME_STYLES.get(snap.state, FRAME_STYLES["normal"]))
        if not snap.started:
            label = _("Start")
        elif snap.paused:
            label = _("Resume")
        else:
            label = _("Pause")
        self.start_button.setText(label)
        self.start_button.setToolTip(f"{label} ({self.start_button.property('key')})")
        self.start_button.setEnabled(snap.started or snap.can_start)
        self.previous_button.setEnabled(snap.can_go_back)
        self.next_button.setEnabled(snap.started or snap.can_start)
        self.plus_button.setEnabled(snap.started)
        self.minus_button.setEnabled(snap.started)
        self.replan_button.setEnabled(snap.started)
        self.undo_replan_button.setEnabled(self.controller.can_undo_replan)
        if snap.item_id != self._live_id:
            self._live_id = snap.item_id
            self._redraw_list()
        self._follow_with_notes()
        self.tick.emit(snap)

    def _show_empty_state(self) -> None:
        """No agenda: say where to enter it, instead of a countdown with nothing to count."""
        no_workshop = self.controller.workshop_id is None
        empty = no_workshop or not self.controller.rows
        if no_workshop:
            self.empty_text.setText(_("Open or create a workshop first."))
        elif empty:
            self.empty_text.setText(
                _(
                    "This workshop has no agenda yet: enter its items in the Agenda tab, "
                    "and the timer will run them one by one."
                )
            )
        self.empty.setVisible(empty)
        self.empty_button.setVisible(empty and not no_workshop)
        for widget in (self.now_label, self.title, self.frame, self.next_label):
            widget.setVisible(not empty)
        for button in (*self.buttons, self.replan_button, self.undo_replan_button):
            button.setVisible(not empty)
        for label in (self.elapsed, self.delay, self.projected, self.replan_status):
            label.setVisible(not empty)

    def _redraw_list(self) -> None:
        self._show_empty_state()
        self.agenda_list.clear()
        live = self.controller.timer.state.item_id if self.controller.timer.started else None
        for row in self.controller.rows:
            entry = row.entry
            times = f"{entry.planned_start:%H:%M}–{entry.planned_end:%H:%M}"
            if entry.id == live:
                mark = "▶ "
            elif entry.actual_end is not None:
                mark = "✓ "
            else:
                mark = "   "
            indent = "      " if row.indent else ""
            item = QListWidgetItem(f"{indent}{mark}{times}  {entry.title}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            font = item.font()
            if entry.id == live:
                font.setBold(True)
                item.setBackground(QBrush(LIVE_BACKGROUND))
            elif not row.runnable:
                font.setItalic(True)
            item.setFont(font)
            self.agenda_list.addItem(item)
            if entry.id == live:
                self.agenda_list.scrollToItem(item)
            if entry.id == self.notes.item_id():
                item.setSelected(True)
        self._follow_with_notes()

    # -- notes -----------------------------------------------------------------------------------
    def notes_target(self) -> int | None:
        """The item the notes follow: the live one, else the one « Space » would start."""
        controller = self.controller
        if controller.timer.started:
            return controller.timer.state.item_id
        # The controller's own reading of the run of show; once the day has been run, the last
        # item run (where a closing remark is added).
        upcoming = controller.next_item_id
        return upcoming if upcoming is not None else controller.previous_item_id

    def _follow_with_notes(self) -> None:
        target = self.notes_target()
        # Starting the item picked in the list idle is still a change: notes follow the live one.
        followed = (self.controller.timer.started, target)
        if followed != self._notes_target:
            self._notes_target = followed
            self.notes.set_live_item(target)

    def _item_clicked(self, item: QListWidgetItem) -> None:
        item_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(item_id, int):
            self.notes.set_item(item_id)
        self._select_notes_row()  # a click on the item shown already must not unselect it

    def _select_notes_row(self, *_shown: object) -> None:
        shown = self.notes.item_id()
        for index in range(self.agenda_list.count()):
            item = self.agenda_list.item(index)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) == shown)

    def take_keyboard(self) -> None:
        """The timer's keys work again (Escape in the notes)."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- re-plan ---------------------------------------------------------------------------------
    def open_replan(self) -> None:
        """Show the re-plan proposal; a modal dialog, since it changes the plan of the day."""
        controller = self.controller
        if controller.workshop_id is None or not controller.timer.started:
            return
        dialog = ReplanDialog(self.context, controller.workshop_id, controller.clock, self)
        self.replan_dialog = dialog  # reachable by tests while it runs
        try:
            if dialog.exec() and dialog.applied:
                self.replan_status.setText(
                    ngettext(
                        "New plan applied to {n} item (Ctrl+Z to undo).",
                        "New plan applied to {n} items (Ctrl+Z to undo).",
                        dialog.applied,
                    ).format(n=dialog.applied)
                )
        finally:
            self.replan_dialog = None
            dialog.deleteLater()
        self.undo_replan_button.setEnabled(controller.can_undo_replan)

    def undo_replan(self) -> None:
        count = self.controller.undo_replan()
        if count:
            self.replan_status.setText(
                ngettext(
                    "Re-plan undone: {n} item has its former duration.",
                    "Re-plan undone: {n} items have their former duration.",
                    count,
                ).format(n=count)
            )
        self.undo_replan_button.setEnabled(self.controller.can_undo_replan)

    def add_tool_buttons(self, buttons: list[QWidget]) -> None:
        """Put buttons under the day's list (they must not take the keyboard's focus)."""
        for button in buttons:
            self.tools.addWidget(button)

    def live_row(self) -> int:
        """The list row of the live item, -1 when none."""
        for index in range(self.agenda_list.count()):
            if self.agenda_list.item(index).font().bold():
                return index
        return -1

    # -- keyboard --------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        controller = self.controller
        if key == Qt.Key.Key_Space:
            controller.toggle()
        elif key == Qt.Key.Key_N:
            controller.next()
        elif key == Qt.Key.Key_P:
            controller.previous()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            controller.add_minute()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            controller.remove_minute()
        elif key == Qt.Key.Key_R and not event.modifiers():
            self.open_replan()
        elif key == Qt.Key.Key_Z and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.undo_replan()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.controller.reload()
