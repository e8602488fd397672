"""The import wizard on the usual route: the type each category gets, shown and chosen before
anything is written; a list whose name column was not recognised; a long list's progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from facilitator.store.database import Database
from facilitator.store.models import Participant, ParticipantType
from facilitator.store.participants import list_participants
from facilitator.store.workshops import WorkshopDetails, create_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.participants import import_preview_model
from facilitator.ui.participants.import_wizard import ImportWizard

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(autouse=True)
def quick_trials(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(import_preview_model, "TRIAL_DELAY_MS", 40)
    yield
    qtbot.waitUntil(lambda: import_preview_model.trials_under_way() == 0, timeout=10_000)


@pytest.fixture
def context(db: Database) -> AppContext:
    with db.write() as session:
        day = dt.date(2025, 3, 11)
        workshop_id = create_workshop(session, WorkshopDetails("Atelier de Thiès", day, day)).id
    app_context = AppContext(db)
    app_context.set_workshop(workshop_id)
    return app_context


def counts(context: AppContext) -> tuple[int, int]:
    """How many participants and participant types the database holds."""

    def query(session):  # type: ignore[no-untyped-def]
        people = session.scalar(select(func.count()).select_from(Participant))
        types = session.scalar(select(func.count()).select_from(ParticipantType))
        return people, types

    return context.read(query)


def open_wizard(qtbot: QtBot, context: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(context, path=path)
    qtbot.addWidget(wizard)
    wizard.resize(960, 640)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=10_000)
    return wizard


def click(qtbot: QtBot, wizard: ImportWizard, button: QWizard.WizardButton) -> None:
    widget = wizard.button(button)
    assert widget.isVisible() and widget.isEnabled()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_each_category_s_type_is_shown_and_chosen_before_anything_is_written(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "liste.csv"
    path.write_text(
        "Prénom;Nom;Catégorie\n"
        "Awa;NDIAYE;Ministère\n"
        "Ali;FALL;MINISTÈRES\n"
        "Omar;BA;Collectivité locale\n"
        "Binta;SY;Collectivités locales\n"
        "Ibou;KA;Université\n"
        "Rama;DIOP;OSC\n",
        encoding="utf-8",
    )
    before = counts(context)
    wizard = open_wizard(qtbot, context, path)
    with qtbot.waitSignal(wizard.columns_page.report_ready, timeout=5000):
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    # With a category column, « Suivant » leads to the types page, not straight to the import.
    assert not wizard.button(QWizard.WizardButton.CommitButton).isVisible()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.types_page
    assert wizard.currentPage() is page
    rows = [
        (
            page.table.item(row, 0).text(),
            page.table.item(row, 1).text(),
            page.table.cellWidget(row, 2).currentText(),
            page.table.item(row, 3).text(),
        )
        for row in range(page.table.rowCount())
    ]
    assert rows == [
        ("Ministère (aussi MINISTÈRES)", "2", "Ministères", "même nom"),
        (
            "Collectivité locale (aussi Collectivités locales)",
            "2",
            f"Nouveau type «{NBSP}Collectivité locale{NBSP}»",
            "nouveau type",
        ),
        ("Université", "1", f"Nouveau type «{NBSP}Université{NBSP}»", "nouveau type"),
        ("OSC", "1", "Société civile", "même sens"),
    ]
    assert page.new_types_label.text() == (
        "Nouveaux types de participants qui seront créés"
        f"{NBSP}: «{NBSP}Collectivité locale{NBSP}», «{NBSP}Université{NBSP}»."
    )
    assert counts(context) == before  # nothing written yet

    # The user maps « Collectivité locale » onto an existing type, from the keyboard.
    combo = page.table.cellWidget(1, 2)
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # the first type: « Ministères »
    assert combo.currentText() == "Ministères"
    assert page.table.item(1, 3).text() == "votre choix"
    assert page.new_types_label.text() == (
        f"Nouveaux types de participants qui seront créés{NBSP}: «{NBSP}Université{NBSP}»."
    )
    assert counts(context) == before

    with qtbot.waitSignal(wizard.imported, timeout=5000):
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    report = wizard.result_page.report
    assert report is not None and report.new_types == ["Université"]
    people = context.read(lambda s: list_participants(s, context.workshop_id or 0))
    assert {p.last_name: p.category for p in people} == {
        "NDIAYE": "Ministères",
        "FALL": "Ministères",
        "BA": "Ministères",
        "SY": "Ministères",
        "KA": "Université",
        "DIOP": "Société civile",
    }


def test_a_list_whose_name_column_is_not_recognised_goes_to_the_columns_page(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "invités.csv"
    path.write_text(
        "Invité;Organisme;Contact\nAwa NDIAYE;OIM;77 123 45 67\nMamadou DIOP;CNES;76 000 11 22\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, context, path)
    assert not wizard.file_page.error_label.isVisible()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.columns_page
    assert wizard.currentPage() is page
    # What to do is said above the table; « Importer » waits for a name column.
    assert page.error_label.isVisible()
    assert page.error_label.text().startswith("Aucune colonne n’est lue comme un nom")
    assert page.error_label.geometry().bottom() < page.view.geometry().top()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()

    combo = page.header.combos[0]
    with qtbot.waitSignal(page.summary_updated, timeout=5000) as summary:
        combo.setCurrentIndex(combo.findText("Nom complet"))
    assert summary.args[0].startswith("2 nouveaux participants")
    assert not page.error_label.isVisible()
    with qtbot.waitSignal(wizard.imported, timeout=5000):
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    people = context.read(lambda s: list_participants(s, context.workshop_id or 0))
    assert sorted((p.first_name, p.last_name, p.organisation) for p in people) == [
        ("Awa", "NDIAYE", "OIM"),
        ("Mamadou", "DIOP", "CNES"),
    ]


def long_list(path: Path, rows: int) -> Path:
    lines = ["Prénom;Nom;Structure;E-mail"]
    lines += [f"Awa;NDIAYE {i};OIM;awa{i}@example.sn" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_list_shows_its_progress_on_the_page_and_the_window_stays_responsive(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, context, long_list(tmp_path / "inscrits.csv", 10_000))
    extent = wizard.file_page.status_label.text()
    with qtbot.waitSignal(wizard.columns_page.summary_updated, timeout=60_000) as summary:
        click(qtbot, wizard, QWizard.WizardButton.NextButton)

    result = wizard.result_page
    values: list[int] = []
    result.progress.valueChanged.connect(values.append)
    # Ticks of the window's own event loop while the import runs: it is not frozen.
    ticks: list[int] = []
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: ticks.append(result.progress.value()))
    ticker.start()
    with qtbot.waitSignal(wizard.imported, timeout=120_000):
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
        assert result.progress.isVisible()
        started = result.result_label.text()
    ticker.stop()
    maximum = result.progress.maximum()
    assert values == sorted(values)  # the bar only moves forward
    assert len({v for v in values if 0 < v < maximum}) >= 5, values
    assert values[-1] == maximum
    # The event loop turned while the bar stood between its two ends.
    assert len({t for t in ticks if 0 < t < maximum}) >= 2
    assert not result.progress.isVisible()
    assert counts(context)[0] == 10_000
    # Every count the wizard shows is written the French way.
    assert extent.endswith(f"Aperçu des 50 premières lignes sur 10{NNBSP}000.")
    assert summary.args[0].startswith(f"10{NNBSP}000 nouveaux participants")
    assert started == f"Importation des 10{NNBSP}000 lignes de la liste…"
    assert result.result_label.text().startswith(f"10{NNBSP}000 participants ajoutés")
