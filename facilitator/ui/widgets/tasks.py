"""Long work (imports, exports) off the UI thread, with a progress dialog the user can watch."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], None]

PROGRESS_INTERVAL = 0.1  # seconds between two progress reports a task passes on to the UI thread


def throttled(report: Report, interval: float = PROGRESS_INTERVAL) -> Report:
    """`report`, called at most every `interval` seconds (and for the last step).

    Each report is a queued call that the UI thread runs only once it gets the GIL from the busy
    worker (up to 5 ms each): a report per badge kept the window frozen for up to a second.
    """
    last = -interval

    def report_now_and_then(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done >= total or now - last >= interval:
            last = now
            report(done, total)

    return report_now_and_then


class _Worker(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Report], Any]) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        try:
            result = self.job(throttled(self.progress.emit))
        except Exception as exc:  # reported to the user by the caller's on_error
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


# Tasks whose thread still runs: a thread is never owned by a widget, so that closing a window
# mid-task does not destroy a running QThread (which aborts the process). The app waits for these
# before it quits.
_running: set[BackgroundTask] = set()


def wait_for_running_tasks(msecs: int = 60_000) -> None:
    """Let every task still running finish (called when the app quits)."""
    for task in list(_running):
        task.wait_thread(msecs)


class BackgroundTask(QObject):
    """Runs `job(report)` in a thread; `report(done, total)` moves the progress bar.

    The reports are throttled: at most one every PROGRESS_INTERVAL seconds reaches the UI thread,
    and always the last one (done >= total), so a job may report every step it makes.

    `finished_ok(result)` or `finished_error(exception)` is emitted on the UI thread when done.
    The job must use its own database session (one Session per thread).
    """

    finished_ok = Signal(object)
    finished_error = Signal(object)

    def __init__(
        self, parent: QWidget, title: str, label: str, job: Callable[[Report], Any]
    ) -> None:
        super().__init__()
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self._thread = QThread()
        self.worker = _Worker(job)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        # The worker's signals cross threads: queued to this object's (the UI) thread.
        self.worker.progress.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(self._on_failure)
        # Direct: the thread ends as soon as the job does, even while the UI thread waits on it.
        self.worker.succeeded.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self.worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(lambda: _running.discard(self))
        self.done = False

    def start(self) -> None:
        _running.add(self)
        self._thread.start()

    def wait_thread(self, msecs: int = 30_000) -> bool:
        """Block until the worker thread has ended (for shutdown)."""
        return self._thread.wait(msecs)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the job ends and its result was delivered (for tests)."""
        if not self._thread.wait(msecs):
            return False
        QCoreApplication.sendPostedEvents(self)
        return True

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))

    def _finish(self) -> None:
        self.done = True
        self._thread.wait()
        try:
            self.dialog.reset()
            self.dialog.close()
        except RuntimeError:
            pass  # the window that showed the dialog is gone already

    def _on_success(self, result: object) -> None:
        self._finish()
        self.finished_ok.emit(result)

    def _on_failure(self, error: object) -> None:
        self._finish()
        self.finished_error.emit(error)
