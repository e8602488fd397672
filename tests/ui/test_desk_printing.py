"""Badges printed at the desk (issue 12, point 6): the workshop's layout, the printer chosen once
or the « À imprimer » batch, never a viewer, and the scan field keeps the keyboard throughout.

The printer is Qt's PDF printer (a QPrinter writing a file): nothing is printed for real.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from facilitator.exports.badge_layout import LAYOUTS
from facilitator.store.database import Database
from facilitator.store.models import Participant
from facilitator.ui.context import AppContext
from facilitator.ui.desk import printing
from facilitator.ui.desk.screen import DeskScreen
from facilitator.ui.widgets import badge_painter, print_jobs
from facilitator.ui.widgets.badge_printer import workshop_layout
from facilitator.ui.widgets.print_jobs import badges_folder
from facilitator.ui.widgets.printing import BadgePrintDialog
from tests.exports.test_badges import decode_qr_codes
from tests.ui.desk_helpers import (
    close_desk,
    desk_context,
    fake_printer,
    open_desk,
    participants,
    scan_keys,
)
from tests.ui.keyboard import type_text

A4 = (595.28, 841.89)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return desk_context(demo_db)  # today's date question answered: recorded as asked


@pytest.fixture(autouse=True)
def no_viewer(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Any file opened in the system's viewer is a failure: the desk must not leave the app."""
    opened: list[Path] = []
    monkeypatch.setattr(print_jobs, "open_file", lambda path: opened.append(path) or True)
    yield opened
    assert opened == [], "a badge was opened in the system's viewer"


@pytest.fixture
def printer_folder(tmp_path: Path) -> Path:
    fake_printer(tmp_path / "printer")
    return tmp_path / "printer"


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> Iterator[DeskScreen]:
    widget = open_desk(qtbot, context)
    qtbot.waitUntil(widget.scan.hasFocus)
    yield widget
    close_desk(widget)


def printed_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime)


def keeps_focus(qtbot: QtBot, screen: DeskScreen) -> None:
    """The scan field has the keyboard, or gets it back with the window (a dialog just closed:
    the offscreen platform has no window manager to give the desk its activation back)."""
    assert screen.focusWidget() is screen.scan, "the scan field lost the keyboard"
    assert QApplication.activeWindow() in (None, screen.window()), "another window took it"
    if QApplication.activeWindow() is None:
        screen.activateWindow()
    qtbot.waitUntil(screen.scan.hasFocus)


def wait_printed(qtbot: QtBot, screen: DeskScreen) -> None:
    assert screen.printing.wait_idle()
    qtbot.waitUntil(lambda: not screen.printing.busy())


def printed_at(context: AppContext, participant_id: int) -> object:
    return context.read(
        lambda s: s.scalar(
            select(Participant.badge_printed_at).where(Participant.id == participant_id)
        )
    )


