"""What an empty screen offers to do next: one button per step, each leading to its screen.

Screens emit `next_step` with one of these names; the main window goes there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.i18n import N_, _

IMPORT = "import"  # import a participant list
AGENDA = "agenda"  # the agenda editor (« Programme » tab)
GROUPS = "groups"  # the groups screen
WORKSHOPS = "workshops"  # the list of workshops, to open or create one
RESTITUTIONS = "restitutions"  # the groups' report-backs

LABELS: dict[str, str] = {
    IMPORT: N_("Import the participant list…"),
    AGENDA: N_("Enter the programme"),
    GROUPS: N_("Form the groups"),
    WORKSHOPS: N_("Open or create a workshop"),
    RESTITUTIONS: N_("Type the report-backs"),
}


MESSAGE_WIDTH = 640


class NextSteps(QWidget):
    """A message in the middle of an empty screen, and a button for each step it offers."""

    next_step = Signal(str)  # one of the names above

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.message = QLabel(objectName="next_steps_message", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 15px;")
        self.message.setMaximumWidth(MESSAGE_WIDTH)  # a few lines in the middle, not one long
        self.row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        # In a row between stretches, not aligned by the layout: an aligned label loses its
        # height for width, and its lines were cut.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.message, 100)
        middle.addStretch(1)
        layout.addLayout(middle)
        layout.addLayout(self.row)
        layout.addStretch(2)

    def show_steps(self, message: str, steps: Sequence[str]) -> None:
        """Say `message` and offer `steps`, the first as the default button."""
        self.message.setText(message)
        for button in self.buttons.values():
            self.row.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        while self.row.count():
            self.row.takeAt(0)
        self.row.addStretch(1)
        for index, step in enumerate(steps):
            button = QPushButton(_(LABELS[step]), objectName=f"step_{step}")
            button.setAutoDefault(index == 0)
            button.clicked.connect(lambda _checked=False, s=step: self.next_step.emit(s))
            self.buttons[step] = button
            self.row.addWidget(button)
        self.row.addStretch(1)
