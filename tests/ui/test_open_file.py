"""Opening a written file on Linux: xdg-open's exit code says whether a viewer could open it.

QDesktopServices.openUrl answers True as soon as xdg-open starts, even when xdg-open then finds
no application (exit code 3): the screens would never say « open it from its folder ». A fake
xdg-open on PATH plays both outcomes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.synthesis.screen import SynthesisScreen
from facilitator.ui.widgets import print_jobs, tasks
from facilitator.ui.widgets.printing import AttendanceDialog, BadgePrintDialog

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="xdg-open is how Linux opens files"
)

M4SD = "m4sd-cloture-thies-2023"
NO_VIEWER = "Aucune application n’a pu l’ouvrir\u00a0: ouvrez-le depuis son dossier."


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    yield
    tasks.wait_for_running_tasks(10_000)
    assert not tasks._running


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


class FakeXdgOpen:
    """An xdg-open first on PATH: it records what it was asked to open, then exits with `code`."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.bin = folder / "bin"
        self.bin.mkdir()
        self.log = folder / "xdg-open.log"
        monkeypatch.setenv("PATH", f"{self.bin}:/usr/bin:/bin")

    def exits(self, code: int, held_until: Path | None = None) -> None:
        """Exit with `code`; with `held_until`, not before that file exists (about 30 s at most)."""
        hold = ""
        if held_until is not None:
            hold = f'n=0\nwhile [ ! -e "{held_until}" ] && [ $n -lt 3000 ]; do\n'
            hold += "  sleep 0.01\n  n=$((n + 1))\ndone\n"
        script = self.bin / "xdg-open"
        script.write_text(f'#!/bin/sh\n{hold}printf "%s\\n" "$1" >> "{self.log}"\nexit {code}\n')
        script.chmod(0o755)

    def asked(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def xdg_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeXdgOpen:
    return FakeXdgOpen(tmp_path, monkeypatch)


def settled(qtbot: QtBot) -> None:
    """Wait until no xdg-open is at work any more."""
    qtbot.waitUntil(lambda: not print_jobs._openings, timeout=10_000)


def test_exit_code_3_is_a_failure_said_later(
    qtbot: QtBot, xdg_open: FakeXdgOpen, tmp_path: Path
) -> None:
    release = tmp_path / "release"
    xdg_open.exits(3, held_until=release)  # xdg-open is still at work until the test says
    target = tmp_path / "badges.pdf"
    target.write_bytes(b"%PDF")
    outcome = print_jobs.open_file(target)
    try:
        assert isinstance(outcome, print_jobs.Opening)
        # The UI thread never waits for xdg-open: the call is back while it is still held.
        assert outcome.process.state() != QProcess.ProcessState.NotRunning
        assert not outcome.settled
        assert xdg_open.asked() == []
    finally:
        release.touch()
    with qtbot.waitSignal(outcome.failed, timeout=10_000) as failed:
        pass
    assert failed.args == [target]
    assert xdg_open.asked() == [str(target)]


def test_exit_code_0_is_a_viewer_at_work(
    qtbot: QtBot, xdg_open: FakeXdgOpen, tmp_path: Path
) -> None:
    xdg_open.exits(0)
    target = tmp_path / "badges.pdf"
    target.write_bytes(b"%PDF")
    outcome = print_jobs.open_file(target)
    assert isinstance(outcome, print_jobs.Opening)
    with qtbot.assertNotEmitted(outcome.failed), qtbot.waitSignal(outcome.opened) as opened:
        pass
    assert opened.args == [target]


def print_badges(qtbot: QtBot, context: AppContext, out: Path) -> BadgePrintDialog:
    dialog = BadgePrintDialog(context, [])  # the system's opener
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.output.selectAll()
    qtbot.keyClicks(dialog.output, str(out))
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    assert dialog.task is not None
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20_000)
    return dialog


def test_the_badge_dialog_says_when_no_application_could_open_the_pdf(
    qtbot: QtBot, context: AppContext, xdg_open: FakeXdgOpen, tmp_path: Path
) -> None:
    xdg_open.exits(3)
    out = tmp_path / "badges.pdf"
    dialog = print_badges(qtbot, context, out)
    qtbot.waitUntil(lambda: NO_VIEWER in dialog.message.text(), timeout=10_000)
    assert dialog.message.text().startswith("60 badges écrits")
    assert xdg_open.asked() == [str(out)]


def test_the_badge_dialog_says_nothing_more_when_the_viewer_opened_it(
    qtbot: QtBot, context: AppContext, xdg_open: FakeXdgOpen, tmp_path: Path
) -> None:
    xdg_open.exits(0)
    out = tmp_path / "badges.pdf"
    dialog = print_badges(qtbot, context, out)
    settled(qtbot)
    assert xdg_open.asked() == [str(out)]
    assert dialog.message.isVisible() and NO_VIEWER not in dialog.message.text()


def test_the_attendance_dialog_says_when_no_application_could_open_the_sheet(
    qtbot: QtBot, context: AppContext, xdg_open: FakeXdgOpen, tmp_path: Path
) -> None:
    xdg_open.exits(4)
    dialog = AttendanceDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = tmp_path / "emargement.pdf"
    dialog.output.selectAll()
    qtbot.keyClicks(dialog.output, str(out))
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: NO_VIEWER in dialog.message.text(), timeout=20_000)
    assert dialog.message.text().startswith("Liste d’émargement écrite")
    assert out.is_file() and xdg_open.asked() == [str(out)]


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> SynthesisScreen:
    widget = SynthesisScreen(context)  # the system's opener
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def export_to(
    qtbot: QtBot, screen: SynthesisScreen, monkeypatch: pytest.MonkeyPatch, out: Path
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(out), "")))
    screen.export(out.suffix)
    assert screen.task is not None
    qtbot.waitUntil(lambda: screen.task is not None and screen.task.done, timeout=20_000)


def test_the_synthesis_says_when_no_application_could_open_the_report(
    qtbot: QtBot,
    screen: SynthesisScreen,
    xdg_open: FakeXdgOpen,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    xdg_open.exits(3)
    out = tmp_path / "rapport.md"
    export_to(qtbot, screen, monkeypatch, out)
    qtbot.waitUntil(lambda: NO_VIEWER in screen.message.text(), timeout=10_000)
    assert screen.message.text().startswith(f"Rapport enregistré\u00a0: {out}")
    assert screen.open_folder_button.isVisible()
    screen.open_folder_button.click()
    folder_note = f"Aucune application n’a pu ouvrir le dossier «\u00a0{tmp_path}\u00a0»."
    qtbot.waitUntil(lambda: folder_note in screen.message.text(), timeout=10_000)
    assert xdg_open.asked() == [str(out), str(tmp_path)]


def test_the_synthesis_says_nothing_more_when_the_viewer_opened_it(
    qtbot: QtBot,
    screen: SynthesisScreen,
    xdg_open: FakeXdgOpen,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    xdg_open.exits(0)
    out = tmp_path / "rapport.md"
    export_to(qtbot, screen, monkeypatch, out)
    settled(qtbot)
    assert xdg_open.asked() == [str(out)]
    assert screen.message.text() == f"Rapport enregistré\u00a0: {out}"
