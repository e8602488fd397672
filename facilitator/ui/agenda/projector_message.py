"""The dialog that asks which short message to show on the projector (« Merci de conclure »)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _


def message_presets() -> list[str]:
    """The messages a facilitator sends most, in the app's language."""
    return [
        _("Please wrap up"),
        _("Last question"),
        _("Please take your seats"),
        _("Break — back in 15 min"),
    ]


class MessageDialog(QDialog):
    """A combo of presets the facilitator can edit; `text()` is the message to show, `banner()`
    whether it goes above the timer (else it replaces what is projected). Enter shows it."""

    def __init__(
        self, current: str = "", banner: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Message on the projector"))
        self.combo = QComboBox(objectName="projector_message_text")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(36)
        self.combo.addItems(message_presets())
        if current:
            self.combo.setEditText(current)
        self.full_screen = QRadioButton(
            _("In large letters, instead of what is projected"), objectName="message_full"
        )
        self.as_banner = QRadioButton(
            _("As a banner, with the timer (or what is projected) still in sight"),
            objectName="message_banner",
        )
        (self.as_banner if banner else self.full_screen).setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.show_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.show_button.setText(_("Show"))
        self.show_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(_("Shown on the projector until you clear it (Enter shows it)."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.combo)
        layout.addWidget(self.full_screen)
        layout.addWidget(self.as_banner)
        layout.addWidget(buttons)
        editor = self.combo.lineEdit()
        if editor is not None:
            editor.selectAll()
            # An editable combo keeps Enter for itself: Enter in the text is the default button.
            editor.returnPressed.connect(self.show_button.click)
        self.combo.setFocus()

    def text(self) -> str:
        return self.combo.currentText().strip()

    def banner(self) -> bool:
        return self.as_banner.isChecked()
