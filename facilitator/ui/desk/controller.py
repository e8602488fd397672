"""What the check-in desk does, apart from how it looks: scans, check-ins, undo, live counts.

A scan runs on the UI thread because the desk must show green only once the check-in is
committed, and that commit is the one thing worth waiting for. Everything slower (the list of
10,000 participants for the name search, the counts) loads in a worker thread, and is kept
right meanwhile by applying the desk's own check-ins to it in memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Signal

from facilitator.core.name_match import NameIndex
from facilitator.i18n import _
from facilitator.store.checkin import (
    ALREADY,
    CHECKED_IN,
    OUTSIDE_DATES,
    REJECTED,
    DayCheck,
    PresenceCounts,
    ScanResult,
    check_in,
    day_check,
    presence_counts,
    scan,
    undo_check_in,
)
from facilitator.store.participants import ParticipantView
from facilitator.store.workshops import get_workshop
from facilitator.ui.context import AREA_PARTICIPANTS, AREA_WORKSHOPS, AppContext
from facilitator.ui.desk import advice
from facilitator.ui.desk.counts import adjusted
from facilitator.ui.desk.day_question import NO, YES, DayAnswers
from facilitator.ui.desk.late_arrival import LateArrivals
from facilitator.ui.desk.names import DeskList, NameMatchModel, participants_and_index
from facilitator.ui.desk.sounds import SoundPlayer
from facilitator.ui.widgets.memory import collector_paused, settle_long_lived_objects

log = logging.getLogger(__name__)

AREA_CHECKINS = "checkins"
Held = tuple[Callable[..., ScanResult], ScanResult]  # a check-in to run again, and its outcome
SETTINGS = ("facilitator", "facilitator")
DESK_KEY, SOUND_KEY = "desk/name", "desk/sound"
RECONCILE_MS = 2_000  # after the last check-in here, recount from the database (other desks)
PERIODIC_MS = 30_000  # and every half minute while the desk is shown


class _Relay(QObject):
    """Carries a worker's result to the UI thread; owned by no widget, so it outlives them."""

    done = Signal(str, int, object)  # what was loaded, its generation, the result or the error


def _report(relay: _Relay, what: str, generation: int, future: Future[Any]) -> None:
    try:
        result: object = future.result()
    except Exception as exc:  # shown by the controller, never lost in the thread
        result = exc
    with contextlib.suppress(RuntimeError):  # the app is closing
        relay.done.emit(what, generation, result)


