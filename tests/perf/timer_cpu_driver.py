"""Run the real main window with the timer running (and the projector open) for N seconds.

Used by test_perf_timer.py in its own process: prints the CPU share this process used once
started, measured from the kernel's accounting of user and system time over wall time.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def main(seconds: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    home = tempfile.mkdtemp(prefix="facilitator-cpu-")
    os.environ["HOME"] = home
    os.environ["XDG_CONFIG_HOME"] = str(Path(home) / ".config")
    os.environ["XDG_DATA_HOME"] = str(Path(home) / ".local" / "share")

    from PySide6.QtCore import QTimer

    from facilitator.core.run_of_show import SystemClock
    from facilitator.store import run_of_show as ros
    from facilitator.store.database import open_database
    from facilitator.store.demo import add_demo_workshops
    from facilitator.store.workshops import find_workshop
    from facilitator.ui.app import create_application
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow

    app = create_application()
    db = open_database(Path(home) / "event.sqlite3")
    with db.write() as session:
        add_demo_workshops(session)
    context = AppContext(db)
    workshop_id = context.read(lambda s: find_workshop(s, "migration-circulaire-dakar-2025").id)
    context.set_workshop(workshop_id)
    with db.read() as session:
        first = ros.next_item_id(session, workshop_id, SystemClock())
    assert first is not None
    ros.start_item(db, workshop_id, first, SystemClock())
    window = MainWindow(context)
    window.resize(1366, 768)
    window.show()
    window.show_screen("timer")
    projector = getattr(window, "projector", None)
    if projector is not None:
        projector.open()

    warm_up_ms = 5000
    measured: dict[str, float] = {}

    def begin() -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        measured["cpu"] = usage.ru_utime + usage.ru_stime
        measured["wall"] = time.monotonic()

    QTimer.singleShot(warm_up_ms, begin)
    QTimer.singleShot(warm_up_ms + seconds * 1000, app.quit)
    app.exec()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - measured["cpu"]
    wall = time.monotonic() - measured["wall"]
    db.dispose()
    platform = app.platformName()
    print(
        f"{platform}: cpu {100 * cpu / wall:.2f} % ({cpu:.2f} s of CPU over {wall:.1f} s, "
        f"projector {'open' if projector is not None else 'absent'})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
