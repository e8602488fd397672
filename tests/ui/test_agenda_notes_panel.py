"""Notes on agenda items, typed on the timer screen: autosave, exact text, keys, versions."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from facilitator.core.run_of_show import FakeClock
from facilitator.store import revisions
from facilitator.store.agenda_notes import agenda_note
from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda import notes_panel
from facilitator.ui.agenda.notes_panel import AgendaNotesPanel
from facilitator.ui.agenda.timer_screen import TimerScreen
from facilitator.ui.context import AppContext
from tests.ui.screens import assert_save_due_within_a_second

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"
# M4SD's day has been run, its notes taken: the last item is the one its notes show when idle.
WELCOME, SPEECHES, AGENDA, LUNCH = 28, 29, 30, 34
# The migration workshop's first day, not started yet: 08:30 in Dakar (UTC+0).
DAY_START = dt.datetime(2025, 3, 25, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


def stored(context: AppContext, item_id: int) -> str | None:
    note = context.read(lambda s: agenda_note(s, item_id))
    return note.text if note is not None else None


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext) -> AgendaNotesPanel:
    widget = AgendaNotesPanel(context)
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_item(SPEECHES)
    return widget


def test_the_panel_shows_the_item_notes(panel: AgendaNotesPanel, context: AppContext) -> None:
    assert panel.title.text() == "Discours introductifs"
    assert panel.text() == stored(context, SPEECHES)
    assert panel.text().startswith("Démarrage avec 12\u00a0minutes de retard")


def test_typing_is_saved_within_a_second(
    qtbot: QtBot, panel: AgendaNotesPanel, context: AppContext
) -> None:
    before = stored(context, SPEECHES)
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.editor, " Questions du public.")
    assert stored(context, SPEECHES) == before  # not at each keystroke
    assert_save_due_within_a_second(panel._timer)  # timers, not a stopwatch: see its doc
    qtbot.waitUntil(
        lambda: stored(context, SPEECHES) == f"{before} Questions du public.", timeout=10_000
    )
    assert panel.status.text().startswith("Enregistré à ")
    assert not panel.is_dirty()


def test_one_save_at_once_on_item_change_and_on_hide(
    qtbot: QtBot, panel: AgendaNotesPanel, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, str]] = []
    real = notes_panel.save_agenda_note

    def counting(db: Database, item_id: int, text: str) -> None:
        calls.append((item_id, text))
        real(db, item_id, text)

    monkeypatch.setattr(notes_panel, "save_agenda_note", counting)
    panel.editor.setPlainText("Nouveau texte")
    panel.set_item(AGENDA)  # no wait: the change of item saves the notes left
    assert stored(context, SPEECHES) == "Nouveau texte"
    assert calls == [(SPEECHES, "Nouveau texte")]
    assert panel.text() == stored(context, AGENDA)
    qtbot.keyClicks(panel.editor, "!")
    panel.hide()
    assert stored(context, AGENDA) == panel.text()
    assert stored(context, AGENDA).startswith("!")  # type: ignore[union-attr]
    assert len(calls) == 2
    qtbot.wait(900)  # the pending autosave was cancelled by the save: no third call
    assert len(calls) == 2


def test_exact_text_of_any_script_round_trips(
    qtbot: QtBot, panel: AgendaNotesPanel, context: AppContext
) -> None:
    text = (
        "Intervention du maire\u00a0: « merci\u00a0! »\n"
        "مرحبا بكم في ورشة العمل — شكراً\n"
        "Émojis 👋🏽🇸🇳 et <b>balises</b> &amp; <script>x</script>\n"
        "\tTab, espaces  doubles, ligne\u2028séparée, fin sans retour"
    )
    panel.editor.clear()
    panel.editor.insertPlainText(text)
    assert panel.text() == text
    panel.save()
    assert stored(context, SPEECHES) == text
    other = AgendaNotesPanel(context)
    qtbot.addWidget(other)
    other.set_item(SPEECHES)
    assert other.text() == text


def test_a_megabyte_of_notes_is_kept_exactly(panel: AgendaNotesPanel, context: AppContext) -> None:
    text = ("Ligne de notes — مرحبا 🌍 " * 40 + "\n") * 1000
    assert len(text.encode()) > 1_000_000
    panel.editor.setPlainText("")
    panel.editor.insertPlainText(text)
    panel.save()
    assert stored(context, SPEECHES) == text


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> TimerScreen:
    """The timer on the migration workshop's first morning, not started, with the keyboard."""
    context.set_workshop(context.read(lambda s: find_workshop(s, MIGRATION).id))
    widget = TimerScreen(context, clock=FakeClock(DAY_START))
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.hasFocus)
    return widget


