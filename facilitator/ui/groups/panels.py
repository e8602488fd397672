"""The side panels of the groups screen: the balance report, and late arrivals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.groups_report import RULES, BalanceReport
from facilitator.i18n import _
from facilitator.ui.groups.labels import balance_summary, best_text, figure, rule_labels, verdict

_HOLDS = "color: #1B5E20; font-weight: 600;"
_FAILS = "color: #B00020; font-weight: 600;"
_UNKNOWN = "color: #8a4b00; font-weight: 600;"


class BalancePanel(QGroupBox):
    """One line per rule: the figure obtained, the best possible, and whether it holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Balance"), parent)
        self.setObjectName("balance_panel")
        self.caption = QLabel(objectName="balance_caption", wordWrap=True)
        self.caption.setStyleSheet("font-weight: 600;")
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(1)
        self.rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        labels = rule_labels()
        for row, rule in enumerate(RULES):
            name = QLabel(labels[rule], objectName=f"rule_{rule}", wordWrap=True)
            name.setStyleSheet("font-weight: 600;")
            numbers = QLabel(objectName=f"figures_{rule}", wordWrap=True)
            mark = QLabel(objectName=f"balance_{rule}")
            grid.addWidget(name, row * 2, 0)
            grid.addWidget(
                mark, row * 2, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            )
            grid.addWidget(numbers, row * 2 + 1, 0, 1, 2)
            self.rows[rule] = (name, numbers, mark)
        grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addLayout(grid)
        self.show_report(None)

    def show_report(self, report: BalanceReport | None, caption: str = "") -> None:
        """Show a round's balance (None: no groups), under a caption such as a drop's preview."""
        if report is None:
            self.caption.setText(caption or _("No groups to weigh yet."))
            for _name, numbers, mark in self.rows.values():
                numbers.setText("")
                mark.setText("")
            return
        self.caption.setText(caption or balance_summary(report))
        for rule, balance in report.rules().items():
            _name, numbers, mark = self.rows[rule]
            # For pairs meeting again, the figure is a lower bound that may be out of reach.
            line = (
                _("{obtained} · unavoidable: at least {best}")
                if rule == "met_again"
                else _("{obtained} · best possible: {best}")
            )
            numbers.setText(
                line.format(obtained=figure(rule, balance.obtained), best=best_text(rule, balance))
            )
            mark.setText(verdict(balance, rule))
            if balance.best_possible is None:
                mark.setStyleSheet(_UNKNOWN)
            else:
                mark.setStyleSheet(_HOLDS if balance.holds else _FAILS)

    def mark(self, rule: str) -> str:
        """The verdict shown for a rule (for tests and screen readers)."""
        return self.rows[rule][2].text()


class LateArrivalsPanel(QGroupBox):
    """People checked in but in no group of the round, each placed where the balance stays best."""

    place_requested = Signal(int)  # participant id
    chosen = Signal(int)  # participant id picked in the list (0: none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Late arrivals"), parent)
        self.setObjectName("late_arrivals")
        self.people = QComboBox(objectName="late_people")
        self.people.setMinimumContentsLength(18)
        self.people.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.suggestion = QLabel(objectName="late_suggestion", wordWrap=True)
        self.place = QPushButton(_("Add to the best group"), objectName="place_late")
        self.place.clicked.connect(self._place)
        self.people.currentIndexChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.people)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.place)

    def set_people(self, people: list[tuple[int, str]]) -> None:
        keep = self.current()
        self.people.blockSignals(True)
        self.people.clear()
        for pid, label in people:
            self.people.addItem(label, pid)
        if not people:
            self.people.addItem(_("No late arrival"), 0)
        index = self.people.findData(keep) if keep else -1
        self.people.setCurrentIndex(max(index, 0))
        self.people.setEnabled(bool(people))
        self.people.blockSignals(False)
        self._changed()

    def current(self) -> int:
        return int(self.people.currentData() or 0)

    def show_suggestion(self, text: str) -> None:
        self.suggestion.setText(text)
        self.suggestion.setVisible(bool(text))

    def _changed(self, *_args: object) -> None:
        self.place.setEnabled(self.current() != 0)
        self.chosen.emit(self.current())

    def _place(self) -> None:
        if self.current():
            self.place_requested.emit(self.current())
