"""What the desk shows (issue 12, points 13, 10 and 8): the last ten scans, a second refusal
that looks new, plain words with what to do, long names cut rather than a wider window, and
what to do next when there is nothing to scan yet."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from facilitator.core.badges import new_token
from facilitator.store.checkin import ALREADY, CHECKED_IN, REJECTED
from facilitator.store.database import Database
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import WorkshopDetails, create_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk.history import KEPT
from facilitator.ui.desk.panel import GUIDE
from facilitator.ui.desk.screen import DeskScreen
from facilitator.ui.participants.import_wizard import ImportWizard
from facilitator.ui.workshops.dialog import WorkshopDialog
from tests.ui.desk_helpers import (
    M4SD,
    agree_to_today,
    close_desk,
    desk_context,
    open_desk,
    participants,
    scan_keys,
)

# Words a desk agent should never have to read: files, databases, install commands.
JARGON = re.compile(
    r"fichier d.événement|event file|sqlite|base de données|database|pip install|"
    r"OperationalError|IntegrityError|Traceback|\.sqlite3|facilitator\[",
    re.IGNORECASE,
)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return desk_context(demo_db)  # today's date question answered: recorded as asked


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> Iterator[DeskScreen]:
    widget = open_desk(qtbot, context)
    qtbot.waitUntil(widget.scan.hasFocus)
    yield widget
    close_desk(widget)


def panel_text(screen: DeskScreen) -> str:
    panel = screen.panel
    return " ".join(label.text() for label in (panel.word, panel.name, panel.detail, panel.advice))


def test_the_last_ten_scans_stay_with_outcome_name_and_time(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
) -> None:
    people = participants(context)[:11]
    for person in people[:9]:
        scan_keys(qtbot, screen, person.badge)
    scan_keys(qtbot, screen, people[0].badge)  # already
    scan_keys(qtbot, screen, "F1-PASUNBADGE")  # refused
    scan_keys(qtbot, screen, people[10].badge)
    model = screen.recent
    assert model.rowCount() == KEPT
    shown = [model.data(model.index(row)) for row in range(KEPT)]
    assert people[10].full_name in shown[0]  # the newest on top
    assert re.search(r"\d\d:\d\d:\d\d", shown[0])
    assert "Badge non reconnu" in shown[1]
    assert people[0].full_name in shown[2] and "Déjà" in shown[2]
    assert not any(people[0].full_name in text for text in shown[3:])  # the oldest went
    colours = [model.data(model.index(row), Qt.ItemDataRole.ForegroundRole) for row in (0, 1, 2)]
    greens, reds, oranges = (c.color() for c in colours)  # type: ignore[union-attr]
    assert greens.green() > greens.red() and reds.red() > reds.green()
    assert oranges != greens and oranges != reds
    assert [model.data(model.index(r), Qt.ItemDataRole.UserRole) for r in (0, 1, 2)] == [
        CHECKED_IN,
        REJECTED,
        ALREADY,
    ]
    assert screen.history_view.isVisible()
    # Undone check-ins say so in the history.
    qtbot.keyClick(screen.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Arrivée annulée" in model.data(model.index(0))


def test_after_a_restart_the_desks_check_ins_of_the_day_are_listed_again(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    first, second, elsewhere = participants(context)[:3]
    scan_keys(qtbot, screen, first.badge)
    scan_keys(qtbot, screen, second.badge)
    from facilitator.store.checkin import check_in

    assert context.workshop_id is not None
    check_in(context.db, context.workshop_id, elsewhere.id, desk="Poste 2")  # another desk's
    restarted = open_desk(qtbot, context)
    try:
        model = restarted.recent
        shown = [model.data(model.index(row)) for row in range(model.rowCount())]
        assert len(shown) == 2  # this desk's two, not the other desk's
        assert {first.full_name, second.full_name} == {
            name for name in (first.full_name, second.full_name) for text in shown if name in text
        }
    finally:
        close_desk(restarted)


def test_two_refusals_in_a_row_look_different(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
) -> None:
    scan_keys(qtbot, screen, "F1-PASUNBADGE")
    first = (screen.panel.state, screen.panel.flashes, screen.panel.counter.isVisible())
    assert first == (REJECTED, 0, False)
    scan_keys(qtbot, screen, "F1-PASUNBADGE")
    assert screen.panel.state == REJECTED
    assert screen.panel.counter.isVisible()
    assert screen.panel.counter.text() == "2ᵉ refus de suite"
    assert screen.panel.flashes == 1
    scan_keys(qtbot, screen, "bonjour")
    assert screen.panel.counter.text() == "3ᵉ refus de suite" and screen.panel.flashes == 2
    scan_keys(qtbot, screen, participants(context)[0].badge)
    assert not screen.panel.counter.isVisible()
    scan_keys(qtbot, screen, "F1-PASUNBADGE")
    assert not screen.panel.counter.isVisible()  # a new series
    assert QApplication.focusWidget() is screen.scan


def test_refusals_say_what_to_do_in_plain_words(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
) -> None:
    other = participants(context, M4SD)[0]
    assert context.workshop_id is not None
    for typed in ("bonjour", new_token(context.workshop_id), other.badge):
        scan_keys(qtbot, screen, typed)
        assert screen.panel.state == REJECTED
        said = panel_text(screen)
        assert not JARGON.search(said), said
        assert screen.panel.advice.text(), f"no advice for {typed!r}"
    assert "Atelier de clôture" in panel_text(screen)  # the other workshop, by name


def test_a_failure_to_save_says_what_to_do_without_jargon(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    demo_db: Database,
) -> None:
    person = participants(context)[0]

    def busy(connection: object, cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("INSERT INTO checkins"):
            raise RuntimeError("database is locked")

    event.listen(demo_db.engine, "before_cursor_execute", busy)
    try:
        scan_keys(qtbot, screen, person.badge)
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", busy)
    assert screen.panel.state == REJECTED
    said = panel_text(screen)
    assert not JARGON.search(said), said
    assert "rien n’a été enregistré" in said
    assert "Scannez le badge à nouveau" in screen.panel.advice.text()


def test_a_long_name_is_cut_and_the_window_keeps_its_width(
    qtbot: QtBot,
    context: AppContext,
) -> None:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    long_first = "Mamadou-Lamine-Abdoulaye-Ibrahima-Seydou-Cheikhouna-Mouhamadou" * 2
    organisation = "Organisation-internationale-pour-les-migrations-bureau-régional" * 3
    person = context.write(
        "participants",
        lambda s: add_participant(
            s,
            workshop_id,
            ParticipantInput(first_name=long_first, last_name="Ndiaye", organisation=organisation),
        ),
    )
    badge = person.badge_token
    widget = open_desk(qtbot, context, size=(1024, 768))
    try:
        qtbot.waitUntil(widget.scan.hasFocus)
        assert widget.minimumSizeHint().width() <= 1024
        scan_keys(qtbot, widget, badge)
        assert widget.panel.state == CHECKED_IN
        assert widget.width() == 1024
        assert widget.minimumSizeHint().width() <= 1024
        assert widget.panel.name.text() == f"{long_first} Ndiaye"  # the whole name, kept
        assert widget.panel.name.shown_text().endswith("…")
        assert widget.panel.name.toolTip() == f"{long_first} Ndiaye"
        assert widget.panel.organisation.shown_text().endswith("…")
        for label in (widget.panel.name, widget.panel.organisation):
            lines = label.shown_text().split("\n")
            assert len(lines) <= 2
            width = label.contentsRect().width()
            assert all(label.fontMetrics().horizontalAdvance(line) <= width for line in lines)
    finally:
        close_desk(widget)


def test_with_no_workshop_the_desk_says_to_create_one_with_a_button(
    qtbot: QtBot, demo_db: Database
) -> None:
    context = AppContext(demo_db)  # no workshop open
    widget = open_desk(qtbot, context)
    try:
        assert widget.panel.state == GUIDE
        assert "Aucun atelier n’est ouvert" in widget.panel.word.text()
        labels = [button.text() for button in widget.panel.action_buttons]
        assert labels[0] == "Nouvel atelier…" and labels[1].startswith("Ouvrir «\u00a0")
        qtbot.mouseClick(widget.panel.action_buttons[0], Qt.MouseButton.LeftButton)
        dialog = widget.findChild(WorkshopDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
        qtbot.mouseClick(widget.panel.action_buttons[1], Qt.MouseButton.LeftButton)
        assert context.workshop_id is not None
        assert widget.controller.wait_idle()
        assert widget.panel.state != GUIDE  # a workshop with people: ready to scan
    finally:
        close_desk(widget)


def test_with_nobody_on_the_list_the_desk_offers_to_import_or_register(
    qtbot: QtBot, demo_db: Database
) -> None:
    import datetime as dt

    with demo_db.write() as session:
        workshop_id = create_workshop(
            session, WorkshopDetails("Atelier vide", dt.date.today(), dt.date.today())
        ).id
    context = AppContext(demo_db)
    context.set_workshop(workshop_id)
    agree_to_today(context)
    widget = open_desk(qtbot, context)
    try:
        qtbot.waitUntil(lambda: widget.panel.state == GUIDE)
        assert "Personne n’est encore inscrit" in widget.panel.word.text()
        import_button, walk_in_button = widget.panel.action_buttons
        assert import_button.text() == "Importer une liste…"
        assert import_button.focusPolicy() == Qt.FocusPolicy.NoFocus
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
        wizard = widget.findChild(ImportWizard)
        assert wizard is not None and wizard.isVisible()
        wizard.reject()
        qtbot.mouseClick(walk_in_button, Qt.MouseButton.LeftButton)
        assert widget.walk_in_dialog is not None and widget.walk_in_dialog.isVisible()
        widget.walk_in_dialog.reject()
    finally:
        close_desk(widget)


def test_colours_of_the_history_are_never_alone() -> None:
    from facilitator.ui.desk.history import LOOKS

    icons = {icon for icon, _colour, _background in LOOKS.values()}
    assert len(icons) >= 4  # each outcome has its sign as well as its colour
    assert all(QColor(colour).isValid() for _i, colour, _b in LOOKS.values())
