"""Benchmark for the restitutions screen (run on demand:
`python -m pytest tests/perf/test_perf_restitutions.py -s`).

With 200 items in one group: a keystroke in the new-item line and in the notes, painted, in
under 16 ms (median and p99 over 200 keys); a change of group and back, painted, in under
100 ms (median and p99 over 50 switches). The save a pause triggers is printed too: it runs on
the UI thread, so it is a stall the typist can feel.

The same two, each against plain Qt widgets timed in the same run (ours, the baseline, the ratio):
a change of group and back against the same store read shown in a bare QTreeView; keystrokes
in the new-item line with 200 items on screen against a bare QPlainTextEdit.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTreeView
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.restitution_fields import kind_label
from facilitator.store.restitution_items import add_item
from facilitator.store.restitutions import groups_with_restitutions, restitution_view
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.restitutions.items_model import COLUMNS, one_line
from facilitator.ui.restitutions.screen import RestitutionsScreen
from tests.perf.ratio import compare

M4SD = "m4sd-cloture-thies-2023"
KEY_BUDGET_MS = 16.0
SWITCH_BUDGET_MS = 100.0
CTRL = Qt.KeyboardModifier.ControlModifier
KINDS = ("challenge", "opportunity", "good_practice", "recommendation")
# Measured here: a change of group and back 0.7 to 1.0 times the bare tree view with the same
# read (ours also fills the notes, the item line and the picker); keystrokes 2.1 to 2.4 times a
# bare editor (ours also marks the line unsaved and restarts the save's timer). The bounds catch
# a screen grown twice dearer, not noise.
SWITCH_RATIO = 2.5
KEY_RATIO = 5.0


class PaintCounter(QObject):
    """Counts paint events anywhere in the app: proof that a timing includes painting."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


