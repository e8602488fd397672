"""+ and − pressed in a burst, on demand: `python -m pytest tests/perf/test_perf_timer_keys.py -s`.

Each press is one small write and the display of the new time; measured against the write
alone (the store's `add_minutes`, one transaction), in the same run.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.core.run_of_show import FakeClock
from facilitator.store import run_of_show as ros
from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.projector import ProjectorWindow
from facilitator.ui.agenda.timer_screen import TimerScreen
from facilitator.ui.context import AppContext
from tests.perf.ratio import compare

MIGRATION = "migration-circulaire-dakar-2025"
DAY_START = dt.datetime(2025, 3, 25, 8, 30, tzinfo=dt.UTC)
PRESSES = 20


def test_a_press_of_plus_costs_little_more_than_its_write(qtbot: QtBot, demo_db: Database) -> None:
    context = AppContext(demo_db)
    context.set_workshop(context.read(lambda s: find_workshop(s, MIGRATION).id))
    workshop_id = context.workshop_id or 0
    clock = FakeClock(DAY_START)
    screen = TimerScreen(context, clock=clock)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.resize(1920, 1080)
    projector.show()
    screen.tick.connect(projector.show_snapshot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)

    def presses() -> None:
        for _ in range(PRESSES):
            qtbot.keyClick(screen, Qt.Key.Key_Plus)

    def writes() -> None:
        for _ in range(PRESSES):
            ros.add_minutes(demo_db, workshop_id, 1, clock)

    ratio = compare(f"{PRESSES} presses of +", presses, writes, f"{PRESSES} bare writes")
    assert ratio < 2.0
