"""« Reformuler »: a recommendation's wording edited in a box wide and tall enough to read it.

Qt's ready-made multi-line input keeps each paragraph on one line, in a box 280 pixels wide: a
recommendation of three lines had to be read by scrolling sideways. Here the text wraps; the
groups that proposed it are recalled above; Ctrl+Enter saves, Escape cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.recommendations import RecommendationRow


class RewordDialog(QDialog):
    """Edit one recommendation's wording; `wording()` is the text to save."""

    def __init__(self, rec: RecommendationRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reword_dialog")
        self.setWindowTitle(_("Reword the recommendation"))
        self.setModal(True)
        self.text = QPlainTextEdit(objectName="reworded")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setTabChangesFocus(True)
        self.text.setPlainText(rec.text)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 6 + 14)
        label = QLabel(_("Recommendation:"))
        label.setBuddy(self.text)
        origin = QLabel(objectName="origin", wordWrap=True)
        if rec.group_names:
            origin.setText(_("Proposed by: {groups}").format(groups=", ".join(rec.group_names)))
        origin.setVisible(bool(rec.group_names))
        origin.setStyleSheet("color: #555;")
        hint = QLabel(_("Ctrl+Enter: save · Escape: cancel"))
        hint.setStyleSheet("color: #666; font-size: 11px;")
        self.save_button = QPushButton(_("Save"), objectName="reword_save")
        self.save_button.setDefault(False)  # Enter makes a new line in the text
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._confirm)
        self.text.textChanged.connect(self._update_button)
        layout = QVBoxLayout(self)
        layout.addWidget(origin)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(600, self.sizeHint().height())
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def wording(self) -> str:
        """The text as typed (no-break spaces kept: toPlainText() would make them plain)."""
        raw: str = self.text.document().toRawText()
        return raw.replace("\u2029", "\n").replace("\u2028", "\n")

    def _update_button(self) -> None:
        self.save_button.setEnabled(bool(self.wording().strip()))

    def _confirm(self) -> None:
        if self.save_button.isEnabled():
            self.accept()
