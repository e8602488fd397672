"""Walk-ins checked against the list (issue 12, point 4): « Awa Mbaye / Croix-Rouge » typed at the
desk finds « Awa Mbaye — Croix-Rouge sénégalaise » and checks her in; no second person."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.store.checkin import ALREADY, CHECKED_IN
from facilitator.store.database import Database
from facilitator.store.models import CheckIn, Participant
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.ui.context import AppContext
from facilitator.ui.desk import printing
from facilitator.ui.desk.screen import DeskScreen
from facilitator.ui.desk.walkin import WalkInDialog
from tests.ui.desk_helpers import (
    close_desk,
    desk_context,
    open_desk,
    scan_keys,
)
from tests.ui.keyboard import type_text


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return desk_context(demo_db)  # today's date question answered: recorded as asked


@pytest.fixture
def awa(context: AppContext) -> int:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    return context.write(
        "participants",
        lambda s: (
            add_participant(
                s,
                workshop_id,
                ParticipantInput(
                    first_name="Awa",
                    last_name="Mbaye",
                    organisation="Croix-Rouge sénégalaise",
                    gender="F",
                ),
            ).id
        ),
    )


@pytest.fixture
def badges(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    calls: list[list[int]] = []

    def badge_for(_printing: object, ids: list[int]) -> None:
        calls.append(list(ids))

    monkeypatch.setattr(printing.DeskPrinting, "badge_for", badge_for)
    return calls


@pytest.fixture
def screen(
    qtbot: QtBot,
    context: AppContext,
    awa: int,
    badges: list[list[int]],
) -> Iterator[DeskScreen]:
    widget = open_desk(qtbot, context)
    qtbot.waitUntil(widget.scan.hasFocus)
    yield widget
    close_desk(widget)


def people_count(context: AppContext) -> int:
    return context.read(lambda s: s.scalar(select(func.count()).select_from(Participant)))


def checkins_of(context: AppContext, participant_id: int) -> int:
    query = (
        select(func.count()).select_from(CheckIn).where(CheckIn.participant_id == participant_id)
    )
    return context.read(lambda s: s.scalar(query))


def open_form(qtbot: QtBot, screen: DeskScreen) -> WalkInDialog:
    qtbot.keyClick(screen.scan, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.walk_in_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_issue_case_finds_her_and_checks_her_in_without_a_second_person(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    awa: int,
    badges: list[list[int]],
) -> None:
    before = people_count(context)
    dialog = open_form(qtbot, screen)
    type_text(qtbot, dialog.first_name, "Awa")
    type_text(qtbot, dialog.last_name, "Mbaye")
    type_text(qtbot, dialog.organisation, "Croix-Rouge")
    qtbot.waitUntil(dialog.match_list.isVisible)
    assert dialog.match_list.shown[0].id == awa
    button = dialog.match_list.buttons[0]
    assert button.text() == "C’est elle\u00a0: enregistrer son arrivée"
    assert (
        "Croix-Rouge sénégalaise"
        in dialog.match_list.findChild(type(dialog.match_list.heading), "match_organisation").text()
    )  # type: ignore[union-attr]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
    assert people_count(context) == before  # nobody added
    assert checkins_of(context, awa) == 1
    assert screen.panel.state == CHECKED_IN
    assert screen.panel.name.text() == "Awa Mbaye"
    assert badges == [[awa]]  # her badge, since she came without it
    assert screen.focusWidget() is screen.scan


@pytest.mark.parametrize(
    ("first", "last", "organisation"),
    [
        ("MBAYE", "awa", ""),  # first and last names swapped, case
        ("Âwa", "Mbayé", "croix rouge"),  # accents typed where there are none
        ("", "awa mba", ""),  # all in one field, still typing
    ],
)
def test_likely_matches_ignore_accents_case_and_word_order(
    qtbot: QtBot, screen: DeskScreen, awa: int, first: str, last: str, organisation: str
) -> None:
    dialog = open_form(qtbot, screen)
    type_text(qtbot, dialog.first_name, first)
    type_text(qtbot, dialog.last_name, last)
    type_text(qtbot, dialog.organisation, organisation)
    qtbot.waitUntil(dialog.match_list.isVisible)
    assert awa in [person.id for person in dialog.match_list.shown]
    dialog.reject()


def test_someone_already_here_is_shown_so_and_checking_in_again_says_already(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    awa: int,
) -> None:
    screen.name_search.setFocus()
    qtbot.keyClicks(screen.name_search, "awa mbaye")
    qtbot.keyClick(screen.name_search, Qt.Key.Key_Return)
    assert checkins_of(context, awa) == 1
    dialog = open_form(qtbot, screen)
    type_text(qtbot, dialog.first_name, "Awa")
    type_text(qtbot, dialog.last_name, "Mbaye")
    qtbot.waitUntil(dialog.match_list.isVisible)
    assert (
        "arrivé(e) à"
        in dialog.match_list.findChild(type(dialog.match_list.heading), "match_name").text()
    )  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.match_list.buttons[0], Qt.MouseButton.LeftButton)
    assert screen.panel.state == ALREADY
    assert checkins_of(context, awa) == 1


def test_enter_on_an_exact_namesake_asks_once_then_registers_another_person(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    awa: int,
) -> None:
    before = people_count(context)
    dialog = open_form(qtbot, screen)
    type_text(qtbot, dialog.first_name, "Awa")
    type_text(qtbot, dialog.last_name, "Mbaye")
    qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)  # at once: the list is looked at first
    assert dialog.isVisible()
    assert people_count(context) == before
    assert "déjà sur la liste" in dialog.error.text()
    qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)  # « it is another Awa Mbaye »
    qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
    assert people_count(context) == before + 1
    assert checkins_of(context, awa) == 0


def test_a_new_name_shows_no_match_and_registers_at_once(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
) -> None:
    before = people_count(context)
    dialog = open_form(qtbot, screen)
    type_text(qtbot, dialog.first_name, "Zeynab")
    type_text(qtbot, dialog.last_name, "Kouyaté-Nguessan")
    dialog.refresh_matches()
    assert not dialog.match_list.isVisible()
    qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
    assert people_count(context) == before + 1


def test_the_match_list_is_read_from_the_desks_index_not_the_database(
    qtbot: QtBot, screen: DeskScreen, monkeypatch: pytest.MonkeyPatch, awa: int
) -> None:
    dialog = open_form(qtbot, screen)
    reads: list[object] = []
    monkeypatch.setattr(screen.context.db, "read", lambda: reads.append(1))
    type_text(qtbot, dialog.first_name, "Awa")
    type_text(qtbot, dialog.last_name, "Mbaye")
    dialog.refresh_matches()
    assert dialog.match_list.shown and reads == []
    dialog.reject()


def test_a_scanned_badge_right_after_keeps_working(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    awa: int,
) -> None:
    dialog = open_form(qtbot, screen)
    type_text(qtbot, dialog.first_name, "Awa")
    type_text(qtbot, dialog.last_name, "Mbaye")
    qtbot.waitUntil(dialog.match_list.isVisible)
    qtbot.mouseClick(dialog.match_list.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
    screen.activateWindow()  # no window manager here to give the desk its activation back
    qtbot.waitUntil(screen.scan.hasFocus)
    badge = context.read(lambda s: s.get(Participant, awa).badge_token)  # type: ignore[union-attr]
    scan_keys(qtbot, screen, badge)
    assert screen.panel.state == ALREADY


# --- issue 12, second round: the surname as the list writes it; the form never squeezes -------


def active_form(qtbot: QtBot, screen: DeskScreen) -> WalkInDialog:
    """The walk-in form with the keyboard, as the desk agent has it (Tab moves between fields)."""
    dialog = open_form(qtbot, screen)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def surnames_in_capitals(context: AppContext) -> None:
    """The list as an invitation list usually writes it: « Awa MBAYE »."""

    def shout(session: Session) -> None:
        for person in session.scalars(select(Participant)):
            person.last_name = person.last_name.upper()

    context.write("participants", shout)


def test_a_walk_ins_surname_is_in_capitals_when_the_list_writes_them_so(
    qtbot: QtBot, context: AppContext, awa: int, badges: list[list[int]]
) -> None:
    surnames_in_capitals(context)
    screen = open_desk(qtbot, context)
    try:
        qtbot.waitUntil(screen.scan.hasFocus)
        dialog = active_form(qtbot, screen)
        type_text(qtbot, dialog.first_name, "Ndèye Fatou")
        dialog.last_name.setFocus()
        type_text(qtbot, dialog.last_name, "Thioune")
        qtbot.keyClick(dialog.last_name, Qt.Key.Key_Tab)  # on to « Structure »
        assert dialog.organisation.hasFocus()
        # Shown as it will be saved, before anything is saved.
        assert dialog.last_name.text() == "THIOUNE"
        type_text(qtbot, dialog.organisation, "Enda Tiers Monde")
        qtbot.keyClick(dialog.organisation, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
        saved = context.read(
            lambda s: s.scalars(
                select(Participant.last_name).where(
                    Participant.first_name == "Ndèye Fatou",
                    func.lower(Participant.last_name) == "thioune",
                )
            ).one()
        )
        assert saved == "THIOUNE"
        assert screen.panel.name.text() == "Ndèye Fatou THIOUNE"
    finally:
        close_desk(screen)


def test_enter_in_the_surname_field_saves_it_in_capitals_too(
    qtbot: QtBot, context: AppContext, awa: int, badges: list[list[int]]
) -> None:
    surnames_in_capitals(context)
    screen = open_desk(qtbot, context)
    try:
        qtbot.waitUntil(screen.scan.hasFocus)
        dialog = active_form(qtbot, screen)
        type_text(qtbot, dialog.first_name, "Mame Dieynaba")
        dialog.last_name.setFocus()
        type_text(qtbot, dialog.last_name, "Sèye")
        qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
        saved = context.read(
            lambda s: s.scalars(
                select(Participant.last_name).where(Participant.first_name == "Mame Dieynaba")
            ).one()
        )
        assert saved == "SÈYE"
    finally:
        close_desk(screen)


def test_a_list_in_small_letters_keeps_the_surname_as_typed(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    # The demo writes « Awa Mbaye »: a walk-in's « Thioune » stays so, like the others.
    dialog = active_form(qtbot, screen)
    type_text(qtbot, dialog.first_name, "Ndèye Fatou")
    dialog.last_name.setFocus()
    type_text(qtbot, dialog.last_name, "Thioune")
    qtbot.keyClick(dialog.last_name, Qt.Key.Key_Tab)
    assert dialog.organisation.hasFocus()
    assert dialog.last_name.text() == "Thioune"
    qtbot.keyClick(dialog.organisation, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
    assert screen.panel.name.text() == "Ndèye Fatou Thioune"


def test_a_badge_scanned_into_the_surname_field_is_not_put_in_capitals(
    qtbot: QtBot, context: AppContext, awa: int, badges: list[list[int]]
) -> None:
    surnames_in_capitals(context)
    screen = open_desk(qtbot, context)
    try:
        qtbot.waitUntil(screen.scan.hasFocus)
        badge = context.read(lambda s: s.get(Participant, awa).badge_token)  # type: ignore[union-attr]
        before = people_count(context)
        dialog = active_form(qtbot, screen)
        dialog.last_name.setFocus()
        type_text(qtbot, dialog.last_name, badge)
        qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)
        assert dialog.isVisible() and "code de badge" in dialog.error.text()
        assert dialog.last_name.text() == badge
        assert people_count(context) == before
        dialog.reject()
    finally:
        close_desk(screen)


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_namesake_warning_makes_the_form_taller_never_its_rows_thinner(
    qtbot: QtBot, context: AppContext, awa: int, size: tuple[int, int]
) -> None:
    screen = open_desk(qtbot, context, size=size)
    try:
        qtbot.waitUntil(screen.scan.hasFocus)
        dialog = open_form(qtbot, screen)
        type_text(qtbot, dialog.first_name, "Awa")
        type_text(qtbot, dialog.last_name, "Mbaye")
        qtbot.waitUntil(dialog.match_list.isVisible)
        fields = [dialog.first_name, dialog.last_name, dialog.organisation, dialog.email]
        before = [(f.y(), f.height()) for f in fields]
        qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)  # « déjà sur la liste… »
        assert dialog.error.isVisible()
        qtbot.wait(50)  # the layout settles
        assert [(f.y(), f.height()) for f in fields] == before
        assert all(f.height() >= f.sizeHint().height() for f in fields)
        # The whole warning shows, and the buttons under it; the form stays on the screen.
        error = dialog.error
        assert error.height() >= error.heightForWidth(error.width())
        assert dialog.buttons.geometry().top() >= error.geometry().bottom()
        assert dialog.height() <= size[1]
        dialog.reject()
    finally:
        close_desk(screen)
