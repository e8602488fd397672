"""A check-in on a day outside the workshop's dates: the desk asks once, then remembers.

The laptop's date may be wrong, or the workshop's dates. The first such check-in of the day is
held (nothing recorded) and the desk asks, under the panel, whether to count it for the nearest
workshop day. The answer is kept for that day on this desk (this computer) and that workshop.
The buttons take no focus and answer to Alt+O and Alt+N, keys no scanner types, so the scan
field keeps the keyboard throughout.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from facilitator.i18n import _, ngettext, number
from facilitator.store.checkin import DayCheck, ScanResult
from facilitator.ui.context import AppContext
from facilitator.ui.desk.panel import FeedbackPanel
from facilitator.ui.widgets.badge_printer import SETTINGS, workshop_key
from facilitator.ui.widgets.dates import format_date, format_date_range

GROUP = "desk/outside_dates"
YES_KEYS, NO_KEYS = "Alt+O", "Alt+N"
YES, NO = "yes", "no"


class DayAnswers:
    """This desk's answers, per workshop and calendar day: record arrivals outside the dates?"""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    def _key(self, today: dt.date) -> str | None:
        workshop = workshop_key(self.context)
        return f"{GROUP}/{workshop}/{today.isoformat()}" if workshop else None

    def answer(self, today: dt.date) -> str | None:
        key = self._key(today)
        value = QSettings(*SETTINGS).value(key) if key else None
        return str(value) if value in (YES, NO) else None

    def remember(self, today: dt.date, answer: str) -> None:
        key = self._key(today)
        if key:
            settings = QSettings(*SETTINGS)
            settings.setValue(key, answer)
            settings.sync()


def question_texts(
    today: dt.date, day: dt.date, start: dt.date, end: dt.date, waiting: int
) -> tuple[str, str]:
    """The panel's sentence (which day, the workshop's dates) and its question."""
    detail = _(
        "Today, {today}, is not a day of this workshop ({dates}): the laptop's date or the "
        "workshop's dates may be wrong."
    ).format(today=format_date(today), dates=format_date_range(start, end))
    if waiting == 1:
        question = _("Record this arrival for {day}? Nothing is recorded until you answer.")
    else:
        question = _("Record these {n} arrivals for {day}? Nothing is recorded until you answer.")
    question = question.format(day=format_date(day), n=number(waiting))
    return detail, question


def refused_texts(today: dt.date, start: dt.date, end: dt.date) -> tuple[str, str]:
    """What the panel says of a check-in not recorded because the agent said no today."""
    detail = _(
        "Today, {today}, is not a day of this workshop ({dates}): you chose to record nothing "
        "today."
    ).format(today=format_date(today), dates=format_date_range(start, end))
    hint = _(
        "Correct the laptop's date or the workshop's dates; to record the arrival anyway, "
        "press {keys}."
    ).format(keys=YES_KEYS)
    return detail, hint


def _button(name: str, primary: bool) -> QPushButton:
    button = QPushButton(objectName=name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
    font = QFont()
    font.setPointSize(12)
    font.setBold(primary)
    button.setFont(font)
    colour, pressed = ("#5D4037", "#3E2723") if primary else ("#8D6E63", "#5D4037")
    button.setStyleSheet(
        f"QPushButton {{ background: {colour}; color: white; border-radius: 6px;"
        f" padding: 8px 14px; }} QPushButton:pressed {{ background: {pressed}; }}"
    )
    return button


class DayQuestionBar(QFrame):
    """Under the panel: « Enregistrer pour le 25 mars 2025 » or « Ne rien enregistrer »."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("day_question")
        self.setStyleSheet(
            "QFrame#day_question { background: #FFF3CD; border-radius: 10px; }"
            "QFrame#day_question QLabel { color: #5D4037; background: transparent; }"
        )
        self.message = QLabel(objectName="day_question_message", wordWrap=True)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.yes = _button("day_yes", primary=True)
        self.no = _button("day_no", primary=False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        self.hide()

    def ask(
        self, panel: FeedbackPanel, held: ScanResult, dates: DayCheck | None, waiting: int
    ) -> None:
        """The panel asks about the held check-in; this bar offers the two answers."""
        if dates is None or held.today is None or held.day is None:
            return
        detail, question = question_texts(held.today, held.day, dates.start, dates.end, waiting)
        panel.show_question(held.participant, detail, question)
        day = held.day
        self.message.setText(
            ngettext("{n} arrival waits.", "{n} arrivals wait.", waiting).format(n=number(waiting))
        )
        # Short answers to the panel's question, so that they fit beside it on a 1024 px screen.
        self.yes.setText(_("Yes, record ({keys})").format(keys=YES_KEYS))
        self.yes.setToolTip(_("Record for {day}").format(day=format_date(day)))
        self.no.setText(_("No, record nothing ({keys})").format(keys=NO_KEYS))
        self.no.show()
        self.show()

    def not_recorded(
        self, panel: FeedbackPanel, result: ScanResult, dates: DayCheck | None
    ) -> bool:
        """A check-in not recorded after today's « no »; False if there is nothing to say."""
        if dates is None or result.today is None or result.day is None:
            return False
        detail, hint = refused_texts(result.today, dates.start, dates.end)
        panel.show_not_recorded(result.participant, detail, hint)
        self.offer_anyway(result.day)
        return True

    def offer_anyway(self, day: dt.date) -> None:
        """After a « no »: the same day can still be recorded, on purpose."""
        self.message.setText(_("Arrivals are not recorded today on this desk."))
        self.yes.setText(_("Record anyway ({keys})").format(keys=YES_KEYS))
        self.yes.setToolTip(_("Record for {day} anyway").format(day=format_date(day)))
        self.no.hide()
        self.show()