class DeskController(QObject):
    """The desk's operations and the state they leave: last check-ins, counts, the name list."""

    result_ready = Signal(object)  # ScanResult, once committed
    question = Signal(object)  # a held ScanResult: today is outside the dates, the desk asks
    undone = Signal(object, bool)  # ParticipantView taken back, whether a check-in was removed
    counts_changed = Signal(object)  # PresenceCounts
    names_changed = Signal()  # the name search list was (re)loaded
    header_changed = Signal()  # workshop title or day
    history_changed = Signal()  # what « undo the last check-in » would take back
    load_failed = Signal(str)

    def __init__(
        self, context: AppContext, sounds: SoundPlayer | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.sounds = sounds or SoundPlayer(self)
        settings = QSettings(*SETTINGS)
        self.sounds.enabled = bool(settings.value(SOUND_KEY, True, type=bool))
        self._desk_name = str(settings.value(DESK_KEY, "") or "").strip()
        if not self._desk_name:
            # Kept once chosen: a language switch must not turn « Poste 1 » into « Desk 1 ».
            self._desk_name = _("Desk 1")
            settings.setValue(DESK_KEY, self._desk_name)
        self.names = NameMatchModel()
        self.late = LateArrivals(context, parent=self)  # group offers for late arrivals
        self.counts: PresenceCounts | None = None
        self.title = ""
        self.day: dt.date | None = None
        self.dates: DayCheck | None = None  # today against the workshop's dates
        self.name_index = NameIndex(())
        self.surnames_in_capitals = False  # how the list writes surnames (walk-ins follow it)
        self.history: list[ScanResult] = []  # check-ins made at this desk, the newest last
        self.day_answers = DayAnswers(context)
        self.held: list[Held] = []  # check-ins waiting for the day's answer
        self.refused_today: Held | None = None  # the last one not recorded after a « no »
        self.names_ready = False
        self.active = False
        self._stale = {"names", "counts", "header"}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-load")
        self._relay = _Relay()
        self._relay.done.connect(self._loaded)
        self._generation = {"names": 0, "counts": 0}
        self._in_flight = 0
        self._mutations = 0  # local changes to counts; a recount started before one is redone
        self._counts_asked_at = 0
        self._overrides: dict[int, ParticipantView] = {}
        self._announcing = False
        self._closed = False
        self._reconcile = QTimer(self, singleShot=True, interval=RECONCILE_MS)
        self._reconcile.timeout.connect(self.refresh_counts)
        self._periodic = QTimer(self, interval=PERIODIC_MS)
        self._periodic.timeout.connect(self._periodic_refresh)
        # Bound methods, not lambdas: Qt drops them when this controller is destroyed.
        context.workshop_changed.connect(self._workshop_changed)
        context.data_changed.connect(self._data_changed)

    # -- settings ------------------------------------------------------------------------------
    @property
    def desk_name(self) -> str:
        return self._desk_name or _("Desk 1")

    def set_desk_name(self, name: str) -> None:
        self._desk_name = " ".join(name.split())
        QSettings(*SETTINGS).setValue(DESK_KEY, self._desk_name)

    def set_sound(self, enabled: bool) -> None:
        self.sounds.enabled = enabled
        QSettings(*SETTINGS).setValue(SOUND_KEY, enabled)

    # -- scanning and checking in ----------------------------------------------------------------
    def scan(self, typed: str) -> ScanResult | None:
        """Check in whoever's badge was scanned; None when nothing was typed."""
        if not typed.strip():
            return None
        return self._record(functools.partial(scan, typed=typed))

    def check_in_participant(self, participant_id: int) -> ScanResult:
        """Check someone in found by name (no badge)."""
        return self._record(functools.partial(check_in, participant_id=participant_id))

    def _record(
        self, operation: Callable[..., ScanResult], allow_outside: bool = False
    ) -> ScanResult:
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            reason = _("No workshop is open: choose one first.")
            result = ScanResult(REJECTED, None, None, "", reason, cause=advice.NO_WORKSHOP)
        else:
            try:
                with collector_paused():
                    result = operation(
                        self.context.db,
                        workshop_id,
                        desk=self.desk_name,
                        allow_outside=allow_outside,
                    )
            except Exception as exc:  # the desk never crashes: it says red, and what to do
                what, what_to_do = advice.failure(exc, self.context.db.path)
                reason = f"{what}\n{what_to_do}"
                result = ScanResult(REJECTED, None, None, "", reason, cause=advice.FAILURE)
        if result.status == OUTSIDE_DATES and result.today is not None:
            answer = self.day_answers.answer(result.today)
            if answer == YES:  # said earlier today at this desk
                return self._record(operation, allow_outside=True)
            if answer is None:
                self.held.append((operation, result))
                self.question.emit(result)
                self.sounds.play(ALREADY)
                return result
            self.refused_today = (operation, result)
        self.result_ready.emit(result)  # the panel shows it now, the commit being done
        self.sounds.play(REJECTED if result.status == OUTSIDE_DATES else result.status)
        if result.participant is not None and result.status in (CHECKED_IN, ALREADY):
            delta = 1 if result.status == CHECKED_IN else 0
            self._participant_changed(result.participant, delta, result.day)
        if result.status == CHECKED_IN:
            self.history.append(result)
            self.history_changed.emit()
            self._announce()
        return result

    def answer_day(self, record: bool) -> None:
        """The agent's answer for today: record the held check-ins, or record nothing today."""
        held, self.held = self.held, []
        if not held and self.refused_today is not None:
            held = [self.refused_today] if record else []
        if not held:
            return
        today = held[0][1].today
        assert today is not None
        self.day_answers.remember(today, YES if record else NO)
        if record:
            self.refused_today = None
            for operation, _result in held:
                self._record(operation, allow_outside=True)
        else:
            for operation, result in held:
                self.refused_today = (operation, result)
                self.result_ready.emit(result)
                self.sounds.play(REJECTED)

    def undo_last(self) -> ParticipantView | None:
        """Take back the last check-in made at this desk; None when there is none."""
        if not self.history:
            return None
        last = self.history.pop()
        assert last.participant is not None and last.day is not None
        try:
            removed = undo_check_in(self.context.db, last.participant.id, last.day)
        except Exception:
            self.history.append(last)
            raise
        view = replace(last.participant, checked_in_at=None, desk="")
        if removed:
            self._participant_changed(view, -1, last.day)
            self.late.take_back(view.id)  # not here after all: not in a group either
        self.history_changed.emit()
        self.undone.emit(view, removed)
        self._announce()
        return view

    def last_checked_in(self) -> ParticipantView | None:
        return self.history[-1].participant if self.history else None

    def _participant_changed(self, view: ParticipantView, delta: int, day: dt.date | None) -> None:
        self.names.update_row(view)
        self._overrides[view.id] = view
        if delta == 0:
            return
        self._mutations += 1
        if self.counts is not None and self.counts.day == day:
            self.counts = adjusted(self.counts, view, delta)
            self.counts_changed.emit(self.counts)
        self._reconcile.start()

    def _announce(self) -> None:
        self._announcing = True
        try:
            self.context.data_changed.emit(AREA_CHECKINS)
        finally:
            self._announcing = False

    # -- loading -------------------------------------------------------------------------------
    def set_active(self, active: bool) -> None:
        """The desk is shown (reload what went stale, recount regularly) or hidden."""
        self.active = active
        if active:
            self._periodic.start()
            self._reload(self._stale)
        else:
            self._periodic.stop()

    def reload(self) -> None:
        self._reload({"names", "counts", "header"})

    def _reload(self, what: set[str]) -> None:
        what = set(what)  # may be self._stale itself, emptied below
        if not self.active:
            self._stale |= what
            return
        self._stale -= what
        if "header" in what:
            self._load_header()
        if "names" in what:
            self._submit("names", participants_and_index)
        if "counts" in what:
            self.refresh_counts()

    def _periodic_refresh(self) -> None:
        day = self.day
        self._load_header()
        self._reload({"counts"} if self.day == day else {"names", "counts"})  # past midnight

    def refresh_counts(self) -> None:
        if not self.active:
            self._stale.add("counts")
            return
        self._counts_asked_at = self._mutations
        self._submit("counts", presence_counts)

    def _load_header(self) -> None:
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            self.title, self.day, self.dates = "", None, None
        else:

            def query(session: Any) -> tuple[str, DayCheck]:
                workshop = get_workshop(session, workshop_id)
                return workshop.title, day_check(workshop)

            self.title, self.dates = self.context.read(query)
            self.day = self.dates.day
        self.header_changed.emit()

    def _submit(self, what: str, query: Callable[[Any, int], object]) -> None:
        self._generation[what] += 1
        generation = self._generation[what]
        workshop_id = self.context.workshop_id
        if what == "names":
            self._overrides.clear()
        if workshop_id is None:
            self._apply(what, [] if what == "names" else None)
            return
        if self._closed:
            return
        db = self.context.db

        def job() -> object:
            with db.read() as session:  # one session per thread
                return query(session, workshop_id)

        self._in_flight += 1
        future = self._executor.submit(job)
        future.add_done_callback(functools.partial(_report, self._relay, what, generation))

    def _loaded(self, what: str, generation: int, result: object) -> None:
        self._in_flight -= 1
        if generation != self._generation[what]:
            return  # a newer load is on its way
        if isinstance(result, Exception):
            log.error("desk: loading %s failed: %s", what, result)
            self.load_failed.emit(str(result))
            return
        self._apply(what, result)

    def _apply(self, what: str, result: object) -> None:
        if what == "names":
            loaded = result if isinstance(result, DeskList) else DeskList([], NameIndex(()), False)
            rows = [self._overrides.get(row.id, row) for row in loaded.rows]
            self.names.set_rows(rows)
            self.name_index = loaded.name_index
            self.surnames_in_capitals = loaded.surnames_in_capitals
            settle_long_lived_objects()
            self.names_ready = True
            self.names_changed.emit()
        elif result is not None and self._counts_asked_at != self._mutations:
            self.refresh_counts()  # counted before a check-in made here meanwhile: count again
        else:
            self.counts = result  # type: ignore[assignment]
            self.counts_changed.emit(self.counts)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Process events until no load is on its way (tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        while self._in_flight and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.002)
        QCoreApplication.processEvents()
        return not self._in_flight

    def shutdown(self) -> None:
        """Stop loading and recounting for good (the desk is going away)."""
        self._closed = True
        self.late.shutdown()
        self._periodic.stop()
        self._reconcile.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- announcements ---------------------------------------------------------------------------
    def _workshop_changed(self, _workshop_id: int) -> None:
        self.held.clear()  # asked about another workshop's dates
        self.refused_today = None
        self.history.clear()
        self.history_changed.emit()
        self.counts = None
        self.names_ready = False
        self.reload()

    def _data_changed(self, area: str) -> None:
        if area == AREA_CHECKINS and self._announcing:
            return  # our own check-in: already applied in memory
        if area in (AREA_PARTICIPANTS, AREA_CHECKINS):
            self._reload({"names", "counts"})
        elif area == AREA_WORKSHOPS:
            self._reload({"header", "counts"})
