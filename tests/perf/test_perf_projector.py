"""Benchmarks for the projector (run on demand:
`python -m pytest tests/perf/test_perf_projector.py -s`).

A tick of the countdown at 1920×1080 (new text, repainted), 30 ticks a run, against a QLabel
with the same font and size showing the same texts: the countdown's own widget exists to cost
less. A page turn of the groups list (300 people, 12 groups), against a repaint of the same
page without turning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.ui.agenda.projector import ProjectorWindow
from facilitator.ui.agenda.projector_groups_view import LIST, GroupsProjectorView
from facilitator.ui.agenda.projector_timer_view import ProjectorTimerView
from facilitator.ui.app import APP_NAME
from facilitator.ui.context import AppContext
from tests.perf.ratio import compare
from tests.ui.test_projector import snapshot
from tests.ui.test_projector_groups import M4SD, crowd_round, workshop

# The countdown blits cached glyphs where a QLabel fills each glyph's path: measured 0.30 to
# 0.33 times the QLabel here; as dear as the QLabel, it would have no reason to exist. A page
# turn lays out one page, then paints it: measured 1.4 to 1.6 times a repaint of the page.
TICK_RATIO = 0.75
TURN_RATIO = 3.0
TICKS = [f"{minute:02d}:{second:02d}" for minute in (58, 57) for second in range(59, 44, -1)]


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    QSettings(APP_NAME, APP_NAME).remove("projector")
    yield
    QSettings(APP_NAME, APP_NAME).remove("projector")


def test_a_tick_against_a_qlabel(qtbot: QtBot) -> None:
    view = ProjectorTimerView(now=lambda: dt.datetime(2025, 3, 25, 9, 41, 30))
    window = ProjectorWindow(view)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.show_snapshot(snapshot("59:59"))
    window.repaint()  # glyphs cached, as after the first second of a real run
    digits = view.countdown
    label = QLabel()
    qtbot.addWidget(label)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFont(digits.font())
    label.setPalette(view.palette())
    label.resize(digits.size())
    label.show()
    qtbot.waitExposed(label)
    label.setText("59:59")
    label.repaint()
    QApplication.processEvents()

    def ticks() -> None:
        for text in TICKS:
            window.show_snapshot(snapshot(text))
            digits.repaint()  # what a tick asks to paint (the view's background beneath too)

    def label_ticks() -> None:
        for text in TICKS:
            label.setText(text)
            label.repaint()

    ratio = compare(
        f"{len(TICKS)} ticks of the countdown, repainted",
        ticks,
        label_ticks,
        "a QLabel of the same font and size",
    )
    assert digits.text() == label.text() == TICKS[-1]
    assert ratio < TICK_RATIO


def test_a_page_turn_against_a_repaint(qtbot: QtBot, demo_db: Database) -> None:
    context = AppContext(demo_db)
    context.set_workshop(workshop(context, M4SD))
    view = GroupsProjectorView(context)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    view.set_round(crowd_round(context))
    view.page_timer.stop()
    pages = len(view.pages())
    assert view.mode() == LIST and pages >= 2
    view.repaint()
    QApplication.processEvents()

    def turns() -> None:
        for _turn in range(pages):
            view.next_page()
            view.repaint()

    def repaints() -> None:
        for _turn in range(pages):
            view.repaint()

    ratio = compare(f"{pages} page turns, repainted", turns, repaints, "repaints of one page")
    assert view.page() == 0  # whole rounds: back to the first page
    assert ratio < TURN_RATIO
