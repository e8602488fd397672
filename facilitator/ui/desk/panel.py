"""The big feedback panel a desk agent reads from a metre away: colour, word, icon and name.

Every outcome has its colour, word and icon; a refusal also says what to do. The same outcome
twice in a row (two refusals) shows a counter and a flash, so that the second is seen as a new
event and not as the first one still showing. Long names and organisations are cut with « … »
rather than widen the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN, OUTSIDE_DATES, REJECTED, ScanResult
from facilitator.store.participants import ParticipantView
from facilitator.ui.desk import advice
from facilitator.ui.desk.elided import ElidedLabel

READY, UNDONE, INFO, GUIDE, QUESTION = "ready", "undone", "info", "guide", "question"
NOT_RECORDED = OUTSIDE_DATES  # a check-in held back by the day's « no »
REPEATED = (REJECTED, ALREADY, NOT_RECORDED)  # outcomes that look alike from one to the next
FLASH_MS, FLASHES = 110, 4
# Font sizes (icon, word, name, organisation, detail, what to do), largest first: a panel too
# short for its text (a question on a 1024 × 768 screen) takes the next, smaller set.
SIZES = ((40, 28, 34, 18, 16, 13), (30, 24, 28, 16, 14, 12), (0, 20, 24, 14, 13, 11))

# state -> (background, text colour, icon); never colour alone: each has its word and icon too.
STYLES: dict[str, tuple[str, str, str]] = {
    READY: ("#FFFFFF", "#37474F", ""),
    CHECKED_IN: ("#1B7F3B", "#FFFFFF", "✔"),
    ALREADY: ("#F39C12", "#1A1A1A", "⚠"),
    REJECTED: ("#C62828", "#FFFFFF", "✖"),
    NOT_RECORDED: ("#C62828", "#FFFFFF", "✖"),
    UNDONE: ("#455A64", "#FFFFFF", "↶"),
    INFO: ("#E3F2FD", "#0D47A1", "ℹ"),
    GUIDE: ("#FFFFFF", "#37474F", "➜"),
    QUESTION: ("#FFF3CD", "#5D4037", "?"),
}

Action = tuple[str, Callable[[], None]]  # a button's label and what it does


def _font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(name: str, points: int, bold: bool = False, lines: int = 2) -> ElidedLabel:
    label = ElidedLabel(lines, objectName=name, alignment=Qt.AlignmentFlag.AlignCenter)
    label.setFont(_font(points, bold))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class FeedbackPanel(QFrame):
    """Shows the outcome of the last scan; `shown(state)` once it does."""

    shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(240)
        self.state = ""  # no style yet: the first _show applies one
        self.participant: ParticipantView | None = None
        self.repeat = 0  # how many times in a row the state shown came
        self.flashes = 0  # flashes started (tests)
        self.fit_step = 0  # which set of SIZES the text is shown with
        self.icon = QLabel(objectName="panel_icon", alignment=Qt.AlignmentFlag.AlignCenter)
        self.icon.setFont(_font(40, bold=True))
        self.word = _label("panel_word", 28, bold=True, lines=1)
        self.name = _label("panel_name", 34, bold=True)
        self.organisation = _label("panel_organisation", 18)
        self.detail = _label("panel_detail", 16, lines=3)
        self.advice = _label("panel_advice", 13, lines=3)
        self.advice.setFont(_font(13, bold=True))
        self.counter = QLabel(objectName="panel_counter", alignment=Qt.AlignmentFlag.AlignCenter)
        self.counter.setFont(_font(13, bold=True))
        self.footnote = QLabel(
            objectName="panel_footnote",
            alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        )
        self.footnote.setFont(_font(10))
        self.action_row = QWidget(objectName="panel_actions")  # the guide's buttons
        self.action_layout = QHBoxLayout(self.action_row)
        self.action_layout.setContentsMargins(0, 8, 0, 0)
        self.action_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 8)
        layout.addWidget(self.counter)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.word)
        layout.addSpacing(6)
        layout.addWidget(self.name)
        layout.addWidget(self.organisation)
        layout.addSpacing(4)
        layout.addWidget(self.detail)
        layout.addWidget(self.advice)
        layout.addWidget(self.action_row)
        layout.addStretch(1)
        layout.addWidget(self.footnote)
        self._styles = {state: self._style_sheet(*colours[:2]) for state, colours in STYLES.items()}
        # Waiting for a scan: a white panel with a dashed outline, clearly not a result.
        for state in (READY, GUIDE):
            self._styles[state] = self._styles[state].replace(
                "border-radius: 14px;", "border-radius: 14px; border: 3px dashed #B0BEC5;"
            )
        self._flash_timer = QTimer(self, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._flash_step)
        self._flash_left = 0
        self.show_ready()

    @staticmethod
    def _style_sheet(background: str, colour: str, border: str = "") -> str:
        return (
            f"QFrame#panel {{ background: {background}; border-radius: 14px; {border} }}"
            f"QFrame#panel QLabel {{ color: {colour}; background: transparent; }}"
            "QFrame#panel QLabel#panel_counter { background: rgba(0,0,0,0.25); color: white;"
            " border-radius: 8px; padding: 2px 10px; }"
        )

    def _show(
        self,
        state: str,
        word: str,
        name: str = "",
        organisation: str = "",
        detail: str = "",
        participant: ParticipantView | None = None,
        what_to_do: str = "",
        actions: Sequence[Action] = (),
    ) -> None:
        self.repeat = self.repeat + 1 if state == self.state and state in REPEATED else 1
        if state != self.state:
            self.setStyleSheet(self._styles[state])
        self.state = state
        self.participant = participant
        self.icon.setText(STYLES[state][2])
        self.icon.setVisible(bool(STYLES[state][2]))
        for label, text in (
            (self.word, word),
            (self.name, name),
            (self.organisation, organisation),
            (self.detail, detail),
            (self.advice, what_to_do),
        ):
            label.setText(text)
            label.setVisible(bool(text))
        self._set_actions(actions)
        self.footnote.setText(
            "" if state in (READY, GUIDE) else dt.datetime.now().strftime("%H:%M:%S")
        )
        if self.repeat > 1:
            self.counter.setText(self._counter_text(state))
            self.counter.show()
            self.flash()
        else:
            self.counter.hide()
        self._fit()
        self.shown.emit(state)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The largest set of font sizes with which everything shown fits the panel's height."""
        layout = self.layout()
        for step, sizes in enumerate(SIZES):
            icon, word, name, organisation, detail, advice = sizes
            self.icon.setFont(_font(icon or 1, bold=True))
            self.icon.setVisible(bool(icon and STYLES[self.state][2]))
            for label, points, bold in (
                (self.word, word, True),
                (self.name, name, True),
                (self.organisation, organisation, False),
                (self.detail, detail, False),
                (self.advice, advice, True),
            ):
                if label.font().pointSize() != points:
                    label.setFont(_font(points, bold))
                    label.refit()
            self.fit_step = step
            if layout is None or layout.minimumSize().height() <= self.height():
                return

    def _counter_text(self, state: str) -> str:
        if state == ALREADY:
            return _("« Already checked in » {n} times in a row").format(n=self.repeat)
        return _("{n} refusals in a row").format(n=self.repeat)

    def _set_actions(self, actions: Sequence[Action]) -> None:
        while self.action_layout.count():
            item = self.action_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.action_buttons = []
        self.action_row.setVisible(bool(actions))
        if not actions:
            return
        self.action_layout.addStretch(1)
        for text, slot in actions:
            button = QPushButton(text, objectName="panel_action")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
            button.setFont(_font(12, bold=True))
            button.setStyleSheet(
                "QPushButton { background: #0D47A1; color: white; border-radius: 6px;"
                " padding: 8px 18px; }"
                "QPushButton:pressed { background: #08306B; }"
            )
            button.clicked.connect(slot)
            self.action_layout.addWidget(button)
            self.action_buttons.append(button)
        self.action_layout.addStretch(1)

    # -- the flash ------------------------------------------------------------------------------
    def flash(self) -> None:
        """Blink the panel twice: the same colour as before, but a new event."""
        self.flashes += 1
        self._flash_left = FLASHES
        self._flash_timer.start()
        self._flash_step()

    def _flash_step(self) -> None:
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self.setStyleSheet(self._styles[self.state])
            return
        bright = self._flash_left % 2 == 0
        sheet = self._styles[self.state]
        if bright:
            sheet = sheet.replace(
                "border-radius: 14px;", "border-radius: 14px; border: 8px solid #FFEB3B;"
            )
        self.setStyleSheet(sheet)
        self._flash_left -= 1

    # -- what shows -----------------------------------------------------------------------------
    def show_ready(self, hint: str = "") -> None:
        self._show(
            READY,
            _("Ready"),
            detail=hint or _("Scan a badge, or type its code and press Enter."),
        )

    def show_guide(self, word: str, detail: str, actions: Sequence[Action]) -> None:
        """Nothing to scan yet: what to do next, with the buttons that do it."""
        self._show(GUIDE, word, detail=detail, actions=actions)

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
            what, what_to_do = advice.refusal(result)
            self._show(
                REJECTED, _("Refused"), name, organisation, _sentence(what), None, what_to_do
            )

    def show_question(self, person: ParticipantView | None, detail: str, question: str) -> None:
        """A check-in waits for the agent's answer (today is outside the workshop's dates)."""
        name = person.full_name if person else ""
        organisation = person.organisation if person else ""
        self._show(QUESTION, _("Check the date"), name, organisation, detail, person, question)

    def show_not_recorded(self, person: ParticipantView | None, detail: str, hint: str) -> None:
        """A check-in not recorded: the agent said no for today."""
        name = person.full_name if person else ""
        organisation = person.organisation if person else ""
        self._show(NOT_RECORDED, _("Not recorded"), name, organisation, detail, None, hint)

    def show_undone(self, person: ParticipantView, removed: bool) -> None:
        detail = (
            _("The check-in was taken back: this person is no longer counted as present.")
            if removed
            else _("This check-in had already been taken back.")
        )
        self._show(UNDONE, _("Check-in undone"), person.full_name, person.organisation, detail)

    def show_info(self, word: str, detail: str, what_to_do: str = "") -> None:
        self._show(INFO, word, detail=detail, what_to_do=what_to_do)
