"""The groups screen driven as a person would: the new-round dialog, drag and drop, keys, undo."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from facilitator.store.checkin import check_in
from facilitator.store.database import Database
from facilitator.store.group_edits import suggest_group
from facilitator.store.groups import list_rounds, round_view
from facilitator.store.participants import list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.groups.dialogs import GroupDialog, NewRoundDialog
from facilitator.ui.groups.screen import GroupsScreen
from tests.ui.keyboard import type_text

MIGRATION = "migration-circulaire-dakar-2025"
CTRL = Qt.KeyboardModifier.ControlModifier
PRESENT = 40


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    workshop_id = ctx.read(lambda s: find_workshop(s, MIGRATION).id)
    people = ctx.read(lambda s: list_participants(s, workshop_id))
    for person in people[:PRESENT]:
        check_in(demo_db, workshop_id, person.id, "Accueil")
    ctx.set_workshop(workshop_id)
    return ctx


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> Iterator[GroupsScreen]:
    widget = GroupsScreen(context, opener=lambda _path: True)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)  # shortcuts (Ctrl+N, Ctrl+Z…) go to the active window
    yield widget


def create_with_keys(
    qtbot: QtBot,
    screen: GroupsScreen,
    monkeypatch: pytest.MonkeyPatch,
    count: str = "5",
    keys: bool = True,
) -> list[str]:
    """Open « Nouveau tour… » with Ctrl+N, type the number of groups, press Enter."""
    seen: list[str] = []

    def fill(dialog: NewRoundDialog) -> int:
        dialog.show()
        seen.append(dialog.name.text())
        dialog.count.setFocus()
        dialog.count.selectAll()
        qtbot.keyClicks(dialog.count, count)
        dialog.seed.setFocus()
        qtbot.keyClicks(dialog.seed, "7")
        qtbot.keyClick(dialog.seed, Qt.Key.Key_Return)
        seen.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
        if not dialog.result():
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(NewRoundDialog, "exec", fill)
    if keys:
        screen.round_picker.setFocus()
        qtbot.keyClick(screen.round_picker, Qt.Key.Key_N, CTRL)
    else:
        screen.actions_by_name["new_round"].trigger()
    activate(qtbot, screen)
    return seen


def activate(qtbot: QtBot, screen: GroupsScreen) -> None:
    """The screen's window active again after a dialog, as when exec() returns."""
    screen.activateWindow()
    qtbot.waitActive(screen)


@pytest.fixture
def with_round(qtbot: QtBot, screen: GroupsScreen, monkeypatch: pytest.MonkeyPatch) -> GroupsScreen:
    seen = create_with_keys(qtbot, screen, monkeypatch, keys=False)
    assert screen.view is not None, seen
    return screen


def stored(screen: GroupsScreen):  # type: ignore[no-untyped-def]
    round_id = screen.round_id
    assert round_id is not None
    return screen.context.read(lambda s: round_view(s, round_id))


def group_of(screen: GroupsScreen, participant_id: int) -> int:
    view = stored(screen)
    return next(
        g.id for g in view.groups if any(m.participant_id == participant_id for m in g.members)
    )


def select_first(qtbot: QtBot, screen: GroupsScreen, card: int = 0) -> int:
    view = screen.board.cards[card].members
    view.setFocus()
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.model().index(0, 0)).center(),
    )
    ids = screen.selected_ids()
    assert len(ids) == 1
    return ids[0]


def test_empty_state_calls_for_a_new_round(screen: GroupsScreen) -> None:
    assert screen.pages.currentIndex() == 0
    assert screen.empty.text().startswith("Pas encore de groupes. «\u00a0Nouveau tour…\u00a0»")
    assert screen.empty_button.text() == "Nouveau tour…"


