"""The consolidation screen on the demo M4SD workshop: real widgets, real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.recommendation_edits import update_recommendation
from facilitator.store.recommendations import RecommendationRow, consolidated
from facilitator.ui.consolidation import ConsolidationView
from facilitator.ui.consolidation.models import R_KEPT, R_PRIORITY, R_TEXT, R_VOTES
from facilitator.ui.context import AppContext
from tests.ui.screens import m4sd_context, shown


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return m4sd_context(demo_db)


@pytest.fixture
def view(qtbot: QtBot, context: AppContext) -> ConsolidationView:
    return shown(qtbot, ConsolidationView(context))


def stored(context: AppContext) -> list[RecommendationRow]:
    wid = context.workshop_id
    assert wid is not None
    return context.read(lambda s: consolidated(s, wid))


def select_recs(view: ConsolidationView, *rows: int) -> None:
    table = view.recs_table
    table.setFocus()
    selection = table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.recs_model.index(row, 0), flags)
    selection.setCurrentIndex(
        view.recs_model.index(rows[0], R_TEXT), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def select_items(view: ConsolidationView, *rows: int) -> None:
    selection = view.candidates_table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.candidates_model.index(row, 0), flags)


def test_the_list_shows_the_demo_recommendations_in_order_with_their_groups(
    view: ConsolidationView, context: AppContext
) -> None:
    rows = stored(context)
    assert len(rows) == 12
    model = view.recs_model
    assert model.rowCount() == 12
    for row, rec in enumerate(rows):
        assert model.index(row, R_TEXT).data() == rec.text
        assert model.index(row, 8).data() == ", ".join(rec.group_names)
    assert model.index(1, 8).data() == "Groupe 1, Groupe 3, Groupe 4"
    assert [model.index(row, 0).data() for row in (0, 9, 10)] == ["1", "10", "–"]
    assert view.counter.text() == "10 recommandations retenues (objectif\u00a0: 10 à 15)"
    assert view.candidates_model.rowCount() == 16
    assert view.candidates_model.index(0, 3).data() == "n°\u00a02"
    assert view.buttons["create"].text() == "Créer une recommandation"


def test_create_from_two_items_of_different_groups(
    view: ConsolidationView, context: AppContext
) -> None:
    items = view.candidates
    free = [row for row, item in enumerate(items) if not item.recommendation_ids]
    first, second = free[0], next(r for r in free if items[r].group_id != items[free[0]].group_id)
    select_items(view, first, second)
    assert view.buttons["create"].isEnabled()
    view.buttons["create"].click()
    rows = stored(context)
    assert len(rows) == 13
    created = rows[-1]
    assert created.text == items[first].text
    assert set(created.group_names) == {items[first].group_name, items[second].group_name}
    assert {s.item_id for s in created.sources} == {items[first].item_id, items[second].item_id}
    assert view.recs_model.rowCount() == 13
    assert view.selected_rec_ids() == [created.id]
    assert view.candidates_model.index(first, 3).data() == "n°\u00a011"
    view.undo_stack.undo()
    assert len(stored(context)) == 12
    view.undo_stack.redo()
    assert stored(context)[-1] == created


def test_merge_keeps_every_group_and_adds_the_votes(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    from tests.ui.test_consolidation_merge import when_asked

    before = stored(context)
    select_recs(view, 4, 9)
    # Worded differently: the first wording, offered first, is confirmed with Enter.
    asked = when_asked(view, lambda dialog: qtbot.keyClick(dialog.radios[0], Qt.Key.Key_Return))
    view.buttons["merge"].click()
    assert len(asked) == 1
    after = stored(context)
    assert len(after) == 11
    merged = next(rec for rec in after if rec.id == before[4].id)
    assert merged.text == before[4].text
    assert merged.votes == before[4].votes + before[9].votes
    assert set(merged.group_names) == set(before[4].group_names) | set(before[9].group_names)
    assert before[9].id not in {rec.id for rec in after}
    view.activateWindow()  # as a window manager does once the dialog is closed
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(context) == before


def test_reword_is_stored_exactly(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    select_recs(view, 2)
    index = view.recs_model.index(2, R_TEXT)
    view.recs_table.edit(index)
    editor = view.recs_table.findChild(QLineEdit)
    assert editor is not None
    wording = "Institutionnaliser les cadres régionaux de concertation — « Thiès » d’abord"
    editor.setText(wording)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    rec_id = stored(context)[2].id
    qtbot.waitUntil(lambda: stored(context)[2].text == wording)
    assert stored(context)[2].id == rec_id
    assert view.recs_model.index(2, R_TEXT).data() == wording
    view.undo_stack.undo()
    assert stored(context)[2].text.startswith("Institutionnaliser les cadres régionaux")
    assert stored(context)[2].text != wording


def _edit_spin(qtbot: QtBot, view: ConsolidationView, row: int, column: int, value: int) -> None:
    select_recs(view, row)
    view.recs_table.edit(view.recs_model.index(row, column))
    spin = view.recs_table.findChild(QSpinBox)
    assert spin is not None
    spin.setValue(value)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_priority_votes_and_kept_are_stored(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    _edit_spin(qtbot, view, 6, R_PRIORITY, 4)
    qtbot.waitUntil(lambda: stored(context)[6].priority == 4)
    _edit_spin(qtbot, view, 6, R_PRIORITY, 0)  # « — »: no priority
    qtbot.waitUntil(lambda: stored(context)[6].priority is None)
    _edit_spin(qtbot, view, 6, R_VOTES, 33)
    qtbot.waitUntil(lambda: stored(context)[6].votes == 33)
    select_recs(view, 6)
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Plus)
    assert stored(context)[6].votes == 34
    view.buttons["vote"].click()
    assert stored(context)[6].votes == 35
    assert view.recs_model.index(6, R_VOTES).data() == "35"
    view.recs_model.setData(
        view.recs_model.index(10, R_KEPT), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: stored(context)[10].kept)
    assert view.counter.text() == "11 recommandations retenues (objectif\u00a0: 10 à 15)"


def test_the_counter_updates_when_kept_is_unchecked(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    index = view.recs_model.index(0, R_KEPT)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    view.recs_model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: not stored(context)[0].kept)
    assert view.counter.text() == "9 recommandations retenues (objectif\u00a0: 10 à 15)"
    assert view.recs_model.index(0, 0).data() == "–"
    assert view.recs_model.index(1, 0).data() == "1"
    view.undo_stack.undo()
    assert stored(context)[0].kept
    assert view.counter.text().startswith("10 recommandations retenues")


def test_alt_down_and_drag_and_drop_reorder(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    ids = [rec.id for rec in stored(context)]
    select_recs(view, 0)
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [rec.id for rec in stored(context)] == [ids[1], ids[0], *ids[2:]]
    assert view.selected_rec_ids() == [ids[0]]
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [rec.id for rec in stored(context)] == ids
    # A drop: the last recommendation dragged before the third.
    model = view.recs_model
    data = model.mimeData([model.index(11, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, model.index(-1, -1))
    wanted = [*ids[:2], ids[11], *ids[2:11]]
    qtbot.waitUntil(lambda: [rec.id for rec in stored(context)] == wanted)
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [rec.id for rec in stored(context)] == ids
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [rec.id for rec in stored(context)] == wanted


def test_delete_then_ctrl_z_brings_back_the_same_id_and_place(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    before = stored(context)
    select_recs(view, 3)
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Delete)
    after = stored(context)
    assert len(after) == 11 and before[3].id not in {rec.id for rec in after}
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(context) == before
    assert view.recs_model.index(3, R_TEXT).data() == before[3].text
    qtbot.keyClick(
        view.recs_table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(stored(context)) == 11


def test_take_up_all_asks_how_many_then_creates_them(
    view: ConsolidationView, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    view.buttons["import_all"].click()
    assert asked == [
        "Créer 3 recommandations, une pour chaque proposition pas encore reprise\u00a0?"
    ]
    assert len(stored(context)) == 15
    assert not view.buttons["import_all"].isEnabled()
    view.undo_stack.undo()
    assert len(stored(context)) == 12


def test_add_to_the_selected_recommendation_and_reload_on_data_changed(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    free = next(row for row, item in enumerate(view.candidates) if not item.recommendation_ids)
    item = view.candidates[free]
    select_recs(view, 5)
    select_items(view, free)
    view.buttons["add_to"].click()
    rec = stored(context)[5]
    assert item.group_name in rec.group_names
    assert item.item_id in {s.item_id for s in rec.sources}
    view.undo_stack.undo()
    assert item.item_id not in {s.item_id for s in stored(context)[5].sources}
    # A change made elsewhere (another screen) shows after the debounced reload.
    update_recommendation(context.db, rec.id, text="Changé ailleurs")
    context.data_changed.emit("restitutions")
    qtbot.waitUntil(lambda: view.recs_model.index(5, R_TEXT).data() == "Changé ailleurs")
