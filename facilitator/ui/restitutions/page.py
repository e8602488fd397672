"""The restitutions screen (Ctrl+4): each group's restitution, and the consolidated list.

Three tabs: « Restitutions des groupes », where a rapporteur's words are typed as they come,
« Recommandations consolidées », where the groups' recommendations become the final list, and
« Notes des séances », the notes on any agenda item (also on the timer screen).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from facilitator.i18n import _
from facilitator.ui.consolidation import ConsolidationView
from facilitator.ui.context import AppContext
from facilitator.ui.restitutions.screen import RestitutionsScreen
from facilitator.ui.restitutions.session_notes import SessionNotes


class RestitutionsPage(QWidget):
    """The editor of the groups' restitutions and the consolidation, as two tabs."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restitutions_page")
        self.editor = RestitutionsScreen(context)
        self.consolidation = ConsolidationView(context)
        self.tabs = QTabWidget(objectName="restitutions_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(self.editor, _("Groups' report-backs"))
        self.tabs.addTab(self.consolidation, _("Consolidated recommendations"))
        self.session_notes = SessionNotes(context)
        self.tabs.addTab(self.session_notes, _("Notes on the agenda"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def save_now(self) -> None:
        """Save what is being typed (the main window calls it before closing)."""
        self.editor.save_now()
        self.session_notes.notes.save()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.save_now()
        super().closeEvent(event)
