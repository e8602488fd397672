"""Finding a participant by name at the desk: a short list over all participants, as you type.

The match is the participants screen's (`matching_rows`): accent- and case-insensitive, every word
anywhere, so « ndiaye » finds « N'DIAYE ». Only the first matches are listed; the desk agent
types one more letter rather than scrolls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session

from facilitator.core.name_match import NameIndex
from facilitator.core.surnames import list_writes_capitals
from facilitator.core.text import fold
from facilitator.i18n import _, ngettext
from facilitator.store.participants import ParticipantView, list_participants
from facilitator.ui.desk.name_delegate import MAIN_ROLE, STATUS_ROLE
from facilitator.ui.participants.model import ParticipantFilter, matching_rows

Index = QModelIndex | QPersistentModelIndex
MAX_SHOWN = 50
CACHED_SEARCHES = 32
PRESENT_COLOUR = "#1B7F3B"


class DeskList(NamedTuple):
    """The desk's participant list, with what the walk-in form reads from it."""

    rows: list[ParticipantView]
    name_index: NameIndex  # their names, for walk-ins' likely matches
    surnames_in_capitals: bool  # how the list writes surnames: a walk-in's is written alike


def participants_and_index(session: Session, workshop_id: int) -> DeskList:
    """The desk's participant list, the index of their names, and how it writes surnames.

    Made in the desk's loading thread: 10,000 names take tens of milliseconds to index.
    """
    rows = list_participants(session, workshop_id)
    index = NameIndex((row.id, row.first_name, row.last_name, row.organisation) for row in rows)
    return DeskList(rows, index, list_writes_capitals(row.last_name for row in rows))


class NameMatchModel(QAbstractListModel):
    """The participants whose name (or organisation, phone, e-mail) matches what was typed."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ParticipantView] = []
        self._position: dict[int, int] = {}  # participant id -> index in _rows
        self._shown: list[int] = []
        self._text = ""
        self._cache: dict[tuple[str, ...], list[int]] = {}  # words typed -> all matching rows
        self.match_count = 0

    def set_rows(self, rows: Sequence[ParticipantView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._position = {row.id: i for i, row in enumerate(self._rows)}
        self._cache.clear()
        self._shown = self._matches(self._text)
        self.endResetModel()

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self.beginResetModel()
        self._text = text
        self._shown = self._matches(text)
        self.endResetModel()

    def _matches(self, text: str) -> list[int]:
        words = tuple(fold(text).split())
        found = self._cache.get(words) if words else []
        if found is None:
            found = self._search(words)
            if len(self._cache) >= CACHED_SEARCHES:
                del self._cache[next(iter(self._cache))]
            self._cache[words] = found
        self.match_count = len(found)
        return found[:MAX_SHOWN]

    def _search(self, words: tuple[str, ...]) -> list[int]:
        """All rows matching `words`, looked for among an earlier, wider search's when possible.

        Typing one more letter narrows what matched before, so only those rows are searched;
        erasing one finds the earlier search in the cache.
        """
        wanted = ParticipantFilter(text=" ".join(words))
        wider = [
            found
            for earlier, found in self._cache.items()
            if all(any(old in new for new in words) for old in earlier)
        ]
        if not wider:
            return matching_rows(self._rows, wanted)
        base = min(wider, key=len)
        subset = [self._rows[i] for i in base]
        return [base[i] for i in matching_rows(subset, wanted)]

    def update_row(self, view: ParticipantView) -> None:
        """Put one participant's fresh state (present or not) in place, without a reload."""
        index = self._position.get(view.id)
        if index is None:
            return
        self._rows[index] = view
        try:
            shown = self._shown.index(index)
        except ValueError:
            return
        changed = self.index(shown)
        self.dataChanged.emit(changed, changed)

    def mark_absent(self, participant_id: int) -> ParticipantView | None:
        index = self._position.get(participant_id)
        if index is None:
            return None
        view = replace(self._rows[index], checked_in_at=None, desk="")
        self.update_row(view)
        return view

    def summary(self, loaded: bool) -> str:
        """What to say under the list about what was typed."""
        text = self._text.strip()
        if not text:
            return ""
        if not loaded:
            return _("Loading the participant list…")
        if self.match_count == 0:
            return _("No participant matches « {text} ».").format(text=text)
        if self.match_count > MAX_SHOWN:
            return _("{shown} of {count} shown: type a few more letters.").format(
                shown=MAX_SHOWN, count=self.match_count
            )
        n = self.match_count
        return ngettext("{n} match", "{n} matches", n).format(n=n)

    def view_of(self, participant_id: int) -> ParticipantView | None:
        """One participant as the desk last knew them (present or not); None if not listed."""
        index = self._position.get(participant_id)
        return None if index is None else self._rows[index]

    def all_rows(self) -> list[ParticipantView]:
        return list(self._rows)

    def row_count_all(self) -> int:
        return len(self._rows)

    def view_at(self, row: int) -> ParticipantView:
        return self._rows[self._shown[row]]

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[self._shown[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, MAIN_ROLE, STATUS_ROLE):
            main = row.full_name
            if row.organisation:
                main += f" — {row.organisation}"
            status = ""
            if row.checked_in_at is not None:
                status = _("arrived at {time}").format(time=row.checked_in_at.strftime("%H:%M"))
            if role == MAIN_ROLE:
                return main
            if role == STATUS_ROLE:
                return status
            return f"{main}  ·  {status}" if status else main
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                part
                for part in (row.full_name, row.organisation, row.function, row.category)
                if part
            )
        if role == Qt.ItemDataRole.DecorationRole and row.category_colour:
            return QColor(row.category_colour)
        if role == Qt.ItemDataRole.ForegroundRole and row.checked_in_at is not None:
            return QBrush(QColor(PRESENT_COLOUR))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
