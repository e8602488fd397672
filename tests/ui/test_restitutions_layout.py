"""The restitutions screen at a laptop's sizes: every column whole, the items' text in room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.ui.restitutions.items_model import TEXT
from facilitator.ui.restitutions.screen import RestitutionsScreen
from tests.ui.screens import m4sd_context, shown


@pytest.mark.parametrize("size", [(1366, 728), (1024, 728)])
def test_every_column_is_whole_and_the_text_keeps_the_room(
    qtbot: QtBot, demo_db: Database, size: tuple[int, int]
) -> None:
    screen = shown(qtbot, RestitutionsScreen(m4sd_context(demo_db)), *size)
    view = screen.items
    header = view.header()
    model = screen.model
    assert model.rowCount() > 0
    widths = [header.sectionSize(c) for c in range(model.columnCount())]
    # No column beyond the list's right edge, no horizontal scrolling.
    assert sum(widths) <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    for column in range(model.columnCount()):
        label = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert header.fontMetrics().horizontalAdvance(label) + 8 <= widths[column], label
        if column == TEXT:
            continue
        for row in range(model.rowCount()):  # « Recommandation », « Opérationnelle »… whole
            value = model.index(row, column).data()
            if value:
                assert view.fontMetrics().horizontalAdvance(str(value)) <= widths[column] or (
                    column not in (0, 2, 4, 5)
                ), value
    # The item's words, what the screen is for, keep more than a third of the list.
    assert widths[TEXT] >= 0.35 * view.viewport().width()
    # The groups' names are whole in the picker.
    picker = screen.picker
    for group_id in picker.group_ids():
        item = picker._items[group_id]
        rect = picker.visualItemRect(item)
        assert picker.fontMetrics().horizontalAdvance(item.text(0)) <= rect.width()