@pytest.fixture
def groups(context: AppContext, demo_db: Database) -> list[int]:
    """The workshop's groups; the first gets 200 more items."""
    wid = context.workshop_id
    assert wid is not None
    rounds = context.read(lambda s: groups_with_restitutions(s, wid))
    ids = [g.group_id for r in rounds for g in r.groups]
    for number in range(200):
        kind = KINDS[number % 4]
        fields = {"actor": "ARD", "priority": 1} if kind == "recommendation" else {}
        add_item(demo_db, ids[0], kind, f"Élément {number} " + "texte " * 20, **fields)
    return ids


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext, groups: list[int]) -> Iterator[RestitutionsScreen]:
    widget = RestitutionsScreen(context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    assert widget.group_id == groups[0]
    assert widget.model.rowCount() >= 200
    yield widget


@pytest.fixture
def paints() -> Iterator[PaintCounter]:
    counter = PaintCounter()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    yield counter
    app.removeEventFilter(counter)


def _painted_ms(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    QApplication.processEvents()
    return (time.perf_counter() - started) * 1000


def _figures(name: str, timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    print(
        f"\n{name}: median {median:.2f} ms, p99 {p99:.2f} ms, max {ordered[-1]:.2f} ms "
        f"(n={len(ordered)})"
    )
    return median, p99


def _keystrokes(qtbot: QtBot, widget: object, count: int) -> list[float]:
    timings = []
    for number in range(count):
        key = Qt.Key.Key_Space if number % 6 == 5 else Qt.Key.Key_A + number % 26
        timings.append(_painted_ms(lambda k=key: qtbot.keyClick(widget, Qt.Key(k))))
    return timings


def test_a_keystroke_is_painted_within_a_frame(
    screen: RestitutionsScreen, qtbot: QtBot, paints: PaintCounter
) -> None:
    QApplication.processEvents()
    results = {}
    for name, widget in (("new-item line", screen.entry.text), ("notes", screen.notes)):
        widget.setFocus()
        QApplication.processEvents()
        before = paints.count
        timings = _keystrokes(qtbot, widget, 200)
        assert paints.count - before >= 100, "the keystrokes were not painted"
        results[name] = _figures(f"keystroke in the {name}, 200 items, painted", timings)
        # What the pause then costs, on the UI thread: the save (and, for a new item, the list).
        assert screen._restitution_dirty or screen._entry_dirty
        save = _painted_ms(screen.save_now)
        print(f"  the save after the pause: {save:.1f} ms")
    for name, (median, p99) in results.items():
        assert median < KEY_BUDGET_MS, name
        assert p99 < KEY_BUDGET_MS, name


def test_changing_group_and_back_is_painted_within_100_ms(
    screen: RestitutionsScreen, groups: list[int], qtbot: QtBot, paints: PaintCounter
) -> None:
    first, second = groups[:2]
    QApplication.processEvents()
    by_key: list[float] = []
    before = paints.count
    for number in range(50):
        forward = number % 2 == 0
        key = Qt.Key.Key_PageDown if forward else Qt.Key.Key_PageUp
        by_key.append(_painted_ms(lambda k=key: qtbot.keyClick(screen.entry.text, k, CTRL)))
        assert screen.group_id == (second if forward else first)
    assert paints.count - before >= 50, "the switches were not painted"
    assert screen.model.rowCount() >= 200
    by_call: list[float] = []
    for number in range(50):
        target = second if number % 2 == 0 else first
        by_call.append(_painted_ms(lambda t=target: screen.show_group(t)))
        assert screen.group_id == target
    key_median, key_p99 = _figures("group switch by Ctrl+PgDn/PgUp, painted", by_key)
    into = by_key[1::2]  # back into the group of 200
    _figures("  … of which into the 200-item group", into)
    call_median, call_p99 = _figures("group switch by show_group, painted", by_call)
    assert key_median < SWITCH_BUDGET_MS and key_p99 < SWITCH_BUDGET_MS
    assert call_median < SWITCH_BUDGET_MS and call_p99 < SWITCH_BUDGET_MS


def test_changing_group_against_a_bare_tree_view(
    screen: RestitutionsScreen, groups: list[int], context: AppContext, qtbot: QtBot
) -> None:
    first, second = groups[:2]
    plain = QStandardItemModel()
    tree = QTreeView()
    tree.setModel(plain)
    qtbot.addWidget(tree)
    tree.resize(screen.items.size())
    tree.show()
    qtbot.waitExposed(tree)

    def bare(group_id: int) -> None:  # the same store read, shown in a bare view
        view = context.read(lambda s: restitution_view(s, group_id))
        plain.clear()
        for row in view.items:
            cells = [kind_label(row.kind), one_line(row.text)] + [""] * (COLUMNS - 2)
            plain.appendRow([QStandardItem(cell) for cell in cells])
        QApplication.processEvents()

    def ours() -> None:
        for target in (second, first):
            screen.picker.select_group(target)
            QApplication.processEvents()
        assert screen.group_id == first

    ratio = compare(
        "change of group and back (200 items), painted",
        ours,
        lambda: [bare(target) for target in (second, first)],
        "the same read in a bare QTreeView",
        runs=9,
    )
    assert screen.model.rowCount() == plain.rowCount() >= 200
    assert ratio < SWITCH_RATIO


def test_keystrokes_against_a_bare_editor(screen: RestitutionsScreen, qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.resize(screen.entry.text.size())
    editor.show()
    qtbot.waitExposed(editor)
    QApplication.processEvents()

    def typing(widget: QPlainTextEdit) -> None:
        for number in range(50):
            key = Qt.Key.Key_Space if number % 6 == 5 else Qt.Key.Key_A + number % 26
            qtbot.keyClick(widget, Qt.Key(key))
            QApplication.processEvents()

    assert screen.model.rowCount() >= 200
    ratio = compare(
        "50 keystrokes in the new-item line, 200 items on screen, painted",
        lambda: typing(screen.entry.text),
        lambda: typing(editor),
        "a bare QPlainTextEdit of the same size",
        runs=9,
    )
    assert len(screen.entry.text.toPlainText()) == len(editor.toPlainText()) == 9 * 50
    assert ratio < KEY_RATIO
