"""Printing badges at the desk: to the printer chosen once, or into the « À imprimer » batch.

The scan field keeps the keyboard: no file opens in a viewer and no progress dialog shows; the
badges are painted on the printer in a worker thread, in the workshop's own layout, and the
desk says in one line when they are out. Only the first print (or a printer that went away)
asks which printer, in Qt's print dialog; the choice is remembered on this computer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from facilitator.i18n import _, number
from facilitator.ui.context import AppContext
from facilitator.ui.desk.elision import with_name
from facilitator.ui.desk.print_queue import PrintQueue
from facilitator.ui.widgets.badge_painter import PrinterUnavailable
from facilitator.ui.widgets.badge_printer import (
    SETTINGS,
    NoBadgeLeft,
    PrintedBadges,
    PrinterGone,
    printer_job,
    remembered_printer,
    workshop_layout,
)
from facilitator.ui.widgets.print_jobs import AREA_BADGES, badges_folder

log = logging.getLogger(__name__)

MODE_KEY, PRINTER_KEY, PRINTER_FILE_KEY = "desk/badge_mode", "desk/printer", "desk/printer_file"
PRINT_NOW, BATCH = "now", "batch"


def _remembered() -> tuple[str, str]:
    settings = QSettings(*SETTINGS)
    return (
        str(settings.value(PRINTER_KEY, "") or ""),
        str(settings.value(PRINTER_FILE_KEY, "") or ""),
    )


def _next_file(chosen: Path) -> Path:
    """A new PDF beside the one chosen in the print dialog: a file is never printed over."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = chosen.with_name(f"{chosen.stem}-{stamp}.pdf")
    number = 2
    while candidate.exists():
        candidate = chosen.with_name(f"{chosen.stem}-{stamp}-{number}.pdf")
        number += 1
    return candidate


class _Relay(QObject):
    """Carries a print job's outcome to the UI thread."""

    done = Signal(int, object)  # the job's number, PrintedBadges or the exception


def _report(relay: _Relay, job: int, future: Future[PrintedBadges]) -> None:
    try:
        result: object = future.result()
    except Exception as exc:  # said at the desk, never lost in the thread
        result = exc
    with contextlib.suppress(RuntimeError):  # the app is closing
        relay.done.emit(job, result)


