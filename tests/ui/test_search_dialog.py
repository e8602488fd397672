"""Searching the notes as one types: accents aside, the match in bold, Enter opens the hit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.search import SearchHit
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.search_dialog import SEARCH_DELAY_MS, SearchDialog, hit_html

M4SD = "m4sd-cloture-thies-2023"
SPEECHES = 29  # « Discours introductifs », whose demo note starts « Démarrage avec 12 minutes »


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext) -> SearchDialog:
    widget = SearchDialog(context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_typing_finds_a_note_whatever_its_accents_and_enter_opens_it(
    qtbot: QtBot, dialog: SearchDialog
) -> None:
    assert dialog.windowTitle() == "Rechercher dans les notes"
    qtbot.keyClicks(dialog.field, "DEMARRAGE retard")
    assert dialog.results.count() == 0  # the search waits for a pause in typing
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=SEARCH_DELAY_MS + 1000)
    hit = dialog.current_hit()
    assert hit is not None
    assert (hit.entity, hit.entity_id, hit.agenda_item_id) == ("agenda_note", SPEECHES, SPEECHES)
    assert hit.title == "Discours introductifs"
    start, end = hit.match
    assert hit.snippet[start:end] == "Démarrage"
    html = dialog.results.item(0).data(Qt.ItemDataRole.UserRole + 1)
    assert "<b>Démarrage</b>" in html and "<b>Discours introductifs</b>" in html
    assert dialog.status.text().endswith(("résultat", "résultats"))
    with qtbot.waitSignal(dialog.open_hit) as opened:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert opened.args == [hit]
    assert not dialog.isVisible()


def test_enter_before_the_pause_searches_at_once(qtbot: QtBot, dialog: SearchDialog) -> None:
    dialog.field.setText("ecourtee")
    opened: list[SearchHit] = []
    dialog.open_hit.connect(opened.append)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert opened, "Enter must search and open at once, not after the typing pause"
    hit = opened[0]
    assert isinstance(hit, SearchHit)
    assert hit.snippet[hit.match[0] : hit.match[1]].startswith("écourtée")


def test_down_moves_through_results_and_double_click_opens(
    qtbot: QtBot, dialog: SearchDialog
) -> None:
    dialog.field.setText("migration")
    dialog.run_search()
    assert dialog.results.count() > 2
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 1
    assert dialog.field.hasFocus() or not dialog.isActiveWindow()
    item = dialog.results.item(2)
    rect = dialog.results.visualItemRect(item)
    # A double-click comes after a press on the same item, as a mouse makes it.
    qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.open_hit) as opened:
        qtbot.mouseDClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [dialog.hits[2]]


def test_no_result_says_so(dialog: SearchDialog) -> None:
    dialog.field.setText("zzzz introuvable")
    dialog.run_search()
    assert dialog.results.count() == 0
    assert dialog.status.text() == "Aucun résultat"


def test_snippets_are_escaped_markup_and_all() -> None:
    hit = SearchHit("item", 1, 1, None, "text", "G <1>", "a <b>x</b> & y", (2, 5))
    assert (
        hit_html(hit) == "<b>G &lt;1&gt;</b><br/><span>a <b>&lt;b&gt;</b>x&lt;/b&gt; &amp; y</span>"
    )
