"""The re-plan proposal from the timer screen: R opens it, Apply writes it, Ctrl+Z undoes it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from facilitator.core.run_of_show import FakeClock
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.replan_dialog import ReplanDialog
from facilitator.ui.agenda.timer_screen import TimerScreen
from facilitator.ui.context import AppContext

MIGRATION = "migration-circulaire-dakar-2025"
DAY_START = dt.datetime(2025, 3, 25, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, MIGRATION).id))
    return ctx


def _durations(db: Database) -> dict[str, int]:
    with db.read() as session:
        rows = session.scalars(select(AgendaItem).where(AgendaItem.parent_id.is_not(None)))
        return {row.title + str(row.id): row.duration_minutes for row in rows}


def _late_screen(qtbot: QtBot, context: AppContext) -> tuple[TimerScreen, FakeClock]:
    clock = FakeClock(DAY_START)
    screen = TimerScreen(context, clock=clock)
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # the welcome starts at 08:30…
    clock.advance(3600)  # …and still runs at 09:30: half an hour late
    screen.controller.on_tick()
    return screen, clock


def test_the_dialog_shows_the_proposal_and_follows_the_rule(
    qtbot: QtBot, context: AppContext
) -> None:
    screen, clock = _late_screen(qtbot, context)
    assert context.workshop_id is not None
    dialog = ReplanDialog(context, context.workshop_id, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "finit à 17:30 (prévu 17:00)" in dialog.summary.text()
    assert "la journée finit à 17:00" in dialog.summary.text()
    titles = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert "Déjeuner (fixe)" in titles
    pause_row = titles.index("Pause-café")
    assert dialog.table.item(pause_row, 4).text() == "26 min"  # 30 × 180 / 210, rounded
    # On the round indicator: a radio button's label ends before the widget's middle.
    radio = dialog.breaks_first
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert dialog.table.item(pause_row, 4).text() == "5 min"
    dialog.minimum.setValue(10)
    assert dialog.table.item(pause_row, 4).text() == "10 min"
    assert screen.controller.timer.started


def test_r_opens_the_proposal_apply_writes_it_and_ctrl_z_undoes_it(
    qtbot: QtBot, context: AppContext, demo_db: Database
) -> None:
    screen, _clock = _late_screen(qtbot, context)
    before = _durations(demo_db)
    assert "En retard de 30 min" in screen.delay.text()
    assert not screen.undo_replan_button.isEnabled()

    def click_apply() -> None:
        dialog = screen.replan_dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_apply)
    qtbot.keyClick(screen, Qt.Key.Key_R)
    after = _durations(demo_db)
    assert after != before and all(after[k] <= before[k] for k in before)
    assert "Nouveau plan appliqué à 9 points" in screen.replan_status.text()
    assert "À l’heure" in screen.delay.text()
    assert screen.undo_replan_button.isEnabled()

    qtbot.keyClick(screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _durations(demo_db) == before
    assert "En retard de 30 min" in screen.delay.text()
    assert "9 points retrouvent leur durée" in screen.replan_status.text()
    assert not screen.undo_replan_button.isEnabled()


def test_cancel_writes_nothing(qtbot: QtBot, context: AppContext, demo_db: Database) -> None:
    screen, _clock = _late_screen(qtbot, context)
    before = _durations(demo_db)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReplanDialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    qtbot.mouseClick(screen.replan_button, Qt.MouseButton.LeftButton)
    assert _durations(demo_db) == before
    assert screen.replan_status.text() == ""
