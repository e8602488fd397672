"""Editors for the consolidated list's cells: type, horizon (suggested or free), numbers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from facilitator.store.restitution_fields import (
    HORIZON_MAX,
    HORIZONS,
    REC_TYPES,
    horizon_label,
    rec_type_label,
)

Index = QModelIndex | QPersistentModelIndex
NONE_LABEL = "—"


class TypeDelegate(QStyledItemDelegate):
    """A list of the recommendation types, and « — » for none."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(NONE_LABEL, None)
        for rec_type in REC_TYPES:
            combo.addItem(rec_type_label(rec_type), rec_type)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentData() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class HorizonDelegate(QStyledItemDelegate):
    """The suggested horizons, or any text typed."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("")
        combo.addItems([horizon_label(h) for h in HORIZONS])
        line = combo.lineEdit()
        if line is not None:
            line.setMaxLength(HORIZON_MAX)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentText().strip() != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class NumberDelegate(QStyledItemDelegate):
    """A spin box; with `blank`, its lowest value (0) means « not set » and shows « — »."""

    def __init__(self, maximum: int, blank: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maximum, self.blank = maximum, blank

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, self.maximum)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if self.blank:
            spin.setSpecialValueText(NONE_LABEL)
        return spin

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        if editor.value() != int(index.data(Qt.ItemDataRole.EditRole) or 0):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
