"""The big feedback panel a desk agent reads from a metre away: colour, word, icon and name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN, REJECTED, ScanResult
from facilitator.store.participants import ParticipantView

READY, UNDONE, INFO = "ready", "undone", "info"

# state -> (background, text colour, icon); never colour alone: each has its word and icon too.
STYLES: dict[str, tuple[str, str, str]] = {
    READY: ("#FFFFFF", "#37474F", ""),
    CHECKED_IN: ("#1B7F3B", "#FFFFFF", "✔"),
    ALREADY: ("#F39C12", "#1A1A1A", "⚠"),
    REJECTED: ("#C62828", "#FFFFFF", "✖"),
    UNDONE: ("#455A64", "#FFFFFF", "↶"),
    INFO: ("#E3F2FD", "#0D47A1", "ℹ"),
}


def _font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class FeedbackPanel(QFrame):
    """Shows the outcome of the last scan; `shown(state)` once it does."""

    shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(260)
        self.state = ""  # no style yet: the first _show applies one
        self.participant: ParticipantView | None = None
        self.icon = QLabel(objectName="panel_icon", alignment=Qt.AlignmentFlag.AlignCenter)
        self.icon.setFont(_font(44, bold=True))
        self.word = QLabel(objectName="panel_word", alignment=Qt.AlignmentFlag.AlignCenter)
        self.word.setFont(_font(30, bold=True))
        self.name = QLabel(objectName="panel_name", alignment=Qt.AlignmentFlag.AlignCenter)
        self.name.setFont(_font(36, bold=True))
        self.name.setWordWrap(True)
        self.organisation = QLabel(
            objectName="panel_organisation", alignment=Qt.AlignmentFlag.AlignCenter
        )
        self.organisation.setFont(_font(20))
        self.organisation.setWordWrap(True)
        self.detail = QLabel(objectName="panel_detail", alignment=Qt.AlignmentFlag.AlignCenter)
        self.detail.setFont(_font(18))
        self.detail.setWordWrap(True)
        self.footnote = QLabel(
            objectName="panel_footnote",
            alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        )
        self.footnote.setFont(_font(10))
        for label in (self.name, self.organisation, self.detail):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 10)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.word)
        layout.addSpacing(8)
        layout.addWidget(self.name)
        layout.addWidget(self.organisation)
        layout.addSpacing(6)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        layout.addWidget(self.footnote)
        self._styles = {state: self._style_sheet(*colours[:2]) for state, colours in STYLES.items()}
        # Waiting for a scan: a white panel with a dashed outline, clearly not a result.
        self._styles[READY] = self._styles[READY].replace(
            "border-radius: 14px;", "border-radius: 14px; border: 3px dashed #B0BEC5;"
        )
        self.show_ready()

    @staticmethod
    def _style_sheet(background: str, colour: str) -> str:
        return (
            f"QFrame#panel {{ background: {background}; border-radius: 14px; }}"
            f"QFrame#panel QLabel {{ color: {colour}; background: transparent; }}"
        )

    def _show(
        self,
        state: str,
        word: str,
        name: str = "",
        organisation: str = "",
        detail: str = "",
        participant: ParticipantView | None = None,
    ) -> None:
        if state != self.state:
            self.setStyleSheet(self._styles[state])
        self.state = state
        self.participant = participant
        self.icon.setText(STYLES[state][2])
        self.icon.setVisible(bool(STYLES[state][2]))
        self.word.setText(word)
        self.name.setText(name)
        self.name.setVisible(bool(name))
        self.organisation.setText(organisation)
        self.organisation.setVisible(bool(organisation))
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.footnote.setText("" if state == READY else dt.datetime.now().strftime("%H:%M:%S"))
        self.shown.emit(state)

    def show_ready(self, hint: str = "") -> None:
        self._show(
            READY,
            _("Ready"),
            detail=hint or _("Scan a badge, or type its code and press Enter."),
        )

    def show_result(self, result: ScanResult) -> None:
        person = result.participant
        name = person.full_name if person else ""
        organisation = person.organisation if person else ""
        if result.status == CHECKED_IN:
            at = result.checked_in_at.strftime("%H:%M") if result.checked_in_at else ""
            detail = _("Checked in at {time} · {desk}").format(time=at, desk=result.desk)
            self._show(CHECKED_IN, _("Welcome"), name, organisation, detail, person)
        elif result.status == ALREADY:
            self._show(
                ALREADY,
                _("Already checked in"),
                name,
                organisation,
                _sentence(result.reason),
                person,
            )
        else:
            self._show(REJECTED, _("Refused"), name, organisation, _sentence(result.reason))

    def show_undone(self, person: ParticipantView, removed: bool) -> None:
        detail = (
            _("The check-in was taken back: this person is no longer counted as present.")
            if removed
            else _("This check-in had already been taken back.")
        )
        self._show(UNDONE, _("Check-in undone"), person.full_name, person.organisation, detail)

    def show_info(self, word: str, detail: str) -> None:
        self._show(INFO, word, detail=detail)
