"""The restitutions screen's widgets and their layout; what they do is in screen.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.restitutions import RAPPORTEUR_MAX
from facilitator.ui.restitutions.entry import ItemEntry
from facilitator.ui.restitutions.items_model import (
    ACTOR,
    HORIZON,
    KIND,
    PRIORITY,
    REC_TYPE,
    TEXT,
    ItemsModel,
)
from facilitator.ui.restitutions.picker import GroupPicker

PICKER_WIDTH, PICKER_NARROWEST = 270, 180


class RestitutionsView(QWidget):
    """Left, the group picker; right, rapporteur, notes, the items and the item line."""

    project_requested = Signal(int)  # « Projeter »: show this group on the projector
    group_shown = Signal(int)  # the group now on this screen (the projector presents it too)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions_by_name: dict[str, QAction] = {}
        self.picker = GroupPicker()
        self.title = QLabel(objectName="group_title")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.status = QLabel(objectName="status")
        self.status.setStyleSheet("color: #555;")
        self.rapporteur = QLineEdit(objectName="rapporteur")
        self.rapporteur.setMaxLength(RAPPORTEUR_MAX)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(_("Free notes taken during the report-back"))
        self.model = ItemsModel()
        self.items = QTreeView(objectName="items")
        self.entry = ItemEntry()
        self.empty = QLabel(objectName="empty_state", wordWrap=True)
        self.bar = QToolBar(objectName="restitution_bar")
        self._setup_items()
        self._layout()

    def _setup_items(self) -> None:
        view = self.items
        view.setModel(self.model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDropIndicatorShown(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        # The short columns as wide as their words (« Recommandation », « Moins d'un an »), no
        # wider: on a 1024-pixel screen the item's text keeps the room.
        for column in (KIND, REC_TYPE, HORIZON, PRIORITY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(ACTOR, 150)

    def _action(
        self, name: str, text: str, slot: Any, keys: tuple[str, ...], tip: str = ""
    ) -> QAction:
        action = QAction(text, self, objectName=f"action_{name}")
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if keys:
            native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip or text} ({native})")
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel(_("Groups")))
        left.addWidget(self.picker, 1)
        hint = QLabel(_("Ctrl+PgUp / Ctrl+PgDn: previous / next group"), wordWrap=True)
        hint.setStyleSheet("color: #666; font-size: 11px;")
        left.addWidget(hint)
        self.left_panel = left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(PICKER_WIDTH)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        rapporteur = QHBoxLayout()
        label = QLabel(_("Rapporteur:"))
        label.setBuddy(self.rapporteur)
        rapporteur.addWidget(label)
        rapporteur.addWidget(self.rapporteur, 1)
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(QLabel(_("Free notes")))
        notes_layout.addWidget(self.notes)
        items = QWidget()
        items_layout = QVBoxLayout(items)
        items_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(
            _("Items — the selected one is edited below (Enter: go to its text) · Del: delete · "
              "Alt+1…4: kind"),
            wordWrap=True,
        )  # fmt: skip
        items_layout.addWidget(heading)
        items_layout.addWidget(self.items)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(notes)
        split.addWidget(items)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        self.editor = QWidget(objectName="editor")
        right = QVBoxLayout(self.editor)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(top)
        right.addLayout(rapporteur)
        right.addWidget(split, 1)
        right.addWidget(self.entry)

        middle = QHBoxLayout()
        middle.addWidget(left_widget)
        middle.addWidget(self.editor, 1)
        middle.addWidget(self.empty, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.bar)
        layout.addLayout(middle, 1)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 16px;")

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        """The group list gives up some width on a narrow screen, the item list keeps it."""
        super().resizeEvent(event)
        width = event.size().width()
        self.left_panel.setFixedWidth(max(PICKER_NARROWEST, min(PICKER_WIDTH, width // 5)))
        header = self.items.header()
        label = str(self.model.headerData(ACTOR, Qt.Orientation.Horizontal) or "")
        narrow = header.fontMetrics().horizontalAdvance(label) + 24  # its heading, whole
        header.resizeSection(ACTOR, 150 if width >= 1200 else max(110, narrow))

    # -- the projector ---------------------------------------------------------------------------
    def present_group(self, group_id: int) -> None:
        """The projector went on to this group: select it here too (what is typed is saved)."""
        self.picker.select_group(group_id)

    def set_projected_group(self, group_id: int | None) -> None:
        """Say whether the group on screen is the one the room sees."""
        action = self.actions_by_name.get("project")
        if action is None:
            return
        on_screen = group_id is not None and group_id == self.picker.current_group()
        action.setText(_("On the projector") if on_screen else _("Project"))
        action.setChecked(on_screen)
