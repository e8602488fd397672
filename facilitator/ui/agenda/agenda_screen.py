"""The agenda and timer screen (Ctrl+2): the live timer, and the agenda's editor, as two tabs.

The screen passes the timer's `tick` on, so the projector mirrors it whichever tab is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QToolButton, QVBoxLayout, QWidget

from facilitator.core.run_of_show import Clock
from facilitator.i18n import _
from facilitator.ui.agenda.editor import AgendaEditor
from facilitator.ui.agenda.timer_controller import TimerController
from facilitator.ui.agenda.timer_screen import TimerScreen
from facilitator.ui.context import AppContext


class AgendaScreen(QWidget):
    """« Minuteur » to run the day, « Programme » to edit it."""

    tick = Signal(object)  # the timer's TimerSnapshot, each displayed second

    def __init__(
        self, context: AppContext, clock: Clock | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agenda")
        self.timer_screen = TimerScreen(context, clock=clock)
        self.editor = AgendaEditor(context)
        self.tabs = QTabWidget(objectName="agenda_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the timer keeps the keys
        self.tabs.addTab(self.timer_screen, _("Timer"))
        self.tabs.addTab(self.editor, _("Agenda"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.timer_screen.tick.connect(self.tick)
        self.timer_screen.edit_agenda_requested.connect(self.show_editor)

    @property
    def controller(self) -> TimerController:
        """The timer's controller (the projector asks it for the display when it opens)."""
        return self.timer_screen.controller

    def show_timer(self) -> None:
        self.tabs.setCurrentWidget(self.timer_screen)

    def show_editor(self) -> None:
        self.tabs.setCurrentWidget(self.editor)

    def add_projector_actions(self, actions: list[QAction]) -> None:
        """Buttons on the timer for the projector's actions (open, message, blank)."""
        buttons = []
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumHeight(32)
            buttons.append(button)
        self.timer_screen.add_tool_buttons(buttons)

    def _tab_changed(self, _index: int) -> None:
        self.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
