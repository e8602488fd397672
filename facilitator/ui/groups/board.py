"""The groups of a round side by side: one card per group, its members in a list to drag from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.text import french_spacing
from facilitator.i18n import _
from facilitator.store.groups import GroupView
from facilitator.ui.groups.labels import group_details
from facilitator.ui.groups.member_row import MemberDelegate
from facilitator.ui.groups.model import MembersModel

CARD_WIDTH = 250  # a card's width when the board has room to spare
MIN_CARD_WIDTH = 170  # narrower, a member's name is cut too short to read: the board scrolls
MAX_CARD_WIDTH = 320


class MemberList(QListView):
    """A group's members; tells the screen which group a drag hovers, for the live balance."""

    drag_hovered = Signal(list, int)  # dragged participant ids, group id (0: left every group)
    focused = Signal(int)  # this list's group id, when it gets the keyboard focus

    def __init__(self, model: MembersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"members_{model.group_id}")
        self.setModel(model)
        self.setItemDelegate(MemberDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        # Rows of two lines, three for a long name: laid out again when the card's width changes.
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    @property
    def members_model(self) -> MembersModel:
        model = self.model()
        assert isinstance(model, MembersModel)
        return model

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self.members_model.members[row].participant_id for row in rows]

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focused.emit(self.members_model.group_id)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        super().dragEnterEvent(event)
        self._hover(event)

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        super().dragMoveEvent(event)
        self._hover(event)

    def dragLeaveEvent(self, event: Any) -> None:  # noqa: N802
        super().dragLeaveEvent(event)
        self.drag_hovered.emit([], 0)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        super().dropEvent(event)
        self.drag_hovered.emit([], 0)

    def _hover(self, event: Any) -> None:
        ids = self.members_model.incoming(event.mimeData())
        if ids:
            event.acceptProposedAction()
        self.drag_hovered.emit(ids, self.members_model.group_id if ids else 0)


class GroupCard(QFrame):
    """One group: its name, room, size and theme above its members."""

    edit_requested = Signal(int)  # group id

    def __init__(
        self,
        round_id: int,
        group: GroupView,
        type_colours: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.group = group
        self.setObjectName(f"group_card_{group.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(CARD_WIDTH)  # the board sets the width that fits its viewport
        self.title = QLabel(objectName="group_name")
        self.title.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.title.setToolTip(_edit_hint())
        self.details = QLabel(objectName="group_details", wordWrap=True)
        self.theme = QLabel(objectName="group_theme", wordWrap=True)
        self.theme.setStyleSheet("color: palette(dark); font-style: italic;")
        self.roles = QLabel(objectName="group_roles", wordWrap=True)
        self.model = MembersModel(round_id, group.id, self)
        self.members = MemberList(self.model, self)
        for label in (self.title, self.details, self.theme, self.roles):
            label.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        for widget in (self.title, self.details, self.theme, self.roles):
            layout.addWidget(widget)
        layout.addWidget(self.members, 1)
        self.show_group(group, type_colours)

    def show_group(self, group: GroupView, type_colours: Mapping[str, str] | None = None) -> None:
        """Show the group; `type_colours` ({type name: stored colour}) colours the type tags."""
        self.group = group
        self._elide_title()
        self.title.setToolTip(f"{group.name}\n{_edit_hint()}")
        self.details.setText(group_details(group))
        theme = french_spacing(" ".join(group.theme.split()))  # a lone « ? » never wraps
        self.theme.setText(theme[:117] + "…" if len(theme) > 120 else theme)
        self.theme.setToolTip(group.theme)
        self.theme.setVisible(bool(theme))
        roles = _roles_text(group)
        self.roles.setText(roles)
        self.roles.setVisible(bool(roles))
        self.model.set_members(group.members, type_colours)

    def set_width(self, width: int) -> None:
        """Take `width` pixels (the board shares its viewport between its cards)."""
        if width != self.width():
            self.setFixedWidth(width)
            self._elide_title()

    def _elide_title(self) -> None:
        metrics = QFontMetrics(self.title.font())
        width = self.maximumWidth() - 16
        self.title.setText(metrics.elidedText(self.group.name, Qt.TextElideMode.ElideRight, width))

    def set_highlight(self, on: bool) -> None:
        """Mark the card a drag hovers (a border, plus the live balance in words)."""
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ border: 2px solid #1565C0; }}" if on else ""
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self.edit_requested.emit(self.group.id)
            return True
        return super().eventFilter(watched, event)

    def mouseDoubleClickEvent(self, event: Any) -> None:  # noqa: N802
        self.edit_requested.emit(self.group.id)


def _edit_hint() -> str:
    return _("Double-click to edit the group (name, theme, room, moderator, rapporteur)")


def _roles_text(group: GroupView) -> str:
    parts = []
    if group.moderator_name:
        parts.append(_("Moderator: {name}").format(name=group.moderator_name))
    if group.rapporteur_name:
        parts.append(_("Rapporteur: {name}").format(name=group.rapporteur_name))
    return "\n".join(parts)


class GroupBoard(QScrollArea):
    """The cards of a round side by side, sharing the visible width.

    Four groups fit a 1024-pixel screen; past what fits at MIN_CARD_WIDTH, the row scrolls
    sideways rather than cut a card or its names.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("group_board")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.inner = QWidget()
        self.inner.setBackgroundRole(QPalette.ColorRole.Base)
        self.row = QHBoxLayout(self.inner)
        self.row.setContentsMargins(4, 4, 4, 4)
        self.row.addStretch(1)
        self.setWidget(self.inner)
        self.cards: list[GroupCard] = []

    def set_cards(self, cards: list[GroupCard]) -> None:
        for card in self.cards:
            self.row.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = cards
        for position, card in enumerate(cards):
            self.row.insertWidget(position, card)
        self.fit_cards()

    def card_width(self) -> int:
        """The width each card gets: the viewport shared out, within readable bounds."""
        if not self.cards:
            return CARD_WIDTH
        margins = self.row.contentsMargins()
        spacing = max(self.row.spacing(), 0)
        room = self.viewport().width() - margins.left() - margins.right()
        share = (room - spacing * (len(self.cards) - 1)) // len(self.cards)
        return max(MIN_CARD_WIDTH, min(MAX_CARD_WIDTH, share))

    def fit_cards(self) -> None:
        width = self.card_width()
        for card in self.cards:
            card.set_width(width)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_cards()

    def card(self, group_id: int) -> GroupCard | None:
        return next((c for c in self.cards if c.group.id == group_id), None)
