"""Participant types on the usual route: a workshop made in the app, a French list imported into
it, and split types mended with « Fusionner avec… », driven through the real widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from facilitator.cli import main as cli_main
from facilitator.store.checkin import check_in, presence_counts
from facilitator.store.database import Database
from facilitator.store.models import Participant, ParticipantType
from facilitator.store.participants import ParticipantInput, add_participant, list_participants
from facilitator.store.workshops import WorkshopDetails, create_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow
from facilitator.ui.participants.import_wizard import ImportWizard
from facilitator.ui.workshops.screen import WorkshopsScreen
from facilitator.ui.workshops.type_merges import MergeTypeDialog
from tests.ui.keyboard import type_text
from tests.ui.screens import shown

NBSP = "\u00a0"
# The list of the issue: a French « Catégorie » column, as organisers fill it.
ISSUE_LIST = (
    "Prénom;Nom;Structure;Catégorie\n"
    "Awa;NDIAYE;Ministère de l'Intérieur;Ministère\n"
    "Khady;SÈNE;RTS;Média\n"
    "Pedro;GARCIA;Ambassade d'Espagne;Représentation diplomatique\n"
    "Aminata;DIALLO;OIM;Organisation internationale\n"
    "Modou;FAYE;;Migrant\n"
)


def types_of(db: Database, workshop_id: int) -> list[tuple[str, str, str, int]]:
    with db.read() as session:
        return [
            (t.key, t.name, t.colour, t.position)
            for t in session.scalars(
                select(ParticipantType)
                .where(ParticipantType.workshop_id == workshop_id)
                .order_by(ParticipantType.position)
            )
        ]


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> list[QWidget]:
    """Do `act` on the next modal window of `kind` once it shows (a dialog run with exec())."""
    seen: list[QWidget] = []

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(10, attempt)
            return
        seen.append(widget)
        act(widget)

    QTimer.singleShot(0, attempt)
    return seen


def create_in_the_app(qtbot: QtBot, screen: WorkshopsScreen, title: str) -> int:
    """« Nouvel atelier… », a title typed, « Enregistrer »: the new workshop's id."""
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.title_edit.hasFocus)  # the title is typed straight away
    type_text(qtbot, dialog.title_edit, title)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.saved_id is not None
    return dialog.saved_id


def test_a_new_workshop_opens_after_save(qtbot: QtBot, db: Database) -> None:
    window = shown(qtbot, MainWindow(AppContext(db)))
    assert window.current_screen_name() == "workshops"
    app_id = create_in_the_app(qtbot, window.workshops_screen, "Atelier régional de Thiès")
    # « Enregistrer » opens the new workshop at once, on its participants.
    assert window.context.workshop_id == app_id
    assert window.current_screen_name() == "participants"
    assert window.participants_screen.title.text() == "Atelier régional de Thiès"
    assert window.windowTitle().startswith("Atelier régional de Thiès")
    assert window.workshop_picker.currentData() == app_id


def test_a_workshop_made_in_the_app_has_the_cli_types_and_maps_the_french_list(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path
) -> None:
    context = AppContext(db)
    app_id = create_in_the_app(qtbot, shown(qtbot, WorkshopsScreen(context)), "Atelier app")
    context.set_workshop(app_id)

    # The same types, keys and colours as a workshop made with `facilitator new`.
    assert cli_main(["--db", str(db_path), "new", "Atelier CLI", "--date", "2025-03-11"]) == 0
    with db.read() as session:
        cli_id = max(session.scalars(select(ParticipantType.workshop_id)))
    assert cli_id != app_id
    assert types_of(db, app_id) == types_of(db, cli_id)
    assert [key for key, *_rest in types_of(db, app_id)] == [
        "ministry", "embassy", "international", "civil_society", "private_sector", "media",
        "migrant",
    ]  # fmt: skip

    # The French list maps onto those types: no new type appears beside them.
    path = tmp_path / "invités.csv"
    path.write_text(ISSUE_LIST, encoding="utf-8")
    wizard = ImportWizard(context, path=path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=3000)
    with qtbot.waitSignal(wizard.columns_page.report_ready, timeout=5000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.types_page
    assert wizard.currentPage() is page
    shown_rows = {
        page.table.item(row, 0).text(): page.table.cellWidget(row, 2).currentText()
        for row in range(page.table.rowCount())
    }
    assert shown_rows == {
        "Ministère": "Ministères",
        "Média": "Médias",
        "Représentation diplomatique": "Ambassades",
        "Organisation internationale": "Organisations internationales",
        "Migrant": "Migrants circulaires",
    }
    assert page.new_types_label.text() == (
        f"Aucun nouveau type{NBSP}: chaque catégorie va à un type de l’atelier."
    )
    with qtbot.waitSignal(wizard.imported, timeout=5000):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton
        )
    assert wizard.result_page.report is not None and wizard.result_page.report.new_types == []
    assert len(types_of(db, app_id)) == 7
    with db.read() as session:
        assert {p.category for p in list_participants(session, app_id)} == {
            "Ministères",
            "Médias",
            "Ambassades",
            "Organisations internationales",
            "Migrants circulaires",
        }


