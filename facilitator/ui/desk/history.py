"""The desk's last ten scans, newest on top: outcome (colour, icon, word), name and time.

So that the agent sees at a glance who just came through, and that the refusal on the panel
is a new one: each scan is a new line with its own time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN, OUTSIDE_DATES, REJECTED, ScanResult
from facilitator.store.participants import ParticipantView
from facilitator.ui.desk import advice

Index = QModelIndex | QPersistentModelIndex
KEPT = 10
UNDONE = "undone"

# outcome -> (icon, text colour, background): never colour alone, each line has its word too.
LOOKS: dict[str, tuple[str, str, str]] = {
    CHECKED_IN: ("✔", "#1B5E20", "#E8F5E9"),
    ALREADY: ("⚠", "#7A4F01", "#FFF3E0"),
    REJECTED: ("✖", "#B71C1C", "#FFEBEE"),
    OUTSIDE_DATES: ("✖", "#B71C1C", "#FFEBEE"),
    UNDONE: ("↶", "#37474F", "#ECEFF1"),
}


@dataclass(frozen=True)
class Scan:
    """One line of the history."""

    outcome: str
    at: dt.datetime
    name: str
    what: str  # « Bienvenue », « Déjà enregistré(e) », « Badge inconnu »...
    participant_id: int | None = None


def outcome_word(result: ScanResult) -> str:
    if result.status == CHECKED_IN:
        return _("Welcome")
    if result.status == ALREADY:
        return _("Already checked in")
    if result.status == OUTSIDE_DATES:
        return _("Not recorded (date)")
    return advice.refusal(result)[0].rstrip(".")


class HistoryModel(QAbstractListModel):
    """The last KEPT scans of this desk, the newest first."""

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[Scan] = []

    def add_result(self, result: ScanResult, at: dt.datetime | None = None) -> None:
        person = result.participant
        name = person.full_name if person else _("Badge not recognised")
        at = at or dt.datetime.now()
        pid = person.id if person else None
        self._add(Scan(result.status, at, name, outcome_word(result), pid))

    def add_undone(self, name: str, participant_id: int) -> None:
        for row, scan in enumerate(self.scans):  # the check-in taken back shows it
            if scan.participant_id == participant_id and scan.outcome == CHECKED_IN:
                self.scans[row] = replace(scan, outcome=UNDONE, what=_("Check-in undone"))
                changed = self.index(row)
                self.dataChanged.emit(changed, changed)
                return

    def _add(self, scan: Scan) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.scans.insert(0, scan)
        self.endInsertRows()
        if len(self.scans) > KEPT:
            self.beginRemoveRows(QModelIndex(), KEPT, len(self.scans) - 1)
            del self.scans[KEPT:]
            self.endRemoveRows()

    def restore(self, people: Sequence[ParticipantView], desk: str) -> None:
        """After a restart: this desk's last check-ins of the day, read back from the list."""
        if self.scans:
            return  # scans made since the desk opened are the history
        here = [p for p in people if p.checked_in_at is not None and p.desk == desk]
        here.sort(key=lambda p: p.checked_in_at, reverse=True)  # type: ignore[arg-type,return-value]
        if not here:
            return
        self.beginResetModel()
        self.scans = [
            Scan(CHECKED_IN, p.checked_in_at, p.full_name, _("Welcome"), p.id)  # type: ignore[arg-type]
            for p in here[:KEPT]
        ]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.scans.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.scans)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        scan = self.scans[index.row()]
        icon, colour, background = LOOKS.get(scan.outcome, LOOKS[REJECTED])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{icon}  {scan.at.strftime('%H:%M:%S')}   {scan.name} · {scan.what}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{scan.at.strftime('%H:%M:%S')} — {scan.name} — {scan.what}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(background))
        if role == Qt.ItemDataRole.UserRole:
            return scan.outcome
        return None


class HistoryView(QListView):
    """The history list: read only, never takes the keyboard from the scan field."""

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        self.setModel(model)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = QFont()
        font.setPointSize(10)
        self.setFont(font)
        self.setSpacing(1)
        rows = KEPT * (self.fontMetrics().height() + 4) + 6
        self.setFixedHeight(rows)  # ten lines, always: the panel above keeps its size
