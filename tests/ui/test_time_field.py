"""The time field takes times as people type them, whole, not one section at a time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from facilitator.ui.widgets.time_field import TimeField, parse_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:45", QTime(14, 45)),
        ("1445", QTime(14, 45)),
        ("14h45", QTime(14, 45)),
        ("9h", QTime(9, 0)),
        ("9", QTime(9, 0)),
        ("8.05", QTime(8, 5)),
        (" 07 : 30 ", QTime(7, 30)),
        ("0:00", QTime(0, 0)),
    ],
)
def test_what_people_type_is_read_as_a_time(text: str, expected: QTime) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "24:00", "12:60", "abc", "12:345", "1:2:3", "-1"])
def test_what_is_not_a_time_is_refused(text: str) -> None:
    assert parse_time(text) is None


def test_typing_over_the_selected_time_replaces_all_of_it(qtbot: QtBot) -> None:
    field = TimeField(QTime(8, 30))
    qtbot.addWidget(field)
    field.show()
    changes: list[QTime] = []
    field.timeChanged.connect(changes.append)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "14:45")
    assert field.time() == QTime(14, 45) and changes[-1] == QTime(14, 45)
    field.selectAll()
    qtbot.keyClicks(field, "1610")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.time() == QTime(16, 10) and field.text() == "16:10"
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.time() == QTime(16, 15)
    field.selectAll()
    qtbot.keyClicks(field, "25:00")
    assert not field.is_valid() and "border" in field.styleSheet()
    qtbot.keyClick(field, Qt.Key.Key_Return)  # not a time: the one it was is put back
    assert field.time() == QTime(16, 15) and field.text() == "16:15"
