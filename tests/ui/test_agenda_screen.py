"""Ctrl+2: the timer and the agenda's editor as two tabs of one screen, kept in step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.timer_screen import TimerScreen
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow

MIGRATION = "migration-circulaire-dakar-2025"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    context = AppContext(demo_db)
    context.set_workshop(context.read(lambda s: find_workshop(s, MIGRATION).id))
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _listed(timer: TimerScreen) -> list[str]:
    return [timer.agenda_list.item(i).text() for i in range(timer.agenda_list.count())]


def test_ctrl_2_opens_the_timer_with_the_keyboard_and_the_editor_is_a_tab_away(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    screen = window.agenda_screen
    assert window.current_screen_name() == "timer"
    assert screen.tabs.currentWidget() is screen.timer_screen
    assert [screen.tabs.tabText(i) for i in range(2)] == ["Minuteur", "Programme"]
    qtbot.waitUntil(screen.timer_screen.hasFocus)
    qtbot.keyClick(screen.timer_screen, Qt.Key.Key_Space)
    assert screen.controller.timer.running
    screen.show_editor()
    assert screen.editor.isVisible() and not screen.timer_screen.isVisible()
    assert screen.controller.timer.running  # the timer keeps counting behind the editor


def test_an_edit_in_the_agenda_shows_at_once_on_the_timer(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_screen("timer")
    screen = window.agenda_screen
    assert any("Pause-café" in line for line in _listed(screen.timer_screen))
    screen.show_editor()
    editor = screen.editor
    titles = [editor.model.index(r, 3).data() for r in range(editor.model.rowCount())]
    editor.tree.setFocus()
    editor.tree.setCurrentIndex(editor.model.index(titles.index("Pause-café"), 0))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert not any("Pause-café" in line for line in _listed(screen.timer_screen))
    # The item after it moved up to 10:30 on the timer's list too.
    assert any(line.strip().startswith("10:30–12:00") for line in _listed(screen.timer_screen))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert any("10:30–11:00  Pause-café" in line for line in _listed(screen.timer_screen))


def test_the_timer_has_the_projector_buttons(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("timer")
    buttons = {
        b.text(): b
        for b in window.agenda_screen.timer_screen.findChildren(QToolButton)
        if b.defaultAction() is not None
    }
    assert set(buttons) == {"Fenêtre du projecteur", "Message au projecteur", "Écran noir"}
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons.values())
    qtbot.mouseClick(buttons["Fenêtre du projecteur"], Qt.MouseButton.LeftButton)
    assert window.projector.is_open()
    qtbot.mouseClick(buttons["Écran noir"], Qt.MouseButton.LeftButton)
    assert window.projector.window is not None and window.projector.window.is_blank()
    qtbot.mouseClick(buttons["Fenêtre du projecteur"], Qt.MouseButton.LeftButton)
    assert not window.projector.is_open()
    window.projector.shutdown()


def test_the_timer_keys_work_while_the_projector_has_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_screen("timer")
    window.projector.open()
    projector = window.projector.window
    assert projector is not None
    qtbot.keyClick(projector, Qt.Key.Key_Space)
    assert window.agenda_screen.controller.timer.running
    qtbot.keyClick(projector, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    assert window.agenda_screen.controller.timer.state.extra_seconds == 60
    qtbot.keyClick(projector, Qt.Key.Key_N)
    assert window.agenda_screen.controller.snapshot().title == "Mot de bienvenue"
    window.projector.shutdown()
