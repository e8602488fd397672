"""What the timer screen does: read the run of show from the store, run its actions, tick.

Each action is one store operation (one transaction) followed by `data_changed("agenda")`; the
display is rebuilt from the store, so a restarted app shows the right time left. The tick is a
single-shot QTimer re-armed with `next_tick_delay`, so it lands on each second boundary and does
not drift over a long day.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from facilitator.core.run_of_show import (
    Clock,
    PlannedItem,
    RunOfShow,
    SystemClock,
    delay_seconds,
    format_countdown,
    format_minutes,
    next_tick_delay,
    on_the_day_of,
    projected_end,
)
from facilitator.i18n import _
from facilitator.store import replanning
from facilitator.store import run_of_show as ros
from facilitator.store.agenda import AgendaEntry, agenda
from facilitator.ui.context import AppContext

AREA_AGENDA = "agenda"
# Minutes added or removed are told to the other screens once a burst of +/− is over: each press
# is one small write and an immediate display, not a reload of every screen.
ANNOUNCE_MS = 400
NORMAL = "normal"
NEAR_END = "near_end"
OVERRUN = "overrun"
BREAK_KINDS = ("pause", "repas")


@dataclass(frozen=True)
class TimerSnapshot:
    """What a timer display shows at one tick (also for a projector mirroring it)."""

    title: str
    countdown: str
    state: str  # NORMAL, NEAR_END or OVERRUN
    next_title: str
    warning: str = ""  # « Il reste 5 min », « Temps écoulé », « En pause »
    elapsed: str = ""
    delay: str = ""
    projected_end: str = ""
    item_id: int | None = None
    started: bool = False
    paused: bool = False
    can_start: bool = False  # idle with an item to start
    can_go_back: bool = False  # « previous » has an item to go back to
    zone: dt.tzinfo | None = None  # the workshop's time zone, for a clock shown next to it
    parent_title: str = ""  # the item a running sub-item belongs to


@dataclass(frozen=True)
class AgendaRow:
    """One line of the day's list: a runnable item, or a header for an item with sub-items."""

    entry: AgendaEntry
    runnable: bool
    indent: bool


def _rows(entries: list[AgendaEntry], day: dt.date | None) -> list[AgendaRow]:
    rows: list[AgendaRow] = []
    for entry in entries:
        if entry.day != day:
            continue
        if entry.children:
            rows.append(AgendaRow(entry, runnable=False, indent=False))
            rows.extend(AgendaRow(child, runnable=True, indent=True) for child in entry.children)
        else:
            rows.append(AgendaRow(entry, runnable=True, indent=False))
    return rows


def delay_text(seconds: float) -> str:
    """« En retard de 12 min », « En avance de 1 h 07 » or « À l'heure »."""
    minutes = round(seconds / 60)
    if minutes > 0:
        return _("Late by {time}").format(time=format_minutes(minutes))
    if minutes < 0:
        return _("Ahead by {time}").format(time=format_minutes(-minutes))
    return _("On time")


