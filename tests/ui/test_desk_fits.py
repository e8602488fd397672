"""The desk as the tester met it at 1366 × 768 and 1024 × 768 (issue 12, second round: points 9,
11, 12 and 13): nothing cut without « … », the counts never squeezed, the status of a match always
readable, and « today » only when the counts are today's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from facilitator.store.checkin import check_in, day_check
from facilitator.store.database import Database
from facilitator.store.models import Workshop
from facilitator.store.workshops import get_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk.screen import DeskScreen
from tests.ui.desk_helpers import close_desk, desk_context, open_desk, participants

# The desk's share of a 1366 × 768 (or 1024 × 768) screen, under the menus, tabs and status bar.
SIZES = [(1366, 668), (1024, 668)]
LONG_TITLE = "Atelier de validation des procédures opérationnelles (SOP) de la migration circulaire"


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return desk_context(demo_db)


def retitle(context: AppContext, title: str) -> None:
    workshop_id = context.workshop_id

    def change(session: Session) -> None:
        get_workshop(session, workshop_id or 0).title = title

    context.write("workshops", change)


def move_to_today(context: AppContext) -> dt.date:
    """The workshop runs today (and tomorrow); returns today at the workshop."""
    workshop_id = context.workshop_id or 0

    def move(session: Session) -> dt.date:
        workshop = session.get(Workshop, workshop_id)
        assert workshop is not None
        today = day_check(workshop).today
        workshop.start_date, workshop.end_date = today, today + dt.timedelta(days=1)
        return today

    return context.write("workshops", move)


@pytest.fixture(params=SIZES, ids=["1366", "1024"])
def screen(
    request: pytest.FixtureRequest, qtbot: QtBot, context: AppContext
) -> Iterator[DeskScreen]:
    widget = open_desk(qtbot, context, size=request.param)
    qtbot.waitUntil(widget.scan.hasFocus)
    yield widget
    close_desk(widget)


# --- point 11: the title ends with « … », never mid-word without it ---------------------------


def test_a_long_workshop_title_ends_with_an_ellipsis_and_keeps_the_header_in_the_window(
    qtbot: QtBot, context: AppContext
) -> None:
    retitle(context, LONG_TITLE)
    for size in SIZES:
        screen = open_desk(qtbot, context, size=size)
        try:
            title = screen.title
            shown = title.shown_text()
            assert shown.startswith("Accueil · Atelier de") and shown.endswith("…"), shown
            assert title.fontMetrics().horizontalAdvance(shown) <= title.contentsRect().width()
            assert title.toolTip() == f"Accueil · {LONG_TITLE}"  # the whole title, on demand
            assert screen.camera_button.geometry().right() <= screen.width()
        finally:
            close_desk(screen)


def test_a_short_title_shows_whole(qtbot: QtBot, context: AppContext) -> None:
    retitle(context, "Atelier régional de Thiès")
    for size in SIZES:
        screen = open_desk(qtbot, context, size=size)
        try:
            assert screen.title.shown_text() == "Accueil · Atelier régional de Thiès"
            assert screen.title.toolTip() == ""
        finally:
            close_desk(screen)


def test_on_a_narrow_screen_the_day_counted_takes_two_lines_to_leave_room_to_the_title(
    qtbot: QtBot, context: AppContext
) -> None:
    wide, narrow = (open_desk(qtbot, context, size=size) for size in SIZES)
    try:
        assert (
            wide.day_label.text()
            == "Arrivées du 25 mars 2025 · aujourd’hui : " + (wide.day_label.text().split(" : ")[1])
        )
        assert narrow.day_label.text() == wide.day_label.text().replace(" · ", "\n")
        assert narrow.title.width() > 300
    finally:
        close_desk(wide)
        close_desk(narrow)


# --- point 12: the counts never lose a line --------------------------------------------------


def _counts_whole(screen: DeskScreen) -> None:
    counts, details = screen.counts, screen.counts.details
    assert counts.height() >= counts.sizeHint().height()
    assert details.height() >= details.sizeHint().height()
    assert details.geometry().bottom() <= counts.contentsRect().bottom()


def test_the_print_message_takes_room_from_the_name_list_never_from_the_counts(
    qtbot: QtBot, screen: DeskScreen
) -> None:
    _counts_whole(screen)
    # A name typed (the list fills, « 6 résultats » under it), then a badge printed: its long
    # message appears at the bottom of the column.
    screen.name_search.setText("ba")
    screen.badges.say(
        "Badge d’Abdoulaye N'DIAYE enregistré dans le fichier badges-accueil-20261207-052636.pdf.",
        False,
    )
    qtbot.wait(20)
    _counts_whole(screen)
    assert "Hommes" in screen.counts.text()
    status = screen.badges.status
    assert status.isVisible() and status.geometry().bottom() <= screen.badges.height()
    assert status.height() >= status.sizeHint().height()
    assert screen.name_results.height() >= screen.name_results.minimumHeight()


# --- point 13: the status of a match is never cut ----------------------------------------------


def test_a_long_organisation_is_cut_never_the_status_of_a_match(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    from facilitator.ui.desk.name_delegate import STATUS_ROLE, split_widths

    workshop_id = context.workshop_id or 0
    person = max(participants(context), key=lambda p: len(p.organisation))
    check_in(context.db, workshop_id, person.id, "Poste 1")
    screen.controller.reload()
    assert screen.controller.wait_idle()
    screen.name_search.setText(person.last_name)
    names = screen.controller.names
    row = next(r for r in range(names.rowCount()) if names.view_at(r).id == person.id)
    index = names.index(row)
    status = names.data(index, STATUS_ROLE)
    assert status.startswith("arrivé(e) à ")
    view = screen.name_results
    rect = view.visualRect(index)
    metrics = view.fontMetrics()
    main_width, status_width = split_widths("x", status, metrics, rect.width() - 40)
    assert status_width == metrics.horizontalAdvance(status) and main_width > 0
    # Drawn: the right end of the row carries ink (the status), right up to the row's edge.
    image = view.viewport().grab().toImage()
    background = QColor(image.pixel(QPoint(rect.right() - 1, rect.top() + 1)))
    inked = [
        x
        for x in range(rect.right() - status_width - 4, rect.right())
        for y in range(rect.top() + 2, rect.bottom() - 1)
        if QColor(image.pixel(QPoint(x, y))) != background
    ]
    assert inked and max(inked) >= rect.right() - 12


# --- point 9: « today » only when the counts are today's ------------------------------------


def test_counts_of_another_day_than_today_say_which_day(screen: DeskScreen) -> None:
    # The demo workshop was on 25 March 2025: the desk counts that day's arrivals.
    assert screen.counts.caption.text() == "Présents le 25 mars"


def test_counts_of_today_say_today(qtbot: QtBot, context: AppContext) -> None:
    move_to_today(context)
    screen = open_desk(qtbot, context)
    try:
        assert screen.counts.caption.text() == "Présents aujourd’hui"
    finally:
        close_desk(screen)


def _new_round_text(qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> str:
    """Click « Nouveau tour… » on the empty groups screen; the « present only » choice."""
    from PySide6.QtCore import Qt

    from facilitator.ui.groups.dialogs import NewRoundDialog
    from facilitator.ui.groups.screen import GroupsScreen

    seen: list[str] = []

    def look(dialog: NewRoundDialog) -> int:
        seen.append(dialog.present_only.text())
        return 0

    monkeypatch.setattr(NewRoundDialog, "exec", look)
    groups = GroupsScreen(context, opener=lambda _path: True)
    qtbot.addWidget(groups)
    groups.resize(1366, 768)
    groups.show()
    qtbot.waitExposed(groups)
    assert groups.empty_button.text() == "Nouveau tour…"
    qtbot.mouseClick(groups.empty_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    return seen[0]


def test_a_new_round_names_the_day_its_present_participants_were_counted(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop_id = context.workshop_id or 0
    for person in participants(context)[:3]:
        check_in(context.db, workshop_id, person.id, "Poste 1")
    text = _new_round_text(qtbot, context, monkeypatch)
    assert text == "Seulement les participants présents le 25 mars\u00a0: 3 sur 80"


def test_a_new_round_on_a_workshop_day_says_today(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    move_to_today(context)
    text = _new_round_text(qtbot, context, monkeypatch)
    assert text.startswith("Seulement les participants présents (enregistrés aujourd’hui)")
