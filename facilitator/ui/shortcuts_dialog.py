"""Aide › « Raccourcis clavier » (F1): every shortcut of the app, by screen, with a filter."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
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
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
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
            QTreeWidgetItem(self.tree, [shortcut.keys, shortcut.description])

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
