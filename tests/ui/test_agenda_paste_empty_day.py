"""Ctrl+V on the « Programme » tab of a day with no programme yet opens the paste preview, as
its « Coller le programme… » button does (the tester's Ctrl+V there did nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.workshops import WorkshopDetails, create_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow

PROGRAMME = (
    "08:30 – 09:00\tAccueil et installation des participants\n9h00-9h30 Allocution d’ouverture\n"
)


@pytest.fixture
def window(qtbot: QtBot, db: Database) -> Iterator[MainWindow]:
    with db.write() as session:
        details = WorkshopDetails("Atelier SOP", dt.date(2026, 12, 9), dt.date(2026, 12, 10))
        workshop_id = create_workshop(session, details).id
    context = AppContext(db)
    context.set_workshop(workshop_id)
    main = MainWindow(context, remember=False)
    main.resize(1366, 740)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    main.close()
    QApplication.processEvents()


def _dialog_seen(window: MainWindow) -> list[str]:
    """The text the paste dialog opened with, once it opens (then it is closed)."""
    seen: list[str] = []
    editor = window.agenda_screen.editor

    def look() -> None:
        dialog = editor.paste_dialog
        if dialog is None or not dialog.isVisible():
            if len(seen) == 0 and look.tries < 200:  # type: ignore[attr-defined]
                look.tries += 1  # type: ignore[attr-defined]
                QTimer.singleShot(10, look)
            return
        seen.append(dialog.pasted_text())
        dialog.reject()

    look.tries = 0  # type: ignore[attr-defined]
    QTimer.singleShot(0, look)
    return seen


@pytest.mark.parametrize("route", ["tab", "timer_button"])
def test_ctrl_v_on_an_empty_programme_page_opens_the_preview(
    qtbot: QtBot, window: MainWindow, route: str
) -> None:
    window.show_screen("timer")  # Ctrl+2: the timer tab first
    screen = window.agenda_screen
    editor = screen.editor
    if route == "tab":  # a click on « Programme », as the tester did
        bar = screen.tabs.tabBar()
        centre = bar.tabRect(screen.tabs.indexOf(editor)).center()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=centre)
    else:  # the timer's « Saisir le programme… », which leads to the same page
        screen.show_editor()
    qtbot.waitUntil(editor.isVisible)
    assert editor.pages.currentWidget() is editor.empty_page
    QGuiApplication.clipboard().setText(PROGRAMME)
    seen = _dialog_seen(window)
    # The keys go where the keyboard is: the focused widget, else the window.
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [PROGRAMME]


def test_the_empty_page_takes_the_keyboard_and_enter_pastes(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_screen("timer")
    window.agenda_screen.show_editor()
    editor = window.agenda_screen.editor
    qtbot.waitUntil(editor.isVisible)
    assert QApplication.focusWidget() is editor.empty_page.paste_button
    QGuiApplication.clipboard().setText(PROGRAMME)
    seen = _dialog_seen(window)
    qtbot.keyClick(editor.empty_page.paste_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [PROGRAMME]
