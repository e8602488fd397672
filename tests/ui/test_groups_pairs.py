"""« Paires à garder séparées… »: pairs listed, removed (click or Delete), put back (Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QToolBar
from pytestqt.qtbot import QtBot

from facilitator.store.checkin import check_in
from facilitator.store.database import Database, open_database
from facilitator.store.group_edits import remove_keep_apart
from facilitator.store.groups import keep_apart_pairs
from facilitator.store.participants import list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.groups.pairs_dialog import ApartPairsDialog
from facilitator.ui.groups.screen import GroupsScreen
from tests.ui.test_groups_screen import MIGRATION, PRESENT, create_with_keys

CTRL = Qt.KeyboardModifier.ControlModifier
NBSP = "\u00a0"


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    workshop_id = ctx.read(lambda s: find_workshop(s, MIGRATION).id)
    for person in ctx.read(lambda s: list_participants(s, workshop_id))[:PRESENT]:
        check_in(demo_db, workshop_id, person.id, "Accueil")
    ctx.set_workshop(workshop_id)
    return ctx


@pytest.fixture
def screen(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> Iterator[GroupsScreen]:
    widget = GroupsScreen(context, opener=lambda _path: True)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    create_with_keys(qtbot, widget, monkeypatch, keys=False)
    assert widget.view is not None
    yield widget


def stored_pairs(screen: GroupsScreen) -> list[tuple[int, int]]:
    wid = screen.context.workshop_id or 0
    return screen.context.read(lambda s: keep_apart_pairs(s, wid))


def keep_apart_with_ctrl_k(qtbot: QtBot, screen: GroupsScreen, card: int) -> tuple[int, int]:
    """Select the first two members of a card and press Ctrl+K, as a person would."""
    view = screen.board.cards[card].members
    view.setFocus()
    for row, modifier in ((0, Qt.KeyboardModifier.NoModifier), (1, CTRL)):
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            modifier,
            view.visualRect(view.model().index(row, 0)).center(),
        )
    first, second = screen.selected_ids()
    qtbot.keyClick(view, Qt.Key.Key_K, CTRL)
    return min(first, second), max(first, second)


def open_pairs_dialog(
    qtbot: QtBot,
    screen: GroupsScreen,
    monkeypatch: pytest.MonkeyPatch,
    drive: Callable[[ApartPairsDialog], None],
) -> None:
    """Click « Paires à garder séparées… » in the edit bar; `drive` works the open dialog."""

    def run(dialog: ApartPairsDialog) -> int:
        dialog.show()
        qtbot.wait(20)  # the click on the toolbar activates the screen's window after this show
        with qtbot.waitActive(dialog):  # its keys (Delete, Ctrl+Z) go to the active window
            dialog.activateWindow()
        drive(dialog)
        if dialog.isVisible():
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return dialog.result()

    monkeypatch.setattr(ApartPairsDialog, "exec", run)
    action = screen.actions_by_name["apart_pairs"]
    assert action.text() == "Paires à garder séparées…"
    assert action.isEnabled()
    button = screen.findChild(QToolBar, "edit_bar").widgetForAction(action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitActive(screen):  # the screen's window active again, as when exec() returns
        screen.activateWindow()


def rows(dialog: ApartPairsDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def names(screen: GroupsScreen, pair: tuple[int, int]) -> set[str]:
    wid = screen.context.workshop_id or 0
    people = {p.id: p for p in screen.context.read(lambda s: list_participants(s, wid))}
    return {f"{people[pid].last_name.upper()} {people[pid].first_name}" for pid in pair}


def test_pairs_are_listed_removed_and_put_back_with_ctrl_z(
    qtbot: QtBot, screen: GroupsScreen, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path
) -> None:
    first = keep_apart_with_ctrl_k(qtbot, screen, 0)
    second = keep_apart_with_ctrl_k(qtbot, screen, 1)
    assert stored_pairs(screen) == sorted([first, second])
    wid = screen.context.workshop_id or 0
    people = {p.id: p for p in screen.context.read(lambda s: list_participants(s, wid))}
    seen: dict[str, object] = {}

    def drive(dialog: ApartPairsDialog) -> None:
        assert dialog.windowTitle() == "Paires à garder séparées"
        headers = [
            dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())
        ]
        assert headers == ["Participant", "Structure", "À séparer de", "Structure"]
        listed = rows(dialog)
        assert len(listed) == 2 and dialog.pages.currentWidget() is dialog.table
        # Both names and both organisations of each pair, as stored.
        assert {frozenset((r[0], r[2])) for r in listed} == {
            frozenset(names(screen, first)),
            frozenset(names(screen, second)),
        }
        for row in listed:
            by_name = {f"{p.last_name.upper()} {p.first_name}": p for p in people.values()}
            assert row[1] == by_name[row[0]].organisation
            assert row[3] == by_name[row[2]].organisation
        assert dialog.remove_button.text() == "Retirer"
        # « Retirer » removes the selected pair: written (and durable) before the list shows it.
        removed = dialog.selected_pair()
        assert removed is not None
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        other = open_database(demo_db_path)  # a second connection sees the committed change
        try:
            with other.read() as session:
                assert keep_apart_pairs(session, wid) == [
                    p for p in sorted([first, second]) if p != removed.ids
                ]
        finally:
            other.dispose()
        assert len(rows(dialog)) == 1
        assert dialog.status.text().startswith(f"Plus gardés séparés{NBSP}:")
        # Delete removes the next one; the list is then empty and says how to add a pair.
        dialog.table.setFocus()
        qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
        assert stored_pairs(screen) == []
        assert dialog.pages.currentWidget() is dialog.empty
        assert dialog.empty.text().startswith("Aucune paire n’est gardée séparée")
        assert not dialog.remove_button.isEnabled()
        # Ctrl+Z in the dialog puts the last one back, and the list shows it again.
        qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
        assert len(stored_pairs(screen)) == 1
        assert len(rows(dialog)) == 1
        seen["undone"] = dialog.status.text()
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton
        )

    open_pairs_dialog(qtbot, screen, monkeypatch, drive)
    assert str(seen["undone"]).startswith(f"Annulé{NBSP}: Plus gardés séparés")
    # Back on the screen, Ctrl+Z undoes the first removal as it undoes any group edit.
    qtbot.keyClick(screen.board.cards[0].members, Qt.Key.Key_Z, CTRL)
    assert stored_pairs(screen) == sorted([first, second])
    assert screen.status.text().startswith(f"Annulé{NBSP}: Plus gardés séparés")
    # And Ctrl+Y removes it again.
    qtbot.keyClick(screen.board.cards[0].members, Qt.Key.Key_Y, CTRL)
    assert len(stored_pairs(screen)) == 1


def test_no_pair_shows_an_empty_state(
    qtbot: QtBot, screen: GroupsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[bool, str, bool]] = []

    def drive(dialog: ApartPairsDialog) -> None:
        seen.append(
            (
                dialog.empty.isVisible(),
                dialog.empty.text(),
                dialog.remove_button.isEnabled(),
            )
        )
        qtbot.keyClick(dialog, Qt.Key.Key_Delete)  # nothing to remove: nothing happens

    open_pairs_dialog(qtbot, screen, monkeypatch, drive)
    assert seen == [
        (
            True,
            "Aucune paire n’est gardée séparée pour l’instant. Pour en ajouter une, sélectionnez "
            "deux personnes dans les groupes (Ctrl+clic) et appuyez sur Ctrl+K.",
            False,
        )
    ]
    assert screen.undo_stack.count() == 0


def test_a_pair_removed_elsewhere_is_reported_and_the_list_refreshed(
    qtbot: QtBot, screen: GroupsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = keep_apart_with_ctrl_k(qtbot, screen, 0)
    wid = screen.context.workshop_id or 0
    before = screen.undo_stack.count()
    seen: list[str] = []

    def drive(dialog: ApartPairsDialog) -> None:
        remove_keep_apart(screen.context.db, wid, *pair)  # another desk, say
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.status.text())
        seen.append("empty" if dialog.pages.currentWidget() is dialog.empty else "table")

    open_pairs_dialog(qtbot, screen, monkeypatch, drive)
    assert seen == ["Cette paire n’était déjà plus gardée séparée.", "empty"]
    assert screen.undo_stack.count() == before  # nothing to undo
