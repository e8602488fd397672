"""The restitutions screen driven from the keyboard: items, kinds, autosave, undo, speed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.restitution_fields import CHALLENGE, OPERATIONAL, RECOMMENDATION
from facilitator.store.restitution_items import add_item
from facilitator.store.restitutions import (
    ItemRow,
    RestitutionView,
    groups_with_restitutions,
    restitution_view,
)
from facilitator.ui.context import AppContext
from facilitator.ui.restitutions.entry import plain_text
from facilitator.ui.restitutions.screen import RestitutionsScreen
from tests.ui.keyboard import type_text
from tests.ui.screens import assert_save_due_within_a_second, m4sd_context, shown

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ENTER = Qt.Key.Key_Return


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return m4sd_context(demo_db)


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> RestitutionsScreen:
    return shown(qtbot, RestitutionsScreen(context))


def group_ids(context: AppContext) -> list[int]:
    wid = context.workshop_id
    assert wid is not None
    rounds = context.read(lambda s: groups_with_restitutions(s, wid))
    return [g.group_id for r in rounds for g in r.groups]


def plain(items: tuple[ItemRow, ...]) -> list[tuple[object, ...]]:
    """Items without their time of change, which a restore renews."""
    return [(i.id, i.kind, i.text, i.rec_type, i.actor, i.horizon, i.priority) for i in items]


def stored(context: AppContext, group_id: int) -> RestitutionView:
    return context.read(lambda s: restitution_view(s, group_id))


def test_the_first_group_is_shown_with_the_item_line_focused(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    first = group_ids(context)[0]
    assert screen.group_id == first
    assert screen.model.rowCount() == len(stored(context, first).items) > 0
    qtbot.waitUntil(lambda: screen.entry.text.hasFocus(), timeout=10_000)
    assert screen.picker.topLevelItemCount() == 1
    assert screen.picker.topLevelItem(0).child(0).text(0).endswith("(11 éléments)")


def test_typing_an_item_and_enter_stores_it_and_starts_the_next(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id
    assert group is not None
    before = len(stored(context, group).items)
    text = screen.entry.text
    qtbot.keyClicks(text, "Manque de salles")
    qtbot.keyClick(text, ENTER)
    items = stored(context, group).items
    assert len(items) == before + 1
    assert (items[-1].text, items[-1].kind) == ("Manque de salles", CHALLENGE)
    assert text.toPlainText() == "" and screen.entry.item_id is None and text.hasFocus()
    qtbot.keyClicks(text, "Deuxieme")
    qtbot.keyClick(text, ENTER)
    assert [i.text for i in stored(context, group).items[-2:]] == ["Manque de salles", "Deuxieme"]
    assert screen.model.rowCount() == before + 2


def test_shift_enter_breaks_the_line(screen: RestitutionsScreen, context: AppContext, qtbot: QtBot):
    text = screen.entry.text
    qtbot.keyClicks(text, "un")
    qtbot.keyClick(text, ENTER, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(text, "deux")
    qtbot.keyClick(text, ENTER)
    assert stored(context, screen.group_id or 0).items[-1].text == "un\ndeux"


def test_alt_4_makes_a_recommendation_with_its_fields(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    entry = screen.entry
    qtbot.keyClick(entry.text, Qt.Key.Key_4, ALT)
    assert entry.current_kind() == RECOMMENDATION and entry.actor.isVisible()
    qtbot.keyClicks(entry.text, "Former les elus")
    entry.rec_type.setCurrentIndex(entry.rec_type.findData(OPERATIONAL))
    entry.rec_type.activated.emit(entry.rec_type.currentIndex())
    qtbot.keyClicks(entry.actor, "ARD, communes")
    entry.horizon.setEditText("2 à 5 ans")
    entry.priority.setValue(2)
    qtbot.keyClick(entry.actor, ENTER)
    last = stored(context, screen.group_id or 0).items[-1]
    assert (last.kind, last.text, last.rec_type, last.actor, last.horizon, last.priority) == (
        RECOMMENDATION, "Former les elus", OPERATIONAL, "ARD, communes", "2_to_5_years", 2
    )  # fmt: skip
    assert entry.current_kind() == RECOMMENDATION  # the next one is a recommendation too


def test_alt_1_on_a_selected_item_changes_its_kind_and_undo_puts_it_back(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    last = stored(context, group).items[-1]
    assert last.kind == RECOMMENDATION
    screen.items.setFocus()
    screen.select_item(last.id)
    qtbot.keyClick(screen.items, Qt.Key.Key_1, ALT)
    assert stored(context, group).items[-1].kind == CHALLENGE
    qtbot.keyClick(screen.items, Qt.Key.Key_Z, CTRL)
    assert stored(context, group).items[-1].kind == RECOMMENDATION


def test_notes_are_saved_after_a_pause_and_at_once_on_group_change(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    first, second = group_ids(context)[:2]
    screen.notes.setFocus()
    screen.notes.selectAll()
    qtbot.keyClicks(screen.notes, "Notes du groupe")
    assert stored(context, first).notes != "Notes du groupe"  # not at each keystroke
    assert_save_due_within_a_second(screen.save_timer)
    with qtbot.waitSignal(screen.save_timer.due, timeout=10_000):
        pass  # the pause
    assert stored(context, first).notes == "Notes du groupe"
    qtbot.keyClicks(screen.rapporteur, "X")
    qtbot.keyClicks(screen.notes, " et la suite")
    qtbot.keyClick(screen.notes, Qt.Key.Key_PageDown, CTRL)  # straight away: no pause
    assert screen.group_id == second
    view = stored(context, first)
    assert view.notes == "Notes du groupe et la suite"
    assert view.rapporteur.endswith("X")
    assert screen.entry.text.hasFocus()
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_PageUp, CTRL)
    assert screen.group_id == first
    assert plain_text(screen.notes) == "Notes du groupe et la suite"


def test_an_item_typed_without_enter_is_saved_after_a_pause_and_on_hide(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    qtbot.keyClicks(screen.entry.text, "Debut")
    assert_save_due_within_a_second(screen.save_timer)
    qtbot.waitUntil(lambda: stored(context, group).items[-1].text == "Debut", timeout=10_000)
    count = len(stored(context, group).items)
    qtbot.keyClicks(screen.entry.text, " et fin")
    screen.hide()
    items = stored(context, group).items
    assert len(items) == count and items[-1].text == "Debut et fin"


def test_delete_then_ctrl_z_restores_the_same_item(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    before = stored(context, group).items
    victim = before[2]
    screen.items.setFocus()
    screen.select_item(victim.id)
    qtbot.keyClick(screen.items, Qt.Key.Key_Delete)
    assert victim.id not in [i.id for i in stored(context, group).items]
    assert screen.model.rowCount() == len(before) - 1
    qtbot.keyClick(screen.items, Qt.Key.Key_Z, CTRL)
    assert plain(stored(context, group).items) == plain(before)
    qtbot.keyClick(screen.items, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert victim.id not in [i.id for i in stored(context, group).items]


def test_ctrl_z_after_enter_removes_the_item_just_added(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    before = stored(context, group).items
    qtbot.keyClicks(screen.entry.text, "Oups")
    qtbot.keyClick(screen.entry.text, ENTER)
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_Z, CTRL)
    assert plain(stored(context, group).items) == plain(before)
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_Y, CTRL)
    assert stored(context, group).items[-1].text == "Oups"


def test_alt_up_and_down_reorder_and_undo(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    ids = [i.id for i in stored(context, group).items]
    screen.items.setFocus()
    screen.select_item(ids[1])
    qtbot.keyClick(screen.items, Qt.Key.Key_Up, ALT)
    assert [i.id for i in stored(context, group).items] == [ids[1], ids[0], *ids[2:]]
    qtbot.keyClick(screen.items, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(screen.items, Qt.Key.Key_Down, ALT)
    assert [i.id for i in stored(context, group).items] == [ids[0], ids[2], ids[1], *ids[3:]]
    assert screen.selected_id() == ids[1]
    qtbot.keyClick(screen.items, Qt.Key.Key_Z, CTRL)
    assert [i.id for i in stored(context, group).items] == ids


def test_a_drop_reorders(screen: RestitutionsScreen, context: AppContext, qtbot: QtBot) -> None:
    group = screen.group_id or 0
    ids = [i.id for i in stored(context, group).items]
    data = screen.model.mimeData([screen.model.index(0, 0)])
    screen.model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, screen.model.index(-1, -1))
    qtbot.waitUntil(
        lambda: [i.id for i in stored(context, group).items][2] == ids[0], timeout=10_000
    )
    assert [i.id for i in stored(context, group).items] == [ids[1], ids[2], ids[0], *ids[3:]]


def test_editing_an_item_from_the_list(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    first = stored(context, group).items[0]
    screen.items.setFocus()
    screen.select_item(first.id)
    qtbot.keyClick(screen.items, ENTER)
    assert screen.entry.item_id == first.id and screen.entry.text.hasFocus()
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(screen.entry.text, " (bis)")
    qtbot.keyClick(screen.entry.text, ENTER)
    assert stored(context, group).items[0].text == first.text + " (bis)"
    assert screen.entry.item_id is None
    screen.undo()
    assert stored(context, group).items[0].text == first.text
    screen.items.setFocus()
    screen.select_item(first.id)
    qtbot.keyClick(screen.items, Qt.Key.Key_F2)  # F2 edits too; Escape leaves, keeping the text
    assert screen.entry.item_id == first.id
    qtbot.keyClicks(screen.entry.text, "Z")
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_Escape)
    assert screen.entry.item_id is None and screen.entry.text.toPlainText() == ""
    assert stored(context, group).items[0].text.endswith("Z")


def test_any_script_and_markup_round_trip_exactly(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    first, second = group_ids(context)[:2]
    item_text = "الهجرة والتنمية 🌍🇸🇳 <b>x</b> &amp; \t tab\u00a0!"
    notes = "Notes\u00a0: «\u202fça\u00a0» —\u00a0مرحبا 👋🏾\n<script>x</script>\n\n  espaces  "
    type_text(qtbot, screen.entry.text, "Éé ")
    screen.entry.text.insertPlainText(item_text)
    qtbot.keyClick(screen.entry.text, ENTER)
    screen.notes.setPlainText(notes)
    screen.rapporteur.setText("Aïssatou 😀")
    screen.rapporteur.textEdited.emit(screen.rapporteur.text())
    screen.picker.step(1)
    assert screen.group_id == second
    view = stored(context, first)
    assert view.items[-1].text == "Éé " + item_text
    assert view.notes == notes and view.rapporteur == "Aïssatou 😀"
    screen.picker.step(-1)
    assert plain_text(screen.notes) == notes
    assert screen.model.rows[-1].text == "Éé " + item_text


def test_a_pasted_megabyte_is_stored_whole(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot
) -> None:
    group = screen.group_id or 0
    big = ("Ligne de texte collée — نص <i>1</i>\n" * 30_000)[:1_000_000]
    screen.entry.text.insertPlainText(big)
    qtbot.keyClick(screen.entry.text, ENTER)
    assert stored(context, group).items[-1].text == big
    assert len(screen.model.data(screen.model.index(screen.model.rowCount() - 1, 1))) < 400


def test_switching_group_with_200_items_then_a_keystroke_reloads_nothing(
    screen: RestitutionsScreen, context: AppContext, demo_db: Database, qtbot: QtBot
) -> None:
    # How fast is measured in tests/perf/test_perf_restitutions.py, against plain Qt widgets.
    first, second = group_ids(context)[:2]
    for number in range(200):
        kind = RECOMMENDATION if number % 4 == 3 else CHALLENGE
        add_item(demo_db, second, kind, f"Élément {number} " + "texte " * 20, actor="ARD")
    for target in (second, first, second):
        screen.picker.select_group(target)
        QApplication.processEvents()
        assert screen.group_id == target
        assert screen.model.ids() == [item.id for item in stored(context, target).items]
    assert screen.model.rowCount() >= 200
    # A keystroke in the item line with 200 items on screen: no reload, no save yet.
    reloads: list[str] = []
    screen.model.modelReset.connect(lambda: reloads.append("reset"))
    screen.model.layoutChanged.connect(lambda: reloads.append("layout"))
    before = stored(context, second)
    qtbot.keyClicks(screen.entry.text, "a")
    assert stored(context, second) == before
    assert_save_due_within_a_second(screen.save_timer)
    screen.save_timer.stop()  # however slow the machine, the pause's save cannot come next
    QApplication.processEvents()
    assert reloads == []
    assert stored(context, second) == before


def test_no_workshop_shows_a_french_message(qtbot: QtBot, demo_db: Database) -> None:
    widget = RestitutionsScreen(AppContext(demo_db))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.empty.isVisible() and not widget.editor.isVisible()
    assert "atelier" in widget.empty.text()


def test_an_earlier_text_of_an_item_is_put_back_from_the_screen(
    screen: RestitutionsScreen, context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.store.restitution_items import update_item
    from facilitator.ui.widgets.revisions_dialog import RevisionsDialog

    group = screen.group_id
    assert group is not None
    item = stored(context, group).items[0]
    original = item.text
    # A wrong edit that replaces the whole text: the former one is kept as a version at once.
    update_item(context.db, item.id, text="Texte remplacé par erreur, entièrement différent.")
    screen.show_group(group)
    screen.select_item(item.id)

    def restore_the_oldest(dialog: RevisionsDialog) -> int:
        assert dialog.list.count() >= 1
        dialog.list.setCurrentRow(dialog.list.count() - 1)
        dialog.restore_selected()
        return int(dialog.result())

    monkeypatch.setattr(RevisionsDialog, "exec", restore_the_oldest)
    screen.actions_by_name["versions"].trigger()
    assert stored(context, group).items[0].text == original
    assert screen.model.rows[0].text == original


def test_notes_on_any_agenda_item_are_taken_here_too(qtbot: QtBot, context: AppContext) -> None:
    from facilitator.store.agenda import agenda
    from facilitator.store.agenda_notes import agenda_note
    from facilitator.ui.restitutions.page import RestitutionsPage

    page = RestitutionsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert [page.tabs.tabText(i) for i in range(3)][2] == "Notes des séances"
    page.tabs.setCurrentWidget(page.session_notes)
    wid = context.workshop_id
    assert wid is not None
    opening = context.read(lambda s: agenda(s, wid))[1]
    page.session_notes.select_item(opening.id)
    editor = page.session_notes.notes
    assert editor.item_id() == opening.id
    editor.editor.setPlainText("Le gouverneur a ouvert l’atelier à 09:12.")
    editor.save()
    note = context.read(lambda s: agenda_note(s, opening.id))
    assert note is not None and note.text == "Le gouverneur a ouvert l’atelier à 09:12."
