"""The re-plan proposal: what to shorten to still finish on time, applied in one click.

The proposal is read from the store each time the rule or the minimum changes; « Apply » writes
the new durations in one transaction. The timer screen offers to undo it afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.replan import Rule
from facilitator.core.run_of_show import Clock
from facilitator.i18n import _, ngettext
from facilitator.store import replanning
from facilitator.ui.context import AppContext

CHANGED_BACKGROUND = QColor("#fff3c4")


def _minutes(seconds: float) -> int:
    return round(seconds / 60)


class ReplanDialog(QDialog):
    """Shows the proposal for the rest of the day; `applied` is set once it was written."""

    def __init__(
        self, context: AppContext, workshop_id: int, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replan_dialog")
        self.setWindowTitle(_("Re-plan the rest of the day"))
        self.context = context
        self.workshop_id = workshop_id
        self.clock = clock
        self.proposal: replanning.Proposal | None = None
        self.applied = 0

        self.proportional = QRadioButton(_("Shorten every flexible item in proportion"))
        self.proportional.setObjectName("rule_proportional")
        self.breaks_first = QRadioButton(_("Shorten the breaks first, then the rest"))
        self.breaks_first.setObjectName("rule_breaks_first")
        self.proportional.setChecked(True)
        self.rules = QButtonGroup(self)
        self.rules.addButton(self.proportional)
        self.rules.addButton(self.breaks_first)
        self.minimum = QSpinBox(objectName="minimum")
        self.minimum.setRange(1, 60)
        self.minimum.setValue(5)
        self.minimum.setSuffix(" min")
        self.summary = QLabel(objectName="summary", wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 5, objectName="proposal")
        self.table.setHorizontalHeaderLabels(
            [_("Planned"), _("New start"), _("Item"), _("Duration now"), _("Proposed")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            _("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("apply")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)

        rules = QVBoxLayout()
        rules.addWidget(self.proportional)
        rules.addWidget(self.breaks_first)
        form = QFormLayout()
        form.addRow(_("Rule:"), rules)
        form.addRow(_("Never shorter than:"), self.minimum)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(760, 560)

        self.rules.buttonToggled.connect(self.refresh)
        self.minimum.valueChanged.connect(self.refresh)
        self.refresh()

    @property
    def rule(self) -> Rule:
        return "breaks_first" if self.breaks_first.isChecked() else "proportional"

    def refresh(self) -> None:
        """Read the proposal again for the chosen rule and minimum."""
        try:
            self.proposal = self.context.read(
                lambda s: replanning.propose(
                    s, self.workshop_id, self.clock, self.rule, self.minimum.value()
                )
            )
        except replanning.NothingToReplan:
            self.proposal = None
        self._show()

    def _show(self) -> None:
        proposal = self.proposal
        self.table.setRowCount(0)
        if proposal is None:
            self.summary.setText(
                _("Nothing to re-plan: start an item first, and it must not be the last one.")
            )
            self.apply_button.setEnabled(False)
            return
        self.summary.setText(self._summary(proposal))
        self.apply_button.setEnabled(bool(proposal.changes))
        self.table.setRowCount(len(proposal.items))
        for row, item in enumerate(proposal.items):
            title = _("{title} (fixed)").format(title=item.title) if item.fixed else item.title
            cells = (
                item.planned_start.strftime("%H:%M"),
                item.new_start.strftime("%H:%M"),
                title,
                _("{n} min").format(n=item.minutes),
                _("{n} min").format(n=item.proposed_minutes),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 2 and item.fixed:
                    cell.setToolTip(_("Fixed in time: kept where it is"))
                if item.changed:
                    cell.setBackground(QBrush(CHANGED_BACKGROUND))
                self.table.setItem(row, column, cell)

    @staticmethod
    def _summary(proposal: replanning.Proposal) -> str:
        late = _minutes((proposal.end_now - proposal.planned_end).total_seconds())
        planned = proposal.planned_end.strftime("%H:%M")
        lines = [
            _("At the current pace the day ends at {time} (planned {planned}).").format(
                time=proposal.end_now.strftime("%H:%M"), planned=planned
            )
        ]
        if late <= 0 and not proposal.changes:
            lines.append(_("The day is on time: nothing needs shortening."))
            return "\n".join(lines)
        cut = sum(item.minutes - item.proposed_minutes for item in proposal.items)
        shortened = sum(1 for item in proposal.items if item.proposed_minutes < item.minutes)
        lines.append(
            ngettext(
                "The proposal takes {cut} min off {count} item; the day ends at {time}.",
                "The proposal takes {cut} min off {count} items; the day ends at {time}.",
                shortened,
            ).format(cut=cut, count=shortened, time=proposal.end_proposed.strftime("%H:%M"))
        )
        if not proposal.feasible:
            lines.append(
                _("Even so, a fixed item still starts {n} min late.").format(
                    n=_minutes(proposal.lateness_s)
                )
            )
        return "\n".join(lines)

    def _apply(self) -> None:
        if self.proposal is None or not self.proposal.changes:
            return
        # Recomputed at the instant of the click: the live item kept running meanwhile.
        self.refresh()
        if self.proposal is None:
            return
        self.applied = replanning.apply(
            self.context.db, self.workshop_id, self.proposal, self.clock
        )
        self.context.data_changed.emit("agenda")
        self.accept()
