"""The badge and attendance printing dialogs, driven by keys and read back from the files."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from facilitator.store.badges import mark_printed
from facilitator.store.database import Database
from facilitator.store.models import Participant
from facilitator.store.participants import list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.widgets import print_jobs, tasks
from facilitator.ui.widgets.printing import (
    AttendanceDialog,
    BadgePrintDialog,
    open_attendance,
    open_badge_printing,
)
from facilitator.ui.widgets.tasks import throttled

M4SD = "m4sd-cloture-thies-2023"  # 60 participants, one day: 27 October 2023
ERROR_COLOUR = "#B00020"


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    yield
    tasks.wait_for_running_tasks(10_000)
    assert not tasks._running


class Opened(list[Path]):
    """Records the files a dialog asked the system to open."""

    def __call__(self, path: Path) -> None:
        self.append(path)


@pytest.fixture
def opened() -> Opened:
    return Opened()


def ids_of(context: AppContext) -> list[int]:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    return [p.id for p in context.read(lambda s: list_participants(s, workshop_id))]


def printed_ids(context: AppContext) -> set[int]:
    return set(
        context.read(
            lambda s: s.scalars(
                select(Participant.id).where(
                    Participant.workshop_id == context.workshop_id,
                    Participant.badge_printed_at.is_not(None),
                )
            ).all()
        )
    )


def show(qtbot: QtBot, dialog: BadgePrintDialog | AttendanceDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)


def choose(qtbot: QtBot, button: QRadioButton) -> None:
    """Click a radio button on its round indicator (its text may end before its middle)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def type_output(qtbot: QtBot, dialog: BadgePrintDialog | AttendanceDialog, path: Path) -> None:
    dialog.output.selectAll()
    qtbot.keyClicks(dialog.output, str(path))


def wait_done(qtbot: QtBot, dialog: BadgePrintDialog | AttendanceDialog) -> None:
    assert dialog.task is not None
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=10_000)
    assert not dialog.busy() and dialog.print_button.isEnabled()


def is_error(dialog: BadgePrintDialog | AttendanceDialog) -> bool:
    return dialog.message.isVisibleTo(dialog) and ERROR_COLOUR in dialog.message.styleSheet()


def test_enter_prints_all_badges_in_a4_8_marks_them_and_opens_the_pdf(
    qtbot: QtBot, context: AppContext, opened: Opened, tmp_path: Path
) -> None:
    dialog = BadgePrintDialog(context, [], opener=opened)
    show(qtbot, dialog)
    assert dialog.scope_all.isChecked() and dialog.scope_all.text() == "Tous les participants (60)"
    assert not dialog.scope_selection.isEnabled()
    assert dialog.scope_not_printed.text().endswith("pas encore été imprimé (60)")
    assert dialog.layouts["a4-8"].isChecked()
    assert "traits de coupe" in dialog.layouts["a4-8"].text()
    out = tmp_path / "tous.pdf"
    type_output(qtbot, dialog, out)
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    wait_done(qtbot, dialog)
    assert opened == [out]
    assert len(PdfReader(out).pages) == 8  # 60 badges, 8 a sheet
    assert dialog.message.text() == f"60 badges écrits dans {out}"
    assert not is_error(dialog)
    assert dialog.task is not None and dialog.task.dialog.maximum() == 60  # a real progress bar
    assert printed_ids(context) == set(ids_of(context))
    # Everything is printed now: the « not yet printed » choice counts none and is off.
    assert dialog.scope_not_printed.text().endswith("(0)")
    assert not dialog.scope_not_printed.isEnabled()


def test_not_yet_printed_prints_only_the_rest_then_nothing_with_a_clear_message(
    qtbot: QtBot, context: AppContext, opened: Opened, tmp_path: Path
) -> None:
    ids = ids_of(context)
    context.write("badges", lambda s: mark_printed(s, ids[2:]))
    dialog = BadgePrintDialog(context, [], opener=opened)
    show(qtbot, dialog)
    assert dialog.scope_not_printed.text().endswith("(2)")
    choose(qtbot, dialog.scope_not_printed)
    choose(qtbot, dialog.layouts["cr80"])
    out = tmp_path / "reste.pdf"
    type_output(qtbot, dialog, out)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, dialog)
    assert len(PdfReader(out).pages) == 2  # one card a page
    assert dialog.message.text().startswith("2 badges écrits")
    assert not dialog.scope_not_printed.isEnabled() and dialog.scope_all.isChecked()
    # Even forced, the choice prints nothing and says why.
    dialog.scope_not_printed.setEnabled(True)
    dialog.scope_not_printed.setChecked(True)
    assert dialog.start() is None
    assert is_error(dialog)
    assert dialog.message.text() == "Tous les badges sont déjà imprimés\u00a0: rien à imprimer."
    assert opened == [out]


