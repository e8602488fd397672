"""The main window navigates between screens and workshops, and switches language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.i18n import current_language
from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui import main_window as main_window_module
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    context = AppContext(demo_db)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_opens_on_a_workshop_and_its_participants(window: MainWindow) -> None:
    assert window.context.workshop_id is not None
    assert window.current_screen_name() == "participants"
    assert window.participants_screen.model.rowCount() > 0
    assert window.workshop_picker.count() == 2
    assert window.windowTitle().endswith("Facilitator")


def test_picking_another_workshop_reloads_the_participants(
    qtbot: QtBot, window: MainWindow
) -> None:
    target = window.context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id)
    index = window.workshop_picker.findData(target)
    window.workshop_picker.setCurrentIndex(index)
    window.workshop_picker.activated.emit(index)
    assert window.context.workshop_id == target
    assert window.participants_screen.model.rowCount() == 60
    assert "M4SD" in window.windowTitle()


def test_keyboard_navigation_between_screens(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current_screen_name() == "workshops"
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current_screen_name() == "participants"


def test_contract_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    # Ctrl+1 opens the desk, with the scan field ready for a scanner.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_name() == "desk"
    qtbot.waitUntil(lambda: window.screens["desk"].scan.hasFocus())
    # Ctrl+2 opens the agenda and its timer.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_name() == "timer"
    # Ctrl+3 opens the groups screen.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_name() == "groups"
    # Ctrl+4 opens the restitutions, with the new-item line ready for typing.
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_name() == "restitutions"
    # Ctrl+5 opens the synthesis.
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_name() == "synthesis"
    # Each of Ctrl+1 … Ctrl+5 belongs to one action only.
    for n in range(1, 6):
        owners = [
            a for a in window.findChildren(QAction) if QKeySequence(f"Ctrl+{n}") in a.shortcuts()
        ]
        assert len(owners) == 1, [a.text() for a in owners]


def test_opening_a_workshop_from_the_workshops_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("workshops")
    target = window.context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id)
    window.workshops_screen.open_requested.emit(target)
    assert window.current_screen_name() == "participants"


def test_switching_to_english_rebuilds_the_window(qapp: QApplication, demo_db: Database) -> None:
    # Not registered with qtbot: a language switch closes and deletes the window it replaces.
    window = MainWindow(AppContext(demo_db))
    window.show()
    assert current_language() == "fr"
    assert window.navigation["workshops"].text() == "Ateliers"
    workshop = window.context.workshop_id
    window.switch_language("en")
    QApplication.processEvents()
    assert current_language() == "en"
    successor = main_window_module._open_windows[-1]
    assert successor is not window
    assert window not in main_window_module._open_windows
    assert successor.navigation["workshops"].text() == "Workshops"
    assert successor.participants_screen.search.placeholderText().startswith("Search")
    assert successor.context.workshop_id == workshop
    successor.switch_language("fr")
    QApplication.processEvents()
    last = main_window_module._open_windows[-1]
    assert last.navigation["workshops"].text() == "Ateliers"
    # The replaced windows are gone: their screens must no longer hear the context.
    from PySide6.QtCore import QEvent

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    last.context.data_changed.emit("participants")
    last.context.workshop_changed.emit(last.context.workshop_id or 0)
    last.close()
    QApplication.processEvents()


def test_screens_render_to_png(  # type: ignore[no-untyped-def]
    qtbot: QtBot, window: MainWindow, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    from PySide6.QtGui import QImage

    from facilitator.ui import screenshots
    from facilitator.ui.screenshots import render_screens

    monkeypatch.setattr(screenshots, "SETTLE_SECONDS", 0.05)  # sizes are checked, not contents
    written = render_screens(window, tmp_path)
    assert {p.stem for p in written} >= {"participants", "workshops"}
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 1000 and image.height() >= 600
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, "screens show participants' names"


def test_periodic_backup_runs_off_the_ui_thread(demo_db: Database) -> None:
    import threading

    from facilitator.store.backups import list_backups
    from facilitator.ui.app import start_periodic_backup

    assert demo_db.path is not None
    thread = start_periodic_backup(demo_db)
    assert thread is not threading.current_thread()
    thread.join(30)
    assert any("periodic" in p.name for p in list_backups(demo_db.path))


def test_the_window_fits_a_small_laptop_screen(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    available = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() <= available.height()


def test_restore_a_backup_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from facilitator.store.backups import list_kept
    from facilitator.store.participants import ParticipantInput, add_participant
    from facilitator.ui.widgets.restore import RestoreDialog

    context = window.context
    db_path = context.db.path
    assert db_path is not None and context.workshop_id is not None
    context.db.backup("periodic")
    before = window.participants_screen.model.rowCount()
    workshop_id = context.workshop_id
    context.write(
        "participants",
        lambda s: add_participant(s, workshop_id, ParticipantInput(last_name="Ajouté après")),
    )
    assert window.participants_screen.model.rowCount() == before + 1

    seen: list[RestoreDialog] = []

    def run(dialog: RestoreDialog) -> int:
        seen.append(dialog)
        assert dialog.list.count() >= 1
        assert "automatique" in dialog.list.item(0).text()
        dialog.restore_selected()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", run)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    action = window.findChild(QAction, "restore_backup")
    assert action is not None and "Restaurer" in action.text()
    action.trigger()
    assert seen
    assert window.participants_screen.model.rowCount() == before
    assert any("before-restore" in p.name for p in list_kept(db_path))
    # The app keeps working on the restored file.
    context.write(
        "participants",
        lambda s: add_participant(s, workshop_id, ParticipantInput(last_name="Après restauration")),
    )
    assert window.participants_screen.model.rowCount() == before + 1


def test_printing_is_reachable_from_the_window(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QAction

    from facilitator.ui import file_actions as module
    from facilitator.ui.participants import screen as participants_module

    opened: list[tuple[str, object]] = []
    monkeypatch.setattr(
        participants_module,
        "open_badge_printing",
        lambda parent, context, ids: opened.append(("badges", list(ids))),
    )
    monkeypatch.setattr(
        module, "open_attendance", lambda parent, context: opened.append(("attendance", None))
    )
    window.show_screen("participants")
    screen = window.participants_screen
    screen.table.selectRow(0)
    chosen = screen.selected_ids()
    qtbot.mouseClick(screen.badges_button, Qt.MouseButton.LeftButton)
    window.findChild(QAction, "attendance_sheet").trigger()
    window.findChild(QAction, "print_badges").trigger()
    assert opened == [("badges", chosen), ("attendance", None), ("badges", chosen)]
    assert screen.badges_button.text() == "Imprimer les badges…"


def test_f5_opens_and_closes_the_projector_mirroring_the_timer(
    qtbot: QtBot, window: MainWindow
) -> None:
    from facilitator.ui.agenda.timer_controller import TimerSnapshot

    timer = window.screens["timer"]
    projector = window.projector
    assert not projector.is_open()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert projector.is_open() and projector.window is not None
    view = projector.window.timer_view
    expected = timer.controller.snapshot()  # type: ignore[attr-defined]
    assert view.text("title") == expected.title
    assert view.text("countdown") == expected.countdown
    timer.tick.emit(  # type: ignore[attr-defined]
        TimerSnapshot(title="Pause café", countdown="14:59", state="normal", next_title="")
    )
    assert view.text("title") == "Pause café"
    assert view.text("countdown") == "14:59"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not projector.is_open()
    projector.shutdown()


def test_closing_the_main_window_closes_the_projector(qtbot: QtBot, demo_db: Database) -> None:
    # Not registered with qtbot: closing the main window deletes it.
    window = MainWindow(AppContext(demo_db))
    try:
        window.show()
        window.projector.toggle_action.trigger()
        projector_window = window.projector.window
        assert projector_window is not None and projector_window.isVisible()
    finally:
        window.close()
    assert not projector_window.isVisible()
    assert window.projector.window is None
    QApplication.processEvents()


def test_the_projector_menu(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication, QKeySequence

    from facilitator.ui.app import APP_NAME

    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "&Projecteur" in menus
    menu = menus["&Projecteur"]
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert set(actions) >= {
        "Fenêtre du projecteur",
        "Choisir l’écran…",
        "Message au projecteur…",
        "Effacer le message",
        "Écran noir",
        "Sonnerie en fin de séquence",
    }
    assert actions["Fenêtre du projecteur"].shortcut() == QKeySequence("F5")
    assert (
        actions["Fenêtre du projecteur"].shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    )
    assert actions["Message au projecteur…"].shortcut() == QKeySequence("Ctrl+M")
    assert actions["Écran noir"].shortcut() == QKeySequence("Ctrl+B")
    assert actions["Écran noir"].isCheckable()
    assert actions["Sonnerie en fin de séquence"].isCheckable()
    assert not actions["Sonnerie en fin de séquence"].isChecked()
    screens = actions["Choisir l’écran…"].menu()
    screens.aboutToShow.emit()
    names = [a.text() for a in screens.actions()]
    assert len(names) == len(QGuiApplication.screens())
    assert names[0].startswith(QGuiApplication.primaryScreen().name())
    # Ctrl+B blanks the projector, whichever window has the keyboard.
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.projector.window is not None and window.projector.window.is_blank()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window.projector.window.is_blank()
    QSettings(APP_NAME, APP_NAME).remove("projector")


def test_ctrl_3_opens_the_groups_of_the_workshop(qtbot: QtBot, window: MainWindow) -> None:
    target = window.context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id)
    window.context.set_workshop(target)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_name() == "groups"
    assert window.navigation["groups"].isChecked()
    assert window.navigation["groups"].text() == "Groupes"
    screen = window.groups_screen
    assert screen.view is not None and len(screen.board.cards) == 4


def test_projecting_groups_asks_the_projector(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = window.context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id)
    window.context.set_workshop(target)
    projected: list[int | None] = []
    monkeypatch.setattr(window.projector, "project_groups", projected.append, raising=False)
    window.show_screen("groups")
    window.groups_screen.actions_by_name["project"].trigger()
    assert projected == [window.groups_screen.round_id]


def test_the_file_menu_exports_the_synthesis(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    from facilitator.ui.widgets import print_jobs, tasks

    target = window.context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id)
    window.context.set_workshop(target)
    offered: list[str] = []

    def answer(_parent: object, _title: str, default: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(tmp_path / "synthese.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    opened: list[object] = []
    monkeypatch.setattr(print_jobs, "open_file", opened.append)
    action = window.findChild(QAction, "export_synthesis")
    assert action is not None and action.text() == "Exporter la synthèse…"
    action.trigger()
    assert window.current_screen_name() == "synthesis"
    assert offered and all(s in offered[0] for s in ("*.pdf", "*.docx", "*.xlsx", "*.md"))
    task = window.synthesis_screen.task
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    tasks.wait_for_running_tasks(10_000)
    assert (tmp_path / "synthese.xlsx").is_file() and opened == [tmp_path / "synthese.xlsx"]


def test_a_search_hit_opens_where_it_is(qtbot: QtBot, demo_db: Database) -> None:
    from PySide6.QtGui import QAction

    from facilitator.store.search import search

    context = AppContext(demo_db)
    context.set_workshop(context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    wid = context.workshop_id
    assert wid is not None
    hits = context.read(lambda s: search(s, wid, "credit jeunes"))
    item = next(h for h in hits if h.entity == "item")
    window.open_hit(item)
    page = window.screens["restitutions"]
    assert window.current_screen_name() == "restitutions"
    assert page.tabs.currentWidget() is page.editor  # type: ignore[attr-defined]
    assert page.editor.selected_id() == item.entity_id  # type: ignore[attr-defined]
    rec = next(
        h
        for h in context.read(lambda s: search(s, wid, "guichet unique"))
        if h.entity == "recommendation"
    )
    window.open_hit(rec)
    assert page.tabs.currentWidget() is page.consolidation  # type: ignore[attr-defined]
    action = next(a for a in window.findChildren(QAction) if a.objectName() == "search_workshop")
    assert action.shortcut().toString() == "Ctrl+Shift+F"
