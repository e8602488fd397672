"""Under the walk-in form: people already on the list who may be the person being registered.

Each likely match has its button, « C’est elle : enregistrer son arrivée » (or « lui », or « cette
personne » when the gender is not known), which checks that person in instead of adding a
second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _, ngettext, number
from facilitator.store.participants import ParticipantView
from facilitator.ui.desk.elided import ElidedLabel


def its_them(person: ParticipantView) -> str:
    """The button's words, as the desk agent would say them of this person."""
    if person.gender == "F":
        return _("It’s her: record her arrival")
    if person.gender == "M":
        return _("It’s him: record his arrival")
    return _("It’s this person: record the arrival")


def describe(person: ParticipantView) -> str:
    """The name, and whether they are here already: what tells two namesakes apart first."""
    if person.checked_in_at is None:
        return person.full_name
    return _("{name} (here since {time})").format(
        name=person.full_name, time=person.checked_in_at.strftime("%H:%M")
    )


class MatchList(QFrame):
    """The likely matches; `chosen(participant id)` when one of their buttons is pressed."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walk_in_matches")
        self.setStyleSheet(
            "QFrame#walk_in_matches { background: #FFF8E1; border: 1px solid #FFB300;"
            " border-radius: 8px; }"
            "QFrame#walk_in_matches QLabel { background: transparent; }"
        )
        self.heading = QLabel(objectName="matches_heading", wordWrap=True)
        self.heading.setStyleSheet("font-weight: 600; color: #5D4037;")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rows = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.heading)
        layout.addLayout(self.rows)
        self.buttons: list[QPushButton] = []
        self.shown: list[ParticipantView] = []
        self.hide()

    def set_matches(self, people: Sequence[ParticipantView], total: int) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            row = item.widget() if item is not None else None
            if row is not None:
                row.deleteLater()
        self.buttons = []
        self.shown = list(people)
        if not people:
            self.hide()
            return
        self.heading.setText(
            ngettext(
                "Already on the list? {n} registered person looks like this name:",
                "Already on the list? {n} registered people look like this name:",
                total,
            ).format(n=number(total))
        )
        for person in people:
            row = QWidget(objectName="match_row")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            who = QVBoxLayout()
            who.setSpacing(0)
            label = ElidedLabel(1, objectName="match_name")
            label.setStyleSheet("font-weight: 600;")
            label.setText(describe(person))
            organisation = ElidedLabel(1, objectName="match_organisation")
            organisation.setStyleSheet("color: #5D4037;")
            organisation.setText(person.organisation or person.function)
            who.addWidget(label)
            who.addWidget(organisation)
            button = QPushButton(its_them(person), objectName="its_them")
            button.setAutoDefault(False)  # Enter in the form still registers a new person
            button.clicked.connect(partial(self._choose, person.id))
            line.addLayout(who, 1)
            line.addWidget(button)
            self.rows.addWidget(row)
            self.buttons.append(button)
        self.show()

    def _choose(self, participant_id: int, *_clicked: object) -> None:
        self.chosen.emit(participant_id)
