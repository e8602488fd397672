"""Printing from the groups screen: the group lists (a page per group) and the door sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from facilitator.i18n import _
from facilitator.store.workshops import get_workshop, slugify
from facilitator.ui.groups.controller import groups_print_job
from facilitator.ui.widgets.print_jobs import Written, groups_folder

if TYPE_CHECKING:
    from facilitator.ui.groups.screen import GroupsScreen


class Printing:
    """Asks where to save the PDF, then writes it off the UI thread through the screen's runner."""

    def print_lists(self: GroupsScreen) -> None:
        self._print(door_sheet=False)

    def print_door_sheet(self: GroupsScreen) -> None:
        self._print(door_sheet=True)

    def _print(self: GroupsScreen, door_sheet: bool) -> None:
        wid, rid, view = self.context.workshop_id, self.round_id, self.view
        if wid is None or rid is None or view is None or self.runner.running():
            return
        slug = self.context.read(lambda s: get_workshop(s, wid).slug)
        kind = _("door") if door_sheet else _("groups")
        default = groups_folder() / f"{slug}-{slugify(view.round.name)}-{slugify(kind)}.pdf"
        title = _("Door sheet") if door_sheet else _("Group lists")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(default), _("PDF files (*.pdf)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        job = groups_print_job(self.context.db, rid, path, door_sheet)
        self.print_task = self.runner.run(title, _("Writing the PDF…"), job, path)

    def _printed(self: GroupsScreen, result: Written, opened: bool) -> None:
        text = result.message
        if not opened:
            text += "\n" + _("No application could open it: open it from its folder.")
        self.show_status(text)

    def _open_failed(self: GroupsScreen, result: Written) -> None:
        """The viewer started but could not open the file (xdg-open found no application)."""
        self.show_status(
            result.message + "\n" + _("No application could open it: open it from its folder.")
        )
