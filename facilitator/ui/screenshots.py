"""`facilitator screenshots W -o DIR`: every screen rendered offscreen to DIR/NAME.png."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from facilitator.i18n import _

# What Qt's offscreen plugin says about features it lacks, which means nothing for a screenshot.
OFFSCREEN_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})


def quiet_offscreen_noise(mode: Any, context: Any, message: str) -> None:
    """A Qt message handler: drop the offscreen plugin's noise, pass the rest on to stderr."""
    if message.strip() in OFFSCREEN_NOISE:
        return
    print(message, file=sys.stderr, flush=True)


SETTLE_SECONDS = 1.0
PROJECTOR_SIZE = (1280, 720)


def run_screenshots(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(quiet_offscreen_noise)
    from facilitator.store.database import open_database
    from facilitator.store.workshops import find_workshop
    from facilitator.ui.app import create_application
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow

    app = create_application()
    db = open_database(getattr(args, "db", None), create=False)
    try:
        context = AppContext(db)
        context.set_workshop(context.read(lambda s: find_workshop(s, args.workshop).id))
        window = MainWindow(context, remember=False)
        written = render_screens(window, Path(args.output))
        window.close()
        app.processEvents()
    finally:
        db.dispose()
    for path in written:
        print(_("Screen written: {path}").format(path=path))
    return 0


def render_screens(window, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Show each screen of the window in turn and save it as a PNG."""
    from PySide6.QtWidgets import QApplication

    folder.mkdir(parents=True, exist_ok=True)
    window.resize(1366, 768)
    window.show()
    written: list[Path] = []
    for name in window.screens:
        window.show_screen(name)
        # Screens load their data in background threads: give them a moment to arrive.
        deadline = time.monotonic() + SETTLE_SECONDS
        while time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        path = folder / f"{name}.png"
        save_private(window.grab(), path)
        written.append(path)
    projector = getattr(window, "projector", None)
    if projector is not None:
        written.append(render_projector(projector, folder / "projector.png"))
    return written


def save_private(image, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save a screen as PNG, readable by its owner only: it shows participants' names."""
    if not image.save(str(path)):
        raise OSError(_("Cannot write {path}").format(path=path))
    os.chmod(path, 0o600)


def render_projector(projector, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The projector window at 1280×720, showing the timer's current display."""
    from PySide6.QtWidgets import QApplication

    from facilitator.ui.agenda.projector import ProjectorWindow

    window = ProjectorWindow()
    try:
        window.resize(*PROJECTOR_SIZE)
        window.show()
        snap = projector.current_snapshot()
        if snap is not None:
            window.show_snapshot(snap)
        QApplication.processEvents()
        save_private(window.grab(), path)
    finally:
        window.close()
        window.deleteLater()
    return path
