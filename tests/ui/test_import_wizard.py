"""The participant-list import wizard, driven through its real widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from facilitator.core.participant_columns import ParsedList
from facilitator.core.tabular import Table, TableRow
from facilitator.store import importing
from facilitator.store.database import Database
from facilitator.store.participants import list_participants
from facilitator.store.workshops import WorkshopDetails, create_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.participants import import_pages, import_preview_model, import_result_page
from facilitator.ui.participants.import_preview_model import (
    PREVIEW_ROWS,
    PreviewModel,
    preview_extent,
    source_description,
)
from facilitator.ui.participants.import_wizard import ImportWizard
from facilitator.ui.widgets.tasks import BackgroundTask, Report

# As organisers send them: a title row, a blank row, Windows-1252, « ; », CRLF, a row with no name.
MESSY_LIST = (
    "Liste des participants – Atelier régional sur la migration circulaire;;;;;;;;\r\n"
    ";;;;;;;;\r\n"
    "N°;Prénom;Nom;Structure;Fonction;Catégorie;Sexe;E-mail;Téléphone\r\n"
    "1;Awa;NDIAYE;Ministère de l'Intérieur;Directrice;Ministère;F;awa.ndiaye@example.sn;"
    "77 123 45 67\r\n"
    "2;Mamadou Lamine;DIOP;Ambassade d'Espagne;Conseiller;Ambassade;M;m.diop@example.org;"
    "76 000 11 22\r\n"
    "3;Fatou;SECK;ONG Jàmm;Chargée de projet;Société civile;F;;70 555 66 77\r\n"
    "4;;;Ministère des Finances;;;;;\r\n"
    "5;;Guèye;Indépendant;Consultant;Expert indépendant;;;\r\n"
)
NBSP = "\u00a0"  # French puts a no-break space before « : » and inside quotes
GUESSED = [
    "Ignorer", "Prénom", "Nom", "Structure", "Fonction", "Type de participant", "Sexe", "E-mail",
    "Téléphone",
]  # fmt: skip


@pytest.fixture(autouse=True)
def quick_trials(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A shorter pause before each trial run keeps the tests fast; the debouncing is the same.

    No test leaves a thread behind.
    """
    monkeypatch.setattr(import_preview_model, "TRIAL_DELAY_MS", 40)
    yield
    qtbot.waitUntil(lambda: import_preview_model.trials_under_way() == 0, timeout=3000)


@pytest.fixture
def context(db: Database) -> Iterator[AppContext]:
    with db.write() as session:
        workshop = create_workshop(
            session,
            WorkshopDetails(
                title="Atelier régional sur la migration circulaire",
                start_date=dt.date(2025, 3, 11),
                end_date=dt.date(2025, 3, 12),
            ),
        )
        session.flush()
        workshop_id = workshop.id
    app_context = AppContext(db)
    app_context.set_workshop(workshop_id)
    yield app_context


@pytest.fixture
def messy_list(tmp_path: Path) -> Path:
    path = tmp_path / "liste participants.csv"
    path.write_bytes(MESSY_LIST.encode("cp1252"))
    return path


def open_wizard(qtbot: QtBot, context: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(context, path=path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=3000)
    return wizard


def go_to_columns(qtbot: QtBot, wizard: ImportWizard) -> str:
    """Press « Suivant » and wait for the first summary of what the import will do."""
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()
    with qtbot.waitSignal(wizard.columns_page.summary_updated, timeout=3000) as summary:
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.columns_page
    return str(summary.args[0])


def choose(qtbot: QtBot, wizard: ImportWizard, column: int, label: str) -> str:
    """Pick a field above a column and wait for the summary it gives."""
    combo = wizard.columns_page.header.combos[column]
    with qtbot.waitSignal(wizard.columns_page.summary_updated, timeout=3000) as summary:
        combo.setCurrentIndex(combo.findText(label))
    return str(summary.args[0])


def go_to_types(qtbot: QtBot, wizard: ImportWizard) -> None:
    """From the columns page, press « Suivant » to the types page and wait for what it shows."""
    assert wizard.currentPage() is wizard.columns_page
    assert not wizard.button(QWizard.WizardButton.CommitButton).isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.types_page
    qtbot.waitUntil(wizard.types_page.isComplete, timeout=5000)
    qtbot.waitUntil(lambda: bool(wizard.types_page.status_label.text()), timeout=3000)


def run_import(qtbot: QtBot, wizard: ImportWizard) -> list[str]:
    """Press « Importer » (after the types page, when the list has categories), wait for the
    end, and return the areas announced as changed."""
    if wizard.currentPage() is wizard.columns_page and wizard.columns_page.has_categories():
        go_to_types(qtbot, wizard)
    changed: list[str] = []
    wizard.context.data_changed.connect(changed.append)
    import_button = wizard.button(QWizard.WizardButton.CommitButton)
    assert import_button.text() == "&Importer"
    with qtbot.waitSignal(wizard.imported, timeout=5000):
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.result_page.isComplete(), timeout=3000)
    return changed


