"""Starting the desktop app: a window can be opened, Qt is translated, the database is open."""

from __future__ import annotations

import argparse
import ctypes.util
import gc
import os
import sys
import threading
from typing import TYPE_CHECKING

from facilitator.i18n import _, current_language, set_language

if TYPE_CHECKING:
    from facilitator.store.database import Database

# The xcb libraries Qt 6's window plugin loads, with the Debian/Ubuntu package giving each.
XCB_LIBRARIES = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-image", "libxcb-image0"),
    ("xcb-render-util", "libxcb-render-util0"),
    ("xcb-randr", "libxcb-randr0"),
    ("xcb-shape", "libxcb-shape0"),
    ("xcb-xkb", "libxcb-xkb1"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
)
PERIODIC_BACKUP_MS = 10 * 60 * 1000
CHECKPOINT_MS = 30 * 1000
APP_NAME = "facilitator"


def missing_window_support() -> str | None:
    """One sentence saying what to install (or set) when no window can be opened, else None."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform.startswith(("offscreen", "minimal", "vnc")):
        return None
    if platform.startswith("wayland") or (
        not platform and os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY")
    ):
        return None
    if not os.environ.get("DISPLAY"):
        return _(
            "No screen is available to open a window: start Facilitator from a desktop session, "
            "or set QT_QPA_PLATFORM=offscreen for headless work."
        )
    missing = [package for lib, package in XCB_LIBRARIES if ctypes.util.find_library(lib) is None]
    if missing:
        return _(
            "Qt needs system libraries to open a window: install them with "
            "« sudo apt-get install {packages} » (or set QT_QPA_PLATFORM=offscreen for headless "
            "work)."
        ).format(packages=" ".join(missing))
    return None


def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
    """The QApplication, named as the data folder expects, with Qt's own dialogs translated."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Facilitator")
    install_qt_translator(current_language())
    return app


_qt_translators: list[object] = []


def install_qt_translator(language: str) -> None:
    """Qt's own strings (standard buttons, file dialogs) in the app's language."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    app = QCoreApplication.instance()
    assert app is not None
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())  # type: ignore[arg-type]
    french = language == "fr"
    QLocale.setDefault(QLocale(QLocale.Language.French if french else QLocale.Language.English))
    if french:
        translator = QTranslator(app)
        if translator.load(
            "qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(translator)
            _qt_translators.append(translator)
        gaps = _qt_french_gaps(app)
        app.installTranslator(gaps)  # installed last, asked first
        _qt_translators.append(gaps)


# Texts of Qt's own dialogs that its French file lacks: Qt 6 gave the file dialog's labels
# keyboard accelerators (« &Look in: »), and qtbase_fr.qm still has them without.
QT_FRENCH_GAPS = {
    ("QFileDialog", "&Look in:"): "&Voir dans\u00a0:",
    ("QFileDialog", "Files of &type:"): "Fichiers de &type\u00a0:",
}


def _qt_french_gaps(parent: object):  # type: ignore[no-untyped-def]
    """A translator answering QT_FRENCH_GAPS and nothing else (other texts go to the next)."""
    from PySide6.QtCore import QTranslator

    class Gaps(QTranslator):
        def translate(  # type: ignore[override]
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str | None:
            return QT_FRENCH_GAPS.get((context, source))  # None: ask the next translator

        def isEmpty(self) -> bool:  # noqa: N802
            return False

    return Gaps(parent)


def saved_language() -> str | None:
    """The language chosen in the app's settings, if any."""
    from PySide6.QtCore import QSettings

    value = QSettings(APP_NAME, APP_NAME).value("language")
    return value if isinstance(value, str) else None


def start_checkpoint(db: Database) -> threading.Thread:
    """Checkpoint the event file's log in a thread, so that no desk commit has to do it."""

    def checkpoint() -> None:
        try:
            db.checkpoint()
        except (
            Exception
        ) as exc:  # busy or a full disk: the next round, or SQLite itself, will do it
            print(_("Checkpoint failed: {error}").format(error=exc), file=sys.stderr)

    thread = threading.Thread(target=checkpoint, name="wal-checkpoint", daemon=True)
    thread.start()
    return thread


def start_periodic_backup(db: Database) -> threading.Thread:
    """Back the event file up in a thread of its own: a large copy must not freeze the UI."""

    def backup() -> None:
        try:
            db.backup("periodic")
        except Exception as exc:  # a full disk must not end the day's work; the next try may pass
            print(_("Periodic backup failed: {error}").format(error=exc), file=sys.stderr)

    thread = threading.Thread(target=backup, name="periodic-backup")
    thread.start()
    return thread


def run_gui(args: argparse.Namespace, workshop_ref: str | None = None) -> int:
    """Open the desktop app on the database of --db, on workshop W when given."""
    problem = missing_window_support()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtCore import QTimer

    from facilitator.store.database import DatabaseRefused, open_database
    from facilitator.store.workshops import find_workshop
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.widgets.refused_file import open_refused_file
    from facilitator.ui.widgets.tasks import wait_for_running_tasks

    if getattr(args, "lang", None) is None and not os.environ.get("FACILITATOR_LANG"):
        set_language(saved_language())
    app = create_application()
    try:
        db = open_database(getattr(args, "db", None), backup_reason="open")
    except DatabaseRefused as exc:
        # Also in a window: the app may have been started from a menu, with no terminal to read.
        if app.platformName() in ("offscreen", "minimal"):
            raise
        recovered = open_refused_file(exc, backup_reason="open")
        if recovered is None:
            raise
        db = recovered
    context = AppContext(db)
    ref = workshop_ref or getattr(args, "workshop", None)
    if ref:
        context.set_workshop(context.read(lambda s: find_workshop(s, ref).id))
    window = MainWindow(context)
    window.show()
    timer = QTimer(app)
    timer.timeout.connect(lambda: start_periodic_backup(db))
    timer.start(PERIODIC_BACKUP_MS)
    checkpoints = QTimer(app)
    checkpoints.timeout.connect(lambda: start_checkpoint(db))
    checkpoints.start(CHECKPOINT_MS)
    app.aboutToQuit.connect(wait_for_running_tasks)
    # Objects alive after start-up never need collecting; freezing them keeps the collector's
    # pauses short during long imports (measured at up to 150 ms per pause at 10,000 rows).
    gc.collect()
    gc.freeze()
    code = app.exec()
    db.dispose()
    return int(code)


def run_demo(args: argparse.Namespace) -> int:
    """Add the demo workshops if absent, then open the app on them."""
    problem = missing_window_support()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from facilitator.store.database import open_database
    from facilitator.store.demo import add_demo_workshops, demo_slugs

    db = open_database(getattr(args, "db", None))
    with db.write() as session:
        add_demo_workshops(session)
    db.dispose()
    return run_gui(args, workshop_ref=demo_slugs()[0])
