"""What the desk's tests share: the demo open at the desk, a fake printer, a scanner's keys.

The demo workshops are in 2023 and 2025: today is outside their dates, and the desk asks once a
day before recording a check-in. Tests that are not about that question answer it first, as the
desk agent would (`agree_to_today`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.store.checkin import day_check
from facilitator.store.database import Database
from facilitator.store.participants import ParticipantView, list_participants
from facilitator.store.workshops import find_workshop, get_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk.day_question import YES, DayAnswers
from facilitator.ui.desk.printing import PRINTER_FILE_KEY, PRINTER_KEY
from facilitator.ui.desk.screen import DeskScreen
from tests.ui.keyboard import type_text

MIGRATION = "migration-circulaire-dakar-2025"  # no check-ins in the demo
M4SD = "m4sd-cloture-thies-2023"


def agree_to_today(context: AppContext) -> None:
    """This desk already said yes today to recording arrivals outside the workshop's dates."""
    workshop_id = context.workshop_id
    assert workshop_id is not None
    check = context.read(lambda s: day_check(get_workshop(s, workshop_id)))
    DayAnswers(context).remember(check.today, YES)


def desk_context(db: Database, slug: str = MIGRATION, agree: bool = True) -> AppContext:
    QSettings("facilitator", "facilitator").remove("desk")
    context = AppContext(db)
    context.set_workshop(context.read(lambda s: find_workshop(s, slug).id))
    if agree:
        agree_to_today(context)
    return context


class Sounds:
    """Records which sound the desk asked for instead of playing it."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, kind: str) -> None:
        self.played.append(kind)


def fake_printer(folder: Path) -> Path:
    """Badges « printed » at the desk go to PDF files in `folder` (Qt's PDF printer)."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = folder / "badges.pdf"
    settings = QSettings("facilitator", "facilitator")
    settings.setValue(PRINTER_KEY, "")
    settings.setValue(PRINTER_FILE_KEY, str(chosen))
    return chosen


def open_desk(
    qtbot: QtBot,
    context: AppContext,
    played: Sounds | None = None,
    size: tuple[int, int] = (1366, 768),
) -> DeskScreen:
    widget = DeskScreen(context)
    widget.sounds.play = (played or Sounds()).play  # type: ignore[method-assign]
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    assert widget.controller.wait_idle()
    return widget


def close_desk(widget: DeskScreen) -> None:
    widget.controller.wait_idle()
    widget.printing.wait_idle()
    widget.controller.shutdown()
    widget.printing.shutdown()


def participants(context: AppContext, slug: str = MIGRATION) -> list[ParticipantView]:
    workshop_id = context.read(lambda s: find_workshop(s, slug).id)
    return context.read(lambda s: list_participants(s, workshop_id))


def scan_keys(qtbot: QtBot, screen: DeskScreen, text: str) -> None:
    """What a USB scanner does: keystrokes into whatever has the focus, then Enter."""
    target = QApplication.focusWidget()
    assert target is screen.scan
    type_text(qtbot, target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)
