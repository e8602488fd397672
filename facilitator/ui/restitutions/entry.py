"""The item line at the bottom of the restitution editor: kind, text and recommendation fields.

Enter saves the item and starts the next; Shift+Enter breaks the line. Text is kept exactly as
typed or pasted (any length, script or markup).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.restitution_fields import (
    HORIZON_MAX,
    HORIZON_NAMES,
    KINDS,
    REC_TYPES,
    RECOMMENDATION,
    horizon_from_text,
    horizon_label,
    kind_label,
    rec_type_label,
)
from facilitator.store.restitutions import ItemRow

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PRIORITY_MAX = 999


def plain_text(edit: QPlainTextEdit) -> str:
    """The text exactly as typed: toPlainText() would turn no-break spaces (French « : ») into
    plain ones; only Qt's own paragraph and line separators become newlines."""
    return edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


def _plain_enter(event: QEvent) -> bool:
    return (
        isinstance(event, QKeyEvent)
        and event.type() == QEvent.Type.KeyPress
        and event.key() in ENTER_KEYS
        and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    )


def _empty_undo_override(event: QEvent, can_undo: bool, can_redo: bool) -> bool:
    """Whether Ctrl+Z / Ctrl+Y should reach the screen's undo, the field having none of its own."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    if event.matches(QKeySequence.StandardKey.Undo):
        return not can_undo
    if (
        event.matches(QKeySequence.StandardKey.Redo)
        or event.keyCombination() == QKeySequence("Ctrl+Y")[0]
    ):
        return not can_redo
    return False


class ItemEntry(QWidget):
    """Edit one item: a new one (item_id None) or one picked in the list."""

    edited = Signal()  # the person changed a field
    submitted = Signal()  # Enter: save it and start the next
    left = Signal()  # Escape: save it and go back to a new item
    kind_picked = Signal(str)  # the kind chosen in the list of kinds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item_entry")
        self.item_id: int | None = None
        self._loading = False

        self.mode = QLabel(objectName="entry_mode")
        self.mode.setStyleSheet("font-weight: 600;")
        self.kind = QComboBox(objectName="item_kind")
        for number, kind in enumerate(KINDS, start=1):
            self.kind.addItem(f"{kind_label(kind)} (Alt+{number})", kind)
        self.text = QPlainTextEdit(objectName="item_text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            _("Type an item, then Enter for the next (Shift+Enter: new line)")
        )
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 3 + 14)
        self.rec_type = QComboBox(objectName="rec_type")
        self.rec_type.addItem("—", None)
        for rec_type in REC_TYPES:
            self.rec_type.addItem(rec_type_label(rec_type), rec_type)
        self.actor = QLineEdit(objectName="rec_actor")
        self.actor.setMaxLength(2_000_000)
        self.horizon = QComboBox(objectName="rec_horizon")
        self.horizon.setEditable(True)
        self.horizon.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.horizon.addItem("")
        for name in HORIZON_NAMES:
            self.horizon.addItem(horizon_label(name))
        line = self.horizon.lineEdit()
        assert line is not None
        line.setMaxLength(HORIZON_MAX)
        self.priority = QSpinBox(objectName="rec_priority")
        self.priority.setRange(0, PRIORITY_MAX)
        self.priority.setSpecialValueText("—")
        self._rec_labels = [
            QLabel(_("Type")),
            QLabel(_("Actor responsible")),
            QLabel(_("Horizon")),
            QLabel(_("Priority")),
        ]
        self._layout()
        self._connect()
        self.load(None, KINDS[0])

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(self.mode, 0, 0, 1, 2)
        grid.addWidget(self.kind, 0, 2, 1, 2)
        grid.addWidget(self.text, 1, 0, 1, 4)
        for column, (label, field) in enumerate(
            zip(
                self._rec_labels,
                (self.rec_type, self.actor, self.horizon, self.priority),
                strict=True,
            )
        ):
            label.setBuddy(field)
            grid.addWidget(label, 2, column)
            grid.addWidget(field, 3, column)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)

    def _connect(self) -> None:
        self.text.textChanged.connect(self._changed)
        self.actor.textEdited.connect(self._changed)
        self.rec_type.activated.connect(self._changed)
        self.horizon.currentTextChanged.connect(self._changed)
        self.priority.valueChanged.connect(self._changed)
        self.kind.activated.connect(self._kind_activated)
        line = self.horizon.lineEdit()
        for watched in (self.text, self.actor, self.rec_type, line, self.priority):
            if watched is not None:
                watched.installEventFilter(self)

    # -- reading and writing the fields ----------------------------------------------------------
    def load(self, row: ItemRow | None, kind: str) -> None:
        """Show an item (None: a new, empty one of `kind`) without counting it as an edit."""
        self._loading = True
        try:
            self.item_id = row.id if row else None
            self.set_kind(row.kind if row else kind)
            self.text.setPlainText(row.text if row else "")
            self.text.moveCursor(QTextCursor.MoveOperation.End)  # to go on where it stopped
            self.rec_type.setCurrentIndex(
                max(0, self.rec_type.findData(row.rec_type if row else None))
            )
            self.actor.setText(row.actor if row else "")
            self.horizon.setEditText(horizon_label(row.horizon) if row else "")
            self.priority.setValue(row.priority or 0 if row else 0)
            self.mode.setText(_("Item being edited") if row else _("New item"))
        finally:
            self._loading = False

    def set_kind(self, kind: str) -> None:
        index = self.kind.findData(kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)
        recommendation = kind == RECOMMENDATION
        for widget in (*self._rec_labels, self.rec_type, self.actor, self.horizon, self.priority):
            widget.setVisible(recommendation)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def values(self) -> dict[str, Any]:
        """The fields as update_item takes them (recommendation fields for recommendations)."""
        kind = self.current_kind()
        values: dict[str, Any] = {"text": plain_text(self.text), "kind": kind}
        if kind == RECOMMENDATION:
            values["rec_type"] = self.rec_type.currentData()
            values["actor"] = self.actor.text()
            values["horizon"] = horizon_from_text(self.horizon.currentText())
            values["priority"] = self.priority.value() or None
        return values

    def is_blank(self) -> bool:
        values = self.values()
        return not values["text"].strip() and not any(
            values.get(name) for name in ("rec_type", "actor", "horizon", "priority")
        )

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_focus(self) -> bool:
        focus = self.focusWidget()
        return focus is not None and focus.hasFocus()

    # -- events ----------------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _kind_activated(self, index: int) -> None:
        kind = str(self.kind.itemData(index))
        self.set_kind(kind)
        self.kind_picked.emit(kind)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if _plain_enter(event) and watched is not self.rec_type:
            self.submitted.emit()
            return True
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.item_id is not None
        ):
            self.left.emit()
            return True
        if watched is self.text:
            document = self.text.document()
            can = (document.isUndoAvailable(), document.isRedoAvailable())
        elif isinstance(watched, QLineEdit):
            can = (watched.isUndoAvailable(), watched.isRedoAvailable())
        else:
            can = (False, False)
        if _empty_undo_override(event, *can):
            event.ignore()
            return True
        return super().eventFilter(watched, event)