def test_the_selection_prints_its_two_badges_only(
    qtbot: QtBot,
    context: AppContext,
    opened: Opened,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(print_jobs, "open_file", opened)  # what the entry function opens with
    chosen = ids_of(context)[10:12]
    dialog = open_badge_printing(None, context, chosen)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.scope_selection.isChecked()
    assert dialog.scope_selection.text() == "La sélection (2)"
    choose(qtbot, dialog.layouts["cr80"])
    out = tmp_path / "selection.pdf"
    type_output(qtbot, dialog, out)
    qtbot.keyClick(dialog.output, Qt.Key.Key_Enter)
    wait_done(qtbot, dialog)
    assert len(PdfReader(out).pages) == 2
    assert printed_ids(context) == set(chosen)
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def test_default_file_is_in_the_documents_badges_folder_and_follows_the_layout(
    qtbot: QtBot, context: AppContext, opened: Opened
) -> None:
    dialog = BadgePrintDialog(context, [], opener=opened)
    show(qtbot, dialog)
    pattern = rf"{re.escape(M4SD)}-badges-(a4-8|cr80)-\d{{8}}-\d{{6}}\.pdf"
    default = Path(dialog.output.text())
    assert default.parent == Path.home() / "Documents" / "Facilitator" / "Badges"
    assert re.fullmatch(pattern, default.name) and "a4-8" in default.name
    choose(qtbot, dialog.layouts["cr80"])
    assert "-badges-cr80-" in dialog.output.text()
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    wait_done(qtbot, dialog)
    written = opened[0]
    assert written.parent == default.parent and written.is_file()
    assert len(PdfReader(written).pages) == 60


@pytest.mark.parametrize("problem", ["unknown id", "unwritable folder"])
def test_a_failed_print_says_why_in_red_and_loses_nothing(
    qtbot: QtBot, context: AppContext, opened: Opened, tmp_path: Path, problem: str
) -> None:
    chosen = ids_of(context)[:1]
    if problem == "unknown id":
        chosen.append(999_999)
        out = tmp_path / "badges.pdf"
    else:
        (tmp_path / "a-file").write_text("not a folder")
        out = tmp_path / "a-file" / "badges.pdf"
    dialog = BadgePrintDialog(context, chosen, opener=opened)
    show(qtbot, dialog)
    type_output(qtbot, dialog, out)
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    wait_done(qtbot, dialog)
    assert is_error(dialog)
    if problem == "unknown id":
        assert dialog.message.text() == "Aucun participant de cet atelier n’a l’identifiant 999999."
    else:
        assert dialog.message.text().startswith(f"Impossible d’écrire «\u00a0{out}\u00a0»")
    assert not out.exists() and not opened and not printed_ids(context)
    # The form is as it was: fix the file and print again.
    assert dialog.output.text() == str(out) and dialog.scope_selection.isChecked()


def test_attendance_writes_pdf_xlsx_and_csv_with_the_blank_rows(
    qtbot: QtBot, context: AppContext, opened: Opened
) -> None:
    dialog = AttendanceDialog(context, opener=opened)
    show(qtbot, dialog)
    assert dialog.day.count() == 1 and dialog.day.currentText() == "Vendredi 27 octobre 2023"
    assert dialog.blank_rows.value() == 10
    assert [dialog.format.itemText(i) for i in range(3)] == ["PDF", "Excel (.xlsx)", "CSV"]
    folder = Path.home() / "Documents" / "Facilitator" / "Émargement"
    assert Path(dialog.output.text()) == folder / f"{M4SD}-emargement-2023-10-27.pdf"
    dialog.blank_rows.setValue(3)
    qtbot.keyClick(dialog.blank_rows, Qt.Key.Key_Return)  # Enter in any field prints
    wait_done(qtbot, dialog)
    pdf = folder / f"{M4SD}-emargement-2023-10-27.pdf"
    assert opened[-1] == pdf
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Liste d’émargement — Vendredi 27 octobre 2023" in text
    numbers = {int(line.strip()) for line in text.splitlines() if line.strip().isdigit()}
    assert {61, 62, 63} <= numbers and 64 not in numbers
    assert dialog.message.text().startswith(f"Liste d’émargement écrite dans {pdf}")

    dialog.format.setCurrentIndex(1)
    xlsx = folder / f"{M4SD}-emargement-2023-10-27.xlsx"
    assert dialog.output.text() == str(xlsx)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, dialog)
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    numbered = [row for row in sheet.iter_rows(min_row=7, values_only=True) if row[0]]
    assert [row[0] for row in numbered[-4:]][:3] == [61, 62, 63]  # then the totals line
    assert all(value is None for value in numbered[-2][1:])

    dialog.format.setCurrentIndex(2)
    assert not dialog.blank_rows.isEnabled()  # a CSV holds the list, not a paper form
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, dialog)
    csv_path = folder / f"{M4SD}-emargement-2023-10-27.csv"
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[0][:3] == ["N°", "Nom", "Prénom"] and len(rows) == 61
    assert opened == [pdf, xlsx, csv_path]


