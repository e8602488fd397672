"""The main window's page when the event file holds no workshop: a first start, or all deleted.

It offers the two ways in: a new workshop, or the demo workshops to discover the app with.
FirstSteps (methods of the main window) shows it, and leads an empty screen's button to the
screen where that step is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from facilitator.i18n import _
from facilitator.store.demo import add_demo_workshops, demo_slugs
from facilitator.store.workshops import find_workshop
from facilitator.ui import next_steps
from facilitator.ui.widgets.tasks import BackgroundTask

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow


class WelcomePage(QWidget):
    """« Créer un atelier… » or « Découvrir avec les ateliers de démonstration »."""

    create_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(_("Welcome to Facilitator"), objectName="welcome_title")
        title.setStyleSheet("font-size: 22px; font-weight: 600;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(objectName="welcome_message", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 15px;")
        self.create_button = QPushButton(_("Create a workshop…"), objectName="welcome_create")
        self.demo_button = QPushButton(
            _("Discover with the demo workshops"), objectName="welcome_demo"
        )
        for button in (self.create_button, self.demo_button):
            button.setMinimumHeight(40)
            button.setStyleSheet("font-size: 14px; padding: 4px 16px;")
        self.create_button.setDefault(True)
        demo_hint = QLabel(
            _(
                "Two whole workshops (Dakar 2025, Thiès 2023): participants, programme, "
                "groups, report-backs and report. They can be deleted later from « Workshops »."
            ),
            wordWrap=True,
        )
        demo_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        demo_hint.setStyleSheet("color: #555;")
        self.create_button.clicked.connect(self.create_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(self.message)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addWidget(demo_hint)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addLayout(column, 4)
        middle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(middle)
        layout.addStretch(2)
        self.show_file("")

    def show_file(self, name: str) -> None:
        """Say which event file is open (it holds no workshop yet)."""
        text = _("This event file holds no workshop yet: create the first one, or look around "
                 "with the demo workshops.")  # fmt: skip
        if name:
            text += "\n" + _("Event file: {path}").format(path=name)
        self.message.setText(text)


class FirstSteps:
    """The welcome page while no workshop exists, and the next steps of empty screens."""

    def _add_welcome_and_next_steps(self: MainWindow) -> None:
        self.welcome = WelcomePage()
        self.welcome.show_file(str(self.context.db.path or ""))
        self.welcome.create_requested.connect(self._new_workshop)
        self.welcome.demo_requested.connect(self.add_demo_workshops)
        self.stack.addWidget(self.welcome)
        self.synthesis_screen.next_step.connect(self.go_to_step)
        self.groups_screen.next_step.connect(self.go_to_step)

    def _welcome_if_empty(self: MainWindow) -> None:
        """The welcome page while the file holds no workshop, the list once it holds one."""
        if not hasattr(self, "welcome"):
            return
        current = self.stack.currentWidget()
        if not self.workshop_picker.count() and current is self.screens["workshops"]:
            self.stack.setCurrentWidget(self.welcome)
        elif self.workshop_picker.count() and current is self.welcome:
            self.stack.setCurrentWidget(self.screens["workshops"])

    def go_to_step(self: MainWindow, step: str) -> None:
        """Where an empty screen's button leads (the steps of ui.next_steps)."""
        if step == next_steps.IMPORT:
            self._import_list()
        elif step == next_steps.AGENDA:
            self.show_screen("timer")
            self.agenda_screen.show_editor()
        elif step in (next_steps.GROUPS, next_steps.WORKSHOPS, next_steps.RESTITUTIONS):
            self.show_screen(step)

    def add_demo_workshops(self: MainWindow) -> BackgroundTask:
        """Add the two demo workshops (in the background), then open the first."""
        db = self.context.db

        def add(_report: object) -> list[str]:
            with db.write() as session:
                return add_demo_workshops(session)

        task = BackgroundTask(self, _("Demo workshops"), _("Adding the demo workshops…"), add)
        task.finished_ok.connect(self._demo_added)
        task.finished_error.connect(
            lambda exc: QMessageBox.critical(self, _("Demo workshops"), str(exc))
        )
        task.start()
        self.demo_task = task
        return task

    def _demo_added(self: MainWindow, _slugs: object) -> None:
        self.context.data_changed.emit("workshops")
        self.context.data_changed.emit("participants")
        first = demo_slugs()[0]
        self.context.set_workshop(self.context.read(lambda s: find_workshop(s, first).id))
        self.show_screen("participants")
        self.statusBar().showMessage(
            _("Demo workshops added: « Workshops » lists them, and can delete them later."), 15000
        )
