"""Pasting a programme from Word or Excel into the agenda editor: preview, add, one Ctrl+Z."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from facilitator.store.agenda import agenda
from facilitator.store.database import Database
from facilitator.store.workshops import WorkshopDetails, create_workshop, find_workshop
from facilitator.ui.agenda.editor import AgendaEditor
from facilitator.ui.agenda.paste_dialog import PasteProgrammeDialog
from facilitator.ui.context import AppContext

DAY = dt.date(2026, 3, 10)
CTRL = Qt.KeyboardModifier.ControlModifier
WORD = (
    "PROGRAMME DE L’ATELIER\n"
    "08:30 – 09:00\tAccueil et installation des participants\tProtocole\n"
    "09:00 – 09:30\tAllocution d’ouverture\tM. le Gouverneur\n"
    "9h30-10h30 Panel : la migration circulaire\n"
    "10h30 - 10h45 Pause-café\n"
    "15:00 – 14:30\tDébat\n"
)


@pytest.fixture
def context(db: Database) -> AppContext:
    with db.write() as session:
        wid = create_workshop(
            session, WorkshopDetails(title="Atelier vide", start_date=DAY, end_date=DAY)
        ).id
    ctx = AppContext(db)
    ctx.set_workshop(wid)
    return ctx


@pytest.fixture
def editor(qtbot: QtBot, context: AppContext) -> Iterator[AgendaEditor]:
    widget = AgendaEditor(context)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    yield widget


def stored(context: AppContext) -> list[tuple[str, str, str, str]]:
    return [
        (f"{e.planned_start:%H:%M}", f"{e.planned_end:%H:%M}", e.title, e.kind)
        for e in context.read(lambda s: agenda(s, context.workshop_id or 0))
    ]


def when_open(
    qtbot: QtBot, editor: AgendaEditor, act: Callable[[PasteProgrammeDialog], None]
) -> dict[str, object]:
    """Run `act` on the paste dialog once it is open and active; what it saw comes back."""
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = editor.paste_dialog
        if dialog is None or not dialog.isActiveWindow():
            if dialog is not None:
                dialog.activateWindow()
            QTimer.singleShot(10, look)
            return
        try:
            dialog.update_preview()
            table = dialog.table
            seen["rows"] = [
                tuple(table.item(row, column).text() for column in range(1, 6))
                for row in range(table.rowCount())
            ]
            seen["button"] = dialog.add_button.text()
            seen["summary"] = dialog.summary.text()
            seen["problems"] = dialog.problems.text()
            seen["text"] = dialog.pasted_text()
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()  # never leave a test hanging on a modal dialog

    QTimer.singleShot(0, look)
    return seen


def back_from_dialog(qtbot: QtBot, editor: AgendaEditor) -> None:
    """The editor active again, as a window manager makes it once the dialog has closed."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)


def test_an_empty_day_offers_to_paste_and_the_preview_comes_first(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext
) -> None:
    assert editor.pages.currentWidget() is editor.empty_page
    assert "Pas encore de programme pour ce jour" in editor.empty_page.message.text()
    button = editor.empty_page.findChild(QPushButton, "empty_paste")
    assert button is not None and button.isVisible()
    assert button.text() == "Coller le programme…"
    QGuiApplication.clipboard().setText(WORD)
    seen = when_open(qtbot, editor, lambda dialog: dialog.reject())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen["text"] == WORD
    assert seen["rows"] == [
        ("08:30", "09:00", "30 min", "Accueil et installation des participants", "accueil"),
        ("09:00", "09:30", "30 min", "Allocution d’ouverture", "ouverture"),
        ("09:30", "10:30", "1\u00a0h", "Panel : la migration circulaire", "session"),
        ("10:30", "10:45", "15 min", "Pause-café", "pause"),
    ]
    assert seen["button"] == "Ajouter 4 points"
    assert seen["summary"] == "4 points seront ajoutés au Jour 1 — 10 mars 2026, de 08:30 à 10:45."
    assert "Ligne 6 laissée de côté\u00a0: la fin n’est pas après le début" in str(seen["problems"])
    # Cancelled: nothing was written.
    assert stored(context) == []
    assert editor.pages.currentWidget() is editor.empty_page


def test_add_then_one_ctrl_z_takes_the_whole_paste_back(
    qtbot: QtBot, editor: AgendaEditor, context: AppContext
) -> None:
    QGuiApplication.clipboard().setText(WORD)
    when_open(qtbot, editor, lambda dialog: dialog.add_button.click())
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stored(context) == [
        ("08:30", "09:00", "Accueil et installation des participants", "accueil"),
        ("09:00", "09:30", "Allocution d’ouverture", "ouverture"),
        ("09:30", "10:30", "Panel : la migration circulaire", "session"),
        ("10:30", "10:45", "Pause-café", "pause"),
    ]
    assert editor.pages.currentWidget() is editor.tree
    assert editor.model.rowCount() == 4
    assert editor.status.text().startswith("Programme collé\u00a0: 4 points")
    back_from_dialog(qtbot, editor)
    assert editor.tree.hasFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert stored(context) == []
    assert editor.pages.currentWidget() is editor.empty_page
    editor.undo_stack.redo()
    assert len(stored(context)) == 4


def test_ctrl_v_in_a_day_s_list_adds_after_its_items(qtbot: QtBot, demo_db: Database) -> None:
    context = AppContext(demo_db)
    context.set_workshop(
        context.read(lambda s: find_workshop(s, "migration-circulaire-dakar-2025").id)
    )
    editor = AgendaEditor(context)
    qtbot.addWidget(editor)
    editor.resize(1024, 700)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    before = stored(context)
    assert before and before[-1][1] == "17:00"
    QGuiApplication.clipboard().setText("17:00\t17:30\tCocktail\n18:00\t19:00\tDîner officiel")

    def correct_then_add(dialog: PasteProgrammeDialog) -> None:
        # A line typed in the box joins the preview before anything is added.
        dialog.text.appendPlainText("19:00 - 19:15 Mot de la fin")
        dialog.update_preview()
        assert dialog.table.rowCount() == 3
        assert "jusqu’à 17:00" in dialog.problems.text()
        dialog.add_button.click()

    seen = when_open(qtbot, editor, correct_then_add)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_V, CTRL)
    assert seen["button"] == "Ajouter 2 points"
    after = stored(context)
    assert after[: len(before)] == before
    assert after[len(before) :] == [
        ("17:00", "17:30", "Cocktail", "repas"),
        ("18:00", "19:00", "Dîner officiel", "repas"),
        ("19:00", "19:15", "Mot de la fin", "session"),
    ]
    back_from_dialog(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert stored(context) == before
