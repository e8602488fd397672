"""The participants screen driven as a person would: typing, clicking, shortcuts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from facilitator.store.database import Database
from facilitator.store.models import CheckIn, Participant
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.participants.dialog import ParticipantDialog
from facilitator.ui.participants.screen import ParticipantsScreen
from tests.ui.keyboard import type_text


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id))
    return ctx


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> Iterator[ParticipantsScreen]:
    widget = ParticipantsScreen(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def visible_names(screen: ParticipantsScreen) -> list[str]:
    model = screen.model
    return [model.row_at(i).full_name for i in range(model.rowCount())]


def count_in_db(context: AppContext) -> int:
    return (
        context.read(
            lambda s: s.scalar(
                select(func.count())
                .select_from(Participant)
                .where(Participant.workshop_id == context.workshop_id)
            )
        )
        or 0
    )


def test_search_field_has_focus_and_filters_as_you_type(
    qtbot: QtBot, screen: ParticipantsScreen
) -> None:
    qtbot.waitUntil(lambda: screen.search.hasFocus())
    total = screen.model.rowCount()
    assert total == 60
    target = screen.model.row_at(0)
    # Type the last name without accents and in lower case.
    from facilitator.core.text import fold

    query = fold(target.last_name)[:4]
    qtbot.keyClicks(screen.search, query)
    names = visible_names(screen)
    assert target.full_name in names
    assert 0 < len(names) < total
    assert all(
        query in fold(n) or query in screen.model.row_at(i).search for i, n in enumerate(names)
    )
    screen.search.clear()
    assert screen.model.rowCount() == total


def test_accent_and_apostrophe_insensitive_search(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext
) -> None:
    from facilitator.store.participants import ParticipantInput, add_participant

    workshop_id = context.workshop_id
    assert workshop_id is not None
    context.write(
        "participants",
        lambda s: add_participant(
            s, workshop_id, ParticipantInput(first_name="Aïssatou", last_name="N'DIAYE")
        ),
    )
    context.write(
        "participants",
        lambda s: add_participant(
            s, workshop_id, ParticipantInput(first_name="Moussa", last_name="Cissé")
        ),
    )
    qtbot.keyClicks(screen.search, "ndiaye")
    assert "Aïssatou N'DIAYE" in visible_names(screen)
    screen.search.clear()
    qtbot.keyClicks(screen.search, "CISSE")
    assert "Moussa Cissé" in visible_names(screen)


def test_filters_by_presence_gender_and_type(screen: ParticipantsScreen) -> None:
    rows = screen.model.all_rows()
    present = sum(1 for r in rows if r.checked_in_at)
    screen.presence_filter.setCurrentIndex(screen.presence_filter.findData("present"))
    assert screen.model.rowCount() == present
    screen.gender_filter.setCurrentIndex(screen.gender_filter.findData("F"))
    assert screen.model.rowCount() == sum(1 for r in rows if r.checked_in_at and r.gender == "F")
    screen.presence_filter.setCurrentIndex(0)
    screen.gender_filter.setCurrentIndex(0)
    screen.type_filter.setCurrentIndex(1)
    type_id = screen.type_filter.currentData()
    assert screen.model.rowCount() == sum(1 for r in rows if r.type_id == type_id) > 0
    assert "affiché" in screen.count.text()


def test_sorting_by_organisation(screen: ParticipantsScreen) -> None:
    screen.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    from facilitator.core.text import fold

    orgs = [fold(screen.model.row_at(i).organisation) for i in range(screen.model.rowCount())]
    assert orgs == sorted(orgs)


def test_add_a_participant_by_typing(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = count_in_db(context)

    def fill_and_save(dialog: ParticipantDialog) -> int:
        type_text(qtbot, dialog.first_name, "Ndèye Fatou")
        qtbot.keyClicks(dialog.last_name, "Sarr")
        dialog.organisation.setCurrentText("Radio Sénégal Internationale")
        dialog.gender.setCurrentIndex(dialog.gender.findData("F"))
        qtbot.keyClicks(dialog.phone, "77 555 44 33")
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        return 1 if dialog.result() else 0

    monkeypatch.setattr(ParticipantDialog, "exec", fill_and_save)
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    assert count_in_db(context) == before + 1
    assert "Ndèye Fatou Sarr" in visible_names(screen)
    selected = screen.selected_ids()
    assert (
        len(selected) == 1
        and screen.model.row_at(screen.model.visible_row_of(selected[0]) or 0).phone
        == "77 555 44 33"
    )


def test_invalid_form_keeps_the_dialog_open_with_a_message(
    qtbot: QtBot, context: AppContext
) -> None:
    assert context.workshop_id is not None
    dialog = ParticipantDialog(context, context.workshop_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email, "pas-une-adresse")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert "prénom ou un nom" in dialog.error.text()
    qtbot.keyClicks(dialog.last_name, "Diop")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert "pas-une-adresse" in dialog.error.text()


def test_edit_a_participant(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen.table.selectRow(0)
    target = screen.selected_ids()[0]

    def rename(dialog: ParticipantDialog) -> int:
        dialog.function.clear()
        type_text(qtbot, dialog.function, "Rapporteuse générale")
        dialog.save()
        return 1

    monkeypatch.setattr(ParticipantDialog, "exec", rename)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    function = context.read(lambda s: s.get(Participant, target).function)
    assert function == "Rapporteuse générale"


def answer_question(button: str) -> list[str]:
    """Click `button` in the next message box that opens; returns the texts it showed."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        clicked = next(b for b in box.buttons() if b.text() == button)
        clicked.click()

    QTimer.singleShot(0, answer)
    return seen


