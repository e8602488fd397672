"""What many screen tests start from: the M4SD demo open, a widget shown and active."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext

M4SD = "m4sd-cloture-thies-2023"
W = TypeVar("W", bound=QWidget)


def m4sd_context(db: Database) -> AppContext:
    """The app's context on the demo's M4SD closing workshop (all its data recorded)."""
    context = AppContext(db)
    context.set_workshop(context.read(lambda s: find_workshop(s, M4SD).id))
    return context


def shown(qtbot: QtBot, widget: W, width: int = 1366, height: int = 768) -> W:
    """`widget` on screen at a laptop's size and active: shortcuts go to the active window."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def assert_save_due_within_a_second(save_loop: QObject) -> None:
    """Typing waits for its save on timers (a SaveLoop's) that all go off within a second.

    How « saved within a second of a pause » is checked: by the timers that bring the save, not
    by a stopwatch, which a loaded test machine would fail. Call it right after the keys, before
    anything runs the event loop; then wait, with a generous timeout, for the save itself."""
    timers = save_loop.findChildren(QTimer)
    assert timers and any(timer.isActive() for timer in timers), "no save is due"
    assert all(timer.isSingleShot() and timer.interval() <= 1000 for timer in timers)
