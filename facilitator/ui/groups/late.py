"""Late arrivals on the groups screen: who is present but in no group, and where they go best."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from facilitator.i18n import ngettext
from facilitator.store.group_edits import suggest_group
from facilitator.store.groups import GroupsInvalid, RoundView, people_for
from facilitator.store.participants import list_participants
from facilitator.ui.groups.labels import arrival_effects, suggestion_text

if TYPE_CHECKING:
    from facilitator.ui.groups.screen import GroupsScreen


def late_arrivals(session: Session, workshop_id: int, view: RoundView) -> list[tuple[int, str]]:
    """(id, « DIOP Awa ») of each person checked in but in no group of the round."""
    in_round = {m.participant_id for g in view.groups for m in g.members}
    present = {p.id for p in people_for(session, workshop_id, True)}
    return [
        (p.id, f"{p.last_name.upper()} {p.first_name}".strip())
        for p in list_participants(session, workshop_id)
        if p.id in present and p.id not in in_round
    ]


class LateArrivals:
    """The late arrivals panel's suggestion, and placing the chosen person."""

    def _late_chosen(self: GroupsScreen, participant_id: int) -> None:
        rid = self.round_id
        if not participant_id or rid is None:
            self.late.show_suggestion("")
            return
        try:
            suggestion = self.context.read(lambda s: suggest_group(s, rid, participant_id))
        except GroupsInvalid as exc:
            self.late.show_suggestion(str(exc))
            return
        groups = self.view.groups if self.view is not None else ()
        size = 1 + next((len(g.members) for g in groups if g.id == suggestion.group_id), 0)
        self.late.show_suggestion(
            suggestion_text(suggestion.group_name, size, suggestion.delta, suggestion.report)
        )

    def place_late(self: GroupsScreen, participant_id: int) -> None:
        name = self.late.people.currentText()
        placed = self.controller.place_late(participant_id, name)
        if placed is None:
            return
        group_id, delta = placed
        groups = self.view.groups if self.view is not None else ()
        size = next((len(g.members) for g in groups if g.id == group_id), 0)
        placed_text = ngettext(
            "{name} added to « {group} », which now has {n} participant.",
            "{name} added to « {group} », which now has {n} participants.",
            size,
        ).format(name=name, group=self._group_name(group_id), n=size)
        balance = self.view.balance if self.view is not None else None
        self.show_status(f"{placed_text}\n{arrival_effects(delta, balance)}")
        self.select_members([participant_id])
