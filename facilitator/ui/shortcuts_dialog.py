"""Aide › « Raccourcis clavier » (F1): every shortcut of the app, by screen, with a filter."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.ui.shortcuts import Shortcut


def _plain(text: str) -> str:
    """Lower case without accents: « écran » is found by typing « ecran »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


DESCRIPTION = 1  # the column of what the keys do


class _WrappingDelegate(QStyledItemDelegate):
    """Measures a row's height for the width its column has, so that wrapped text shows whole
    (a tree view asks a delegate's size with no width, which measures one long line)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.column() != DESCRIPTION:  # the keys stay on one line, as wide as they are
            return super().sizeHint(option, index)
        sized = QStyleOptionViewItem(option)
        # The style wraps only within a valid rectangle: a width, and any height.
        sized.rect = QRect(0, 0, self.tree.header().sectionSize(index.column()), 1)
        sized.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return super().sizeHint(sized, index)


class ShortcutsDialog(QDialog):
    """The shortcuts, one section per screen; typing in the filter keeps the lines that match."""

    def __init__(self, shortcuts: Sequence[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.shortcuts = list(shortcuts)
        intro = QLabel(
            _(
                "The keys of each screen work while that screen is shown; those of the "
                "projector work from its window too."
            ),
            wordWrap=True,
        )
        self.filter = QLineEdit(objectName="shortcuts_filter")
        self.filter.setPlaceholderText(_("Find a shortcut: « undo », « Ctrl+Z », « projector »…"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(objectName="shortcuts_tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Keys"), _("What they do")])
        self.tree.setRootIsDecorated(False)
        # A long line (« … the next page or group (a presenter's remote too) ») wraps in the
        # dialog's width rather than end cut mid-word: rows take the height their text needs.
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().sectionResized.connect(self._rewrap)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.show_matching)
        self.show_matching("")
        self._fit_to_screen()
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = 720, 640
        if screen is not None:  # a 1024×768 laptop: inside the screen, title bar included
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    def _rewrap(self, *_args: object) -> None:
        # Rows measure their height when laid out; a column that changed width needs it again.
        self.tree.doItemsLayout()

    def show_matching(self, text: str) -> None:
        """Show the lines whose keys, action or screen contain every word typed."""
        words = _plain(text).split()
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        section: QTreeWidgetItem | None = None
        for shortcut in self.shortcuts:
            haystack = _plain(f"{shortcut.area} {shortcut.keys} {shortcut.description}")
            if not all(word in haystack for word in words):
                continue
            if section is None or section.text(0) != shortcut.area:
                section = QTreeWidgetItem(self.tree, [shortcut.area])
                section.setFirstColumnSpanned(True)
                section.setFont(0, bold)
                section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            line = QTreeWidgetItem(self.tree, [shortcut.keys, shortcut.description])
            for column in (0, DESCRIPTION):  # keys beside the first line of a wrapped text
                line.setTextAlignment(
                    column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                )

    def rows(self) -> list[tuple[str, str, str]]:
        """(area, keys, description) of each line shown, for tests and screen readers."""
        shown = []
        area = ""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.isFirstColumnSpanned():
                area = item.text(0)
            else:
                shown.append((area, item.text(0), item.text(1)))
        return shown