def finish(qtbot: QtBot, wizard: ImportWizard) -> None:
    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish_button.text() == "&Terminer" and finish_button.isEnabled()
    qtbot.mouseClick(finish_button, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    assert not wizard.is_busy() and not wizard.columns_page.trials.is_running()


def test_messy_list_is_previewed_remapped_and_imported(
    qtbot: QtBot, context: AppContext, messy_list: Path
) -> None:
    wizard = open_wizard(qtbot, context, messy_list)
    assert wizard.windowTitle() == "Importer une liste de participants"
    assert not wizard.file_page.error_label.isVisible()
    assert wizard.file_page.path_edit.text() == str(messy_list)

    summary = go_to_columns(qtbot, wizard)
    page = wizard.columns_page
    assert summary == (
        "4 nouveaux participants, 0 mis à jour, 0 inchangé, "
        f"1 ligne ignorée (ligne 7{NBSP}: aucun nom sur cette ligne)"
    )
    assert [combo.currentText() for combo in page.header.combos] == GUESSED
    assert page.source_label.text() == (
        f"Encodage{NBSP}: Windows-1252 · séparateur «{NBSP};{NBSP}» · ligne d’en-tête 3"
    )
    assert page.model.rowCount() == 5
    assert page.model.headerData(0, Qt.Orientation.Vertical) == "4"
    assert page.model.index(1, 1).data() == "Mamadou Lamine"

    # Without the « Nom » column, Guèye has no name left: one more line is skipped.
    last_name = page.header.combos[2]
    last_name.setFocus()
    with qtbot.waitSignal(page.summary_updated, timeout=3000) as changed:
        qtbot.keyClick(last_name, Qt.Key.Key_Home)
    assert last_name.currentText() == "Ignorer"
    assert changed.args[0].startswith("3 nouveaux participants, 0 mis à jour, 0 inchangé, 2 lignes")
    assert f"ligne 8{NBSP}: aucun nom sur cette ligne" in changed.args[0]
    assert choose(qtbot, wizard, 2, "Nom") == summary

    # No name column at all: said plainly, and « Importer » is disabled.
    first_name, last_name = page.header.combos[1], page.header.combos[2]
    first_name.setCurrentIndex(0)
    last_name.setCurrentIndex(0)
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert page.error_label.isVisible() and "Aucune colonne" in page.error_label.text()
    # Two quick changes give one trial run, for the last mapping.
    summaries: list[str] = []
    page.summary_updated.connect(summaries.append)
    first_name.setCurrentIndex(first_name.findText("Prénom"))
    with qtbot.waitSignal(page.summary_updated, timeout=3000):
        last_name.setCurrentIndex(last_name.findText("Nom"))
    assert summaries == [summary]
    assert not page.error_label.isVisible()

    # A field chosen for a second column leaves the first one.
    choose(qtbot, wizard, 4, "Structure")
    assert page.header.combos[3].currentText() == "Ignorer"
    assert choose(qtbot, wizard, 3, "Structure") == summary
    assert page.header.combos[4].currentText() == "Ignorer"
    choose(qtbot, wizard, 4, "Fonction")

    # The phone column ignored: the numbers go to the notes, not to the phone field.
    assert choose(qtbot, wizard, 8, "Ignorer") == summary

    assert run_import(qtbot, wizard) == ["participants"]
    result = wizard.result_page
    assert result.result_label.text().startswith("4 ")
    assert [result.skipped_list.item(i).text() for i in range(result.skipped_list.count())] == [
        f"Ligne 7{NBSP}: aucun nom sur cette ligne"
    ]
    assert result.types_label.text() == (
        f"Nouveaux types de participants{NBSP}: Expert indépendant."
    )
    finish(qtbot, wizard)

    people = context.read(lambda s: list_participants(s, context.workshop_id or 0))
    by_last = {p.last_name: p for p in people}
    assert sorted(by_last) == ["DIOP", "Guèye", "NDIAYE", "SECK"]
    awa = by_last["NDIAYE"]
    assert (awa.first_name, awa.organisation, awa.gender) == (
        "Awa",
        "Ministère de l'Intérieur",
        "F",
    )
    assert awa.email == "awa.ndiaye@example.sn" and awa.category == "Ministères"
    assert awa.phone == "" and "77 123 45 67" in awa.notes
    assert by_last["Guèye"].category == "Expert indépendant"


def test_a_budget_is_refused_on_the_first_page(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    budget = tmp_path / "budget.csv"
    budget.write_text(
        "Ligne budgétaire;Montant (FCFA);Responsable\nTransport;150000;Awa\nPause café;90000;Ali\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, context, budget)
    page = wizard.file_page
    assert page.error_label.isVisible()
    assert "ne ressemble pas à une liste de participants" in page.error_label.text()
    assert "Montant (FCFA)" in page.error_label.text()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is page

    # A path typed in the field is read on Enter; a missing file is refused the same way.
    page.path_edit.clear()
    qtbot.keyClicks(page.path_edit, str(tmp_path / "absent.csv"))
    qtbot.keyClick(page.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=3000)
    assert "introuvable" in page.error_label.text() and not next_button.isEnabled()
    assert wizard.currentPage() is page


def test_a_file_dropped_on_the_page_is_read(
    qtbot: QtBot, context: AppContext, messy_list: Path
) -> None:
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(messy_list))])
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(
        page, QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys)
    )
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=3000)
    assert page.path_edit.text() == str(messy_list)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()


