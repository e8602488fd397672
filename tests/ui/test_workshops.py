"""The workshops screen and form, driven through their real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDateEdit,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from facilitator.i18n import _
from facilitator.store.backups import list_backups
from facilitator.store.database import Database
from facilitator.store.models import Participant, Workshop
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import (
    WorkshopDetails,
    create_workshop,
    details_of,
    get_workshop,
)
from facilitator.ui.context import AppContext
from facilitator.ui.participants.dialog import ParticipantDialog
from facilitator.ui.widgets.dates import format_date_range
from facilitator.ui.workshops.date_edit import parse_typed_date
from facilitator.ui.workshops.dialog import WorkshopDialog
from facilitator.ui.workshops.screen import WorkshopsScreen, WorkshopTableModel
from tests.ui.keyboard import type_text


def make_workshop(db: Database, title: str, participants: int = 0, typed: bool = False) -> int:
    with db.write() as session:
        workshop = create_workshop(
            session,
            WorkshopDetails(
                title,
                dt.date(2025, 3, 25),
                dt.date(2025, 3, 26),
                venue="Hôtel Terrou-Bi",
                city="Dakar",
            ),
        )
        type_id = workshop.participant_types[0].id if typed else None
        for i in range(participants):
            person = ParticipantInput(first_name=f"Awa{i}", last_name="Diop", type_id=type_id)
            add_participant(session, workshop.id, person)
        return workshop.id


def details(db: Database, workshop_id: int) -> WorkshopDetails:
    with db.read() as session:
        return details_of(get_workshop(session, workshop_id))


@pytest.fixture
def context(db: Database) -> AppContext:
    return AppContext(db)


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> WorkshopsScreen:
    widget = WorkshopsScreen(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def table_titles(screen: WorkshopsScreen) -> list[str]:
    model = screen.model
    return [model.index(r, WorkshopTableModel.TITLE).data() for r in range(model.rowCount())]


def test_create_a_workshop_by_typing_in_the_form(
    qtbot: QtBot, screen: WorkshopsScreen, db: Database
) -> None:
    assert screen.empty_label.isVisible()
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title_edit, "Atelier national sur la migration circulaire")
    type_text(qtbot, dialog.venue_edit, "Hôtel Terrou-Bi")
    qtbot.keyClicks(dialog.city_edit, "Dakar")
    type_text(qtbot, dialog.objectives_edit, "Partager les expériences")
    dialog.start_edit.setDate(QDate(2025, 3, 25))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible() and dialog.saved_id is not None
    assert table_titles(screen) == ["Atelier national sur la migration circulaire"]
    assert screen.selected_id() == dialog.saved_id
    assert screen.model.index(0, WorkshopTableModel.DATES).data() == "25 mars 2025"
    assert screen.model.index(0, WorkshopTableModel.VENUE).data() == "Hôtel Terrou-Bi, Dakar"
    assert not screen.empty_label.isVisible()
    saved = details(db, dialog.saved_id)
    assert saved.objectives == "Partager les expériences"
    assert len(saved.types) == 7  # the concept notes' defaults


def test_edit_title_and_dates(qtbot: QtBot, screen: WorkshopsScreen, db: Database) -> None:
    workshop_id = make_workshop(db, "Atelier A")
    screen.refresh()
    screen.select_workshop(workshop_id)
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None
    assert dialog.title_edit.text() == "Atelier A"
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Atelier de validation")
    dialog.start_edit.setDate(QDate(2025, 4, 1))
    assert dialog.end_edit.date() == QDate(2025, 4, 2)  # the length is kept
    dialog.end_edit.setDate(QDate(2025, 4, 2))
    assert dialog.duration_label.text() == "2 jours · 1er–2 avril 2025"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    saved = details(db, workshop_id)
    assert (saved.title, saved.start_date, saved.end_date) == (
        "Atelier de validation",
        dt.date(2025, 4, 1),
        dt.date(2025, 4, 2),
    )
    with db.read() as session:
        assert [d.date for d in get_workshop(session, workshop_id).days] == [
            dt.date(2025, 4, 1),
            dt.date(2025, 4, 2),
        ]
    assert table_titles(screen) == ["Atelier de validation"]
    assert "saved" not in screen.status_label.text()  # French message
    assert "Atelier de validation" in screen.status_label.text()


def test_add_a_participant_type_with_a_colour(
    qtbot: QtBot, screen: WorkshopsScreen, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop_id = make_workshop(db, "Atelier A")
    screen.refresh()
    dialog = screen.edit_selected()
    assert dialog is not None
    editor = dialog.types_editor
    dialog.tabs.setCurrentWidget(editor)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    line = editor.list.viewport().findChild(QLineEdit)
    assert line is not None  # the new type's name is open for typing
    line.selectAll()
    type_text(qtbot, line, "Élus locaux")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: editor.list.currentItem().text() == "Élus locaux")
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor("#123abc"))
    qtbot.mouseClick(editor.colour_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    types = details(db, workshop_id).types
    assert len(types) == 8
    assert (types[6].name, types[6].colour, types[6].key) == (
        "Élus locaux",
        "#123ABC",
        "elus_locaux",
    )


def test_removing_a_type_in_use_warns_and_clears_it(
    qtbot: QtBot, screen: WorkshopsScreen, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop_id = make_workshop(db, "Atelier A", participants=3, typed=True)
    screen.refresh()
    dialog = screen.edit_selected()
    assert dialog is not None
    editor = dialog.types_editor
    editor.list.setCurrentRow(0)
    asked: list[str] = []

    def answer(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if len(asked) > 1 else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.list.count() == 7  # said no: kept
    assert "3 participants ont le type" in asked[0]
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.list.count() == 6
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(details(db, workshop_id).types) == 6
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 3
        assert (
            session.scalar(
                select(func.count())
                .select_from(Participant)
                .where(Participant.type_id.is_not(None))
            )
            == 0
        )


def test_an_empty_title_is_refused_and_the_form_stays_open(
    qtbot: QtBot, screen: WorkshopsScreen, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = screen.new_workshop()
    qtbot.keyClicks(dialog.venue_edit, "CICAD")
    type_text(qtbot, dialog.context_edit, "Un contexte déjà tapé")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == _("A workshop needs a title.")
    assert dialog.venue_edit.text() == "CICAD"
    assert dialog.context_edit.toPlainText() == "Un contexte déjà tapé"
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Workshop)) == 0

    # Escape on a form with typed text asks first; saying no keeps the form.
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.title_edit, "Atelier B")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert table_titles(screen) == ["Atelier B"]


def test_duplicate_selects_the_copy(qtbot: QtBot, screen: WorkshopsScreen, db: Database) -> None:
    make_workshop(db, "Atelier A", participants=4)
    screen.refresh()
    qtbot.mouseClick(screen.duplicate_button, Qt.MouseButton.LeftButton)

    copy_title = _("{title} (copy)").format(title="Atelier A")  # the store's wording
    assert sorted(table_titles(screen)) == sorted(["Atelier A", copy_title])
    copy = screen.selected_row()
    assert copy is not None and copy.title == copy_title
    assert copy.registered == 4
    assert copy_title in screen.status_label.text()


def test_delete_confirms_and_takes_a_backup(
    qtbot: QtBot,
    screen: WorkshopsScreen,
    db: Database,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert db.path is not None
    keep_id = make_workshop(db, "Atelier A")
    gone_id = make_workshop(db, "Atelier B", participants=80)
    context.set_workshop(gone_id)
    screen.refresh()
    assert screen.selected_id() == gone_id
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def answer(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert len(table_titles(screen)) == 2  # said no
    assert "Supprimer «\u00a0Atelier B\u00a0» et ses 80 participants\u00a0?" in asked[0]
    # Plain words for the desk, and the way back in the app itself: no command line.
    assert "copie de sauvegarde" in asked[0]
    assert "Fichier › Restaurer une sauvegarde…" in asked[0]
    assert "facilitator restore" not in asked[0]
    assert list_backups(db.path) == []

    reply[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert table_titles(screen) == ["Atelier A"]
    assert screen.selected_id() == keep_id
    assert context.workshop_id is None
    backups = list_backups(db.path)
    assert len(backups) == 1 and "before-delete-workshop" in backups[0].name
    status = screen.status_label.text()
    assert status.startswith("«\u00a0Atelier B\u00a0» supprimé. Une copie de sauvegarde")
    assert backups[0].name not in status and ".sqlite" not in status
    assert str(backups[0]) in screen.status_label.toolTip()  # for whoever needs the file
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0


def test_open_emits_open_requested_and_sets_the_workshop(
    qtbot: QtBot, screen: WorkshopsScreen, db: Database, context: AppContext
) -> None:
    make_workshop(db, "Atelier A")
    second = make_workshop(db, "Atelier B")
    third = make_workshop(db, "Atelier C")
    screen.refresh()
    screen.select_workshop(second)
    with qtbot.waitSignal(screen.open_requested) as blocker:
        qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [second]
    assert context.workshop_id == second

    opened: list[int] = []
    screen.open_requested.connect(opened.append)
    row = screen.model.row_of(third)
    assert row is not None
    rect = screen.table.visualRect(screen.model.index(row, 0))
    # A real double-click arrives as a click followed by a double-click event.
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [third]  # once, not once per click
    assert context.workshop_id == third


def test_refreshes_when_data_changes(
    screen: WorkshopsScreen, db: Database, context: AppContext
) -> None:
    workshop_id = make_workshop(db, "Atelier A")
    assert table_titles(screen) == []
    context.data_changed.emit("participants")
    assert table_titles(screen) == ["Atelier A"]
    context.set_workshop(workshop_id)
    font = screen.model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()  # the open workshop stands out


def test_date_ranges_read_as_people_write_them() -> None:
    assert format_date_range(dt.date(2025, 3, 25), dt.date(2025, 3, 27)) == "25–27 mars 2025"
    assert format_date_range(dt.date(2025, 3, 30), dt.date(2025, 4, 2)) == (
        "30 mars – 2 avril 2025"
    )
    assert format_date_range(dt.date(2025, 12, 30), dt.date(2026, 1, 1)) == (
        "30 décembre 2025 – 1er janvier 2026"
    )


def test_the_form_reopens_with_what_was_saved(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    workshop_id = make_workshop(db, "Atelier A")
    dialog = WorkshopDialog(context, workshop_id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Modifier «\u00a0Atelier A\u00a0»"
    assert dialog.venue_edit.text() == "Hôtel Terrou-Bi"
    assert dialog.start_edit.date() == QDate(2025, 3, 25)
    assert dialog.end_edit.date() == QDate(2025, 3, 26)
    assert dialog.types_editor.list.count() == 7


def type_date(qtbot: QtBot, edit: QDateEdit, text: str) -> None:
    """Select the whole date, type another over it and leave the field, as a person does."""
    line = edit.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


def test_a_whole_date_can_be_typed_in_both_date_fields(
    qtbot: QtBot, screen: WorkshopsScreen, db: Database
) -> None:
    dialog = screen.new_workshop()
    type_date(qtbot, dialog.start_edit, "10/12/2026")
    assert dialog.start_edit.date() == QDate(2026, 12, 10)
    assert dialog.end_edit.date() == QDate(2026, 12, 10)  # a one-day workshop moves along
    type_date(qtbot, dialog.end_edit, "11/12/2026")  # the tester's case: it went back to the 10th
    assert dialog.end_edit.date() == QDate(2026, 12, 11)
    assert dialog.duration_label.text() == "2 jours · 10–11 décembre 2026"

    type_date(qtbot, dialog.start_edit, "25/03/2025")  # the length is kept
    assert dialog.end_edit.date() == QDate(2025, 3, 26)
    type_date(qtbot, dialog.end_edit, "27032025")  # digits alone are a date too
    assert dialog.duration_label.text() == "3 jours · 25–27 mars 2025"
    assert not dialog.error_label.isVisible()

    # No date: said under the form, and the field keeps its date.
    type_date(qtbot, dialog.end_edit, "31/02/2025")
    assert dialog.end_edit.date() == QDate(2025, 3, 27)
    assert dialog.end_edit.lineEdit().text() == "27/03/2025"
    assert dialog.error_label.isVisible()
    assert "«\u00a031/02/2025\u00a0» n’est pas une date" in dialog.error_label.text()

    # A last day before the first is typed as easily; saving says what is wrong.
    type_date(qtbot, dialog.end_edit, "24/03/2025")
    assert not dialog.error_label.isVisible()  # a date was typed right since
    assert dialog.end_edit.date() == QDate(2025, 3, 24)
    assert dialog.duration_label.text() == "le dernier jour est avant le premier"
    qtbot.keyClicks(dialog.title_edit, "Atelier A")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "avant le premier jour" in dialog.error_label.text()

    type_date(qtbot, dialog.end_edit, "27/03/2025")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    saved = details(db, dialog.saved_id)
    assert (saved.start_date, saved.end_date) == (dt.date(2025, 3, 25), dt.date(2025, 3, 27))


def test_typed_dates_are_read_in_the_fields_order() -> None:
    today = dt.date(2026, 12, 10)
    assert parse_typed_date("11/12/2026", "dmy", today) == dt.date(2026, 12, 11)
    assert parse_typed_date("1.2.27", "dmy", today) == dt.date(2027, 2, 1)
    assert parse_typed_date("11", "dmy", today) == dt.date(2026, 12, 11)
    assert parse_typed_date("0301", "dmy", today) == dt.date(2026, 1, 3)
    assert parse_typed_date("2027-01-05", "ymd", today) == dt.date(2027, 1, 5)
    assert parse_typed_date("20270105", "ymd", today) == dt.date(2027, 1, 5)
    for no_date in ("31/02/2027", "1/2/3/4", "11/12/202", "", "demain"):
        assert parse_typed_date(no_date, "dmy", today) is None


def test_a_deleted_screen_no_longer_hears_the_context(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    """A language switch rebuilds the window: the old screen must not hear the context."""
    make_workshop(db, "Atelier A")
    widget = WorkshopsScreen(context)
    widget.show()
    dialog = widget.edit_selected()  # its types editor too
    assert dialog is not None
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with qtbot.captureExceptions() as exceptions:
        context.data_changed.emit("workshops")
        context.workshop_changed.emit(0)
        QApplication.processEvents()
    assert exceptions == []


def test_the_workshop_form_orders_its_buttons_as_the_participant_form(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    workshop_id = make_workshop(db, "Atelier A")
    workshop_form = WorkshopDialog(context, workshop_id)
    participant_form = ParticipantDialog(context, workshop_id)
    for form in (workshop_form, participant_form):
        qtbot.addWidget(form)
        form.show()
    box = workshop_form.findChild(QDialogButtonBox)
    assert box is not None  # standard buttons: the platform orders them
    assert box.button(QDialogButtonBox.StandardButton.Save) is workshop_form.save_button
    assert box.button(QDialogButtonBox.StandardButton.Cancel) is workshop_form.cancel_button
    assert workshop_form.save_button.text() == "Enregistrer"
    assert workshop_form.cancel_button.text() == "Annuler"

    def save_first(save: QWidget, cancel: QWidget) -> bool:
        return (
            save.mapToGlobal(save.rect().topLeft()).x()
            < cancel.mapToGlobal(cancel.rect().topLeft()).x()
        )

    participant_box = participant_form.buttons
    assert save_first(workshop_form.save_button, workshop_form.cancel_button) == save_first(
        participant_box.button(QDialogButtonBox.StandardButton.Save),
        participant_box.button(QDialogButtonBox.StandardButton.Cancel),
    )
