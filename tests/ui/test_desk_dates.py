"""A check-in on a day outside the workshop's dates (issue 12, point 5): the desk asks once,
clearly, keeps the scan field's focus, remembers the answer for the day, and a « no » records
nothing. The demo workshop « migration » is on 25 March 2025: today is never one of its days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from facilitator.core.dates import format_date
from facilitator.store.checkin import CHECKED_IN, REJECTED, day_check
from facilitator.store.database import Database
from facilitator.store.models import CheckIn, Participant
from facilitator.store.workshops import get_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk.panel import NOT_RECORDED, QUESTION
from facilitator.ui.desk.screen import DeskScreen
from tests.ui.desk_helpers import (
    Sounds,
    close_desk,
    desk_context,
    open_desk,
    participants,
    scan_keys,
)

WORKSHOP_DAY = dt.date(2025, 3, 25)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return desk_context(demo_db, agree=False)  # nobody answered yet today


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> Iterator[DeskScreen]:
    widget = open_desk(qtbot, context, Sounds())
    qtbot.waitUntil(widget.scan.hasFocus)
    yield widget
    close_desk(widget)


def recorded(context: AppContext) -> list[tuple[int, dt.date]]:
    """The open workshop's check-ins, in the order recorded."""
    rows = (
        select(CheckIn.participant_id, CheckIn.day)
        .join(Participant, Participant.id == CheckIn.participant_id)
        .where(Participant.workshop_id == context.workshop_id)
        .order_by(CheckIn.id)
    )
    return [tuple(row) for row in context.read(lambda s: s.execute(rows).all())]  # type: ignore[misc]


def today(context: AppContext) -> dt.date:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    return context.read(lambda s: day_check(get_workshop(s, workshop_id))).today


def test_the_desk_asks_before_recording_and_keeps_the_scan_field(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    person = participants(context)[0]
    scan_keys(qtbot, screen, person.badge)
    assert recorded(context) == []  # nothing until the agent answers
    assert screen.panel.state == QUESTION
    assert screen.panel.name.text() == person.full_name
    said = f"{screen.panel.detail.text()} {screen.panel.advice.text()}"
    assert format_date(today(context)) in said  # which day it is
    assert "25 mars 2025" in said  # the workshop's dates, and the day it would count for
    assert screen.day_bar.isVisible()
    assert "Alt+O" in screen.day_bar.yes.text() and "Alt+N" in screen.day_bar.no.text()
    assert QApplication.focusWidget() is screen.scan
    # A second person scanned while the question waits: held too, counted in the question.
    second = participants(context)[1]
    scan_keys(qtbot, screen, second.badge)
    assert "2 arrivées" in screen.panel.advice.text()
    qtbot.keyClick(screen.scan, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert recorded(context) == [(person.id, WORKSHOP_DAY), (second.id, WORKSHOP_DAY)]
    assert screen.panel.state == CHECKED_IN
    assert not screen.day_bar.isVisible()
    assert QApplication.focusWidget() is screen.scan


def test_the_answer_is_kept_for_the_day_on_this_desk(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    first, second, third = participants(context)[:3]
    scan_keys(qtbot, screen, first.badge)
    qtbot.mouseClick(screen.day_bar.yes, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is screen.scan  # the button took no focus
    scan_keys(qtbot, screen, second.badge)
    assert screen.panel.state == CHECKED_IN  # not asked again
    restarted = open_desk(qtbot, context)  # the app restarted the same day
    try:
        scan_keys(qtbot, restarted, third.badge)
        assert restarted.panel.state == CHECKED_IN
    finally:
        close_desk(restarted)
    assert len(recorded(context)) == 3


def test_no_records_nothing_and_is_kept_for_the_day(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    first, second = participants(context)[:2]
    scan_keys(qtbot, screen, first.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert recorded(context) == []
    assert screen.panel.state == NOT_RECORDED
    assert screen.recent.scans[0].outcome != CHECKED_IN
    # The next scan is not recorded either, without asking; it can still be, on purpose.
    scan_keys(qtbot, screen, second.badge)
    assert screen.panel.state == NOT_RECORDED
    assert "Alt+O" in screen.panel.advice.text()
    assert recorded(context) == []
    qtbot.keyClick(screen.scan, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert recorded(context) == [(second.id, WORKSHOP_DAY)]
    assert QApplication.focusWidget() is screen.scan


def test_a_refused_badge_is_refused_before_any_question(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    scan_keys(qtbot, screen, "F1-NOTAREALBADGEATALL")
    assert screen.panel.state == REJECTED
    assert not screen.day_bar.isVisible()


def test_the_header_says_today_is_outside_the_dates(
    screen: DeskScreen, context: AppContext
) -> None:
    text = screen.day_label.text()
    assert "25 mars 2025" in text and format_date(today(context)) in text


def test_the_command_line_still_records_as_before(context: AppContext, demo_db: Database) -> None:
    from facilitator.store.checkin import scan

    person = participants(context)[0]
    assert context.workshop_id is not None
    result = scan(demo_db, context.workshop_id, person.badge, desk="CLI")
    assert result.status == CHECKED_IN and result.day == WORKSHOP_DAY
    assert recorded(context) == [(person.id, WORKSHOP_DAY)]


def test_the_question_fits_a_1024_by_768_desk(qtbot: QtBot, context: AppContext) -> None:
    widget = open_desk(qtbot, context, size=(1024, 768))
    try:
        qtbot.waitUntil(widget.scan.hasFocus)
        scan_keys(qtbot, widget, participants(context)[0].badge)
        panel = widget.panel
        assert panel.state == QUESTION
        layout = panel.layout()
        assert layout is not None and layout.minimumSize().height() <= panel.height()
        for label in (panel.name, panel.detail, panel.advice):
            assert not label.is_cut(), label.text()  # smaller letters, but every word shown
        assert widget.width() == 1024
        qtbot.keyClick(widget.scan, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        scan_keys(qtbot, widget, participants(context)[1].badge)
        assert panel.state == NOT_RECORDED and widget.day_bar.isVisible()
        assert layout.minimumSize().height() <= panel.height()
        assert widget.width() == 1024
    finally:
        close_desk(widget)
