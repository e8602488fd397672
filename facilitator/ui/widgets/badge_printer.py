"""Badges sent to a printer, and the layout each workshop prints its badges with.

The layout is the one last used for the workshop's badges on this computer (a4-8 until one is
chosen in « Imprimer les badges… »): badges printed later at the desk match the sheets printed
before. The job reads the badges, paints them on the printer and records them printed; it runs
in a worker thread (a QPrinter may be painted on from any thread).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from facilitator.exports.atomic import replaced_when_done
from facilitator.exports.badge_layout import DEFAULT_LAYOUT, LAYOUTS, Layout, Mark, pages
from facilitator.i18n import _
from facilitator.store.badges import badge_data, known_ids, mark_printed
from facilitator.store.database import Database
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.badge_painter import PrinterUnavailable, font_families, paint_pages

SETTINGS = ("facilitator", "facilitator")
LAYOUT_GROUP = "badges/layout"


def workshop_key(context: AppContext) -> str | None:
    """A name for the open workshop of this event file, for what this computer remembers of it."""
    if context.workshop_id is None:
        return None
    where = str(context.db.path or context.db.url)
    digest = hashlib.sha1(where.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return f"{digest}-{context.workshop_id}"


def workshop_layout(context: AppContext) -> str:
    """The layout the open workshop's badges were last printed with (a4-8 by default)."""
    key = workshop_key(context)
    if key is None:
        return DEFAULT_LAYOUT
    value = str(QSettings(*SETTINGS).value(f"{LAYOUT_GROUP}/{key}", DEFAULT_LAYOUT))
    return value if value in LAYOUTS else DEFAULT_LAYOUT


def remember_layout(context: AppContext, layout: str) -> None:
    """The open workshop's badges are printed with `layout` from now on."""
    key = workshop_key(context)
    if key is not None and layout in LAYOUTS:
        QSettings(*SETTINGS).setValue(f"{LAYOUT_GROUP}/{key}", layout)


@dataclass(frozen=True)
class PrintedBadges:
    """What a print job sent: whose badges, and to which printer."""

    ids: tuple[int, ...]
    names: tuple[str, ...]
    printer: str  # the printer's name, or the PDF file written
    to_file: bool = False  # a PDF file, not paper


class NoBadgeLeft(ValueError):
    """Every participant asked for was deleted meanwhile."""


def printer_label(printer: QPrinter) -> str:
    """How to name a printer to people: its name, or the PDF file it writes."""
    return printer.printerName() or printer.outputFileName()


class PrinterGone(PrinterUnavailable):
    """The printer chosen earlier is not among this computer's printers any more."""

    def __init__(self, name: str) -> None:
        super().__init__(_("The printer « {name} » cannot be found.").format(name=name))
        self.name = name


def remembered_printer(name: str, file: Path | None) -> QPrinter:
    """A printer set up as remembered: a named one, or PDF files (a new one each time).

    Made in the worker thread: asking the system about its printers can take a while.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name:
        if name not in QPrinterInfo.availablePrinterNames():
            raise PrinterGone(name)
        printer.setPrinterName(name)
    elif file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(file))
    return printer


def paint_on(printer: QPrinter, marks: Sequence[Sequence[Mark]], spec: Layout) -> None:
    """Paint the pages on a printer; a PDF file is written like every other export of the app.

    That is: readable by its owner only (it names participants), and in its place only once
    complete. Qt's PDF printer would make it readable by all, and half-written on a failure.
    """
    file = printer.outputFileName()
    if not file:  # paper
        paint_pages(printer, marks, spec)
        return
    with replaced_when_done(Path(file)) as temporary:
        printer.setOutputFileName(str(temporary))
        try:
            paint_pages(printer, marks, spec)
        finally:
            printer.setOutputFileName(file)


def printer_job(
    db: Database,
    workshop_id: int,
    ids: Sequence[int],
    layout: str,
    printer: QPrinter | Callable[[], QPrinter],
) -> Callable[[], PrintedBadges]:
    """The work of printing these badges on `printer` in `layout`, to run off the UI thread.

    `printer` may be a function that makes it, called in the worker thread.
    """
    font_families()  # registered now, on the UI thread
    wanted = list(dict.fromkeys(ids))

    def job() -> PrintedBadges:
        target = printer if isinstance(printer, QPrinter) else printer()
        with db.read() as session:
            kept = known_ids(session, workshop_id, wanted)  # someone deleted meanwhile: skipped
            badges = badge_data(session, workshop_id, kept) if kept else []
        if not badges:
            raise NoBadgeLeft(_("No badge to print: these participants were deleted."))
        spec = LAYOUTS[layout]
        paint_on(target, pages(badges, spec), spec)
        printed = [badge.participant_id for badge in badges]
        with db.write() as session:
            mark_printed(session, printed)
        names = tuple(f"{b.first_name} {b.last_name}".strip() for b in badges)
        to_file = not target.printerName()
        return PrintedBadges(tuple(printed), names, printer_label(target), to_file)

    return job
