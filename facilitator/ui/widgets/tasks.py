"""Long work (imports, exports) off the UI thread, with a progress dialog the user can watch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], None]


class _Worker(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Report], Any]) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        try:
            result = self.job(self.progress.emit)
        except Exception as exc:  # reported to the user by the caller's on_error
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """Runs `job(report)` in a thread; `report(done, total)` moves the progress bar.

    `finished_ok(result)` or `finished_error(exception)` is emitted on the UI thread when done.
    The job must use its own database session (one Session per thread).
    """

    finished_ok = Signal(object)
    finished_error = Signal(object)

    def __init__(
        self, parent: QWidget, title: str, label: str, job: Callable[[Report], Any]
    ) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.thread = QThread(self)
        self.worker = _Worker(job)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(self._on_failure)
        self.done = False

    def start(self) -> None:
        self.thread.start()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the job ends (for tests and shutdown)."""
        return self.thread.wait(msecs)

    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _finish(self) -> None:
        self.done = True
        self.thread.quit()
        self.thread.wait()
        self.dialog.reset()
        self.dialog.close()

    def _on_success(self, result: object) -> None:
        self._finish()
        self.finished_ok.emit(result)

    def _on_failure(self, error: object) -> None:
        self._finish()
        self.finished_error.emit(error)
