"""At 1366×768 and 1024×768 nothing is cut: the groups' columns, the synthesis, the consolidation.

Each check looks at the real widgets laid out at the laptop's size: every column's right edge
inside what is visible (or a scroll bar), every word of a table whole on its line.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QTableView,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.consolidation import ConsolidationView
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow
from facilitator.ui.synthesis.tables import cell_text, tables

M4SD = "m4sd-cloture-thies-2023"
DAKAR = "migration-circulaire-dakar-2025"  # no groups yet: long « (aucune donnée) » labels
# A maximised window on a 1366×768 laptop, the window the app opens at there (1280 wide), and
# a 1024×768 screen (taskbar and title bar taken off the heights).
SIZES = [(1366, 700), (1280, 728), (1024, 700)]


def right_edge(widget: QWidget, ancestor: QWidget) -> int:
    return widget.mapTo(ancestor, QPoint(widget.width(), 0)).x()


@pytest.fixture
def open_window(qtbot: QtBot, demo_db: Database) -> Iterator[object]:
    windows: list[MainWindow] = []

    def make(slug: str, width: int, height: int) -> MainWindow:
        context = AppContext(demo_db)
        context.set_workshop(context.read(lambda s: find_workshop(s, slug).id))
        window = MainWindow(context, remember=False)
        windows.append(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.close()
    QApplication.processEvents()


def settle(qtbot: QtBot) -> None:
    """Let queued layouts and the screens' deferred fitting run."""
    qtbot.wait(50)
    QApplication.processEvents()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_four_groups_fit_side_by_side(
    qtbot: QtBot, open_window, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(M4SD, width, height)
    window.show_screen("groups")
    settle(qtbot)
    screen = window.groups_screen
    board = screen.board
    assert len(board.cards) == 4
    viewport = board.viewport()
    for card in board.cards:
        assert card.isVisible()
        assert right_edge(card, viewport) <= viewport.width(), card.group.name
        # The room and size of the group show whole (they wrap rather than run off the card).
        details = card.details
        assert details.wordWrap() or details.sizeHint().width() <= details.width()
    assert not board.horizontalScrollBar().isVisible()
    assert right_edge(screen.side_panel, window) <= window.width()
    for bar in screen.findChildren(QToolBar):  # no action pushed into a « » menu
        hidden = [a.text() for a in bar.actions() if not bar.widgetForAction(a).isVisible()]
        assert not hidden, hidden


def test_many_groups_scroll_rather_than_shrink_out_of_sight(qtbot: QtBot, open_window) -> None:  # type: ignore[no-untyped-def]
    from facilitator.ui.groups.board import MIN_CARD_WIDTH, GroupCard

    window = open_window(M4SD, 1024, 700)
    window.show_screen("groups")
    settle(qtbot)
    screen = window.groups_screen
    assert screen.view is not None
    group = screen.view.groups[0]
    cards = [GroupCard(screen.view.round.id, group) for _ in range(8)]
    screen.board.set_cards(cards)
    settle(qtbot)
    assert all(card.width() == MIN_CARD_WIDTH for card in cards)
    assert screen.board.horizontalScrollBar().maximum() > 0


def _side_panel_problems(window: MainWindow) -> list[str]:
    screen = window.synthesis_screen
    viewport = screen.side_scroll.viewport()
    problems = []
    for widget in screen.side_scroll.widget().findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QAbstractButton | QComboBox):
            continue
        name = widget.text() if isinstance(widget, QAbstractButton) else widget.objectName()
        if right_edge(widget, viewport) > viewport.width():
            problems.append(f"{name}: right edge outside the panel")
        if widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{name}: narrower than its text")
    return problems


