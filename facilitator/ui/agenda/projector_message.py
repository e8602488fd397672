"""The dialog that asks which short message to show on the projector (« Merci de conclure »)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

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
    """A combo of presets the facilitator can edit; `text()` is the message to show."""

    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Message on the projector"))
        self.combo = QComboBox(objectName="projector_message_text")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(36)
        self.combo.addItems(message_presets())
        if current:
            self.combo.setEditText(current)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Show"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(_("Shown in large letters on the projector until you clear it."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)
        editor = self.combo.lineEdit()
        if editor is not None:
            editor.selectAll()
        self.combo.setFocus()

    def text(self) -> str:
        return self.combo.currentText().strip()
