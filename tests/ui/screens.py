"""What many screen tests start from: the M4SD demo open, a widget shown and active."""

from __future__ import annotations

from typing import TypeVar

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