def test_a_walk_in_badge_goes_to_the_printer_and_the_scan_field_keeps_the_keyboard(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    printer_folder: Path,
    tmp_path: Path,
) -> None:
    qtbot.keyClick(screen.scan, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.walk_in_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.first_name, "Ndèye Coumba")
    type_text(qtbot, dialog.last_name, "Sène")
    qtbot.keyClicks(dialog.organisation, "Association des femmes de Pikine")
    qtbot.keyClick(dialog.organisation, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
    keeps_focus(qtbot, screen)
    wait_printed(qtbot, screen)
    keeps_focus(qtbot, screen)

    person = context.read(
        lambda s: s.scalars(
            select(Participant).where(
                Participant.last_name == "Sène", Participant.first_name == "Ndèye Coumba"
            )
        ).one()
    )
    (pdf,) = printed_files(printer_folder)
    page = PdfReader(pdf).pages[0].mediabox
    assert (float(page.width), float(page.height)) == pytest.approx(A4, abs=1.5)  # a4-8
    assert decode_qr_codes(pdf, tmp_path) == [person.badge_token]
    assert printed_at(context, person.id) is not None
    assert "Badge de Ndèye Coumba Sène" in screen.badges.status.text()


def test_a_reprint_uses_the_layout_the_workshop_last_printed_with(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    printer_folder: Path,
    tmp_path: Path,
) -> None:
    assert workshop_layout(context) == "a4-8"  # until badges are printed otherwise
    # The organiser printed the workshop's badges as CR80 cards, from « Imprimer les badges… ».
    sheet = tmp_path / "cartes.pdf"
    dialog = BadgePrintDialog(context, [], opener=lambda _path: True)
    qtbot.addWidget(dialog)
    dialog.layouts["cr80"].setChecked(True)
    dialog.output.setText(str(sheet))
    dialog.custom_output = True
    task = dialog.start()
    assert task is not None and task.wait(60_000)
    assert workshop_layout(context) == "cr80"
    # A second dialog opens on the same layout.
    again = BadgePrintDialog(context, [], opener=lambda _path: True)
    qtbot.addWidget(again)
    assert again.layout_name() == "cr80"

    person = participants(context)[4]
    screen.activateWindow()  # the dialogs were windows of their own
    qtbot.waitUntil(screen.isActiveWindow)
    screen.name_search.setFocus()
    qtbot.keyClicks(screen.name_search, person.last_name)
    qtbot.keyClick(screen.name_search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    keeps_focus(qtbot, screen)
    wait_printed(qtbot, screen)
    (pdf,) = printed_files(printer_folder)
    page = PdfReader(pdf).pages[0].mediabox
    card = LAYOUTS["cr80"].page
    assert (float(page.width), float(page.height)) == pytest.approx(card, abs=1.5)
    assert decode_qr_codes(pdf, tmp_path) == [person.badge]


def test_the_printer_is_asked_once_then_remembered(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    tmp_path: Path,
) -> None:
    QSettings("facilitator", "facilitator").remove("desk/printer")
    QSettings("facilitator", "facilitator").remove("desk/printer_file")
    first, second = participants(context)[:2]
    scan_keys(qtbot, screen, first.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.printing.dialog
    assert isinstance(dialog, QPrintDialog)
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(dialog.isActiveWindow)  # shown, as the desk agent sees it
    dialog.accept()  # as offered: this machine has no printer, a PDF file in Documents
    qtbot.waitUntil(lambda: screen.printing.dialog is None)
    keeps_focus(qtbot, screen)
    wait_printed(qtbot, screen)
    chosen = Path(str(QSettings("facilitator", "facilitator").value(printing.PRINTER_FILE_KEY)))
    assert chosen.parent == badges_folder() and chosen.exists()
    assert decode_qr_codes(chosen, tmp_path) == [first.badge]

    # The next badge goes straight to the same printer: no dialog.
    scan_keys(qtbot, screen, second.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert screen.printing.dialog is None
    keeps_focus(qtbot, screen)
    wait_printed(qtbot, screen)
    files = printed_files(chosen.parent)
    assert len(files) == 2 and files[0] == chosen  # never printed over the first
    assert decode_qr_codes(files[1], tmp_path) == [second.badge]
    assert "badges" in screen.badges.printer_button.toolTip()


def test_no_printer_chosen_keeps_the_badge_in_the_batch(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
) -> None:
    QSettings("facilitator", "facilitator").remove("desk/printer_file")
    person = participants(context)[3]
    scan_keys(qtbot, screen, person.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.printing.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.reject()
    qtbot.waitUntil(lambda: screen.printing.dialog is None)
    keeps_focus(qtbot, screen)
    assert screen.printing.queue.ids() == [person.id]
    assert screen.badges.queue_button.isEnabled()
    assert "(1)" in screen.badges.queue_button.text()
    assert "À imprimer" in screen.badges.status.text()
    assert printed_at(context, person.id) is None


def test_the_batch_waits_across_a_restart_then_prints_on_one_sheet(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    printer_folder: Path,
    tmp_path: Path,
) -> None:
    mode = screen.badges.mode
    mode.setCurrentIndex(mode.findData(printing.BATCH))
    mode.activated.emit(mode.currentIndex())
    people = participants(context)[5:8]
    for person in people:
        scan_keys(qtbot, screen, person.badge)
        qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        keeps_focus(qtbot, screen)
    assert screen.printing.queue.ids() == [p.id for p in people]
    assert printed_files(printer_folder) == []
    assert "(3)" in screen.badges.queue_button.text()

    restarted = open_desk(qtbot, context)
    try:
        assert restarted.badges.mode.currentData() == printing.BATCH
        assert restarted.printing.queue.ids() == [p.id for p in people]
        qtbot.mouseClick(restarted.badges.queue_button, Qt.MouseButton.LeftButton)
        wait_printed(qtbot, restarted)
        assert restarted.printing.queue.ids() == []
        assert not restarted.badges.queue_button.isEnabled()
    finally:
        close_desk(restarted)
    (pdf,) = printed_files(printer_folder)
    assert len(PdfReader(pdf).pages) == 1  # one A4 sheet of 8 holds the three
    assert sorted(decode_qr_codes(pdf, tmp_path)) == sorted(p.badge for p in people)
    assert all(printed_at(context, p.id) is not None for p in people)


def test_a_printer_that_fails_keeps_the_badge_waiting_and_says_so(
    qtbot: QtBot,
    screen: DeskScreen,
    context: AppContext,
    printer_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def jammed(*_args: object) -> None:
        raise badge_painter.PrinterUnavailable("L’imprimante est éteinte.")

    monkeypatch.setattr("facilitator.ui.widgets.badge_printer.paint_pages", jammed)
    person = participants(context)[9]
    scan_keys(qtbot, screen, person.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_printed(qtbot, screen)
    keeps_focus(qtbot, screen)
    status = screen.badges.status.text()
    assert "Non imprimé" in status and "éteinte" in status and "À imprimer" in status
    assert screen.printing.queue.ids() == [person.id]
    assert printed_at(context, person.id) is None


def test_a_printer_gone_since_asks_again_which_one(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    settings = QSettings("facilitator", "facilitator")
    settings.setValue(printing.PRINTER_KEY, "Imprimante du secrétariat")  # unplugged since
    person = participants(context)[2]
    scan_keys(qtbot, screen, person.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_printed(qtbot, screen)
    dialog = screen.printing.dialog
    assert isinstance(dialog, QPrintDialog)
    assert "Imprimante du secrétariat" in dialog.windowTitle()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.reject()
    qtbot.waitUntil(lambda: screen.printing.dialog is None)
    keeps_focus(qtbot, screen)
    assert screen.printing.queue.ids() == [person.id]  # kept for later, not lost
    assert printed_at(context, person.id) is None


def test_quick_reprints_to_pdf_files_never_write_over_each_other(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, printer_folder: Path, tmp_path: Path
) -> None:
    people = participants(context)[10:14]
    for person in people:
        screen.printing.badge_for([person.id])  # faster than a second apart
    wait_printed(qtbot, screen)
    files = printed_files(printer_folder)
    assert len(files) == len(people)
    decoded = []
    for pdf in files:
        (tmp_path / pdf.stem).mkdir()
        decoded += decode_qr_codes(pdf, tmp_path / pdf.stem)
    assert sorted(decoded) == sorted(p.badge for p in people)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask of most desktops (022): files are readable by all unless the app says not."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_badge_pdfs_printed_to_a_file_are_private_like_every_export(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, usual_umask: None
) -> None:
    # The print dialog's « print to a file », then the files named after it: each names a
    # participant, so each is readable by its owner only (0600), as the app's other exports.
    QSettings("facilitator", "facilitator").remove("desk/printer")
    QSettings("facilitator", "facilitator").remove("desk/printer_file")
    first, second = participants(context)[:2]
    scan_keys(qtbot, screen, first.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.printing.dialog
    assert isinstance(dialog, QPrintDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.accept()
    qtbot.waitUntil(lambda: screen.printing.dialog is None)
    wait_printed(qtbot, screen)
    keeps_focus(qtbot, screen)
    scan_keys(qtbot, screen, second.badge)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_printed(qtbot, screen)
    chosen = Path(str(QSettings("facilitator", "facilitator").value(printing.PRINTER_FILE_KEY)))
    files = printed_files(chosen.parent)
    assert len(files) == 2
    assert {oct(stat.S_IMODE(f.stat().st_mode)) for f in files} == {oct(0o600)}
    assert not list(chosen.parent.glob(".*.part"))  # no half-written file left beside them


def test_french_elides_de_before_a_name_that_begins_with_a_vowel(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, printer_folder: Path
) -> None:
    # « Badge d’Aïssatou Cissé », « Annuler l’arrivée d’Aïssatou Cissé »; « Badge de Khady… ».
    people = {p.first_name: p for p in participants(context)}
    aissatou, consonant = people["Aïssatou"], people["Khady"]
    scan_keys(qtbot, screen, aissatou.badge)
    assert screen.undo_button.toolTip() == "Annuler l’arrivée d’Aïssatou Cissé (Ctrl+Z)"
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_printed(qtbot, screen)
    assert screen.badges.status.text().startswith("Badge d’Aïssatou Cissé enregistré dans ")
    scan_keys(qtbot, screen, consonant.badge)
    assert screen.undo_button.toolTip().startswith("Annuler l’arrivée de Khady ")
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_printed(qtbot, screen)
    assert screen.badges.status.text().startswith("Badge de Khady ")
