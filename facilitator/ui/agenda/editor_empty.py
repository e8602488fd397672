"""What the « Programme » tab shows for a day without items: what to do next, with buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.i18n import _

if TYPE_CHECKING:
    from facilitator.ui.agenda.editor import AgendaEditor


MESSAGE_WIDTH = 640


class EmptyDay(QWidget):
    """A day with no programme: paste it from Word or Excel, or add the items one by one."""

    def __init__(self, editor: AgendaEditor) -> None:
        super().__init__()
        self.setObjectName("empty_day")
        self.message = QLabel(objectName="empty_message", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 15px;")
        self.message.setMaximumWidth(MESSAGE_WIDTH)  # a few lines in the middle, not one long
        self.paste_button = QPushButton(_("Paste the programme…"), objectName="empty_paste")
        self.paste_button.setToolTip(
            _("Copy the programme in Word or Excel, then paste it here (Ctrl+V)")
        )
        self.paste_button.setDefault(True)
        self.add_button = QPushButton(_("Add an item…"), objectName="empty_add")
        self.paste_button.clicked.connect(editor.paste_programme)
        self.add_button.clicked.connect(editor.add)
        # Ctrl+V anywhere in the editor while this page shows (the list has its own): with no
        # programme yet the list is hidden, and pasting is what this page invites.
        paste = QAction(_("Paste a programme…"), editor, objectName="action_paste_on_empty_day")
        paste.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        paste.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.setEnabled(False)
        paste.triggered.connect(editor.paste_programme)
        editor.addAction(paste)
        self.paste_action = paste
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        # In a row between stretches, not aligned by the layout: an aligned label loses its
        # height for width, and its lines were cut.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.message, 100)
        middle.addStretch(1)
        layout.addLayout(middle)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_state(self, has_workshop: bool) -> None:
        if has_workshop:
            self.message.setText(
                _(
                    "No programme for this day yet. Paste it from Word or Excel (the times "
                    "and titles of each line are read for you, with a preview), or add the "
                    "items one by one."
                )
            )
        else:
            self.message.setText(_("Open or create a workshop first: its programme goes here."))
        self.paste_button.setVisible(has_workshop)
        self.add_button.setVisible(has_workshop)
        self.paste_action.setEnabled(has_workshop)
