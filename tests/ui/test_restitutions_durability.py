"""Typing on the restitutions screen survives: saved within a second of a pause, and a kill.

The rule: « Typing is saved within one second of a pause and on every change of focus, group or
screen, and on close. » Two proofs:
- in this process, keys typed into the real editor wait for their save on timers that all go
  off within a second, and then reach the file, as read through a second, separate database
  connection (as another process would read it);
- a child process types into the real screen in bursts and is killed with SIGKILL: afterwards
  the file holds every word the screen had saved before the kill, in order, and nothing that
  was not typed.

No stopwatch: a loaded test machine makes a save come late, it must not make a test fail.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database, open_database
from facilitator.store.restitutions import (
    RestitutionView,
    groups_with_restitutions,
    restitution_view,
)
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.restitutions.screen import RestitutionsScreen
from tests.ui.screens import M4SD, assert_save_due_within_a_second, m4sd_context, shown

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return m4sd_context(demo_db)


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> RestitutionsScreen:
    return shown(qtbot, RestitutionsScreen(context))


@pytest.fixture
def other(demo_db_path: Path) -> Iterator[Database]:
    """A second engine on the same file: what another process would read."""
    database = open_database(demo_db_path)
    yield database
    database.dispose()


def on_file(db: Database, group_id: int) -> RestitutionView:
    with db.read() as session:
        return restitution_view(session, group_id)


def _saved_after_the_pause(qtbot: QtBot, screen: RestitutionsScreen, check: object) -> None:
    """A save is due within a second (by the screen's timers), and then `check()` holds."""
    assert_save_due_within_a_second(screen.save_timer)
    qtbot.waitUntil(check, timeout=10_000)  # type: ignore[arg-type]


# --- in this process ------------------------------------------------------------------------


def test_steady_typing_with_no_pause_is_on_file_within_a_second_or_so(
    screen: RestitutionsScreen, other: Database, qtbot: QtBot
) -> None:
    """A scribe who never stops: what was typed a second ago is on file all the same."""
    group = screen.group_id
    assert group is not None
    screen.notes.setFocus()
    screen.notes.selectAll()
    typed = ""
    on_file_while_typing: list[str] = []
    for index in range(12):  # a key every 250 ms: never the 600 ms pause the save waits for
        qtbot.keyClicks(screen.notes, "x")
        typed += "x"
        qtbot.wait(250)
        if index in (7, 11):
            on_file_while_typing.append(on_file(other, group).notes)
    # After 2 s and 3 s of typing, at most about a second's worth is missing.
    assert len(on_file_while_typing[0]) >= 4 and typed.startswith(on_file_while_typing[0])
    assert len(on_file_while_typing[1]) >= 8


def test_notes_typed_then_a_pause_are_on_file_within_a_second(
    screen: RestitutionsScreen, other: Database, qtbot: QtBot
) -> None:
    group = screen.group_id
    assert group is not None
    screen.notes.setFocus()
    screen.notes.selectAll()
    qtbot.keyClicks(screen.notes, "Premier point")
    _saved_after_the_pause(qtbot, screen, lambda: on_file(other, group).notes == "Premier point")
    qtbot.keyClick(screen.notes, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.notes, "Second point, apres un retour")
    expected = "Premier point\nSecond point, apres un retour"
    _saved_after_the_pause(qtbot, screen, lambda: on_file(other, group).notes == expected)


def test_the_new_item_line_is_on_file_after_a_pause_and_at_once_on_enter(
    screen: RestitutionsScreen, other: Database, qtbot: QtBot
) -> None:
    group = screen.group_id
    assert group is not None
    before = len(on_file(other, group).items)
    line = screen.entry.text
    qtbot.keyClicks(line, "Manque de salles")  # no Enter: the pause saves it
    _saved_after_the_pause(
        qtbot,
        screen,
        lambda: [i.text for i in on_file(other, group).items[before:]] == ["Manque de salles"],
    )
    qtbot.keyClicks(line, " de reunion")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # Enter: saved before the key returns
    assert [i.text for i in on_file(other, group).items[before:]] == ["Manque de salles de reunion"]
    qtbot.keyClicks(line, "Budget")
    _saved_after_the_pause(qtbot, screen, lambda: len(on_file(other, group).items) == before + 2)
    assert [i.text for i in on_file(other, group).items[before:]] == [
        "Manque de salles de reunion",
        "Budget",
    ]


def test_a_change_of_focus_group_or_screen_saves_at_once(
    screen: RestitutionsScreen, other: Database, qtbot: QtBot
) -> None:
    first = screen.group_id
    assert first is not None
    screen.notes.setFocus()
    screen.notes.selectAll()
    qtbot.keyClicks(screen.notes, "Focus")
    screen.rapporteur.setFocus()  # focus leaves the notes: no pause needed
    assert on_file(other, first).notes == "Focus"
    qtbot.keyClicks(screen.notes, " groupe")
    qtbot.keyClick(screen.notes, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert screen.group_id != first
    assert on_file(other, first).notes == "Focus groupe"
    second = screen.group_id
    assert second is not None
    qtbot.keyClicks(screen.entry.text, "Cache")
    screen.hide()
    assert on_file(other, second).items[-1].text == "Cache"
    screen.show()
    screen.notes.selectAll()
    qtbot.keyClicks(screen.notes, "Ferme")
    screen.close()
    assert on_file(other, second).notes == "Ferme"


# --- a process killed while typing ----------------------------------------------------------

WORDS = [f"mot{n:03d}" for n in range(200)]

_CHILD = textwrap.dedent(
    """
    import random, sys, time
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from facilitator.store.database import open_database
    from facilitator.store.workshops import find_workshop
    from facilitator.ui.context import AppContext
    from facilitator.ui.restitutions.entry import plain_text
    from facilitator.ui.restitutions.screen import RestitutionsScreen

    app = QApplication([])
    db = open_database(sys.argv[1])
    context = AppContext(db)
    context.set_workshop(context.read(lambda s: find_workshop(s, sys.argv[2]).id))
    screen = RestitutionsScreen(context)
    screen.resize(1366, 768)
    screen.show()
    screen.activateWindow()
    QTest.qWait(50)
    group = int(sys.argv[3])
    screen.picker.select_group(group)
    assert screen.group_id == group, screen.group_id
    screen.notes.setFocus()
    screen.notes.selectAll()
    QTest.keyClick(screen.notes, Qt.Key.Key_Delete)
    screen.save_now()  # the group starts with empty notes on file
    # Connected after the screen's own save: said once the words are committed.
    screen.save_timer.due.connect(
        lambda: print(f"saved {len(plain_text(screen.notes).split())}", flush=True)
    )
    print("ready", flush=True)
    chance = random.Random(int(sys.argv[4]))
    words = sys.argv[5].split()
    burst = chance.randint(1, 4)
    for number, word in enumerate(words):
        QTest.keyClicks(screen.notes, word if number == 0 else " " + word)
        print(f"typed {word} {time.time():.6f}", flush=True)
        burst -= 1
        if burst:
            QTest.qWait(100)  # still typing: the event loop runs, the save waits
        else:
            QTest.qWait(1200)  # a pause: the save is due 600 ms after the last key
            burst = chance.randint(1, 4)
    print("done", flush=True)
    """
)


def _read_lines(stream: object, lines: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.append(line.strip())


def _words_saved(lines: list[str]) -> int:
    """How many words the child last said were saved (0 before its first save)."""
    said = [int(line.split()[1]) for line in list(lines) if line.startswith("saved ")]
    return said[-1] if said else 0


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_typing_keeps_every_word_saved_before(
    demo_db: Database, demo_db_path: Path, tmp_path: Path
) -> None:
    ctx = AppContext(demo_db)
    workshop = ctx.read(lambda s: find_workshop(s, M4SD))
    rounds = ctx.read(lambda s: groups_with_restitutions(s, workshop.id))
    group = [g.group_id for r in rounds for g in r.groups][1]  # not the one shown first
    assert on_file(demo_db, group).notes  # the demo has notes here: they must be replaced
    demo_db.dispose()
    seed = random.randrange(1_000_000)
    home = tmp_path / "child-home"
    home.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    args = [str(demo_db_path), M4SD, str(group), str(seed), " ".join(WORDS)]
    lines: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-c", _CHILD, *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    ) as child:
        try:
            assert child.stdout is not None
            reader = threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True)
            reader.start()
            # A generous deadline, only so that a broken child cannot hang the run.
            deadline = time.monotonic() + 120
            while _words_saved(lines) < 3:  # enough on file to prove something
                assert child.poll() is None, f"the child died before saving: {lines}"
                assert time.monotonic() < deadline, f"the child never saved: {lines}"
                time.sleep(0.02)
            time.sleep(random.random() * 2.5)  # a random instant amid bursts and pauses
            killed_at = time.time()
            child.send_signal(signal.SIGKILL)
            assert child.wait(timeout=10) == -signal.SIGKILL
            reader.join(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    typed = [line.split()[1:] for line in lines if line.startswith("typed ")]
    assert "done" not in lines, "the child finished before the kill: give it more words"
    assert [w for w, _t in typed] == WORDS[: len(typed)]
    saved = _words_saved(lines)  # what the screen had committed before the kill
    assert saved >= 3

    reopened = open_database(demo_db_path)
    try:
        notes = on_file(reopened, group).notes
    finally:
        reopened.dispose()
    full = " ".join(WORDS)
    report = (
        f"seed {seed}; on file {notes!r}; last said saved: {saved} words; "
        "typed (word, s before kill) "
        + ", ".join(f"{w} {killed_at - float(t):.2f}" for w, t in typed)
    )
    assert full.startswith(notes), f"on file but never typed — {report}"
    saved_words = notes.split()
    assert saved_words == WORDS[: len(saved_words)], report
    assert len(saved_words) >= saved, f"lost {WORDS[len(saved_words) : saved]} — {report}"
    assert len(saved_words) <= len(typed) + 1, report  # at most the word typed as it died


def test_a_new_item_typed_then_erased_leaves_nothing_behind(
    screen: RestitutionsScreen, other: Database, qtbot: QtBot
) -> None:
    group = screen.group_id
    assert group is not None
    before = len(on_file(other, group).items)
    screen.entry.text.setFocus()
    qtbot.keyClicks(screen.entry.text, "zz")
    _saved_after_the_pause(  # saved as typed
        qtbot, screen, lambda: len(on_file(other, group).items) == before + 1
    )
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_Backspace)
    qtbot.keyClick(screen.entry.text, Qt.Key.Key_Backspace)
    _saved_after_the_pause(  # and gone again
        qtbot, screen, lambda: len(on_file(other, group).items) == before
    )
    assert all(item.text for item in on_file(other, group).items)
