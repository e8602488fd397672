"""The agenda editor driven as a person would: keys, the item dialog, drag and drop, undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTime
from pytestqt.qtbot import QtBot

from facilitator.store.agenda import agenda
from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.editor import AgendaEditor
from facilitator.ui.agenda.item_dialog import ItemDialog
from facilitator.ui.context import AppContext
from tests.ui.keyboard import type_text

MIGRATION = "migration-circulaire-dakar-2025"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, MIGRATION).id))
    return ctx


@pytest.fixture
def editor(qtbot: QtBot, context: AppContext) -> Iterator[AgendaEditor]:
    widget = AgendaEditor(context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def stored(context: AppContext) -> list[tuple[str, str, str]]:
    """(start, end, title) of the top items, as the store reads them."""
    return [
        (f"{e.planned_start:%H:%M}", f"{e.planned_end:%H:%M}", e.title)
        for e in context.read(lambda s: agenda(s, context.workshop_id or 0))
    ]


def shown(editor: AgendaEditor) -> list[tuple[str, str, str]]:
    model = editor.model
    return [
        tuple(model.index(row, column).data() for column in (0, 1, 3))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def select_row(editor: AgendaEditor, row: int) -> int:
    editor.tree.setFocus()
    editor.tree.setCurrentIndex(editor.model.index(row, 0))
    item_id = editor.selected_id()
    assert item_id is not None
    return item_id


def test_demo_day_shows_the_concept_note_times(editor: AgendaEditor, context: AppContext) -> None:
    rows = shown(editor)
    assert len(rows) == 10
    assert rows[0] == ("08:30", "09:00", "Accueil et installation des participants")
    assert rows[-1][:2] == ("16:30", "17:00") and rows[-1][2].startswith("Clôture")
    assert rows == stored(context)
    assert editor.day_picker.currentText() == "Jour 1 — 25 mars 2025"
    assert editor.model.headerData(0, Qt.Orientation.Horizontal) == "Début"
    lunch = editor.model.index(5, 6).data()
    assert editor.model.index(5, 3).data() == "Déjeuner" and lunch == "fixe"
    opening = editor.model.index(1, 0)
    assert editor.model.rowCount(opening) == 3
    assert editor.model.index(1, 0, opening).data() == "09:10"


def test_add_an_item_with_the_keyboard_and_dialog(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: ItemDialog) -> int:
        dialog.show()
        type_text(qtbot, dialog.title, "Photo de groupe à l’entrée")
        dialog.duration.setValue(15)
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(ItemDialog, "exec", fill)
    select_row(editor, 3)  # the coffee break
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
    rows = stored(context)
    assert rows[4] == ("11:00", "11:15", "Photo de groupe à l’entrée")
    assert rows[5][:2] == ("11:15", "12:45")  # session 2 follows the new item
    assert rows[6][:2] == ("12:30", "13:30")  # lunch is fixed
    assert shown(editor) == rows
    assert "déborde de 15\u00a0min" in editor.warnings.text()
    assert editor.model.index(editor.tree.currentIndex().row(), 3).data().startswith("Photo")


def test_edit_duration_through_the_end_time(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def change_end(dialog: ItemDialog) -> int:
        assert dialog.start.time() == QTime(10, 30) and not dialog.start.isEnabled()
        dialog.end.setTime(QTime(10, 45))
        assert dialog.duration.value() == 15
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        return dialog.result()

    monkeypatch.setattr(ItemDialog, "exec", change_end)
    select_row(editor, 3)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Return)
    rows = stored(context)
    assert rows[3] == ("10:30", "10:45", "Pause-café")
    assert rows[4][:2] == ("10:45", "12:15")


def test_bad_input_keeps_the_dialog_open_and_writes_nothing(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored(context)
    messages: list[str] = []

    def bad(dialog: ItemDialog) -> int:
        dialog.end.setTime(QTime(10, 0))  # before the 10:30 start
        messages.append(dialog.error.text())
        dialog.save()
        dialog.duration.setValue(20)
        dialog.title.clear()
        dialog.save()
        messages.append(dialog.error.text())
        return dialog.result()

    monkeypatch.setattr(ItemDialog, "exec", bad)
    select_row(editor, 3)
    editor.edit_selected()
    assert messages[0] == "L’heure de fin (10:00) doit être après l’heure de début (10:30)."
    assert messages[1].startswith("Le titre est vide")
    assert stored(context) == before
    assert not editor.undo_stack.canUndo()


def test_delete_then_ctrl_z_restores_it(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext
) -> None:
    before = stored(context)
    item_id = select_row(editor, 3)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert [r[2] for r in stored(context)].count("Pause-café") == 0
    assert stored(context)[3][:2] == ("10:30", "12:00")
    assert "Point supprimé" in editor.status.text() and "Ctrl+Z" in editor.status.text()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert stored(context) == before
    assert editor.model.index_of(item_id).isValid()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Y, CTRL)
    assert len(stored(context)) == 9


def test_ctrl_down_reorders_and_recomputes(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext
) -> None:
    item_id = select_row(editor, 0)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, CTRL)
    rows = stored(context)
    assert rows[0][0] == "08:30" and rows[0][2].startswith("Ouverture")
    assert rows[1] == ("09:00", "09:30", "Accueil et installation des participants")
    assert editor.selected_id() == item_id
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, CTRL)
    assert stored(context)[0][2] == "Accueil et installation des participants"


def test_drag_and_drop_through_the_model(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext
) -> None:
    model = editor.model
    pause = model.index(3, 0)
    data = model.mimeData([pause])
    # Dropped between the first and the second item.
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    qtbot.waitUntil(lambda: stored(context)[1][2] == "Pause-café")
    rows = stored(context)
    assert rows[1][:2] == ("09:00", "09:30") and rows[2][:2] == ("09:30", "10:00")
    # A sub-item dropped at the top of its item's sub-items.
    session1 = model.index(3, 0)
    last = model.index(1, 0, session1)
    assert model.dropMimeData(model.mimeData([last]), Qt.DropAction.MoveAction, 0, 0, session1)
    qtbot.waitUntil(lambda: model.index(0, 3, model.index(3, 0)).data() == "Questions et échanges")


def test_toggle_fixed(qtbot: QtBot, editor: AgendaEditor, context: AppContext) -> None:
    select_row(editor, 3)
    qtbot.mouseClick(editor.buttons["fixed"], Qt.MouseButton.LeftButton)
    assert editor.model.index(3, 6).data() == "fixe"
    select_row(editor, 0)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, CTRL)  # the morning shifts, the break does not
    rows = stored(context)
    assert rows[3] == ("10:30", "11:00", "Pause-café")
    assert rows[2][:2] == ("09:30", "10:30")
    editor.select_item(rows and editor.model.item_id(editor.model.index(3, 0)) or 0)
    qtbot.keyClick(editor.tree, Qt.Key.Key_L, CTRL)
    assert editor.model.index(3, 6).data() == ""


def test_switching_workshop_clears_undo(editor: AgendaEditor, context: AppContext) -> None:
    select_row(editor, 0)
    editor.move_down()
    assert editor.undo_stack.canUndo()
    other = context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id)
    context.set_workshop(other)
    assert not editor.undo_stack.canUndo()
    assert editor.day == dt.date(2023, 10, 27) and editor.model.rowCount() == 7


def test_the_times_as_the_day_ran_are_shown_next_to_the_plan(
    qtbot: QtBot, demo_db: Database
) -> None:
    from facilitator.ui.agenda.editor_model import ACTUAL

    context = AppContext(demo_db)
    context.set_workshop(context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id))
    widget = AgendaEditor(context)
    qtbot.addWidget(widget)
    model = widget.model
    assert model.headerData(ACTUAL, Qt.Orientation.Horizontal) == "Réel"
    rows = {
        model.index(r, 3).data(): model.index(r, ACTUAL).data() for r in range(model.rowCount())
    }
    # The concept note's day: reception planned 08:30, opened 08:05; speeches planned 09:00.
    assert rows["Réception et inscriptions des participants"] == "08:05–09:12 (−25 min)"
    assert rows["Discours introductifs"].startswith("09:12–")
    assert rows["Discours introductifs"].endswith("(+12 min)")


def test_ctrl_z_works_right_after_clicking_delete(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext
) -> None:
    before = stored(context)
    select_row(editor, 3)
    qtbot.mouseClick(editor.buttons["delete"], Qt.MouseButton.LeftButton)
    assert len(stored(context)) == len(before) - 1
    assert editor.tree.hasFocus()
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert stored(context) == before


def test_a_day_added_is_shown_empty_with_what_to_do(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext
) -> None:
    qtbot.mouseClick(editor.add_day_button, Qt.MouseButton.LeftButton)
    assert editor.day_picker.currentText() == "Jour 2 — 26 mars 2025"
    assert editor.day == dt.date(2025, 3, 26)
    assert editor.pages.currentWidget() is editor.empty_page
    assert editor.empty_page.paste_button.isVisible() and editor.empty_page.add_button.isVisible()
    assert editor.status.text() == "Jour ajouté\u00a0: 26 mars 2025"
