"""Benchmarks for the run of show (issue 4), on demand: `python -m pytest tests/perf -s`.

A tick repaints the timer screen and the projector in under 5 ms; the app stays under 2 % CPU
while the timer runs (measured in a separate process on the real main window, ticking on the
real clock).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.core.run_of_show import FakeClock
from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.projector import ProjectorWindow
from facilitator.ui.agenda.timer_screen import TimerScreen
from facilitator.ui.context import AppContext

MIGRATION = "migration-circulaire-dakar-2025"
DAY_START = dt.datetime(2025, 3, 25, 8, 30, tzinfo=dt.UTC)
TICKS = 40 * 60  # the welcome (30 min) and ten minutes over: normal, amber, then red
ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("timer_cpu_driver.py")


def _percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


def _report(what: str, timings: list[float]) -> str:
    return (
        f"{what}: median {statistics.median(timings):.2f} ms, "
        f"p99 {_percentile(timings, 0.99):.2f} ms, max {max(timings):.2f} ms "
        f"({len(timings)} ticks)"
    )


def test_a_tick_repaints_the_timer_and_the_projector_in_under_5_ms(
    qtbot: QtBot, demo_db: Database
) -> None:
    import time

    context = AppContext(demo_db)
    context.set_workshop(context.read(lambda s: find_workshop(s, MIGRATION).id))
    clock = FakeClock(DAY_START)
    screen = TimerScreen(context, clock=clock)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.resize(1920, 1080)
    projector.show()
    qtbot.waitExposed(projector)
    screen.tick.connect(projector.show_snapshot)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    QApplication.processEvents()
    timings: list[float] = []
    for _ in range(TICKS):
        clock.advance(1.0)
        started = time.perf_counter()
        screen.controller.on_tick()
        QApplication.processEvents()  # the paint events of what changed, on both windows
        timings.append((time.perf_counter() - started) * 1000)
    screen.controller.stop_ticking()
    assert projector.timer_view.text("countdown") == "+10:00"
    print("\n" + _report("tick, timer screen 1366×768 + projector 1920×1080, painted", timings))
    assert _percentile(timings, 0.99) < 5.0


def _cpu_share(platform: list[str], seconds: int) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if platform:  # under Xvfb: the real X11 plugin, not the tests' offscreen one
        env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [*platform, sys.executable, str(DRIVER), str(seconds)],
        capture_output=True,
        text=True,
        env=env,
        timeout=seconds + 120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_app_stays_under_2_percent_cpu_while_the_timer_runs() -> None:
    line = _cpu_share([], 60)
    print("\n" + line)
    share = float(line.split("cpu ")[1].split(" %")[0])
    assert share < 2.0
    if shutil.which("xvfb-run"):
        line = _cpu_share(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"], 60)
        print("under Xvfb: " + line)
        assert float(line.split("cpu ")[1].split(" %")[0]) < 2.0
