"""Late arrivals at the desk: someone checks in after the groups were formed, one click places them.

After a check-in, a worker thread looks for the workshop's last round of groups and, when the
person is in none of its groups, the group that keeps the balance best (suggest_group takes
tens of milliseconds on 300 people: never on the desk's thread). The offer shows under the
result panel; its button takes no focus, so the scan field keeps the scanner's keystrokes,
and the next scan simply replaces it.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QPushButton, QSizePolicy, QWidget
from sqlalchemy.orm import Session

from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN, ScanResult
from facilitator.store.group_edits import place_late_arrival, remove_member, suggest_group
from facilitator.store.groups import GroupsInvalid, list_rounds, memberships_for
from facilitator.store.models import Group
from facilitator.ui.context import AppContext

log = logging.getLogger(__name__)

AREA_GROUPS = "groups"
SHORTCUT = "Alt+G"  # no scanner types Alt: the scan field's keys stay the scanner's


@dataclass(frozen=True)
class Offer:
    """Where the desk offers to put someone who arrived after the groups were formed."""

    participant_id: int
    full_name: str
    round_id: int
    round_name: str
    group_id: int
    group_name: str
    room: str


def find_offer(
    session: Session, workshop_id: int, participant_id: int, full_name: str
) -> Offer | None:
    """The best group of the workshop's last round for someone in none of its groups."""
    rounds = [r for r in list_rounds(session, workshop_id) if r.groups]
    if not rounds:
        return None
    latest = rounds[-1]
    if any(m.round_id == latest.id for m in memberships_for(session, workshop_id, participant_id)):
        return None
    try:
        suggestion = suggest_group(session, latest.id, participant_id)
    except GroupsInvalid:
        return None
    group = session.get(Group, suggestion.group_id)
    room = group.room if group is not None else ""
    return Offer(
        participant_id,
        full_name,
        latest.id,
        latest.name,
        suggestion.group_id,
        suggestion.group_name,
        room,
    )


def add_label(offer: Offer) -> str:
    """« Ajouter à « Groupe 3 » (Salle Gorée) »."""
    if offer.room:
        return _("Add to {group} ({room})").format(group=offer.group_name, room=offer.room)
    return _("Add to {group}").format(group=offer.group_name)


class _Relay(QObject):
    """Carries the worker's answer to the UI thread; owned by no widget, so it outlives them."""

    done = Signal(int, object)  # the request's generation, the Offer, None or the error


def _report(relay: _Relay, generation: int, future: Future[Offer | None]) -> None:
    try:
        result: object = future.result()
    except Exception as exc:  # logged on the UI thread, never lost in the worker
        result = exc
    with contextlib.suppress(RuntimeError):  # the app is closing
        relay.done.emit(generation, result)