@pytest.fixture
def split(db: Database) -> tuple[int, int, int, list[int]]:
    """A workshop whose list went into split types: « Ministère » beside « Ministères »."""
    with db.write() as session:
        day = dt.date(2025, 3, 11)
        workshop = create_workshop(session, WorkshopDetails("Atelier de Thiès", day, day))
        kept = workshop.participant_types[0]
        merged = ParticipantType(
            workshop_id=workshop.id, key="ministere_7", name="Ministère", colour="#5A6B7B"
        )
        merged.position = 7
        session.add(merged)
        session.flush()
        ids = [
            add_participant(
                session, workshop.id, ParticipantInput(last_name=f"Sarr {i}", type_id=type_id)
            ).id
            for i, type_id in enumerate((merged.id, merged.id, merged.id, kept.id))
        ]
        return workshop.id, merged.id, kept.id, ids


def type_ids(db: Database, ids: list[int]) -> list[int | None]:
    with db.read() as session:
        found = {p.id: p.type_id for p in session.scalars(select(Participant))}
    return [found[i] for i in ids]


def choose_target(name: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, MergeTypeDialog)
        items = dialog.list.findItems(name, Qt.MatchFlag.MatchStartsWith)
        dialog.list.setCurrentItem(items[0])
        dialog.merge_button.click()

    return act


def test_split_types_are_merged_in_the_form_and_the_merge_undone(
    qtbot: QtBot, db: Database, split: tuple[int, int, int, list[int]]
) -> None:
    workshop_id, merged_id, kept_id, ids = split
    check_in(db, workshop_id, ids[0], now=dt.datetime(2025, 3, 11, 9, 0))
    context = AppContext(db)
    screen = shown(qtbot, WorkshopsScreen(context))
    screen.select_workshop(workshop_id)
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None
    editor = dialog.types_editor
    dialog.tabs.setCurrentWidget(editor)
    names = [editor.list.item(r).text() for r in range(editor.list.count())]
    assert names[-1] == "Ministère"
    editor.list.setCurrentRow(len(names) - 1)
    assert editor.merge_button.isVisible() and editor.merge_button.isEnabled()

    asked = when_modal(MergeTypeDialog, choose_target("Ministères"))
    qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "Ministère" not in [editor.list.item(r).text() for r in range(editor.list.count())]
    assert editor.merge_label.text() == (
        f"«{NBSP}Ministère{NBSP}» fusionné avec «{NBSP}Ministères{NBSP}»{NBSP}: "
        "3 participants ont changé de type. Ctrl+Z l’annule."
    )
    assert editor.undo_button.isVisible()
    assert type_ids(db, ids) == [kept_id] * 4
    with db.read() as session:
        by_type = presence_counts(session, workshop_id, dt.date(2025, 3, 11)).by_type
    assert [(name, present, registered) for name, _c, present, registered in by_type] == [
        ("Ministères", 1, 4)
    ]

    # Ctrl+Z in the form puts the type back, in its place, with its participants.
    editor.list.setFocus()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(editor.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [editor.list.item(r).text() for r in range(editor.list.count())] == names
    assert type_ids(db, ids) == [merged_id, merged_id, merged_id, kept_id]
    assert not editor.undo_button.isVisible()

    # Merged again and the form saved: the merge stays undoable from the workshops screen.
    editor.list.setCurrentRow(len(names) - 1)
    when_modal(MergeTypeDialog, choose_target("Ministères"))
    qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert [name for _k, name, _c, _p in types_of(db, workshop_id)] == names[:-1]
    assert screen.undo_button.isVisible()
    assert screen.undo_button.text() == (
        f"Annuler{NBSP}: Fusionner «{NBSP}Ministère{NBSP}» avec «{NBSP}Ministères{NBSP}»"
    )
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [name for _k, name, _c, _p in types_of(db, workshop_id)] == names
    assert type_ids(db, ids) == [merged_id, merged_id, merged_id, kept_id]
    assert not screen.undo_button.isVisible()


def test_merging_is_offered_only_between_saved_types(
    qtbot: QtBot, db: Database, split: tuple[int, int, int, list[int]]
) -> None:
    screen = shown(qtbot, WorkshopsScreen(AppContext(db)))
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    new_form = screen.dialog
    assert new_form is not None
    assert not new_form.types_editor.merge_button.isVisibleTo(new_form)  # nobody to move yet
    new_form.reject()
    screen.select_workshop(split[0])
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    edit_form = screen.dialog
    assert edit_form is not None
    editor = edit_form.types_editor
    editor.add_type()  # not saved yet: nothing to merge, nor to merge into
    assert not editor.merge_button.isEnabled()
    editor.list.setCurrentRow(0)
    assert editor.merge_button.isEnabled()
