"""The groups screen's round actions: a new round, assign again, rename, delete, project."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.checkin import day_check
from facilitator.store.groups import default_round_name, list_rounds, people_for
from facilitator.store.workshops import get_workshop
from facilitator.ui.groups.dialogs import NewRoundDialog

if TYPE_CHECKING:
    from facilitator.ui.groups.screen import GroupsScreen


class RoundActions:
    """What the round bar asks: each confirmed or filled in here, then done by the controller."""

    def confirm(self: GroupsScreen, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def new_round(self: GroupsScreen) -> None:
        wid = self.context.workshop_id
        if wid is None:
            return

        def counts(session: Session) -> tuple[str, int, int, dt.date | None]:
            rounds = list_rounds(session, wid)
            name = default_round_name(session, wid) if rounds else _("Practical workshops")
            everyone = len(people_for(session, wid, False))
            check = day_check(get_workshop(session, wid))  # present: on the day in force
            counted = check.day if check.outside else None
            return name, len(people_for(session, wid, True)), everyone, counted

        name, present, registered, counted_day = self.context.read(counts)
        dialog = NewRoundDialog(
            name, present, registered, self.controller.create, self, counted_day=counted_day
        )
        if not present:
            dialog.present_only.setChecked(False)  # nobody checked in yet: everyone registered
        self.new_round_dialog = dialog
        dialog.exec()
        self.new_round_dialog = None

    def reassign(self: GroupsScreen) -> None:
        if self.view is None:
            return
        if not self.confirm(
            _("Assign again"),
            _(
                "Assign the groups of « {round} » again? Everyone's group changes except pinned "
                "members'. A backup is taken first, and Ctrl+Z puts the groups back."
            ).format(round=self.view.round.name),
        ):
            return
        self.controller.reassign()

    def rename_round(self: GroupsScreen) -> None:
        if self.view is None:
            return
        name, ok = QInputDialog.getText(
            self, _("Rename the round"), _("Name:"), text=self.view.round.name
        )
        if ok:
            self.controller.rename(name)

    def delete_round(self: GroupsScreen) -> None:
        if self.view is None:
            return
        if self.confirm(
            _("Delete the round"),
            _(
                "Delete « {round} », its groups and their report-backs? A backup is taken first; "
                "this cannot be undone here."
            ).format(round=self.view.round.name),
        ):
            self.controller.delete()

    def project(self: GroupsScreen) -> None:
        if self.round_id is not None:
            self.project_requested.emit(self.round_id)