class TimerController(QObject):
    """The live item's timer of the context's workshop, and the actions on it."""

    changed = Signal()  # the agenda or the live item changed: the list must be redrawn
    tick = Signal(object)  # a TimerSnapshot, at each displayed second and after each change

    def __init__(
        self, context: AppContext, clock: Clock | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.clock: Clock = clock or SystemClock()
        self.timer: RunOfShow = RunOfShow(self.clock)
        self.rows: list[AgendaRow] = []
        self.can_undo_replan = False
        self._next_id: int | None = None
        self._previous_id: int | None = None
        self._ticker = QTimer(self, singleShot=True)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.timeout.connect(self.on_tick)
        self._announce = QTimer(self, singleShot=True, interval=ANNOUNCE_MS)
        self._announce.timeout.connect(self.announce_now)
        self._announcing = False
        context.data_changed.connect(self._data_changed)
        context.workshop_changed.connect(self._workshop_changed)
        self.reload()

    # -- reading ---------------------------------------------------------------------------------
    @property
    def workshop_id(self) -> int | None:
        return self.context.workshop_id

    def reload(self) -> None:
        """Read the saved timer and the day's agenda again, then tick."""
        wid = self.workshop_id
        if wid is None:
            self.timer = RunOfShow(self.clock)
            self.rows = []
            self._next_id = None
            self._previous_id = None
            self.can_undo_replan = False
        else:
            with self.context.db.read() as session:
                self.timer = ros.current_timer(session, wid, self.clock)
                self._next_id = ros.next_item_id(session, wid, self.clock)
                self._previous_id = ros.previous_item_id(session, wid, self.clock)
                entries = agenda(session, wid)
                self.can_undo_replan = replanning.can_undo(session, wid)
            live = self.timer.state.item_id
            day = self._day_of(entries, live if live is not None else self._next_id)
            self.rows = _rows(entries, day)
        self.changed.emit()
        self.on_tick()

    @staticmethod
    def _day_of(entries: list[AgendaEntry], item_id: int | None) -> dt.date | None:
        for entry in entries:
            for candidate in (entry, *entry.children):
                if candidate.id == item_id:
                    return candidate.day
        return entries[0].day if entries else None

    def _runnable(self) -> list[AgendaEntry]:
        return [row.entry for row in self.rows if row.runnable]

    def _entry(self, item_id: int | None) -> AgendaEntry | None:
        return next((e for e in self._runnable() if e.id == item_id), None)

    @property
    def next_item_id(self) -> int | None:
        """The item « next » (or, idle, « Space ») would start."""
        return self._next_id

    @property
    def previous_item_id(self) -> int | None:
        """The item « previous » would start again."""
        return self._previous_id

    def _parent_title(self, item_id: int) -> str:
        """The title of the item whose sub-item `item_id` is, "" for a top-level item."""
        header = ""
        for row in self.rows:
            if not row.runnable:
                header = row.entry.title
            elif row.entry.id == item_id:
                return header if row.indent else ""
        return ""

    def _entry_after(self, item_id: int) -> AgendaEntry | None:
        runnable = self._runnable()
        ids = [entry.id for entry in runnable]
        index = ids.index(item_id) + 1 if item_id in ids else len(ids)
        return runnable[index] if index < len(runnable) else None

    def snapshot(self) -> TimerSnapshot:
        """The display at this instant."""
        snap = self._snapshot()
        if self.rows:
            snap = replace(snap, zone=self.rows[0].entry.planned_start.tzinfo)
        return snap

    def _snapshot(self) -> TimerSnapshot:
        timer = self.timer
        live = self._entry(timer.state.item_id) if timer.started else None
        upcoming = self._entry(self._next_id)
        next_title = upcoming.title if upcoming is not None else ""
        if live is None:
            if upcoming is None:
                title = (
                    _("The day's agenda has been run") if self.rows else _("No agenda for this day")
                )
                back = self._previous_id is not None
                return TimerSnapshot(
                    title=title,
                    countdown="--:--",
                    state=NORMAL,
                    next_title="",
                    warning=_("P takes back the last item") if back else "",
                    can_go_back=back,
                )
            # Idle: the item « Space » would start is the title; « next » is the one after it.
            after = self._entry_after(upcoming.id)
            duration = (upcoming.planned_end - upcoming.planned_start).total_seconds()
            return TimerSnapshot(
                title=upcoming.title,
                countdown=format_countdown(duration),
                state=NORMAL,
                next_title=after.title if after is not None else "",
                warning=_("Not started"),
                can_start=True,
                can_go_back=self._previous_id is not None,
            )
        remaining = timer.remaining()
        if timer.overrun():
            state, warning = OVERRUN, _("Time's up")
        elif timer.near_end():
            state = NEAR_END
            warning = _("{n} min left").format(n=max(1, math.ceil(remaining / 60)))
        else:
            state, warning = NORMAL, ""
        if timer.paused:
            warning = f"{_('Paused')} · {warning}" if warning else _("Paused")
        delay, end = self._day_outlook(live, remaining)
        return TimerSnapshot(
            title=live.title,
            countdown=format_countdown(remaining),
            state=state,
            next_title=next_title,
            warning=warning,
            elapsed=format_countdown(math.floor(timer.elapsed())),
            delay=delay,
            projected_end=end,
            item_id=live.id,
            started=True,
            paused=timer.paused,
            can_go_back=self._previous_id is not None,
            parent_title=self._parent_title(live.id),
        )

    def _day_outlook(self, live: AgendaEntry, remaining: float) -> tuple[str, str]:
        entries = self._runnable()
        items = [
            PlannedItem(
                id=e.id,
                planned_start=e.planned_start,
                duration_s=int((e.planned_end - e.planned_start).total_seconds()),
                fixed=e.fixed,
                is_break=e.kind in BREAK_KINDS,
            )
            for e in entries
        ]
        index = [e.id for e in entries].index(live.id)
        now = self.clock.now()
        items = on_the_day_of(items, now)
        late = delay_seconds(items, index, now, remaining)
        end = projected_end(items, index, now, remaining).astimezone(live.planned_start.tzinfo)
        return delay_text(late), end.strftime("%H:%M")

    # -- ticking ---------------------------------------------------------------------------------
    def on_tick(self) -> None:
        """Emit the display of this instant and arm the next tick on the next second boundary."""
        self.tick.emit(self.snapshot())
        if self.timer.running:
            delay = next_tick_delay(self.clock, self.timer.remaining())
            self._ticker.start(max(1, math.ceil(delay)))
        else:
            self._ticker.stop()

    def stop_ticking(self) -> None:
        self._ticker.stop()

    def _data_changed(self, area: str) -> None:
        if area == AREA_AGENDA and not self._announcing:
            self.reload()

    def _workshop_changed(self, _workshop_id: int) -> None:
        self.reload()

    # -- actions ---------------------------------------------------------------------------------
    def _done(self) -> None:
        self._announce.stop()  # this announcement covers minutes added just before
        self.context.data_changed.emit(AREA_AGENDA)

    def announce_now(self) -> None:
        """Tell the other screens (notes, editor, projector) that the run of show changed."""
        self._announce.stop()
        self._announcing = True
        try:
            self.context.data_changed.emit(AREA_AGENDA)
        finally:
            self._announcing = False

    def toggle(self) -> None:
        """Start the first (next) item when idle, else pause or resume."""
        wid = self.workshop_id
        if wid is None:
            return
        if not self.timer.started:
            if self._next_id is None:
                return
            ros.start_item(self.context.db, wid, self._next_id, self.clock)
        elif self.timer.paused:
            ros.resume(self.context.db, wid, self.clock)
        else:
            ros.pause(self.context.db, wid, self.clock)
        self._done()

    def next(self) -> None:
        """Go to the next item or sub-item (start the first one when idle)."""
        if self.workshop_id is None:
            return
        ros.next_item(self.context.db, self.workshop_id, self.clock)
        self._done()

    def previous(self) -> None:
        """Start the previous item or sub-item again (idle: the one that ended last)."""
        if self.workshop_id is None or self._previous_id is None:
            return
        ros.previous_item(self.context.db, self.workshop_id, self.clock)
        self._done()

    def add_minutes(self, minutes: int) -> None:
        """Give the live item more minutes, or fewer: written at once and shown at once.

        Only the timer changes, so the agenda is not read again; the other screens hear of it
        once the facilitator stops pressing.
        """
        if self.workshop_id is None or not self.timer.started:
            return
        state = ros.add_minutes(self.context.db, self.workshop_id, minutes, self.clock)
        self.timer = RunOfShow(self.clock, state)
        self.on_tick()
        self._announce.start()

    def add_minute(self) -> None:
        self.add_minutes(1)

    def remove_minute(self) -> None:
        self.add_minutes(-1)

    def undo_replan(self) -> int:
        """Put back the durations of the last re-plan; how many items changed back."""
        if self.workshop_id is None or not self.can_undo_replan:
            return 0
        count = replanning.undo_last(self.context.db, self.workshop_id, self.clock)
        self._done()
        return count