def test_attendance_errors_are_shown_in_red_and_nothing_is_written(
    qtbot: QtBot,
    context: AppContext,
    opened: Opened,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(print_jobs, "open_file", opened)
    dialog = open_attendance(None, context)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    # A day the workshop no longer has (its dates changed meanwhile).
    dialog.day.addItem("Mercredi 1er janvier 2020", "2020-01-01")
    dialog.day.setCurrentIndex(1)
    out = tmp_path / "emargement.pdf"
    type_output(qtbot, dialog, out)
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    wait_done(qtbot, dialog)
    assert is_error(dialog)
    assert dialog.message.text().startswith("Le 2020-01-01 n’est pas un jour de l’atelier")
    assert not out.exists()
    # A folder that cannot be made.
    dialog.day.setCurrentIndex(0)
    (tmp_path / "a-file").write_text("")
    type_output(qtbot, dialog, tmp_path / "a-file" / "emargement.pdf")
    qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    wait_done(qtbot, dialog)
    assert is_error(dialog) and "Impossible d’écrire" in dialog.message.text()
    # A folder given as the file.
    type_output(qtbot, dialog, tmp_path)
    assert dialog.start() is None and is_error(dialog)
    assert dialog.message.text().endswith("est un dossier\u00a0; indiquez un nom de fichier.")
    assert not opened


def test_progress_reaches_the_ui_thread_now_and_then_and_always_at_the_end() -> None:
    calls: list[tuple[int, int]] = []
    report = throttled(lambda done, total: calls.append((done, total)), interval=60)
    for done in range(1, 501):
        report(done, 500)
    assert calls == [(1, 500), (500, 500)]


# --- issue 12, second round, point 19: the button says it writes a file, not that it prints ----


def test_the_badge_dialogs_button_says_it_creates_a_pdf_and_what_to_do_with_it(
    qtbot: QtBot, context: AppContext, opened: Opened, tmp_path: Path
) -> None:
    dialog = BadgePrintDialog(context, [], opener=opened)
    show(qtbot, dialog)
    button = dialog.print_button
    assert button.text() == "Créer le PDF" and button.isDefault()
    note = dialog.what_happens
    assert note.isVisible()
    assert note.text().startswith("Les badges sont enregistrés dans un fichier PDF, qui s’ouvre")
    assert "taille réelle (100\u00a0%)" in note.text()
    assert note.geometry().bottom() < button.geometry().top()  # read before the button
    out = tmp_path / "badges.pdf"
    type_output(qtbot, dialog, out)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, dialog)
    assert opened == [out] and out.exists()  # what it said: a PDF, opened


def test_the_attendance_dialogs_button_says_it_creates_a_file(
    qtbot: QtBot, context: AppContext, opened: Opened
) -> None:
    dialog = AttendanceDialog(context, opener=opened)
    show(qtbot, dialog)
    assert dialog.print_button.text() == "Créer le fichier"
    assert dialog.what_happens.isVisible()
    assert dialog.what_happens.text().startswith("La feuille est enregistrée dans un fichier")
