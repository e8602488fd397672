"""The participants table: a thin Qt model over plain rows, filtered and sorted in Python.

Filtering keeps a list of visible row indexes instead of a QSortFilterProxyModel, whose
per-row Python callback costs too much at 10,000 participants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from facilitator.core.text import fold
from facilitator.i18n import N_, _
from facilitator.store.participants import ParticipantView, phone_digits
from facilitator.ui.widgets.type_colours import type_colour

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, str], ...] = (
    ("last_name", N_("Last name")),
    ("first_name", N_("First name")),
    ("organisation", N_("Organisation")),
    ("function", N_("Function")),
    ("category", N_("Participant type")),
    ("gender", N_("Gender")),
    ("phone", N_("Phone")),
    ("email", N_("E-mail")),
    ("checked_in_at", N_("Present")),
)
COLUMN_KEYS = tuple(key for key, _label in COLUMNS)
ANY = ""  # filter value meaning "no filter"
PRESENT, ABSENT = "present", "absent"


@dataclass(frozen=True)
class ParticipantFilter:
    """What the user typed in the search field and chose in the filter combos."""

    text: str = ""
    type_id: int | None = None
    organisation: str = ANY
    gender: str = ANY
    presence: str = ANY

    def accepts(self, row: ParticipantView, words: Sequence[str]) -> bool:
        if not all(word in row.search for word in words):
            return False
        if self.type_id is not None and row.type_id != self.type_id:
            return False
        if self.organisation and row.organisation != self.organisation:
            return False
        if self.gender and (row.gender or "?") != self.gender:
            return False
        if self.presence == PRESENT and row.checked_in_at is None:
            return False
        return not (self.presence == ABSENT and row.checked_in_at is not None)


def matching_rows(rows: Sequence[ParticipantView], wanted: ParticipantFilter) -> list[int]:
    """Indexes of the rows a filter keeps, accent- and case-insensitively.

    Each word typed must appear somewhere in the row, in any order: « fatou ndiaye » finds
    « NDIAYE Fatou Kiné ».
    """
    words = fold(wanted.text).split()
    if wanted == ParticipantFilter(text=wanted.text):
        # Only text: the common case while typing, kept to tight loops.
        if not words:
            return list(range(len(rows)))
        if len(words) == 1:
            (word,) = words
            return [i for i, row in enumerate(rows) if word in row.search]
        return [i for i, row in enumerate(rows) if all(w in row.search for w in words)]
    return [i for i, row in enumerate(rows) if wanted.accepts(row, words)]


def _sort_key(key: str) -> object:
    if key == "checked_in_at":
        return lambda row: (row.checked_in_at is None, row.checked_in_at or 0)
    if key == "phone":
        return lambda row: phone_digits(row.phone)
    return lambda row: fold(getattr(row, key) or "")


class ParticipantTableModel(QAbstractTableModel):
    """All participants of a workshop, of which a filter shows some, in the chosen order."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ParticipantView] = []
        self._visible: list[int] = []
        self._filter = ParticipantFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ParticipantView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self._visible = matching_rows(self._rows, self._filter)
        self.endResetModel()

    def set_filter(self, wanted: ParticipantFilter) -> None:
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._visible = matching_rows(self._rows, wanted)
        self.endResetModel()

    @property
    def current_filter(self) -> ParticipantFilter:
        return self._filter

    def row_at(self, visible_row: int) -> ParticipantView:
        return self._rows[self._visible[visible_row]]

    def visible_row_of(self, participant_id: int) -> int | None:
        for visible, index in enumerate(self._visible):
            if self._rows[index].id == participant_id:
                return visible
        return None

    def all_rows(self) -> list[ParticipantView]:
        return list(self._rows)

    def visible_count(self) -> int:
        return len(self._visible)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        key = COLUMN_KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "category" and row.category:
            return type_colour(row.category, row.category_colour)
        if role == Qt.ItemDataRole.ForegroundRole and key == "checked_in_at" and row.checked_in_at:
            return QBrush(QColor("#1B7F3B"))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    @staticmethod
    def _display(row: ParticipantView, key: str) -> str:
        if key == "checked_in_at":
            return row.checked_in_at.strftime("%H:%M") if row.checked_in_at else ""
        if key == "gender":
            return {"F": _("F"), "M": _("M")}.get(row.gender or "", "")
        value = getattr(row, key)
        return value if isinstance(value, str) else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._apply_sort()
        self._visible = matching_rows(self._rows, self._filter)
        self.endResetModel()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        key = _sort_key(COLUMN_KEYS[column])
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)  # type: ignore[arg-type]
