"""Several selected members moved at once on the groups screen: one commit, undone in one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from facilitator.store.database import Database
from facilitator.store.participants import delete_participants
from facilitator.ui.groups.screen import GroupsScreen
from tests.ui import test_groups_screen as base
from tests.ui.test_groups_screen import CTRL, group_of, stored

# The groups screen's fixtures: a workshop with 40 people checked in, the screen, a round on it.
context, screen, with_round = base.context, base.screen, base.with_round


@contextmanager
def commits(db: Database) -> Iterator[list[int]]:
    """Count the transactions committed on the database's engine while the block runs."""
    seen: list[int] = []

    def count(_connection: Any) -> None:
        seen.append(1)

    event.listen(db.engine, "commit", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "commit", count)


def select_rows(screen: GroupsScreen, card: int, rows: list[int]) -> list[int]:
    view = screen.board.cards[card].members
    view.setFocus()
    flag = view.selectionModel().SelectionFlag.Select
    for row in rows:
        view.selectionModel().select(view.model().index(row, 0), flag)
    ids = screen.selected_ids()
    assert len(ids) == len(rows)
    return ids


def test_ctrl_right_on_three_members_is_one_commit_and_one_undo(
    qtbot: QtBot, with_round: GroupsScreen
) -> None:
    screen = with_round
    before = stored(screen)
    ids = select_rows(screen, 0, [0, 1, 2])
    with commits(screen.context.db) as seen:
        qtbot.keyClick(screen.board.cards[0].members, Qt.Key.Key_Right, CTRL)
    target = screen.board.cards[1].group.id
    assert all(group_of(screen, pid) == target for pid in ids)
    assert len(seen) == 1
    assert screen.undo_stack.count() == 1
    with commits(screen.context.db) as seen:
        screen.undo_stack.undo()
    assert len(seen) == 1
    assert stored(screen) == before


def test_a_dropped_selection_is_one_commit(qtbot: QtBot, with_round: GroupsScreen) -> None:
    screen = with_round
    source, target = screen.board.cards[0], screen.board.cards[2]
    ids = [source.model.members[row].participant_id for row in (0, 1)]
    data = source.model.mimeData([source.model.index(0), source.model.index(1)])
    with commits(screen.context.db) as seen:
        assert target.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
        qtbot.waitUntil(lambda: all(group_of(screen, pid) == target.group.id for pid in ids))
    assert len(seen) == 1


def test_a_member_deleted_meanwhile_moves_nobody(qtbot: QtBot, with_round: GroupsScreen) -> None:
    screen = with_round
    ids = select_rows(screen, 0, [0, 1, 2])
    with screen.context.db.write() as session:  # someone deletes the last one meanwhile
        delete_participants(session, [ids[-1]])
    before = stored(screen)
    with commits(screen.context.db) as seen:
        screen.move_to(ids, screen.board.cards[1].group.id)
    assert seen == []
    assert stored(screen) == before
    assert screen.undo_stack.count() == 0
    assert "n’est pas inscrit" in screen.status.text()