def test_delete_then_undo_puts_everything_back(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext
) -> None:
    screen.presence_filter.setCurrentIndex(screen.presence_filter.findData("present"))
    screen.table.selectRow(0)
    target = screen.selected_ids()[0]
    badge = screen.model.row_at(0).badge
    before = count_in_db(context)
    screen.table.setFocus()
    # Present: the deletion is asked first (see test_types_deletion for the question itself).
    asked = answer_question("Supprimer")
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    # The offscreen platform gives the activation back to no window when a box closes.
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    assert count_in_db(context) == before - 1
    assert screen.undo_button.isVisible() and "Annuler" in screen.undo_button.text()
    qtbot.keyClick(screen.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert count_in_db(context) == before
    restored = context.read(lambda s: s.get(Participant, target))
    assert restored is not None and restored.badge_token == badge
    checkins = context.read(
        lambda s: s.scalar(
            select(func.count()).select_from(CheckIn).where(CheckIn.participant_id == target)
        )
    )
    assert checkins == 1
    assert not screen.undo_button.isVisible()


def test_switching_workshop_reloads(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext
) -> None:
    context.set_workshop(
        context.read(lambda s: find_workshop(s, "migration-circulaire-dakar-2025").id)
    )
    QApplication.processEvents()
    assert screen.model.rowCount() == 80
    assert "migration circulaire" in screen.title.text()


def test_full_name_in_any_order_and_phone_digits_find_the_person(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext
) -> None:
    from facilitator.store.participants import ParticipantInput, add_participant

    workshop_id = context.workshop_id
    assert workshop_id is not None
    context.write(
        "participants",
        lambda s: add_participant(
            s,
            workshop_id,
            ParticipantInput(
                first_name="Fatou Kiné", last_name="NDIAYE", phone="+221 77 655 91 01"
            ),
        ),
    )
    for query in ("fatou ndiaye", "ndiaye fatou", "kine fatou", "776559101", "7765", "77 655"):
        screen.search.clear()
        qtbot.keyClicks(screen.search, query)
        assert "Fatou Kiné NDIAYE" in visible_names(screen), query
    screen.search.clear()
    qtbot.keyClicks(screen.search, "fatou zzz")
    assert visible_names(screen) == []
    assert screen.no_match.isVisible() and "fatou zzz" in screen.no_match.text()
    screen.search.clear()
    assert not screen.no_match.isVisible()


def test_double_click_opens_the_form_once(
    qtbot: QtBot, screen: ParticipantsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    monkeypatch.setattr(ParticipantDialog, "exec", lambda dialog: opened.append(1) or 0)
    rect = screen.table.visualRect(screen.model.index(0, 0))
    viewport = screen.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [1]


def test_adding_and_editing_can_be_undone_and_redone(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = count_in_db(context)

    def add(dialog: ParticipantDialog) -> int:
        qtbot.keyClicks(dialog.last_name, "Badji")
        dialog.save()
        return 1

    monkeypatch.setattr(ParticipantDialog, "exec", add)
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    assert count_in_db(context) == before + 1
    new_id = screen.selected_ids()[0]

    def edit(dialog: ParticipantDialog) -> int:
        qtbot.keyClicks(dialog.first_name, "Ousmane")
        dialog.save()
        return 1

    monkeypatch.setattr(ParticipantDialog, "exec", edit)
    screen.edit_selected()
    assert context.read(lambda s: s.get(Participant, new_id).first_name) == "Ousmane"
    assert "Ousmane Badji" in screen.undo_button.text()
    screen.undo_stack.undo()
    assert context.read(lambda s: s.get(Participant, new_id).first_name) == ""
    screen.undo_stack.undo()
    assert count_in_db(context) == before
    screen.undo_stack.redo()
    screen.undo_stack.redo()
    assert context.read(lambda s: s.get(Participant, new_id).first_name) == "Ousmane"


def test_undo_never_crosses_to_another_workshop(
    qtbot: QtBot, screen: ParticipantsScreen, context: AppContext
) -> None:
    screen.presence_filter.setCurrentIndex(screen.presence_filter.findData("absent"))
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert screen.undo_stack.canUndo()
    context.set_workshop(
        context.read(lambda s: find_workshop(s, "migration-circulaire-dakar-2025").id)
    )
    assert not screen.undo_stack.canUndo()
    assert not screen.undo_button.isVisible()


def test_an_incomplete_email_is_refused(qtbot: QtBot, context: AppContext) -> None:
    assert context.workshop_id is not None
    dialog = ParticipantDialog(context, context.workshop_id)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.last_name, "Sow")
    qtbot.keyClicks(dialog.email, "moussa.sow@")
    dialog.save()
    assert "moussa.sow@" in dialog.error.text()
    assert dialog.result() == 0