def _cut_words(document: QTextDocument) -> list[str]:
    """Lines of table cells that begin inside a word (a word broken in two)."""
    cut = []
    for table in tables(document):
        for row in range(table.rows()):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                block = cell.firstCursorPosition().block()
                end = cell.lastCursorPosition().block()
                while block.isValid():
                    text, layout = block.text(), block.layout()
                    for line in range(1, layout.lineCount()):
                        start = layout.lineAt(line).textStart()
                        if start and text[start - 1] not in " -‐/":
                            cut.append(f"{cell_text(cell)!r} cut at {start}")
                    if block == end:
                        break
                    block = block.next()
    return cut


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("slug", [M4SD, DAKAR])
def test_the_synthesis_panel_and_preview_are_whole(
    qtbot: QtBot, open_window, slug: str, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(slug, width, height)
    window.show_screen("groups")  # as a person goes through the day's screens
    settle(qtbot)
    window.show_screen("synthesis")
    screen = window.synthesis_screen
    settle(qtbot)
    assert _side_panel_problems(window) == []
    assert right_edge(screen.side_scroll, window) < right_edge(screen.browser, window)
    assert right_edge(screen.browser, window) <= window.width()
    document = screen.browser.document()
    assert tables(document), "the preview has tables to check"
    assert _cut_words(document) == []
    assert screen.browser.horizontalScrollBar().maximum() == 0


def _column_problems(table: QTableView) -> list[str]:
    header = table.horizontalHeader()
    model = table.model()
    viewport = table.viewport().width()
    metrics = QFontMetrics(table.font())
    problems = []
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        if right > viewport:
            problems.append(f"{title}: right edge {right} outside {viewport}")
        if QFontMetrics(header.font()).horizontalAdvance(title) + 8 > header.sectionSize(column):
            problems.append(f"{title}: header cut")
        for row in range(model.rowCount()):
            for word in str(model.index(row, column).data() or "").split():
                # A word needs its width plus the cell's text margins (3 px a side) and the grid.
                if metrics.horizontalAdvance(word) + 7 > header.sectionSize(column):
                    problems.append(f"{title}: « {word} » cut")
    return problems


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_consolidation_columns_fit(qtbot: QtBot, open_window, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    window = open_window(M4SD, width, height)
    window.show_screen("restitutions")
    page = window.screens["restitutions"]
    page.tabs.setCurrentWidget(page.consolidation)  # type: ignore[attr-defined]
    settle(qtbot)
    view = page.consolidation  # type: ignore[attr-defined]
    assert view.recs_model.rowCount() > 0 and view.candidates_model.rowCount() > 0
    for table in (view.candidates_table, view.recs_table):
        assert table.isVisible()
        assert _column_problems(table) == []
        assert table.horizontalScrollBar().maximum() == 0
        assert right_edge(table, window) <= window.width()


def test_reword_wraps_the_recommendation(qtbot: QtBot, demo_db: Database) -> None:
    from tests.ui.screens import m4sd_context, shown

    context = m4sd_context(demo_db)
    view = shown(qtbot, ConsolidationView(context), 1024, 700)
    view.recs_table.setFocus()
    view.recs_table.selectRow(1)
    long_text = view.recs[1].text
    assert len(long_text) > 100
    seen: dict[str, object] = {}

    def look_and_save() -> None:
        dialog = view.reword_dialog
        assert dialog is not None
        if not dialog.isActiveWindow():  # the keys go to the active window: wait for it
            dialog.activateWindow()
            QTimer.singleShot(10, look_and_save)
            return
        try:
            editor = dialog.findChild(QPlainTextEdit)
            assert editor is not None
            seen["wrap"] = editor.lineWrapMode()
            # A plain text layout measures its height in lines of text.
            seen["lines"] = editor.document().documentLayout().documentSize().height()
            seen["sideways"] = editor.horizontalScrollBar().maximum()
            seen["width"] = dialog.width()
            editor.selectAll()
            editor.insertPlainText("Créer un fonds de garantie régional pour les jeunes")  # typed
            qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        finally:
            if dialog.isVisible():
                dialog.reject()  # never leave the test hanging on a modal dialog

    QTimer.singleShot(0, look_and_save)
    qtbot.mouseClick(view.buttons["reword"], Qt.MouseButton.LeftButton)
    assert seen["wrap"] == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert seen["sideways"] == 0
    assert float(seen["lines"]) >= 2  # wrapped: one paragraph, on several lines  # type: ignore[arg-type]
    assert int(seen["width"]) >= 500  # type: ignore[call-overload]
    qtbot.waitUntil(
        lambda: view.recs[1].text == "Créer un fonds de garantie régional pour les jeunes"
    )


def test_the_synthesis_panel_widens_with_its_texts_at_once(qtbot: QtBot, open_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyle

    window = open_window(M4SD, 1024, 700)
    window.show_screen("synthesis")
    settle(qtbot)
    screen = window.synthesis_screen
    before = screen.side_scroll.width()
    # Another workshop, with data for the cover only: every other box gets « (aucune donnée) ».
    screen._enable(frozenset({"cover"}))
    width = screen.side_scroll.width()  # what the panel took, before any event is processed
    settle(qtbot)
    bar = screen.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    needed = screen.side_scroll.widget().minimumSizeHint().width() + bar
    assert width >= needed > before


def _rows_shown(table: QTableView) -> int:
    """Rows of a table whose whole height is inside its visible part."""
    height = table.viewport().height()
    return sum(
        1
        for row in range(table.model().rowCount())
        if table.rowViewportPosition(row) >= 0
        and table.rowViewportPosition(row) + table.rowHeight(row) <= height
    )


def test_at_1024_the_proposals_take_the_room_an_empty_list_leaves(
    qtbot: QtBot, open_window
) -> None:  # type: ignore[no-untyped-def]
    """One list above the other at 1024 pixels: the tester saw 7 proposals above a large empty
    table of consolidated recommendations."""
    window = open_window(M4SD, 1024, 700)
    window.show_screen("restitutions")
    page = window.screens["restitutions"]
    page.tabs.setCurrentWidget(page.consolidation)  # type: ignore[attr-defined]
    settle(qtbot)
    view = page.consolidation  # type: ignore[attr-defined]
    assert view.splitter.orientation() == Qt.Orientation.Vertical
    proposals, recs = view.candidates_table, view.recs_table
    assert view.candidates_model.rowCount() > view.recs_model.rowCount() > 0
    # Both lists hold rows: each keeps a fair part of the height.
    total = proposals.height() + recs.height()
    assert proposals.height() >= recs.height() and recs.height() >= total // 5
    # Nothing consolidated yet (the tester's case): every recommendation deleted, with the keys.
    recs.setFocus()
    recs.selectAll()
    qtbot.keyClick(recs, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.recs_model.rowCount() == 0)
    settle(qtbot)
    assert proposals.height() >= 2 * recs.height(), (proposals.height(), recs.height())
    assert _rows_shown(proposals) >= 6  # long proposals here: three lines each
    assert recs.isVisible() and recs.horizontalHeader().isVisible()  # where they will go
    # A splitter the person moves stays where they put it.
    before_move = view.splitter.sizes()
    handle = view.splitter.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, QPoint(start.x(), start.y() - 120))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(start.x(), start.y() - 120))
    settle(qtbot)
    moved = view.splitter.sizes()
    assert moved != before_move
    view.reload()
    assert view.splitter.sizes() == moved
