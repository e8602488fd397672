"""Asked before a merge when the recommendations are worded differently: which wording to keep.

One radio button per wording (the first recommendation's chosen), the chosen text below to
touch up before confirming. ↑/↓ or Alt+1…9 choose; Escape cancels the merge; Enter (Ctrl+Enter
from the text) confirms.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.recommendations import RecommendationRow

WRAP_COLUMNS = 90  # a radio button's text does not wrap by itself


def wordings(recs: Sequence[RecommendationRow]) -> list[tuple[str, tuple[str, ...]]]:
    """Each distinct wording, in the order of the recommendations, with the groups behind it."""
    found: dict[str, dict[str, None]] = {}
    for rec in recs:
        found.setdefault(rec.text, {}).update(dict.fromkeys(rec.group_names))
    return [(text, tuple(groups)) for text, groups in found.items()]


def _radio_text(number: int, text: str, groups: Sequence[str]) -> str:
    lines = [
        line
        for paragraph in text.splitlines() or [""]
        for line in textwrap.wrap(paragraph, WRAP_COLUMNS) or [""]
    ]
    if groups:
        lines.append(_("Proposed by: {groups}").format(groups=", ".join(groups)))
    label = "\n".join(lines).replace("&", "&&")  # a lone & would be taken for a shortcut
    return f"{number}.  {label}"


class MergeWordingDialog(QDialog):
    """Pick the merged recommendation's wording among theirs, and edit it if need be."""

    def __init__(self, recs: Sequence[RecommendationRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("merge_wording_dialog")
        self.setWindowTitle(_("Merge recommendations"))
        self.setModal(True)
        self.texts = [text for text, _groups in wordings(recs)]
        intro = QLabel(
            _("The wordings differ. Which one should the merged recommendation keep?"),
            wordWrap=True,
        )
        self.choices = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        choices = QWidget()
        choices_layout = QVBoxLayout(choices)
        choices_layout.setContentsMargins(0, 0, 0, 0)
        for number, (text, groups) in enumerate(wordings(recs), start=1):
            radio = QRadioButton(_radio_text(number, text, groups))
            radio.setObjectName(f"wording_{number}")
            radio.setToolTip(text)
            self.choices.addButton(radio, number - 1)
            self.radios.append(radio)
            choices_layout.addWidget(radio)
        choices_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(choices)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(min(choices.sizeHint().height() + 4, 320))
        self.text = QPlainTextEdit()
        self.text.setObjectName("merged_wording")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        label = QLabel(_("Wording kept (it may be edited before merging):"))
        label.setBuddy(self.text)
        hint = QLabel(_("↑/↓ or Alt+1…9: choose · Ctrl+Enter: merge · Escape: cancel"))
        hint.setStyleSheet("color: #666; font-size: 11px;")
        self.buttons = QDialogButtonBox()
        self.merge_button = QPushButton(_("Merge"))
        self.merge_button.setObjectName("merge_confirm")
        self.merge_button.setDefault(True)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._confirm)
        for number, radio in enumerate(self.radios[:9], start=1):
            QShortcut(QKeySequence(f"Alt+{number}"), self, radio.click)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(max(560, min(choices.sizeHint().width() + 60, 900)), self.sizeHint().height())

        self.choices.idToggled.connect(self._chosen)
        self.text.textChanged.connect(self._update_button)
        self.radios[0].setChecked(True)
        self.radios[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def wording(self) -> str:
        """The wording to give the merged recommendation, exactly as shown (no-break spaces
        kept: toPlainText() would make them plain)."""
        raw: str = self.text.document().toRawText()
        return raw.replace("\u2029", "\n").replace("\u2028", "\n")

    def _chosen(self, number: int, checked: bool) -> None:
        if checked:
            self.text.setPlainText(self.texts[number])

    def _update_button(self) -> None:
        self.merge_button.setEnabled(bool(self.wording().strip()))

    def _confirm(self) -> None:
        if self.merge_button.isEnabled():
            self.accept()
