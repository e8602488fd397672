"""What the participants screen shows before anyone is registered: what to do next, and buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.i18n import _


class EmptyParticipants(QWidget):
    """« Aucun participant pour l'instant », with « Importer une liste… » and « Ajouter… »."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty_participants")
        self.heading = QLabel(objectName="empty_heading", alignment=Qt.AlignmentFlag.AlignCenter)
        self.heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.text = QLabel(objectName="empty_text", alignment=Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size: 14px; color: #444444;")
        self.import_button = QPushButton(_("Import a list…"), objectName="empty_import")
        self.import_button.setToolTip(_("An Excel workbook or a CSV file, as organisers send them"))
        self.add_button = QPushButton(_("Add a participant…"), objectName="empty_add")
        self.import_button.setDefault(True)
        for button in (self.import_button, self.add_button):
            button.setMinimumHeight(36)
            button.setMinimumWidth(200)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.set_workshop_open(True)

    def set_workshop_open(self, workshop_open: bool) -> None:
        """What to say: how to fill the list, or (no workshop) where to open one."""
        if workshop_open:
            self.heading.setText(_("No participant yet"))
            self.text.setText(
                _(
                    "Import the invitation list (Excel or CSV), or add the participants one by "
                    "one. Badges and the desk come next."
                )
            )
        else:
            self.heading.setText(_("No workshop open"))
            self.text.setText(
                _("Open a workshop, or create one, from the « Workshops » screen (Ctrl+Shift+A).")
            )
        for button in (self.import_button, self.add_button):
            button.setVisible(workshop_open)

    def focus(self) -> None:
        """The keyboard goes to the first thing to do: Enter opens the import."""
        if self.import_button.isVisible():
            self.import_button.setFocus()