def test_create_a_round_with_the_keyboard(
    qtbot: QtBot, screen: GroupsScreen, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = create_with_keys(qtbot, screen, monkeypatch)
    assert seen == ["Ateliers pratiques", ""]
    rounds = context.read(lambda s: list_rounds(s, context.workshop_id or 0))
    assert [(r.name, r.groups, r.members, r.seed, r.present_only) for r in rounds] == [
        ("Ateliers pratiques", 5, PRESENT, 7, True)
    ]
    assert screen.pages.currentIndex() == 1
    assert len(screen.board.cards) == 5
    assert sum(card.model.rowCount() for card in screen.board.cards) == PRESENT
    assert screen.balance.mark("types").startswith("✓")
    assert screen.balance.mark("sizes") == "✓ au mieux"
    assert screen.board.cards[0].title.text() == "Groupe 1"
    # The next round's name comes from the store.
    seen = create_with_keys(qtbot, screen, monkeypatch, "4")
    assert seen[0] == "Tour 2"


def test_bad_input_gives_a_clear_message_and_writes_nothing(
    qtbot: QtBot, screen: GroupsScreen, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = create_with_keys(qtbot, screen, monkeypatch, "0")
    assert seen[1] == "Le nombre de groupes doit être d’au moins 1."
    seen = create_with_keys(qtbot, screen, monkeypatch, "41")
    assert seen[1].startswith("41 groupes pour 40 personnes")
    assert context.read(lambda s: list_rounds(s, context.workshop_id or 0)) == []
    assert screen.pages.currentIndex() == 0


def test_drag_and_drop_moves_a_member_and_updates_the_balance(
    qtbot: QtBot, with_round: GroupsScreen
) -> None:
    screen = with_round
    source, target = screen.board.cards[0], screen.board.cards[1]
    moved = source.model.members[0].participant_id
    data = source.model.mimeData([source.model.index(0)])
    # While the member hovers the other group, the balance shows what the drop would give.
    screen._drag_hovered([moved], target.group.id)
    assert "Si vous déposez dans « Groupe 2 »" in screen.balance.caption.text().replace(
        "\u00a0", " "
    )
    assert screen.balance.mark("sizes") == "✗ améliorable"
    assert target.model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert target.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    qtbot.waitUntil(lambda: group_of(screen, moved) == target.group.id)
    qtbot.waitUntil(lambda: screen.board.cards[1].model.row_of(moved) >= 0)
    view = stored(screen)
    assert view.balance is not None and view.balance.sizes.obtained == 2
    assert screen.balance.mark("sizes") == "✗ améliorable"
    assert "déplacé vers" in screen.status.text()
    # Dropping members back on their own group does nothing.
    back = screen.board.cards[1].model.mimeData([screen.board.cards[1].model.index(0)])
    assert not screen.board.cards[1].model.canDropMimeData(
        back, Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )


def test_keyboard_move_undo_and_redo(qtbot: QtBot, with_round: GroupsScreen) -> None:
    screen = with_round
    before = stored(screen)
    member = select_first(qtbot, screen, 0)
    list_view = screen.board.cards[0].members
    qtbot.keyClick(list_view, Qt.Key.Key_Right, CTRL)
    assert group_of(screen, member) == screen.board.cards[1].group.id
    qtbot.keyClick(screen.board.cards[1].members, Qt.Key.Key_Right, CTRL)
    assert group_of(screen, member) == screen.board.cards[2].group.id
    after = stored(screen)
    focus = screen.board.cards[2].members
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert stored(screen) == before
    assert screen.status.text().startswith("Annulé")
    qtbot.keyClick(focus, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stored(screen) == after


def test_pin_and_unpin_with_ctrl_e(qtbot: QtBot, with_round: GroupsScreen) -> None:
    screen = with_round
    member = select_first(qtbot, screen, 0)
    qtbot.keyClick(screen.board.cards[0].members, Qt.Key.Key_E, CTRL)
    pinned = {m.participant_id for g in stored(screen).groups for m in g.members if m.pinned}
    assert pinned == {member}
    assert (
        screen.board.cards[0]
        .model.data(screen.board.cards[0].model.index(screen.board.cards[0].model.row_of(member)))
        .startswith("\N{BLACK FLAG}")
    )
    qtbot.keyClick(screen.board.cards[0].members, Qt.Key.Key_E, CTRL)
    assert not any(m.pinned for g in stored(screen).groups for m in g.members)


def test_reassign_keeps_pinned_members(
    qtbot: QtBot, with_round: GroupsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = with_round
    member = select_first(qtbot, screen, 2)
    group = screen.board.cards[2].group.id
    screen.actions_by_name["pin"].trigger()
    seed = stored(screen).round.seed
    monkeypatch.setattr(screen, "confirm", lambda *_args: True)
    screen.actions_by_name["reassign"].trigger()
    view = stored(screen)
    assert view.round.seed != seed
    assert group_of(screen, member) == group
    assert sum(len(g.members) for g in view.groups) == PRESENT
    qtbot.keyClick(screen.board.cards[0].members, Qt.Key.Key_Z, CTRL)
    assert stored(screen).round.seed == seed


def test_edit_a_group_through_its_dialog(
    qtbot: QtBot, with_round: GroupsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = with_round
    card = screen.board.cards[1]
    moderator = card.model.members[2]

    def fill(dialog: GroupDialog) -> int:
        dialog.show()
        dialog.name.clear()
        dialog.accept()  # an empty name is refused, in the dialog
        errors.append(dialog.error.text())
        type_text(qtbot, dialog.name, "Mobilité circulaire")
        type_text(qtbot, dialog.theme, "Comment faciliter le retour ?")
        type_text(qtbot, dialog.room, "Gorée")
        dialog.moderator.setCurrentIndex(dialog.moderator.findData(moderator.participant_id))
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        return dialog.result()

    errors: list[str] = []
    monkeypatch.setattr(GroupDialog, "exec", fill)
    qtbot.mouseDClick(card.title, Qt.MouseButton.LeftButton)
    activate(qtbot, screen)
    assert errors == ["Un groupe doit avoir un nom."]
    group = next(g for g in stored(screen).groups if g.id == card.group.id)
    assert (group.name, group.theme, group.room) == (
        "Mobilité circulaire",
        "Comment faciliter le retour ?",
        "Gorée",
    )
    assert group.moderator_id == moderator.participant_id and group.rapporteur_id is None
    assert screen.board.cards[1].title.text() == "Mobilité circulaire"
    assert "Gorée" in screen.board.cards[1].details.text()


def test_late_arrival_goes_to_the_suggested_group(
    qtbot: QtBot, with_round: GroupsScreen, context: AppContext
) -> None:
    screen = with_round
    wid = context.workshop_id or 0
    late = context.read(lambda s: list_participants(s, wid))[PRESENT + 3]
    check_in(context.db, wid, late.id, "Accueil")
    screen.reload()
    assert screen.late.people.count() == 1 and screen.late.current() == late.id
    rid = screen.round_id or 0
    expected = context.read(lambda s: suggest_group(s, rid, late.id))
    assert expected.group_name in screen.late.suggestion.text()
    qtbot.mouseClick(screen.late.place, Qt.MouseButton.LeftButton)
    assert group_of(screen, late.id) == expected.group_id
    assert f"« {expected.group_name} »" in screen.status.text().replace("\u00a0", " ")
    assert not screen.late.place.isEnabled()


def test_keep_apart_two_selected_people(qtbot: QtBot, with_round: GroupsScreen) -> None:
    from facilitator.store.groups import keep_apart_pairs

    screen = with_round
    view = screen.board.cards[0].members
    view.setFocus()
    view.selectionModel().select(
        view.model().index(0, 0), view.selectionModel().SelectionFlag.Select
    )
    view.selectionModel().select(
        view.model().index(1, 0), view.selectionModel().SelectionFlag.Select
    )
    ids = screen.selected_ids()
    qtbot.keyClick(view, Qt.Key.Key_K, CTRL)
    wid = screen.context.workshop_id or 0
    assert screen.context.read(lambda s: keep_apart_pairs(s, wid)) == [tuple(sorted(ids))]
    assert screen.balance.mark("constraints").startswith("✗")
    screen.undo_stack.undo()
    assert screen.context.read(lambda s: keep_apart_pairs(s, wid)) == []


def test_print_group_lists_one_page_per_group(
    qtbot: QtBot, with_round: GroupsScreen, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    screen = with_round
    target = tmp_path / "listes"
    asked: list[str] = []

    def save_as(_parent: object, _title: str, default: str, _filter: str) -> tuple[str, str]:
        asked.append(default)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    screen.actions_by_name["print_lists"].trigger()
    task = screen.print_task
    assert task is not None and task.wait()
    qtbot.waitUntil(lambda: "enregistrées" in screen.status.text())
    assert asked[0].endswith(".pdf") and "groupes" in asked[0]
    pages = PdfReader(str(tmp_path / "listes.pdf")).pages
    assert len(pages) == 5
    assert "Groupe 3" in pages[2].extract_text()
    screen.actions_by_name["door_sheet"].trigger()
    assert screen.print_task is not None and screen.print_task.wait()
    qtbot.waitUntil(lambda: "porte" in screen.status.text())


def test_project_emits_the_round(qtbot: QtBot, with_round: GroupsScreen) -> None:
    with qtbot.waitSignal(with_round.project_requested) as signal:
        with_round.actions_by_name["project"].trigger()
    assert signal.args == [with_round.round_id]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open opens files on Linux")
def test_printed_lists_no_application_can_open_are_said_so(
    qtbot: QtBot, with_round: GroupsScreen, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.ui.test_open_file import FakeXdgOpen

    FakeXdgOpen(tmp_path, monkeypatch).exits(3)  # as xdg-open does when it finds no viewer
    with_round.runner.opener = None  # the real opener
    target = tmp_path / "listes.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    with_round.actions_by_name["print_lists"].trigger()
    assert with_round.print_task is not None and with_round.print_task.wait()
    qtbot.waitUntil(lambda: "Aucune application" in with_round.status.text(), timeout=5000)
    assert "enregistrées" in with_round.status.text() and target.exists()
