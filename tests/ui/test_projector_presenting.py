"""The projector presents the group selected on the restitutions screen, group after group.

Driven as a facilitator does in the main window: Ctrl+4, pick a group, « Projeter », then the
screen's Ctrl+PgDn, the projector's own keys (Page Down, a presenter's remote) or Alt+PgDn.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.restitutions import groups_with_restitutions
from facilitator.ui.agenda.projector import TIMER_VIEW
from facilitator.ui.agenda.projector_control import RESTITUTION_VIEW
from facilitator.ui.agenda.projector_restitution_view import RestitutionProjectorView
from facilitator.ui.app import APP_NAME
from facilitator.ui.main_window import MainWindow
from facilitator.ui.restitutions.page import RestitutionsPage
from tests.ui.screens import m4sd_context, shown

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    QSettings(APP_NAME, APP_NAME).remove("projector")
    yield
    QSettings(APP_NAME, APP_NAME).remove("projector")


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    return shown(qtbot, MainWindow(m4sd_context(demo_db)))


def groups(window: MainWindow) -> list[tuple[int, str]]:
    """(id, name) of the M4SD groups, in the screen's order."""
    workshop_id = window.context.workshop_id
    rounds = window.context.read(lambda s: groups_with_restitutions(s, workshop_id))
    return [(g.group_id, g.name) for entry in rounds for g in entry.groups]


def restitutions(window: MainWindow) -> RestitutionsPage:
    page = window.screens["restitutions"]
    assert isinstance(page, RestitutionsPage)
    return page


def projected(window: MainWindow) -> RestitutionProjectorView:
    view = window.projector.view(RESTITUTION_VIEW)
    assert isinstance(view, RestitutionProjectorView)
    return view


def press_until_next_group(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Press `key` on the projector's window: its pages turn first, then the group changes."""
    projector = window.projector.window
    assert projector is not None
    view = projected(window)
    group_id = view.group_id()
    for _page in range(view.page_count() - view.page() - 1 if key != Qt.Key.Key_PageUp else 0):
        qtbot.keyClick(projector, key)
        assert view.group_id() == group_id
    qtbot.keyClick(projector, key)
    assert view.group_id() != group_id and view.page() == 0


def project_button(page: RestitutionsPage) -> QToolButton:
    action = page.editor.actions_by_name["project"]
    button = page.editor.bar.widgetForAction(action)
    assert isinstance(button, QToolButton) and button.isVisible()
    return button


def test_projeter_shows_the_group_selected_on_the_restitutions_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = restitutions(window)
    ids = groups(window)
    third_id, third_name = ids[2]
    page.editor.picker.select_group(third_id)
    assert page.editor.group_id == third_id
    button = project_button(page)
    assert button.text() == "Projeter"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.projector.is_open()
    assert window.projector.current_view() == RESTITUTION_VIEW
    assert projected(window).group_id() == third_id
    assert projected(window).title() == third_name == "Groupe 3"
    assert button.text() == "À l’écran"


def test_the_projector_follows_the_group_chosen_on_the_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = restitutions(window)
    ids = [group_id for group_id, _name in groups(window)]
    page.editor.picker.select_group(ids[0])
    qtbot.mouseClick(project_button(page), Qt.MouseButton.LeftButton)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.editor.entry.focus_text()
    qtbot.keyClick(page.editor.entry.text, Qt.Key.Key_PageDown, CTRL)
    assert page.editor.group_id == ids[1]
    assert projected(window).group_id() == ids[1]
    qtbot.keyClick(page.editor.entry.text, Qt.Key.Key_PageDown, CTRL)
    assert projected(window).group_id() == ids[2]
    qtbot.keyClick(page.editor.entry.text, Qt.Key.Key_PageUp, CTRL)
    assert projected(window).group_id() == ids[1]


def test_the_projectors_keys_step_to_the_next_group_and_the_screen_follows(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = restitutions(window)
    ids = [group_id for group_id, _name in groups(window)]
    page.editor.picker.select_group(ids[0])
    qtbot.mouseClick(project_button(page), Qt.MouseButton.LeftButton)
    # A presenter's remote sends Page Down / Page Up (or the arrows) to the projector's window:
    # a restitution's pages turn first (if it has several at this size), then the group.
    press_until_next_group(qtbot, window, Qt.Key.Key_PageDown)
    assert projected(window).group_id() == ids[1]
    assert page.editor.group_id == ids[1]  # the group being presented is the selected one
    press_until_next_group(qtbot, window, Qt.Key.Key_Right)
    assert projected(window).group_id() == ids[2]
    press_until_next_group(qtbot, window, Qt.Key.Key_PageUp)
    assert projected(window).group_id() == ids[1] == page.editor.group_id
    # From the main window, whatever screen is shown: Alt+Page Down (menu « Projecteur »).
    window.projector.close()
    window.projector.open()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # the desk: its scan field has the keyboard
    focus = window.focusWidget() or window
    for _page in range(projected(window).page_count()):
        qtbot.keyClick(focus, Qt.Key.Key_PageDown, ALT)
    assert projected(window).group_id() == ids[2] == page.editor.group_id
    # The last group of the round: « next » stays on it.
    for _ in range(len(ids) * 5):
        window.projector.next_action.trigger()
    assert projected(window).group_id() == ids[-1]


def test_choosing_a_group_leaves_the_timer_on_the_projector(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.projector.open()
    assert window.projector.current_view() == TIMER_VIEW
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = restitutions(window)
    ids = [group_id for group_id, _name in groups(window)]
    page.editor.picker.select_group(ids[1])
    assert window.projector.current_view() == TIMER_VIEW
    assert project_button(page).text() == "Projeter"
    assert not window.projector.next_action.isEnabled()
