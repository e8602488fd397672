"""Live counts at the desk: present out of registered, by participant type and by gender."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator.i18n import N_, _
from facilitator.store.checkin import PresenceCounts
from facilitator.store.participants import ParticipantView
from facilitator.ui.widgets.dates import format_date

GENDERS = (("F", N_("Women")), ("M", N_("Men")), ("", N_("Gender not specified")))


def adjusted(counts: PresenceCounts, view: ParticipantView, delta: int) -> PresenceCounts:
    """The counts once one participant arrived (delta 1) or their arrival was undone (-1)."""
    type_name = view.category or _("No type")
    by_type = [
        (name, colour, present + delta if name == type_name else present, registered)
        for name, colour, present, registered in counts.by_type
    ]
    by_gender = dict(counts.by_gender)
    gender = view.gender or ""
    if gender in by_gender:
        present, registered = by_gender[gender]
        by_gender[gender] = (present + delta, registered)
    return replace(counts, present=counts.present + delta, by_type=by_type, by_gender=by_gender)


def _row(label: str, present: int, registered: int) -> str:
    return (
        f"<tr><td>{label}</td><td align='right'>&nbsp;&nbsp;<b>{present}</b></td>"
        f"<td>&nbsp;/&nbsp;{registered}</td></tr>"
    )


class CountsView(QFrame):
    """Present / registered in large, then one line per participant type and per gender."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counts")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.counts: PresenceCounts | None = None
        self.today: dt.date | None = None
        self.caption = QLabel(_("Present today"), objectName="counts_caption")
        self.total = QLabel(objectName="counts_total")
        font = QFont()
        font.setPointSize(26)
        font.setBold(True)
        self.total.setFont(font)
        self.details = QLabel(objectName="counts_details", textFormat=Qt.TextFormat.RichText)
        self.details.setWordWrap(False)  # a table of short lines; wrapping would break its height
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.total)
        layout.addWidget(self.details, 1)
        # As tall as its lines need, whatever the window height: counts must never be cut off.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.set_counts(None)

    def set_today(self, today: dt.date | None) -> None:
        """Today at the workshop: the caption says « today » only when the counts are today's."""
        self.today = today
        self._caption()

    def _caption(self) -> None:
        day = self.counts.day if self.counts is not None else None
        if day is None or self.today is None or day == self.today:
            self.caption.setText(_("Present today"))
        else:  # today is outside the workshop's dates: the counts are the nearest day's
            self.caption.setText(
                _("Present on {date}").format(date=format_date(day, with_year=False))
            )

    def set_counts(self, counts: PresenceCounts | None) -> None:
        self.counts = counts
        self._caption()
        if counts is None:
            self.total.setText("…")
            self.details.setText("")
            return
        self.total.setText(
            _("{present} / {registered}").format(
                present=counts.present, registered=counts.registered
            )
        )
        types = "".join(
            _row(
                f"<span style='color:{escape(colour)}'>■</span>&nbsp;{escape(name)}",
                present,
                registered,
            )
            for name, colour, present, registered in counts.by_type
        )
        genders = "".join(
            _row(escape(_(label)), present, registered)
            for key, label in GENDERS
            for present, registered in [counts.by_gender.get(key, (0, 0))]
            if registered
        )
        self.details.setText(
            f"<p><b>{escape(_('By participant type'))}</b></p>"
            f"<table cellspacing='2'>{types}</table>"
            f"<p><b>{escape(_('By gender'))}</b></p>"
            f"<table cellspacing='2'>{genders}</table>"
        )

    def text(self) -> str:
        """What the counts say, as plain text (tests, screen readers)."""
        return f"{self.total.text()} {self.details.text()}"