def test_a_failed_import_saves_nobody_and_can_be_tried_again(
    qtbot: QtBot, context: AppContext, messy_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def import_then_fail(
        db: Database, workshop_id: int, parsed: ParsedList, **options: object
    ) -> importing.ImportReport:
        def progress(done: int, total: int) -> None:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))

        return importing.import_into(db, workshop_id, parsed, progress=progress)

    monkeypatch.setattr(import_result_page, "import_into", import_then_fail)
    wizard = open_wizard(qtbot, context, messy_list)
    go_to_columns(qtbot, wizard)
    go_to_types(qtbot, wizard)
    changed: list[str] = []
    context.data_changed.connect(changed.append)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    result = wizard.result_page
    qtbot.waitUntil(result.isComplete, timeout=3000)
    assert result.error_label.isVisible()
    assert result.error_label.text() == (
        f"L’import a échoué et rien n’a été enregistré{NBSP}: disk I/O error"
    )
    assert changed == [] and result.retry_button.isVisible()
    assert context.read(lambda s: list_participants(s, context.workshop_id or 0)) == []

    monkeypatch.setattr(import_result_page, "import_into", importing.import_into)
    with qtbot.waitSignal(wizard.imported, timeout=5000):
        qtbot.mouseClick(result.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(result.isComplete, timeout=3000)
    assert changed == ["participants"] and not result.error_label.isVisible()
    assert len(context.read(lambda s: list_participants(s, context.workshop_id or 0))) == 4
    finish(qtbot, wizard)


def test_importing_the_same_file_twice_adds_nobody(
    qtbot: QtBot, context: AppContext, messy_list: Path
) -> None:
    first = open_wizard(qtbot, context, messy_list)
    go_to_columns(qtbot, first)
    run_import(qtbot, first)
    finish(qtbot, first)

    second = open_wizard(qtbot, context, messy_list)
    assert go_to_columns(qtbot, second).startswith(
        "0 nouveau participant, 0 mis à jour, 4 inchangés"
    )
    run_import(qtbot, second)
    assert second.result_page.report is not None
    assert (second.result_page.report.imported, second.result_page.report.unchanged) == (0, 4)
    finish(qtbot, second)
    people = context.read(lambda s: list_participants(s, context.workshop_id or 0))
    assert len(people) == 4


def test_preview_model_and_source_line_need_no_window() -> None:
    rows = tuple(TableRow(line, (f"Awa {line}", "NDIAYE\nDakar")) for line in range(2, 70))
    table = Table(("Prénom", ""), 1, rows, encoding=None, delimiter=None, sheet="Inscrits")
    model = PreviewModel()
    model.set_table(table, ["first_name", None])
    assert (model.rowCount(), model.columnCount()) == (PREVIEW_ROWS, 2)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "(sans titre)"
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"
    assert model.index(0, 1).data() == "NDIAYE Dakar"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert source_description(table) == f"Feuille «{NBSP}Inscrits{NBSP}» · ligne d’en-tête 1"
    assert preview_extent(table) == "Aperçu des 50 premières lignes sur 68."


def test_the_result_lists_the_new_participant_types(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "inscrits.csv"
    path.write_text(
        "Prénom;Nom;Catégorie\nAwa;NDIAYE;Université\nAli;FALL;Ministère\nOmar;BA;Université\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, context, path)
    go_to_columns(qtbot, wizard)
    run_import(qtbot, wizard)
    result = wizard.result_page
    assert result.report is not None and result.report.new_types == ["Université"]
    assert result.types_label.isVisible()
    assert result.types_label.text() == f"Nouveaux types de participants{NBSP}: Université."
    # Right under what the import did, not adrift in the middle of the page.
    assert result.types_label.geometry().bottom() < result.height() // 4
    finish(qtbot, wizard)


def test_a_typed_path_is_read_after_a_pause(
    qtbot: QtBot, context: AppContext, messy_list: Path, tmp_path: Path
) -> None:
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    # A path that names no file (yet): what to do is said, and « Suivant » waits.
    qtbot.keyClicks(page.path_edit, str(tmp_path / "liste"))
    assert page.status_label.text() == "Appuyez sur Entrée pour lire le fichier."
    qtbot.wait(2 * import_pages.TYPING_PAUSE_MS)
    assert wizard.path is None and not next_button.isEnabled()

    # Typing on to a file's name: read without Tab or Enter.
    page.path_edit.clear()
    qtbot.keyClicks(page.path_edit, str(messy_list))
    assert not next_button.isEnabled()
    qtbot.waitUntil(next_button.isEnabled, timeout=3000)
    assert wizard.path == messy_list and wizard.table is not None

    # Typing over the path of a file already read: « Suivant » waits for the new one.
    qtbot.keyClick(page.path_edit, Qt.Key.Key_Backspace)
    assert not next_button.isEnabled()
    qtbot.keyClicks(page.path_edit, "v")
    qtbot.waitUntil(next_button.isEnabled, timeout=3000)
    wizard.reject()


def test_browse_opens_where_the_last_list_was(
    qtbot: QtBot,
    context: AppContext,
    messy_list: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    QSettings("facilitator", "facilitator").remove(import_pages.LAST_FOLDER_KEY)
    documents = Path.home() / "Documents"
    documents.mkdir()
    opened_in: list[str] = []

    def get_open_file_name(parent: QWidget, caption: str, folder: str, *args: object):  # type: ignore[no-untyped-def]
        opened_in.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open_file_name)
    first = ImportWizard(context)
    qtbot.addWidget(first)
    qtbot.mouseClick(first.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert opened_in == [str(documents)]  # not the app's working folder

    # The folder of the list read last time, in a later wizard too.
    lists = tmp_path / "listes"
    lists.mkdir()
    moved = messy_list.rename(lists / messy_list.name)
    open_wizard(qtbot, context, moved).reject()
    second = ImportWizard(context)
    qtbot.addWidget(second)
    qtbot.mouseClick(second.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert opened_in[-1] == str(lists)


def test_progress_windows_have_a_short_title(
    qtbot: QtBot, context: AppContext, messy_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles: list[str] = []

    class RecordingTask(BackgroundTask):
        def __init__(
            self, parent: QWidget, title: str, label: str, job: Callable[[Report], object]
        ) -> None:
            titles.append(title)
            super().__init__(parent, title, label, job)

    monkeypatch.setattr(import_pages, "BackgroundTask", RecordingTask)
    monkeypatch.setattr(import_result_page, "BackgroundTask", RecordingTask)
    wizard = open_wizard(qtbot, context, messy_list)
    go_to_columns(qtbot, wizard)
    run_import(qtbot, wizard)
    finish(qtbot, wizard)
    # A progress window is narrow: a long title was cut to « Import…litator ».
    assert titles == ["Import", "Import"]
