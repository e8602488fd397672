"""Empty screens say what to do next, with a button; a first start offers the demo or a workshop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.demo import demo_slugs
from facilitator.store.workshops import (
    WorkshopDetails,
    create_workshop,
    delete_workshop,
    find_workshop,
)
from facilitator.ui import main_window as main_window_module
from facilitator.ui.context import AppContext
from facilitator.ui.groups.screen import GroupsScreen
from facilitator.ui.main_window import MainWindow
from facilitator.ui.widgets import tasks

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Opener]:
    windows: list[MainWindow] = []

    def make(db: Database) -> MainWindow:
        window = MainWindow(AppContext(db))
        windows.append(window)
        window.resize(1024, 700)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield make
    for window in windows:
        window.close()
    QApplication.processEvents()


def empty_workshop(db: Database) -> int:
    with db.write() as session:
        details = WorkshopDetails("Atelier de Kaolack", dt.date(2026, 5, 4), dt.date(2026, 5, 4))
        return create_workshop(session, details).id


def button(widget: object, name: str) -> QPushButton:
    found = widget.findChild(QPushButton, name)  # type: ignore[attr-defined]
    assert found is not None and found.isVisible(), name
    return found


def test_a_first_start_offers_the_demo_workshops(
    qtbot: QtBot, db: Database, open_window: Opener
) -> None:
    window = open_window(db)  # a new, empty event file
    assert window.current_screen_name() == "workshops"  # the welcome page stands for it
    assert window.welcome.isVisible()
    assert "aucun atelier" in window.welcome.message.text()
    assert button(window.welcome, "welcome_create").text() == "Créer un atelier…"
    demo = button(window.welcome, "welcome_demo")
    assert demo.text() == "Découvrir avec les ateliers de démonstration"
    qtbot.mouseClick(demo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workshop_picker.count() == 2, timeout=30_000)
    tasks.wait_for_running_tasks(10_000)
    first = window.context.read(lambda s: find_workshop(s, demo_slugs()[0]).id)
    assert window.context.workshop_id == first
    assert window.current_screen_name() == "participants"
    assert window.participants_screen.model.rowCount() > 0


def test_a_first_start_offers_a_new_workshop(
    qtbot: QtBot, db: Database, open_window: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []

    class FakeDialog:
        """The workshop form, saved at once with a title typed."""

        def __init__(self, context: AppContext, workshop_id: object, parent: object) -> None:
            opened.append(workshop_id)
            self.saved_id = empty_workshop(db)
            context.data_changed.emit("workshops")

        def exec(self) -> int:
            return 1

    monkeypatch.setattr(main_window_module, "WorkshopDialog", FakeDialog)
    window = open_window(db)
    qtbot.mouseClick(button(window.welcome, "welcome_create"), Qt.MouseButton.LeftButton)
    assert opened == [None]  # the form of a new workshop
    assert window.workshop_picker.count() == 1
    assert window.context.workshop_id is not None
    assert not window.welcome.isVisible()


def test_deleting_the_last_workshop_shows_the_welcome_again(
    qtbot: QtBot, db: Database, open_window: Opener
) -> None:
    wid = empty_workshop(db)
    window = open_window(db)
    window.show_screen("workshops")
    assert window.current_screen_name() == "workshops"
    assert not window.welcome.isVisible()
    window.context.write("workshops", lambda s: delete_workshop(s, wid))
    assert window.welcome.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert window.welcome.isVisible()


def test_nothing_to_report_yet_leads_to_the_first_steps(
    qtbot: QtBot, db: Database, open_window: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_workshop(db)
    window = open_window(db)
    window.show_screen("synthesis")
    screen = window.synthesis_screen
    assert screen.pages.currentWidget() is screen.nothing_yet
    assert screen.nothing_yet.message.text().startswith("Rien à rapporter pour l’instant.")
    imports: list[bool] = []
    monkeypatch.setattr(window.participants_screen, "open_import", lambda: imports.append(True))
    qtbot.mouseClick(button(screen, "step_import"), Qt.MouseButton.LeftButton)
    assert imports == [True] and window.current_screen_name() == "participants"
    window.show_screen("synthesis")
    programme = button(screen, "step_agenda")
    assert programme.text() == "Saisir le programme"
    qtbot.mouseClick(programme, Qt.MouseButton.LeftButton)
    assert window.current_screen_name() == "timer"
    editor = window.agenda_screen.editor
    assert window.agenda_screen.tabs.currentWidget() is editor
    assert editor.pages.currentWidget() is editor.empty_page  # and it says how to paste it


def test_the_synthesis_of_a_workshop_with_data_is_its_preview(
    qtbot: QtBot, demo_db: Database, open_window: Opener
) -> None:
    window = open_window(demo_db)
    window.show_screen("synthesis")
    screen = window.synthesis_screen
    assert screen.pages.currentWidget() is screen.browser


def test_groups_without_participants_ask_for_the_list_first(
    qtbot: QtBot, db: Database, open_window: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_workshop(db)
    window = open_window(db)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    screen = window.groups_screen
    assert screen.empty.text().startswith("Pas encore de participants à répartir")
    assert screen.empty_button.text() == "Importer la liste des participants…"
    imports: list[bool] = []
    monkeypatch.setattr(window.participants_screen, "open_import", lambda: imports.append(True))
    qtbot.mouseClick(screen.empty_button, Qt.MouseButton.LeftButton)
    assert imports == [True]


def test_groups_without_a_workshop_lead_to_the_workshops(qtbot: QtBot, demo_db: Database) -> None:
    screen = GroupsScreen(AppContext(demo_db))  # no workshop open
    qtbot.addWidget(screen)
    screen.show()
    assert screen.empty.text() == "Ouvrez ou créez d’abord un atelier."
    with qtbot.waitSignal(screen.next_step) as step:
        qtbot.mouseClick(screen.empty_button, Qt.MouseButton.LeftButton)
    assert step.args == ["workshops"]


def whole(label: object) -> bool:
    """A wrapped label tall enough for all its lines at its width."""
    return label.height() >= label.heightForWidth(label.width())  # type: ignore[attr-defined]


def test_the_empty_messages_show_all_their_lines(
    qtbot: QtBot, db: Database, open_window: Opener
) -> None:
    empty_workshop(db)
    window = open_window(db)
    for width in (1366, 1024):
        window.resize(width, 700)
        window.show_screen("synthesis")
        qtbot.wait(20)
        assert whole(window.synthesis_screen.nothing_yet.message)
        window.show_screen("timer")
        window.agenda_screen.show_editor()
        qtbot.wait(20)
        assert whole(window.agenda_screen.editor.empty_page.message)
        window.show_screen("groups")
        qtbot.wait(20)
        assert whole(window.groups_screen.empty)
