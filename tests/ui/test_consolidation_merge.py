"""« Fusionner » on the consolidation screen: which wording the merged recommendation keeps."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.recommendation_edits import update_recommendation
from facilitator.ui.consolidation import ConsolidationView
from facilitator.ui.consolidation.merge_dialog import MergeWordingDialog
from facilitator.ui.consolidation.models import R_TEXT
from facilitator.ui.context import AppContext
from tests.ui.screens import m4sd_context, shown
from tests.ui.test_consolidation import stored

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return m4sd_context(demo_db)


@pytest.fixture
def view(qtbot: QtBot, context: AppContext) -> ConsolidationView:
    return shown(qtbot, ConsolidationView(context))


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


def when_asked(
    view: ConsolidationView, act: Callable[[MergeWordingDialog], None]
) -> list[MergeWordingDialog]:
    """Run `act` on the wording dialog once it is open (it is modal: exec() waits for it).

    A dialog left open by a failing `act` is cancelled, so a failure never hangs the run; the
    watch ends with the view, so it never reaches into another test."""
    seen: list[MergeWordingDialog] = []
    deadline = time.monotonic() + 5

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, MergeWordingDialog) and dialog.isActiveWindow():
            seen.append(dialog)
            try:
                act(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()
        elif time.monotonic() < deadline:
            QTimer.singleShot(10, view, poll)

    QTimer.singleShot(0, view, poll)
    return seen


def merge_with_ctrl_m(qtbot: QtBot, view: ConsolidationView) -> None:
    qtbot.keyClick(view.recs_table, Qt.Key.Key_M, CTRL)


def test_different_wordings_ask_which_one_and_the_choice_is_stored(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    before = stored(context)
    first, second = before[4], before[9]
    assert first.text != second.text
    shown: dict[str, object] = {}

    def choose_the_second(dialog: MergeWordingDialog) -> None:
        shown["title"] = dialog.windowTitle()
        shown["radios"] = [radio.toolTip() for radio in dialog.radios]
        shown["checked"] = dialog.radios[0].isChecked()
        shown["text"] = dialog.wording()
        shown["groups"] = dialog.radios[0].text()
        qtbot.keyClick(dialog.radios[0], Qt.Key.Key_Down)  # the next wording
        assert dialog.radios[1].isChecked()
        assert dialog.wording() == second.text
        qtbot.keyClick(dialog.radios[1], Qt.Key.Key_Return)

    seen = when_asked(view, choose_the_second)
    select_recs(view, 4, 9)
    merge_with_ctrl_m(qtbot, view)
    assert len(seen) == 1
    assert shown["title"] == "Fusionner des recommandations"
    assert shown["radios"] == [first.text, second.text]
    assert shown["checked"] is True and shown["text"] == first.text
    assert f"Proposée par\u00a0: {', '.join(first.group_names)}" in str(shown["groups"])
    after = stored(context)
    assert len(after) == 11
    merged = next(rec for rec in after if rec.id == first.id)
    assert merged.text == second.text
    assert merged.votes == first.votes + second.votes
    assert set(merged.group_names) == set(first.group_names) | set(second.group_names)
    row = [rec.id for rec in view.recs].index(first.id)
    assert view.recs_model.index(row, R_TEXT).data() == second.text
    # One step of Ctrl+Z undoes the merge and the wording together; Ctrl+Y does both again.
    view.activateWindow()  # as a window manager does once the dialog is closed
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Z, CTRL)
    assert stored(context) == before
    qtbot.keyClick(view.recs_table, Qt.Key.Key_Y, CTRL)
    again = next(rec for rec in stored(context) if rec.id == first.id)
    assert again.text == second.text and len(stored(context)) == 11


def test_the_wording_can_be_edited_before_merging(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    before = stored(context)
    edited = "Renforcer la concertation régionale\u00a0: « Thiès » d’abord"

    def edit_the_second(dialog: MergeWordingDialog) -> None:
        qtbot.keyClick(dialog.radios[0], Qt.Key.Key_2, ALT)
        assert dialog.radios[1].isChecked()
        dialog.text.setFocus()
        dialog.text.selectAll()
        dialog.text.insertPlainText(edited)
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)

    seen = when_asked(view, edit_the_second)
    select_recs(view, 4, 9)
    view.buttons["merge"].click()
    assert len(seen) == 1
    merged = next(rec for rec in stored(context) if rec.id == before[4].id)
    assert merged.text == edited
    assert len(view.undo_stack.undoText()) > 0
    view.undo_stack.undo()
    assert stored(context) == before


def test_a_blank_wording_cannot_be_confirmed(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    before = stored(context)

    def blank_then_ctrl_enter(dialog: MergeWordingDialog) -> None:
        dialog.text.setFocus()
        dialog.text.selectAll()
        qtbot.keyClick(dialog.text, Qt.Key.Key_Delete)
        assert not dialog.merge_button.isEnabled()
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
        assert dialog.isVisible()
        qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)

    seen = when_asked(view, blank_then_ctrl_enter)
    select_recs(view, 4, 9)
    merge_with_ctrl_m(qtbot, view)
    assert len(seen) == 1
    assert stored(context) == before


def test_escape_cancels_the_merge_and_writes_nothing(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    before = stored(context)
    history = view.undo_stack.count()
    seen = when_asked(view, lambda dialog: qtbot.keyClick(dialog.radios[0], Qt.Key.Key_Escape))
    select_recs(view, 4, 9, 2)
    merge_with_ctrl_m(qtbot, view)
    assert len(seen) == 1 and len(seen[0].radios) == 3
    assert stored(context) == before
    assert view.undo_stack.count() == history
    assert view.status.text() == "Fusion annulée\u00a0: rien n’a été modifié."


def test_the_same_wording_merges_without_asking(
    qtbot: QtBot, view: ConsolidationView, context: AppContext
) -> None:
    before = stored(context)
    update_recommendation(context.db, before[9].id, text=before[4].text)
    view.reload()
    seen = when_asked(view, lambda dialog: None)
    select_recs(view, 4, 9)
    merge_with_ctrl_m(qtbot, view)
    assert seen == []
    after = stored(context)
    assert len(after) == 11
    assert next(rec for rec in after if rec.id == before[4].id).text == before[4].text
