"""The participants screen at a laptop's size: nothing cut, an empty list that says what to do,
a deletion that asks first when the person is present or in a group, French numbers; and the
participant forms' lengths."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from facilitator.core.participant_columns import ParsedList, ParticipantRow
from facilitator.store.checkin import check_in
from facilitator.store.database import Database
from facilitator.store.group_rounds import create_round
from facilitator.store.importing import import_participants
from facilitator.store.models import GroupMember, Participant
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import WorkshopDetails, create_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk.walkin import WalkInDialog
from facilitator.ui.main_window import MainWindow
from facilitator.ui.participants import screen as screen_module
from facilitator.ui.participants.dialog import ParticipantDialog
from facilitator.ui.participants.import_wizard import ImportWizard
from facilitator.ui.participants.model import COLUMNS
from facilitator.ui.participants.screen import ParticipantsScreen
from tests.ui.screens import m4sd_context, shown

NBSP, NNBSP = "\u00a0", "\u202f"
DAY = dt.date(2025, 3, 11)


def empty_workshop(db: Database) -> AppContext:
    with db.write() as session:
        workshop_id = create_workshop(session, WorkshopDetails("Atelier de Thiès", DAY, DAY)).id
    context = AppContext(db)
    context.set_workshop(workshop_id)
    return context


def answer(button: str) -> list[str]:
    """Click `button` in the next message box; returns the texts of the boxes answered."""
    seen: list[str] = []

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, attempt)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, attempt)
    return seen


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 768)])
def test_the_present_column_is_not_cut_at_laptop_sizes(
    qtbot: QtBot, demo_db: Database, width: int, height: int
) -> None:
    window = MainWindow(m4sd_context(demo_db))
    shown(qtbot, window, width, height)
    window.resize(width, height)  # the size a maximised window gets on that screen
    window.show_screen("participants")
    table = window.participants_screen.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    header = table.horizontalHeader()
    last = len(COLUMNS) - 1
    assert header.model().headerData(last, Qt.Orientation.Horizontal) == "Présent"
    right_edge = header.sectionViewportPosition(last) + header.sectionSize(last)
    assert right_edge <= table.viewport().width()
    assert header.sectionSize(last) >= header.sectionSizeFromContents(last).width()
    assert not table.horizontalScrollBar().isVisible()


def test_an_empty_list_says_what_to_do_next_with_buttons(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = empty_workshop(db)
    screen = shown(qtbot, ParticipantsScreen(context))
    screen.refresh()
    assert screen.empty.isVisible() and not screen.table.isVisible()
    assert screen.empty.heading.text() == "Aucun participant pour l’instant"
    assert screen.empty.import_button.text() == "Importer une liste…"
    assert screen.empty.add_button.text() == "Ajouter un participant…"
    qtbot.waitUntil(screen.empty.import_button.hasFocus)

    opened: list[QWidget] = []
    monkeypatch.setattr(ImportWizard, "open", lambda self: opened.append(self))
    qtbot.keyClick(screen.empty.import_button, Qt.Key.Key_Return)
    assert len(opened) == 1 and isinstance(opened[0], ImportWizard)

    def fill_and_save(dialog: ParticipantDialog) -> int:
        dialog.last_name.setText("Ndiaye")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ParticipantDialog, "exec", fill_and_save)
    qtbot.mouseClick(screen.empty.add_button, Qt.MouseButton.LeftButton)
    # The first participant in, the list takes the place of the message.
    assert not screen.empty.isVisible() and screen.table.isVisible()
    assert screen.model.rowCount() == 1
    assert screen.count.text() == "1 participant · 0 présent"


def test_counts_are_written_the_french_way(qtbot: QtBot, db: Database) -> None:
    context = empty_workshop(db)
    rows = tuple(
        ParticipantRow(i, "Awa", f"Ndiaye {i}", "", "", "", None, "", "", "")
        for i in range(2, 1236)
    )
    context.write(
        "participants",
        lambda s: import_participants(s, context.workshop_id or 0, ParsedList(rows, ())),
    )
    first = context.read(lambda s: s.scalar(select(func.min(Participant.id))))
    check_in(db, context.workshop_id or 0, first)
    screen = shown(qtbot, ParticipantsScreen(context))
    screen.refresh()
    assert screen.count.text() == f"1{NNBSP}234 participants · 1 présent"
    screen.presence_filter.setCurrentIndex(screen.presence_filter.findData("absent"))
    assert screen.count.text() == f"1{NNBSP}234 participants · 1 présent · 1{NNBSP}233 affichés"


@pytest.fixture
def tied(demo_db: Database) -> tuple[AppContext, int, int]:
    """A participant checked in and put in a group, and one neither present nor grouped."""
    context = m4sd_context(demo_db)
    workshop_id = context.workshop_id or 0

    def add(session, name: str) -> int:  # type: ignore[no-untyped-def]
        return add_participant(session, workshop_id, ParticipantInput("Awa", name)).id

    present = context.write("participants", lambda s: add(s, "Zzz Présente"))
    absent = context.write("participants", lambda s: add(s, "Zzz Absente"))
    with demo_db.read() as session:
        from facilitator.store.models import Workshop

        first_day = session.get(Workshop, workshop_id).start_date  # type: ignore[union-attr]
    check_in(demo_db, workshop_id, present, now=dt.datetime.combine(first_day, dt.time(9, 0)))
    create_round(demo_db, workshop_id, "Tour Z", count=1, present_only=False, seed=1)
    return context, present, absent


def exists(context: AppContext, participant_id: int) -> bool:
    return context.read(lambda s: s.get(Participant, participant_id)) is not None


def test_deleting_someone_present_or_in_a_group_asks_first_and_stays_undoable(
    qtbot: QtBot, tied: tuple[AppContext, int, int]
) -> None:
    context, present, absent = tied
    screen = shown(qtbot, ParticipantsScreen(context))
    screen.refresh()
    screen.select_participant(present)
    screen.table.setFocus()

    asked = answer("Annuler")
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    (question,) = asked
    assert question.startswith(f"«{NBSP}Awa Zzz Présente{NBSP}»{NBSP}: présence enregistrée le ")
    assert f"membre du groupe «{NBSP}Groupe 1{NBSP}» (Tour Z)" in question
    assert question.endswith("Ctrl+Z annule la suppression, présence et groupes compris.")
    assert exists(context, present)  # « Annuler »: nothing happened
    assert not screen.undo_stack.canUndo()

    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    answer("Supprimer")
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert not exists(context, present)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert exists(context, present)
    members = context.read(
        lambda s: s.scalar(
            select(func.count())
            .select_from(GroupMember)
            .where(GroupMember.participant_id == present)
        )
    )
    assert members == 1


def test_deleting_someone_absent_and_in_no_group_asks_nothing(
    qtbot: QtBot, tied: tuple[AppContext, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    context, _present, absent = tied
    # The round put everyone in a group; this one is taken out of it first.
    context.write(
        "participants",
        lambda s: s.query(GroupMember).filter(GroupMember.participant_id == absent).delete(),
    )
    asked: list[object] = []
    monkeypatch.setattr(screen_module.QMessageBox, "exec", lambda self: asked.append(self))
    screen = shown(qtbot, ParticipantsScreen(context))
    screen.refresh()
    screen.select_participant(absent)
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [] and not exists(context, absent)


def form_cases() -> list[Callable[[AppContext], ParticipantDialog | WalkInDialog]]:
    return [
        lambda context: ParticipantDialog(context, context.workshop_id or 0),
        lambda context: WalkInDialog(context, context.workshop_id or 0),
    ]


@pytest.mark.parametrize("make_form", form_cases(), ids=["participant form", "walk-in form"])
def test_the_forms_say_a_name_is_too_long_as_it_is_typed(
    qtbot: QtBot,
    db: Database,
    make_form: Callable[[AppContext], ParticipantDialog | WalkInDialog],
) -> None:
    context = empty_workshop(db)
    form = make_form(context)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.first_name, "Awa")
    form.last_name.setFocus()
    qtbot.keyClicks(form.last_name, "N" * 150)
    assert not form.error.isVisible()
    qtbot.keyClicks(form.last_name, "D")
    assert form.error.isVisible()
    assert form.error.text() == (
        f"Le champ «{NBSP}Nom{NBSP}» est trop long{NBSP}: 151 caractères, 150 au plus."
    )
    form.save()  # refused, nothing written
    assert form.result() == 0
    assert context.read(lambda s: s.scalar(select(func.count()).select_from(Participant))) == 0
    qtbot.keyClick(form.last_name, Qt.Key.Key_Backspace)
    assert not form.error.isVisible()


def test_a_question_about_many_people_names_the_first_and_counts_the_others() -> None:
    from facilitator.store.participants import ParticipantTies
    from facilitator.ui.participants.deletion import deletion_question

    tied = [
        ParticipantTies(i, f"Awa {i}", (DAY,), (("Tour 1", "Groupe 2"),), ()) for i in range(10)
    ]
    lines = deletion_question(tied, 25).splitlines()
    assert lines[0] == f"10 des 25 participants choisis sont présents ou dans un groupe{NBSP}:"
    assert lines[1] == (
        f"• Awa 0{NBSP}: présence enregistrée le 11 mars 2025{NBSP}; "
        f"membre du groupe «{NBSP}Groupe 2{NBSP}» (Tour 1)"
    )
    assert len([line for line in lines if line.startswith("• ")]) == 8
    assert lines[9] == "…et 2 autres."
    lead = ParticipantTies(1, "Ali", (), (), (("Tour 1", "Groupe 3"),))
    assert deletion_question([lead], 1).splitlines()[0] == (
        f"«{NBSP}Ali{NBSP}»{NBSP}: modérateur ou rapporteur de «{NBSP}Groupe 3{NBSP}» (Tour 1)."
    )