class DeskPrinting(QObject):
    """The desk's badges: printed at once on the remembered printer, or kept in the batch."""

    status = Signal(str, bool)  # what happened, in words for the desk; True for a failure
    printer_changed = Signal()

    def __init__(self, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.queue = PrintQueue(context, self)
        self.dialog: QPrintDialog | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-print")
        self._relay = _Relay()
        self._relay.done.connect(self._printed)
        # The printer (or how to make it) is kept alive while its job runs.
        self._jobs: dict[int, tuple[object, list[int], bool]] = {}
        self._numbers = 0

    # -- settings ------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        value = str(QSettings(*SETTINGS).value(MODE_KEY, PRINT_NOW))
        return value if value in (PRINT_NOW, BATCH) else PRINT_NOW

    def set_mode(self, mode: str) -> None:
        QSettings(*SETTINGS).setValue(MODE_KEY, mode)

    def printer_name(self) -> str:
        """The remembered printer, as people name it; "" when none was chosen yet."""
        name, file = _remembered()
        if name:
            return name
        return _("PDF files in {folder}").format(folder=Path(file).parent) if file else ""

    def _printer(self) -> Callable[[], QPrinter] | None:
        """How to make the remembered printer (in the worker); None when none was chosen."""
        name, file = _remembered()
        if name:
            return functools.partial(remembered_printer, name, None)
        if not file:
            return None

        def pdf_printer() -> QPrinter:
            # Named in the worker, where jobs run one after the other: each sees the last file.
            return remembered_printer("", _next_file(Path(file)))

        return pdf_printer

    # -- what the desk asks for ------------------------------------------------------------------
    def badge_for(self, ids: Sequence[int]) -> None:
        """A walk-in's or a reprinted badge: printed now, or kept in the batch (the desk's mode)."""
        if self.mode == BATCH:
            self.queue.add(ids)
            waiting = number(len(self.queue))
            self.status.emit(_("Badge put in « To print » ({n} waiting).").format(n=waiting), False)
        else:
            self.print_now(ids, from_queue=False)

    def print_queue(self) -> None:
        """Print every badge of the batch in one go."""
        ids = self.queue.ids()
        if not ids:
            self.status.emit(_("No badge is waiting to be printed."), False)
            return
        self.print_now(ids, from_queue=True)

    def print_now(self, ids: Sequence[int], from_queue: bool) -> None:
        workshop_id = self.context.workshop_id
        wanted = list(ids)
        if workshop_id is None or not wanted:
            return
        printer = self._printer()
        if printer is None:
            self._ask_printer(wanted, from_queue)
        else:
            self._start(wanted, from_queue, printer)

    def _ask_printer(self, ids: list[int], from_queue: bool, gone: str = "") -> None:
        self.choose_printer(
            functools.partial(self._start, ids, from_queue),
            functools.partial(self._not_printed, ids, from_queue),
            gone,
        )

    # -- the printer -----------------------------------------------------------------------------
    def choose_printer(
        self,
        then: Callable[[QPrinter], None] | None = None,
        otherwise: Callable[[], None] | None = None,
        gone: str = "",
    ) -> None:
        """Ask which printer in Qt's print dialog (window-modal), remember it, then `then`."""
        if self.dialog is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not QPrinterInfo.availablePrinterNames():  # only « print to a file » is there
            printer.setOutputFileName(str(badges_folder() / "badges-accueil.pdf"))
        dialog = QPrintDialog(printer, self.parent_widget)
        dialog.setObjectName("badge_printer_dialog")
        title = _("Which printer for the badges?")
        if gone:
            title = _("The printer « {name} » cannot be found: which printer?").format(name=gone)
        dialog.setWindowTitle(title)
        self.dialog = dialog

        def accepted() -> None:
            self._remember(printer)
            if then is not None:
                then(printer)

        def finished(_result: int) -> None:
            self.dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        if otherwise is not None:
            dialog.rejected.connect(otherwise)
        dialog.finished.connect(finished)
        QDialog.open(dialog)  # QPrintDialog.open() wants a receiver in PySide6

    def _remember(self, printer: QPrinter) -> None:
        settings = QSettings(*SETTINGS)
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or not printer.printerName():
            settings.setValue(PRINTER_KEY, "")
            settings.setValue(PRINTER_FILE_KEY, printer.outputFileName())
        else:
            settings.setValue(PRINTER_KEY, printer.printerName())
            settings.remove(PRINTER_FILE_KEY)
        self.printer_changed.emit()

    def _not_printed(self, ids: list[int], from_queue: bool) -> None:
        if not from_queue:
            self.queue.add(ids)  # nothing lost: it waits in the batch
        self.status.emit(
            _("No printer chosen: the badge waits in « To print »."),
            False,
        )

    # -- printing --------------------------------------------------------------------------------
    def _start(
        self, ids: list[int], from_queue: bool, printer: QPrinter | Callable[[], QPrinter]
    ) -> None:
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            return
        layout = workshop_layout(self.context)
        job = printer_job(self.context.db, workshop_id, ids, layout, printer)
        self._numbers += 1
        self._jobs[self._numbers] = (printer, ids, from_queue)
        future = self._executor.submit(job)
        future.add_done_callback(functools.partial(_report, self._relay, self._numbers))

    def _printed(self, job: int, result: object) -> None:
        _printer, ids, from_queue = self._jobs.pop(job)
        if isinstance(result, PrintedBadges):
            if from_queue:
                self.queue.remove(ids)
            self.context.data_changed.emit(AREA_BADGES)
            where = Path(result.printer).name if result.to_file else result.printer
            if len(result.names) == 1 and result.to_file:
                text = _("Badge of {name} written to the file {file}.")
            elif len(result.names) == 1:
                text = _("Badge of {name} sent to {printer}.")
            elif result.to_file:
                text = _("{n} badges written to the file {file}.")
            else:
                text = _("{n} badges sent to {printer}.")
            text = with_name(
                text, result.names[0], n=number(len(result.names)), printer=where, file=where
            )
            self.status.emit(text, False)
            return
        if isinstance(result, PrinterGone):  # unplugged, renamed: which one now?
            self._ask_printer(ids, from_queue, result.name)
            return
        if isinstance(result, NoBadgeLeft):
            if from_queue:
                self.queue.remove(ids)
            self.status.emit(str(result), False)
            return
        log.error("desk: printing badges failed: %s", result)
        if not from_queue:
            self.queue.add(ids)
        if isinstance(result, PrinterUnavailable):
            text = _("Not printed: {reason} The badge waits in « To print ».").format(reason=result)
        else:
            text = _("The badge could not be printed. It waits in « To print »: try again.")
        self.status.emit(text, True)

    def busy(self) -> bool:
        return bool(self._jobs)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Process events until no print job is on its way (tests)."""
        deadline = time.monotonic() + timeout
        while self._jobs and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        QCoreApplication.processEvents()
        return not self._jobs

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)  # a badge half painted on a printer is finished
