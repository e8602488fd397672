"""Which group's restitution the projector presents, kept the same as the restitutions screen's.

The group being presented is the one selected on the restitutions screen (Ctrl+4): choosing
another group there changes the projected one, « Projeter » puts it on the projector, and the
projector's « next » keys (Page Down, →, a presenter's remote, Alt+Page Down anywhere) turn its
pages, then go on to the next group of the same round, which the screen then selects too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from facilitator.store.restitutions import RoundEntry, groups_with_restitutions
from facilitator.ui.agenda.projector_restitution_view import RestitutionProjectorView
from facilitator.ui.context import AppContext


class PresentingScreen(Protocol):
    """What the restitutions screen offers: its signals, and selecting a group."""

    project_requested: Signal  # (group id) « Projeter »
    group_shown: Signal  # (group id) the group selected on the screen

    def present_group(self, group_id: int) -> None: ...

    def set_projected_group(self, group_id: int | None) -> None: ...


def neighbour_group(rounds: list[RoundEntry], group_id: int | None, step: int) -> int | None:
    """The group `step` away from `group_id` in its round (None past either end); with no group
    yet, the last round's first group."""
    for entry in rounds:
        ids = [group.group_id for group in entry.groups]
        if group_id in ids:
            index = ids.index(group_id) + step
            return ids[index] if 0 <= index < len(ids) else None
    last = next((entry for entry in reversed(rounds) if entry.groups), None)
    return last.groups[0].group_id if last is not None else None


class RestitutionPresenter(QObject):
    """Steps through the groups' restitutions on the projector and keeps the screen in step."""

    group_changed = Signal(int)  # the projector now presents this group

    def __init__(
        self,
        view: Callable[[], RestitutionProjectorView],
        context: Callable[[], AppContext | None],
        showing: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view  # made on first use, with the projector's window
        self._context = context
        self._showing = showing  # whether the projector is on its restitution view
        self._screens: list[PresentingScreen] = []

    def attach(self, screen: PresentingScreen) -> None:
        """Follow a restitutions screen's selected group, and have it follow the projector."""
        self._screens.append(screen)
        screen.group_shown.connect(self.follow)
        self.group_changed.connect(screen.present_group)

    def rounds(self) -> list[RoundEntry]:
        context = self._context()
        workshop_id = context.workshop_id if context is not None else None
        if context is None or workshop_id is None:
            return []
        return context.read(lambda s: groups_with_restitutions(s, workshop_id))

    def default_group(self) -> int | None:
        """The group to show from the menu: the last round's first group with items written."""
        rounds = self.rounds()
        for entry in reversed(rounds):
            written = [g for g in entry.groups if g.item_count or g.has_notes]
            if written:
                return written[0].group_id
        return neighbour_group(rounds, None, 1)

    def present(self, group_id: int) -> None:
        """Put that group's restitution on the restitution view, from its first page."""
        view = self._view()
        if view.group_id() != group_id:
            view.set_group(group_id)
        self.group_changed.emit(group_id)
        self.tell_screens()

    def follow(self, group_id: int) -> None:
        """The screen selected another group: the projector shows it if it shows a restitution."""
        if self._showing() and self._view().group_id() != group_id:
            self._view().set_group(group_id)
            self.tell_screens()

    def step(self, delta: int) -> bool:
        """The next (1) or previous (-1) page, else group of the round; False at either end."""
        view = self._view()
        if view.group_id() is not None and view.step(delta):
            self.tell_screens()
            return True
        target = neighbour_group(self.rounds(), view.group_id(), delta)
        if target is None:
            return False
        self.present(target)
        return True

    def tell_screens(self) -> None:
        """Say on each screen which group the room sees (None: no restitution on screen)."""
        group_id = self._view().group_id() if self._showing() else None
        for screen in self._screens:
            screen.set_projected_group(group_id)
