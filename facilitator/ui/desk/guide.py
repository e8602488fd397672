"""The desk with nothing to scan yet: no workshop open, or nobody on its list.

Instead of « Prêt » over an empty list, the panel says what to do next, with the buttons that do
it: create (or open) the workshop, import the list of invited people, register someone on the
spot. Each opens the same window as the menus do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from facilitator.i18n import _
from facilitator.store.workshops import list_workshops
from facilitator.ui.context import AppContext
from facilitator.ui.desk.panel import Action, FeedbackPanel
from facilitator.ui.participants.import_wizard import ImportWizard
from facilitator.ui.workshops.dialog import WorkshopDialog


class DeskGuide(QObject):
    """Decides whether the panel guides instead of waiting, and opens what its buttons name."""

    def __init__(
        self, parent: QWidget, context: AppContext, open_walk_in: Callable[[], None]
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.open_walk_in = open_walk_in
        self.window: QWidget | None = None  # the dialog or wizard a button opened

    def show(self, panel: FeedbackPanel, registered: int | None) -> bool:
        """Guide on the panel when there is nothing to scan; False when there is (or unknown)."""
        if self.context.workshop_id is None:
            actions: list[Action] = [(_("New workshop…"), self.new_workshop)]
            latest = self.context.read(list_workshops)
            if latest:
                actions.append(
                    (_("Open « {title} »").format(title=latest[0].title), self.open_latest)
                )
            panel.show_guide(
                _("No workshop is open"),
                _(
                    "Create the day's workshop, or open it from the « Workshop » list at the top "
                    "of the window; then scan the badges here."
                ),
                actions,
            )
            return True
        if registered == 0:
            panel.show_guide(
                _("Nobody is on this workshop's list yet"),
                _(
                    "Import the list of invited people (Excel or CSV) to scan their badges, or "
                    "register each person as they arrive."
                ),
                [
                    (_("Import a list…"), self.import_list),
                    (_("Register a walk-in…"), self.open_walk_in),
                ],
            )
            return True
        return False

    def new_workshop(self) -> None:
        dialog = WorkshopDialog(self.context, None, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.context.set_workshop)
        self.window = dialog
        dialog.open()

    def open_latest(self) -> None:
        latest = self.context.read(list_workshops)
        if latest:
            self.context.set_workshop(latest[0].id)

    def import_list(self) -> None:
        if self.context.workshop_id is None:
            return
        wizard = ImportWizard(self.context, parent=self.parent_widget)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window = wizard
        wizard.open()