class LateArrivals(QObject):
    """Looks for an offer after each check-in, and carries it out in one transaction."""

    offered = Signal(object)  # Offer
    cleared = Signal()  # no offer any more (next scan, undo, back to ready)
    placed = Signal(str)  # the confirmation to show
    failed = Signal(str)  # why the person could not be placed

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.offer: Offer | None = None
        self.placed_here: dict[int, int] = {}  # participant → round, placed from this desk
        self._generation = 0
        self._in_flight = 0
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-groups")
        self._relay = _Relay()
        self._relay.done.connect(self._found)
        self._closed = False

    def consider(self, result: ScanResult) -> None:
        """A scan's result is shown: drop the last offer, look for one for this person."""
        self.clear()
        person, workshop_id = result.participant, self.context.workshop_id
        if person is None or workshop_id is None or result.status not in (CHECKED_IN, ALREADY):
            return
        if self._closed:
            return
        db, generation = self.context.db, self._generation

        def job() -> Offer | None:
            with db.read() as session:  # one session per thread
                return find_offer(session, workshop_id, person.id, person.full_name)

        self._in_flight += 1
        future = self._executor.submit(job)
        future.add_done_callback(functools.partial(_report, self._relay, generation))

    def _found(self, generation: int, result: object) -> None:
        self._in_flight -= 1
        if generation != self._generation:
            return  # another scan came since
        if isinstance(result, Exception):
            log.error("desk: looking for a group failed: %s", result)
        elif isinstance(result, Offer):
            self.offer = result
            self.offered.emit(result)

    def clear(self) -> None:
        self._generation += 1
        self.offer = None
        self.cleared.emit()

    def busy(self) -> bool:
        return self._in_flight > 0

    def accept(self) -> bool:
        """Put the person of the offer in the group that keeps the balance best; True if done."""
        offer, self.offer = self.offer, None
        if offer is None:
            return False
        self._generation += 1  # a search still running is for an older scan
        try:
            group_id, _delta = place_late_arrival(
                self.context.db, offer.round_id, offer.participant_id
            )
        except Exception as exc:  # someone placed them meanwhile, the round went: say so
            self.failed.emit(_("Not added: {error}").format(error=exc))
            return False
        self.placed_here[offer.participant_id] = offer.round_id
        name, room = offer.group_name, offer.room
        if group_id != offer.group_id:  # the groups changed since the offer: say where
            group = self.context.read(lambda s: s.get(Group, group_id))
            name, room = (group.name, group.room) if group is not None else (name, "")
        self.context.data_changed.emit(AREA_GROUPS)
        if room:
            self.placed.emit(_("Added to {group} ({room})").format(group=name, room=room))
        else:
            self.placed.emit(_("Added to {group}").format(group=name))
        return True

    def take_back(self, participant_id: int) -> bool:
        """Their arrival was undone: out of the group this desk put them in. True if done."""
        round_id = self.placed_here.pop(participant_id, None)
        if round_id is None:
            return False
        try:
            remove_member(self.context.db, round_id, participant_id)
        except GroupsInvalid:  # moved or removed since, on the groups screen: leave it
            return False
        self.context.data_changed.emit(AREA_GROUPS)
        return True

    def shutdown(self) -> None:
        self._closed = True
        self._generation += 1
        self._executor.shutdown(wait=False, cancel_futures=True)


class LateArrivalBar(QFrame):
    """Under the result panel: « Ajouter au Groupe 3 (Salle Gorée) », then its confirmation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("late_arrival")
        self.setStyleSheet(
            "QFrame#late_arrival { background: #E3F2FD; border-radius: 10px; }"
            "QFrame#late_arrival QLabel { color: #0D47A1; background: transparent; }"
        )
        font = QFont()
        font.setPointSize(14)
        self.message = QLabel(objectName="late_message", wordWrap=True)
        self.message.setFont(font)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(objectName="late_add")
        self.button.setFont(font)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self.button.setToolTip(
            _("Put this person in the group that keeps the balance best ({keys})").format(
                keys=SHORTCUT
            )
        )
        self.button.setStyleSheet(
            "QPushButton { background: #0D47A1; color: white; border-radius: 6px;"
            " padding: 8px 16px; font-weight: 600; }"
            "QPushButton:pressed { background: #08306B; }"
        )
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(16, 10, 16, 10)
        self.row.addWidget(self.message, 1)
        self.row.addWidget(self.button)
        self.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        """On a narrow desk (1024 px) the sentence goes above the button, not squeezed beside it.

        Decided again whenever the button's text changes: shown again at the same width, the
        bar gets no resize, and the last offer's shorter button must not decide.
        """
        narrow = width < 2 * self.button.sizeHint().width()
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.row.direction() != direction:
            self.row.setDirection(direction)

    def follow(self, late: LateArrivals) -> None:
        late.offered.connect(self.show_offer)
        late.cleared.connect(self.hide)
        late.placed.connect(self.show_done)
        late.failed.connect(self.show_done)

    def show_offer(self, offer: Offer) -> None:
        self.message.setText(
            _("{name} is in no group of « {round} » yet.").format(
                name=offer.full_name, round=offer.round_name
            )
        )
        self.button.setText(f"{add_label(offer)} ({SHORTCUT})")
        self.button.show()
        self._fit(self.width())
        self.show()

    def show_done(self, text: str) -> None:
        self.message.setText(text)
        self.button.hide()
        self.show()
