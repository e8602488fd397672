"""The members of one group as a thin Qt list model, which members are dragged out of and into."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from facilitator.store.groups import MemberRow
from facilitator.ui.groups.labels import member_name, member_text, member_tooltip
from facilitator.ui.widgets.type_colours import colour_of

MIME_TYPE = "application/x-facilitator-group-members"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
TYPE_ROLE = Qt.ItemDataRole.UserRole + 2
PINNED_ROLE = Qt.ItemDataRole.UserRole + 3
TYPE_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 4  # QColor, as in the participants table
NAME_ROLE = Qt.ItemDataRole.UserRole + 5  # « DIOP Awa », the first line of a member's row
ORGANISATION_ROLE = Qt.ItemDataRole.UserRole + 6  # the second line

Index = QModelIndex | QPersistentModelIndex


def encode(round_id: int, participant_ids: Sequence[int]) -> QMimeData:
    """Dragged members: « round id:id,id »."""
    data = QMimeData()
    text = f"{round_id}:{','.join(str(pid) for pid in participant_ids)}"
    data.setData(MIME_TYPE, QByteArray(text.encode("ascii")))
    return data


def decode(data: QMimeData) -> tuple[int, list[int]] | None:
    """(round id, participant ids) from dragged members; None for anything else."""
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        round_part, _sep, ids = bytes(data.data(MIME_TYPE).data()).decode("ascii").partition(":")
        return int(round_part), [int(pid) for pid in ids.split(",") if pid]
    except ValueError:
        return None


class MembersModel(QAbstractListModel):
    """One group's members; a drop of members from another group asks for their move."""

    move_requested = Signal(list, int)  # participant ids, the group they are dropped on

    def __init__(self, round_id: int, group_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.round_id = round_id
        self.group_id = group_id
        self.members: tuple[MemberRow, ...] = ()
        self.type_colours: dict[str, str] = {}  # type name: the colour stored for it

    def set_members(
        self, members: Sequence[MemberRow], type_colours: Mapping[str, str] | None = None
    ) -> None:
        self.beginResetModel()
        self.members = tuple(members)
        if type_colours is not None:
            self.type_colours = dict(type_colours)
        self.endResetModel()

    def member(self, index: Index) -> MemberRow | None:
        if index.isValid() and 0 <= index.row() < len(self.members):
            return self.members[index.row()]
        return None

    def row_of(self, participant_id: int) -> int:
        return next(
            (i for i, m in enumerate(self.members) if m.participant_id == participant_id), -1
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.members)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        member = self.member(index)
        if member is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return member_text(member)
        if role == Qt.ItemDataRole.ToolTipRole:
            return member_tooltip(member)
        if role == NAME_ROLE:
            return member_name(member)
        if role == ORGANISATION_ROLE:
            return member.organisation or ""
        if role == ID_ROLE:
            return member.participant_id
        if role == TYPE_ROLE:
            return member.type_name
        if role == TYPE_COLOUR_ROLE:
            return colour_of(member.type_name, self.type_colours) if member.type_name else None
        if role == PINNED_ROLE:
            return member.pinned
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    # -- drag and drop ---------------------------------------------------------------------------
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = [m.participant_id for i in indexes if (m := self.member(i)) is not None]
        return encode(self.round_id, list(dict.fromkeys(ids)))

    def incoming(self, data: QMimeData) -> list[int]:
        """The members a drop would bring here from other groups of the same round."""
        decoded = decode(data)
        if decoded is None or decoded[0] != self.round_id:
            return []
        here = {m.participant_id for m in self.members}
        return [pid for pid in decoded[1] if pid not in here]

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(self.incoming(data))

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = self.incoming(data)
        if not ids or action == Qt.DropAction.IgnoreAction:
            return False
        self.move_requested.emit(ids, self.group_id)
        return True
