"""The timer screen driven from the keyboard with a fake clock: start, next, minutes, warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.core.run_of_show import FakeClock
from facilitator.store import run_of_show as ros
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.timer_controller import NEAR_END, NORMAL, OVERRUN, TimerSnapshot
from facilitator.ui.agenda.timer_screen import TimerScreen
from facilitator.ui.context import AppContext

MIGRATION = "migration-circulaire-dakar-2025"
# The first day of the demo workshop, 08:30 in Dakar (UTC+0): « Accueil », 30 minutes.
DAY_START = dt.datetime(2025, 3, 25, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, MIGRATION).id))
    return ctx


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(DAY_START)


def _screen(qtbot: QtBot, context: AppContext, clock: FakeClock) -> TimerScreen:
    screen = TimerScreen(context, clock=clock)
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    return screen


def _advance(screen: TimerScreen, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen.controller.on_tick()


def test_space_starts_the_first_item_and_the_countdown_follows_the_clock(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    assert screen.start_button.text() == "Démarrer"
    changes: list[str] = []
    context.data_changed.connect(changes.append)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert changes == ["agenda"]
    assert screen.title.text() == "Accueil et installation des participants"
    assert screen.countdown.text() == "30:00"
    assert screen.start_button.text() == "Pause"
    assert screen.agenda_list.item(screen.live_row()).text().lstrip().startswith("▶")
    with qtbot.waitSignal(screen.tick) as blocker:
        _advance(screen, clock, 600)
    snap = blocker.args[0]
    assert isinstance(snap, TimerSnapshot)
    assert screen.countdown.text() == snap.countdown == "20:00"
    assert snap.state == NORMAL
    with context.db.read() as session:
        upcoming = ros.next_item_id(session, context.workshop_id or 0, clock)
        assert snap.next_title == session.get(AgendaItem, upcoming).title  # type: ignore[union-attr]
    assert screen.next_label.text() == f"Ensuite\u00a0: {snap.next_title}"
    assert screen.elapsed.text() == "Écoulé\u00a0: 10:00"
    assert screen.delay.text() == "À l’heure"
    assert "Fin de journée prévue" in screen.projected.text()
    # The display ticks on the next second boundary (a single-shot timer, re-armed each tick).
    ticker = screen.controller._ticker
    assert ticker.isActive() and ticker.isSingleShot()
    assert 1000 <= ticker.interval() <= 1010


def test_space_pauses_and_resumes(qtbot: QtBot, context: AppContext, clock: FakeClock) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _advance(screen, clock, 60)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.start_button.text() == "Reprendre"
    assert "En pause" in screen.warning.text()
    _advance(screen, clock, 300)
    assert screen.countdown.text() == "29:00"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _advance(screen, clock, 60)
    assert screen.countdown.text() == "28:00"


def test_n_goes_to_the_next_item_and_the_store_keeps_the_actual_times(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    first = screen.controller.timer.state.item_id
    _advance(screen, clock, 35 * 60)
    qtbot.keyClick(screen, Qt.Key.Key_N)
    second = screen.controller.timer.state.item_id
    assert second is not None and second != first
    with context.db.read() as session:
        done = session.get(AgendaItem, first)
        live = session.get(AgendaItem, second)
        assert done is not None and live is not None
        assert done.actual_start == dt.datetime(2025, 3, 25, 8, 30)
        assert done.actual_end == dt.datetime(2025, 3, 25, 9, 5)
        assert live.actual_start == dt.datetime(2025, 3, 25, 9, 5)
        assert live.actual_end is None
        assert screen.title.text() == live.title
    assert screen.delay.text() == "En retard de 5 min"
    qtbot.keyClick(screen, Qt.Key.Key_P)
    assert screen.controller.timer.state.item_id == first


def test_plus_and_minus_change_the_time_left(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_Plus)
    assert screen.countdown.text() == "31:00"
    with context.db.read() as session:
        assert ros.load_state(session, context.workshop_id or 0).extra_seconds == 60
    qtbot.keyClick(screen, Qt.Key.Key_Minus)
    qtbot.keyClick(screen, Qt.Key.Key_Minus)
    assert screen.countdown.text() == "29:00"


def test_near_end_and_overrun_are_said_in_words(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _advance(screen, clock, 26 * 60)
    assert screen.countdown.text() == "04:00"
    assert screen.warning.text() == "Il reste 4 min"
    assert screen.controller.snapshot().state == NEAR_END
    assert "#ffbf00" in screen.frame.styleSheet()
    _advance(screen, clock, 5 * 60)
    assert screen.warning.text() == "Temps écoulé"
    assert screen.countdown.text() == "+01:00"
    assert screen.controller.snapshot().state == OVERRUN
    assert "#c62828" in screen.frame.styleSheet()


def test_a_restarted_screen_shows_the_same_time_left(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _advance(screen, clock, 12 * 60 + 30)
    assert screen.countdown.text() == "17:30"
    screen.close()
    screen.deleteLater()
    clock.advance(30)  # the app was down for half a minute
    again = _screen(qtbot, AppContext(context.db), clock)
    again.context.set_workshop(context.workshop_id)
    assert again.countdown.text() == "17:00"
    assert again.title.text() == "Accueil et installation des participants"


def test_idle_shows_the_item_to_start_then_the_one_after_and_the_end_of_the_day(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    snap = screen.controller.snapshot()
    assert snap.title == "Accueil et installation des participants"
    assert snap.next_title and snap.next_title != snap.title  # the sub-item after it
    for _ in range(30):  # run through the whole day with N, one step past the last item
        qtbot.keyClick(screen, Qt.Key.Key_N)
    snap = screen.controller.snapshot()
    assert not snap.started and snap.next_title == ""
    assert snap.title == "Le programme de la journée est terminé"
    assert screen.next_label.text() == "" and screen.now_label.text() == ""
    assert not screen.start_button.isEnabled() and not screen.next_button.isEnabled()
    # One N too many is not the end of the world: P takes the closing back.
    assert snap.warning == "P pour reprendre le dernier point"
    assert screen.previous_button.isEnabled()
    qtbot.keyClick(screen, Qt.Key.Key_P)
    snap = screen.controller.snapshot()
    assert snap.started and snap.title == "Mot de clôture"


def test_a_rehearsal_on_another_date_is_on_time_not_months_late(
    qtbot: QtBot, context: AppContext
) -> None:
    clock = FakeClock(dt.datetime(2026, 11, 22, 8, 30, tzinfo=dt.UTC))  # not the workshop's date
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    _advance(screen, clock, 600)
    assert screen.delay.text() == "À l’heure"
    assert screen.projected.text().endswith("17:00")


def test_a_running_sub_item_is_shown_with_its_session(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.now_label.text() == "Maintenant"  # the welcome has no sub-items
    qtbot.keyClick(screen, Qt.Key.Key_N)
    snap = screen.controller.snapshot()
    assert snap.title == "Mot de bienvenue"
    assert snap.parent_title == "Ouverture et présentation des objectifs de l’atelier"
    assert screen.now_label.text() == f"Maintenant — {snap.parent_title}"


def test_a_delay_of_an_hour_or_more_reads_in_hours_and_minutes(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # « Accueil », 30 minutes
    _advance(screen, clock, (30 + 67) * 60)
    assert screen.delay.text() == "En retard de 1 h 07"
    assert screen.controller.snapshot().delay == screen.delay.text()
    assert screen.countdown.text() == "+1:07:00"


def test_repeated_plus_and_minus_each_act_at_once(
    qtbot: QtBot, context: AppContext, clock: FakeClock
) -> None:
    screen = _screen(qtbot, context, clock)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    changes: list[str] = []
    context.data_changed.connect(changes.append)
    reloads: list[None] = []
    screen.controller.changed.connect(lambda: reloads.append(None))
    shown: list[str] = []
    screen.tick.connect(lambda snap: shown.append(snap.countdown))
    wid = context.workshop_id or 0
    # A burst of presses, as fast as a hand (or the key's auto-repeat) sends them: each one is
    # written and on the screen before the next arrives; nothing waits for the event loop.
    for n in range(1, 6):
        qtbot.keyClick(screen, Qt.Key.Key_Plus)
        assert screen.countdown.text() == f"{30 + n}:00"
        assert shown[-1] == f"{30 + n}:00"  # the projector hears it at the same moment
        with context.db.read() as session:
            assert ros.load_state(session, wid).extra_seconds == 60 * n
    qtbot.keyClick(screen, Qt.Key.Key_Minus)
    qtbot.keyClick(screen, Qt.Key.Key_Minus)
    assert screen.countdown.text() == "33:00"
    # The presses did not each reload the day's agenda on every screen: the other screens hear
    # of the change once, when the burst is over.
    assert reloads == [] and changes == []
    qtbot.waitUntil(lambda: changes == ["agenda"], timeout=5_000)
    assert screen.countdown.text() == "33:00"


def test_an_empty_agenda_says_what_to_do_and_leads_to_the_agenda_tab(
    qtbot: QtBot, demo_db: Database
) -> None:
    from facilitator.store.workshops import WorkshopDetails, create_workshop
    from facilitator.ui.agenda.agenda_screen import AgendaScreen

    ctx = AppContext(demo_db)
    day = dt.date(2025, 6, 2)
    with demo_db.write() as session:
        details = WorkshopDetails("Atelier sans programme", day, day)
        workshop_id = create_workshop(session, details).id
    ctx.set_workshop(workshop_id)
    agenda_screen = AgendaScreen(ctx)
    qtbot.addWidget(agenda_screen)
    agenda_screen.resize(1024, 700)
    agenda_screen.show()
    timer = agenda_screen.timer_screen
    assert timer.empty.isVisible()
    assert "pas encore de programme" in timer.empty_text.text()
    assert not timer.frame.isVisible() and not timer.start_button.isVisible()
    assert timer.empty_button.text() == "Saisir le programme…"
    qtbot.mouseClick(timer.empty_button, Qt.MouseButton.LeftButton)
    assert agenda_screen.tabs.currentWidget() is agenda_screen.editor
    # A workshop with an agenda shows the countdown, not the empty state.
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, MIGRATION).id))
    agenda_screen.show_timer()
    assert not timer.empty.isVisible() and timer.frame.isVisible()
