"""The projector's side of the facilitator's timer: the last display heard, and the chime.

The chime (the desk's soft tones: one near the end, the rising pair once over) is remembered
between days; it rings only when the same item enters its last minutes or its overrun.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction

from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN
from facilitator.ui.agenda.timer_controller import NEAR_END, NORMAL, OVERRUN, TimerSnapshot
from facilitator.ui.app import APP_NAME
from facilitator.ui.desk.sounds import SoundPlayer

CHIME_KEY = "projector/chime"
CHIMES = {NEAR_END: ALREADY, OVERRUN: CHECKED_IN}
_RANK = {NORMAL: 0, NEAR_END: 1, OVERRUN: 2}


class Player(Protocol):
    def play(self, kind: str) -> None: ...


class TimerMirror(QObject):
    """What the timer shows now (asked on opening), the last tick, and the end-of-item chime."""

    def __init__(self, player: Player | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player: Player = player or SoundPlayer(self)
        self.source: Callable[[], TimerSnapshot] | None = None
        self.last: TimerSnapshot | None = None
        self.chime_action = QAction(
            _("Chime at the end"), self, objectName="projector_chime", checkable=True
        )
        self.chime_action.setChecked(
            bool(QSettings(APP_NAME, APP_NAME).value(CHIME_KEY, False, type=bool))
        )
        self.chime_action.triggered.connect(self.set_chime)

    def current(self) -> TimerSnapshot | None:
        """The timer's display now, else the last tick heard (None before any)."""
        if self.source is not None:
            snap = self.source()
            if isinstance(snap, TimerSnapshot):
                return snap
        return self.last

    def heard(self, snap: TimerSnapshot) -> None:
        """One tick: chime when the item enters its last minutes or its overrun."""
        last, self.last = self.last, snap
        if (
            self.chime_action.isChecked()
            and last is not None
            and snap.started
            and snap.item_id == last.item_id
            and _RANK.get(snap.state, 0) > _RANK.get(last.state, 0)
        ):
            self.player.play(CHIMES[snap.state])

    def set_chime(self, enabled: bool) -> None:
        self.chime_action.setChecked(enabled)
        QSettings(APP_NAME, APP_NAME).setValue(CHIME_KEY, enabled)
