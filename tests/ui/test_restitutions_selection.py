"""The restitutions screen: a row picked in the list is the one edited, and each group keeps
its own Ctrl+Z history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.ui.context import AppContext
from facilitator.ui.restitutions.entry import plain_text
from facilitator.ui.restitutions.items_model import TEXT
from facilitator.ui.restitutions.screen import RestitutionsScreen
from tests.ui.screens import assert_save_due_within_a_second, m4sd_context, shown
from tests.ui.test_restitutions_screen import group_ids, stored

CTRL = Qt.KeyboardModifier.ControlModifier
ENTER = Qt.Key.Key_Return


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return m4sd_context(demo_db)


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> RestitutionsScreen:
    return shown(qtbot, RestitutionsScreen(context))


def texts(context: AppContext, group_id: int) -> list[str]:
    return [item.text for item in stored(context, group_id).items]


def click_row(qtbot: QtBot, screen: RestitutionsScreen, row: int) -> None:
    rect = screen.items.visualRect(screen.model.index(row, TEXT))
    assert rect.isValid()
    qtbot.mouseClick(screen.items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def entry_text(screen: RestitutionsScreen) -> str:
    return plain_text(screen.entry.text)


# -- a row picked is the row edited --------------------------------------------------------------
def test_one_click_on_a_row_loads_it_into_the_item_line(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    items = stored(context, screen.group_id or 0).items
    click_row(qtbot, screen, 1)
    assert screen.entry.item_id == items[1].id
    assert entry_text(screen) == items[1].text
    assert screen.entry.mode.text() == "Élément en cours de modification"
    click_row(qtbot, screen, 3)
    assert screen.entry.item_id == items[3].id
    assert entry_text(screen) == items[3].text
    assert screen.entry.current_kind() == items[3].kind


def test_arrow_keys_in_the_list_load_each_row_and_keep_the_focus_there(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    items = stored(context, screen.group_id or 0).items
    click_row(qtbot, screen, 0)
    assert screen.items.hasFocus()
    for number in (1, 2):
        qtbot.keyClick(screen.items, Qt.Key.Key_Down)
        assert screen.entry.item_id == items[number].id
        assert entry_text(screen) == items[number].text
        assert screen.items.hasFocus()
    qtbot.keyClick(screen.items, Qt.Key.Key_Up)
    assert screen.entry.item_id == items[1].id
    qtbot.keyClick(screen.items, ENTER)  # Enter still goes to the text, to type
    assert screen.entry.item_id == items[1].id and screen.entry.text.hasFocus()


def test_an_edit_in_progress_is_saved_before_another_row_is_loaded(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    items = stored(context, group).items
    click_row(qtbot, screen, 0)
    qtbot.mouseClick(screen.entry.text, Qt.MouseButton.LeftButton)
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(screen.entry.text, " (bis)")
    click_row(qtbot, screen, 2)  # at once: no pause for the autosave
    assert texts(context, group)[0] == items[0].text + " (bis)"
    assert screen.model.rows[0].text == items[0].text + " (bis)"
    assert screen.entry.item_id == items[2].id and entry_text(screen) == items[2].text
    # Typing in the row loaded by the click is saved after a pause, as always.
    qtbot.mouseClick(screen.entry.text, Qt.MouseButton.LeftButton)
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(screen.entry.text, " !")
    assert_save_due_within_a_second(screen.save_timer)
    qtbot.waitUntil(lambda: texts(context, group)[2] == items[2].text + " !", timeout=10_000)
    # Each item's edit is its own step of Ctrl+Z.
    screen.undo()
    assert texts(context, group)[2] == items[2].text
    assert screen.entry.item_id == items[2].id and entry_text(screen) == items[2].text
    screen.undo()
    assert texts(context, group)[0] == items[0].text


def test_a_new_item_typed_without_enter_is_kept_when_a_row_is_clicked(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    items = stored(context, group).items
    qtbot.keyClicks(screen.entry.text, "Nouveau sans Entree")
    click_row(qtbot, screen, 1)
    qtbot.waitUntil(lambda: screen.entry.item_id == items[1].id, timeout=10_000)
    assert texts(context, group) == [*[i.text for i in items], "Nouveau sans Entree"]
    assert entry_text(screen) == items[1].text
    assert screen.selected_id() == items[1].id
    assert screen.model.rowCount() == len(items) + 1


def test_a_row_loaded_then_left_with_escape_can_be_picked_again(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    items = stored(context, screen.group_id or 0).items
    click_row(qtbot, screen, 1)
    qtbot.mouseClick(screen.entry.text, Qt.MouseButton.LeftButton)
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_Escape)
    assert screen.entry.item_id is None and entry_text(screen) == ""
    click_row(qtbot, screen, 1)
    assert screen.entry.item_id == items[1].id


# -- one history per group -----------------------------------------------------------------------
def test_ctrl_z_never_undoes_another_groups_change_and_each_group_keeps_its_history(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    first, second = group_ids(context)[:2]
    line = screen.entry.text
    qtbot.keyClicks(line, "Alpha")
    qtbot.keyClick(line, ENTER)
    assert texts(context, first)[-1] == "Alpha"
    qtbot.keyClick(line, Qt.Key.Key_PageDown, CTRL)
    assert screen.group_id == second
    assert not screen.actions_by_name["undo"].isEnabled()
    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL)  # nothing to undo in this group
    assert texts(context, first)[-1] == "Alpha" and screen.group_id == second
    qtbot.keyClicks(line, "Beta")
    qtbot.keyClick(line, ENTER)
    qtbot.keyClick(line, Qt.Key.Key_PageUp, CTRL)
    assert screen.group_id == first
    context.data_changed.emit("groups")  # a reload of the groups keeps their histories
    assert screen.actions_by_name["undo"].isEnabled()
    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL)
    assert "Alpha" not in texts(context, first)
    assert texts(context, second)[-1] == "Beta" and screen.group_id == first
    qtbot.keyClick(line, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL)
    assert "Beta" not in texts(context, second)
    qtbot.keyClick(line, Qt.Key.Key_Y, CTRL)
    assert texts(context, second)[-1] == "Beta"
    assert "Alpha" not in texts(context, first)


def test_a_change_of_workshop_forgets_every_groups_history(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    first = screen.group_id or 0
    qtbot.keyClicks(screen.entry.text, "Gamma")
    qtbot.keyClick(screen.entry.text, ENTER)
    workshop = context.workshop_id
    assert workshop is not None
    context.workshop_changed.emit(workshop)
    assert screen.group_id == first
    assert not screen.actions_by_name["undo"].isEnabled()
    screen.undo()
    assert texts(context, first)[-1] == "Gamma"