def runnable_ids(screen: TimerScreen) -> list[int]:
    return [row.entry.id for row in screen.controller.rows if row.runnable]


def test_an_idle_day_already_run_shows_its_last_item(qtbot: QtBot, context: AppContext) -> None:
    widget = TimerScreen(context, clock=FakeClock(DAY_START))
    qtbot.addWidget(widget)
    assert widget.notes.item_id() == LUNCH
    assert widget.notes.text() == stored(context, LUNCH)


def test_notes_follow_the_live_item_and_a_picked_one_when_idle(
    qtbot: QtBot, screen: TimerScreen
) -> None:
    first, second, third = runnable_ids(screen)[:3]
    assert screen.notes.item_id() == first  # idle: the item « Space » would start
    row = next(
        i
        for i in range(screen.agenda_list.count())
        if screen.agenda_list.item(i).data(Qt.ItemDataRole.UserRole) == third
    )
    rect = screen.agenda_list.visualItemRect(screen.agenda_list.item(row))
    qtbot.mouseClick(screen.agenda_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.notes.item_id() == third
    assert screen.agenda_list.item(row).isSelected()
    assert screen.hasFocus()  # the list does not take the keyboard
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.controller.snapshot().item_id == first
    assert screen.notes.item_id() == first
    assert screen.notes.is_following()
    qtbot.keyClick(screen, Qt.Key.Key_N)
    assert screen.notes.item_id() == screen.controller.snapshot().item_id == second


def test_keys_typed_in_the_notes_stay_there_and_escape_gives_back_the_timer(
    qtbot: QtBot, screen: TimerScreen, context: AppContext
) -> None:
    first = runnable_ids(screen)[0]
    editor = screen.notes.editor
    before = screen.notes.text()
    assert before == (stored(context, first) or "")
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_N, Qt.Key.Key_P, Qt.Key.Key_Plus, Qt.Key.Key_R):
        qtbot.keyClick(editor, key)
    assert not screen.controller.timer.started
    assert screen.replan_dialog is None
    assert screen.notes.text() == " np+r" + before
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert screen.hasFocus() and not editor.hasFocus()
    assert stored(context, first) == " np+r" + before  # leaving the notes saved them
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.controller.timer.started


def test_focus_out_saves_at_once(qtbot: QtBot, screen: TimerScreen, context: AppContext) -> None:
    editor = screen.notes.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.setPlainText("Accueil\u00a0: tout le monde est là.")
    screen.setFocus()
    qtbot.waitUntil(screen.hasFocus)
    assert stored(context, runnable_ids(screen)[0]) == "Accueil\u00a0: tout le monde est là."


def test_an_earlier_version_can_be_restored(
    qtbot: QtBot, panel: AgendaNotesPanel, context: AppContext
) -> None:
    original = panel.text()
    panel.editor.setPlainText("Texte remplacé par erreur")
    panel.save()
    assert stored(context, SPEECHES) == "Texte remplacé par erreur"
    assert panel.versions_button.isEnabled()
    seen: list[list[str]] = []

    def restore() -> None:
        dialog = panel.revisions_dialog
        assert dialog is not None
        try:
            seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
            seen.append([dialog.preview.document().toRawText(), dialog.restore_button.text()])
            qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        finally:
            dialog.reject()  # never left open, whatever happened

    QTimer.singleShot(0, restore)
    qtbot.mouseClick(panel.versions_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 2 and len(seen[0]) == 1
    assert seen[1] == [original, "Restaurer cette version"]
    label = seen[0][0]
    assert label[2] == ":" and "Démarrage avec 12\u00a0minutes" in label
    assert stored(context, SPEECHES) == original
    assert panel.text() == original
    # The text it replaced is now an earlier version in its turn.
    versions = context.read(lambda s: revisions.revisions(s, "agenda_note", SPEECHES, "text"))
    assert versions[0].text == "Texte remplacé par erreur"


def test_timer_actions_leave_the_notes_cursor_where_it_was(
    qtbot: QtBot, screen: TimerScreen
) -> None:
    editor = screen.notes.editor
    editor.setPlainText("Premières notes")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    screen.notes.save()
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # announces a change of the agenda
    assert screen.controller.timer.started
    assert editor.textCursor().position() == 5
    assert screen.notes.status.text().startswith("Enregistré à ")
