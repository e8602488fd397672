"""The app reopens on the workshop and screen in use, per event file, after a quit or a crash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database, open_database
from facilitator.store.workshops import delete_workshop, find_workshop
from facilitator.ui.app import APP_NAME
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow

M4SD = "m4sd-cloture-thies-2023"
DAKAR = "migration-circulaire-dakar-2025"
ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot: QtBot, context: AppContext) -> MainWindow:
    # Not registered with qtbot: closing the main window deletes it (each test closes its own).
    window = MainWindow(context)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _id(context: AppContext, slug: str) -> int:
    return context.read(lambda s: find_workshop(s, slug).id)


def _pick(window: MainWindow, workshop_id: int) -> None:
    index = window.workshop_picker.findData(workshop_id)
    window.workshop_picker.setCurrentIndex(index)
    window.workshop_picker.activated.emit(index)


def _quit(window: MainWindow) -> None:
    window.close()
    QApplication.processEvents()


def test_a_restart_opens_the_workshop_and_screen_in_use(qtbot: QtBot, demo_db: Database) -> None:
    first = _window(qtbot, AppContext(demo_db))
    # With nothing remembered, the first workshop of the list opens: not the one used below.
    m4sd = _id(first.context, M4SD)
    assert first.context.workshop_id != m4sd
    _pick(first, m4sd)
    qtbot.keyClick(first, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert first.current_screen_name() == "desk"
    _quit(first)

    again = _window(qtbot, AppContext(demo_db))
    assert again.context.workshop_id == m4sd
    assert again.current_screen_name() == "desk"
    assert again.navigation["desk"].isChecked()
    assert "M4SD" in again.windowTitle()
    _quit(again)


def test_a_crash_keeps_the_place(qtbot: QtBot, demo_db_path: Path, tmp_path: Path) -> None:
    # The settings file this process reads: the crashing app must write that one.
    settings_file = Path(QSettings(APP_NAME, APP_NAME).fileName())
    script = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from facilitator.store.database import open_database
        from facilitator.store.workshops import find_workshop
        from facilitator.ui.app import create_application
        from facilitator.ui.context import AppContext
        from facilitator.ui.main_window import MainWindow

        app = create_application()
        context = AppContext(open_database(sys.argv[1]))
        window = MainWindow(context)
        window.show()
        context.set_workshop(context.read(lambda s: find_workshop(s, sys.argv[2]).id))
        window.navigation["groups"].trigger()
        app.processEvents()
        os._exit(9)  # a crash: no close, no clean-up, nothing flushed on the way out
        """
    )
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(settings_file.parent.parent),
        HOME=str(tmp_path / "home"),
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(demo_db_path), M4SD],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 9, done.stderr

    db = open_database(demo_db_path)
    try:
        window = _window(qtbot, AppContext(db))
        assert window.context.workshop_id == _id(window.context, M4SD)
        assert window.current_screen_name() == "groups"
        _quit(window)
    finally:
        db.dispose()


def test_each_event_file_keeps_its_own_place(
    qtbot: QtBot, demo_db: Database, demo_db_path: Path, tmp_path: Path
) -> None:
    other_path = tmp_path / "autre.sqlite3"
    shutil.copyfile(demo_db_path, other_path)
    window = _window(qtbot, AppContext(demo_db))
    fresh_first = window.context.workshop_id
    _pick(window, _id(window.context, M4SD))
    window.show_screen("restitutions")
    _quit(window)

    other = open_database(other_path)
    try:
        elsewhere = _window(qtbot, AppContext(other))
        assert elsewhere.context.workshop_id == fresh_first
        assert elsewhere.current_screen_name() == "participants"
        elsewhere.show_screen("synthesis")
        _quit(elsewhere)
    finally:
        other.dispose()

    back = _window(qtbot, AppContext(demo_db))
    assert back.context.workshop_id == _id(back.context, M4SD)
    assert back.current_screen_name() == "restitutions"
    _quit(back)


def test_a_workshop_deleted_since_opens_nothing_else(qtbot: QtBot, demo_db: Database) -> None:
    window = _window(qtbot, AppContext(demo_db))
    m4sd = _id(window.context, M4SD)
    _pick(window, m4sd)
    window.show_screen("desk")
    _quit(window)
    with demo_db.write() as session:
        delete_workshop(session, m4sd)

    again = _window(qtbot, AppContext(demo_db))
    # Not another workshop's participants: the list of workshops, with nothing open.
    assert again.context.workshop_id is None
    assert again.current_screen_name() == "workshops"
    assert again.workshop_picker.count() == 1
    assert "n’existe plus" in again.statusBar().currentMessage()
    # Opening another one works as usual, and is remembered in its turn.
    dakar = _id(again.context, DAKAR)
    _pick(again, dakar)
    again.show_screen("timer")
    _quit(again)
    last = _window(qtbot, AppContext(demo_db))
    assert (last.context.workshop_id, last.current_screen_name()) == (dakar, "timer")
    _quit(last)


def test_a_workshop_named_on_the_command_line_still_opens(qtbot: QtBot, demo_db: Database) -> None:
    window = _window(qtbot, AppContext(demo_db))
    _pick(window, _id(window.context, M4SD))
    window.show_screen("groups")
    _quit(window)

    # `facilitator gui W` sets W on the context before the window opens (ui.app.run_gui).
    context = AppContext(demo_db)
    dakar = _id(context, DAKAR)
    context.set_workshop(dakar)
    named = _window(qtbot, context)
    assert named.context.workshop_id == dakar
    assert named.current_screen_name() == "groups"
    _quit(named)


def test_screenshots_leave_the_place_alone(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.ui import screenshots
    from facilitator.ui.screenshots import render_screens

    monkeypatch.setattr(screenshots, "SETTLE_SECONDS", 0)  # what is drawn does not matter here

    window = _window(qtbot, AppContext(demo_db))
    _pick(window, _id(window.context, M4SD))
    window.show_screen("desk")
    _quit(window)
    context = AppContext(demo_db)
    context.set_workshop(_id(context, DAKAR))
    renderer = MainWindow(context, remember=False)
    render_screens(renderer, tmp_path / "shots")
    _quit(renderer)
    again = _window(qtbot, AppContext(demo_db))
    assert again.context.workshop_id == _id(again.context, M4SD)
    assert again.current_screen_name() == "desk"
    _quit(again)
