"""The desktop app facing an event file it cannot use: it says why, and offers the safe way out."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

from facilitator.store import backups
from facilitator.store.checkin import REJECTED
from facilitator.store.database import (
    Database,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseRefused,
    open_database,
)
from facilitator.store.models import CheckIn
from facilitator.store.participants import list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk.screen import DeskScreen
from facilitator.ui.widgets.refused_file import QUIT, RefusedFileBox, copies_folder, recover
from facilitator.ui.widgets.restore import RestoreDialog
from tests.store.damage import break_an_index
from tests.ui.keyboard import type_text

MIGRATION = "migration-circulaire-dakar-2025"


def _refusal(path: Path) -> DatabaseRefused:
    with pytest.raises(DatabaseRefused) as refused:
        open_database(path, backup_reason="open")
    return refused.value


def _button(box: RefusedFileBox, text: str) -> QAbstractButton:
    (button,) = [b for b in box.buttons() if b.text() == text]
    return button


def _click(qtbot: QtBot, box: RefusedFileBox, text: str) -> str:
    """Click the box's button that reads `text`, as a user would; returns the choice made."""
    box.show()
    qtbot.waitExposed(box)
    qtbot.mouseClick(_button(box, text), Qt.MouseButton.LeftButton)
    return box.choice()


def _periodic_backup(path: Path) -> Path:
    db = open_database(path)
    try:
        taken = db.backup("periodic")
    finally:
        db.dispose()
    assert taken is not None
    return taken


def test_a_damaged_file_offers_its_latest_intact_backup(qtbot: QtBot, demo_db_path: Path) -> None:
    good = _periodic_backup(demo_db_path)
    break_an_index(demo_db_path)
    refusal = _refusal(demo_db_path)
    assert isinstance(refusal, DatabaseDamaged) and refusal.good_backup == good
    box = RefusedFileBox(refusal)
    qtbot.addWidget(box)
    assert "est endommagé" in box.text() and "ix_participants_name_key" in box.detailedText()
    assert "Remettre en place la sauvegarde du" in box.informativeText()
    assert str(backups.kept_folder(demo_db_path)) in box.informativeText()
    assert box.defaultButton() is _button(box, "Restaurer cette sauvegarde")
    choice = _click(qtbot, box, "Restaurer cette sauvegarde")
    reopened = recover(refusal, choice, backup_reason="open")
    assert reopened is not None
    try:
        with reopened.read() as session:
            assert session.scalar(select(func.count()).select_from(CheckIn)) > 0
    finally:
        reopened.dispose()
    (kept,) = backups.list_kept(demo_db_path)
    assert "before-restore" in kept.name


def test_quitting_touches_nothing(qtbot: QtBot, demo_db_path: Path) -> None:
    _periodic_backup(demo_db_path)
    break_an_index(demo_db_path)
    state = demo_db_path.read_bytes()
    refusal = _refusal(demo_db_path)
    box = RefusedFileBox(refusal)
    qtbot.addWidget(box)
    assert box.escapeButton() is _button(box, "Quitter")
    assert _click(qtbot, box, "Quitter") == QUIT
    assert recover(refusal, QUIT, backup_reason="open") is None
    assert demo_db_path.read_bytes() == state
    assert backups.list_kept(demo_db_path) == []


def test_a_damaged_file_without_an_intact_backup_can_take_a_chosen_copy(
    qtbot: QtBot, demo_db_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "cle-usb" / "atelier-copie.sqlite3"
    copy.parent.mkdir()
    backups.backup_file(demo_db_path, copy)
    break_an_index(demo_db_path)
    refusal = _refusal(demo_db_path)
    box = RefusedFileBox(refusal)
    qtbot.addWidget(box)
    assert "Aucune sauvegarde intacte" in box.informativeText()
    assert box.defaultButton() is _button(box, "Choisir une copie…")
    choice = _click(qtbot, box, "Choisir une copie…")
    assert recover(refusal, choice, "open", choose=lambda: None) is None  # gave up choosing
    reopened = recover(refusal, choice, "open", choose=lambda: copy)
    assert reopened is not None
    reopened.dispose()
    assert len(backups.list_kept(demo_db_path)) == 1


def test_a_read_only_file_offers_a_copy_to_work_on(qtbot: QtBot, demo_db_path: Path) -> None:
    demo_db_path.chmod(0o444)
    try:
        refusal = _refusal(demo_db_path)
        assert isinstance(refusal, DatabaseReadOnly)
        box = RefusedFileBox(refusal)
        qtbot.addWidget(box)
        assert "ne peut pas être modifié" in box.text() and str(demo_db_path) in box.text()
        assert str(copies_folder()) in box.informativeText()
        choice = _click(qtbot, box, "Ouvrir une copie sur cet ordinateur")
        copy_db = recover(refusal, choice, backup_reason="open")
    finally:
        demo_db_path.chmod(0o600)
    assert copy_db is not None and copy_db.path is not None
    try:
        assert copy_db.path.parent == copies_folder()
        with copy_db.write() as session:  # the copy takes the day's work
            workshop_id = find_workshop(session, MIGRATION).id
            person = list_participants(session, workshop_id)[0]
            session.add(
                CheckIn(
                    participant_id=person.id,
                    day=dt.date(2025, 3, 25),
                    checked_in_at=dt.datetime(2025, 3, 25, 8, 30),
                    desk="Poste 1",
                )
            )
    finally:
        copy_db.dispose()
    first_copy = copy_db.path

    # The next morning the stick is opened again: the copy with yesterday's work is offered first.
    demo_db_path.chmod(0o444)
    try:
        refusal = _refusal(demo_db_path)
        box = RefusedFileBox(refusal)
        qtbot.addWidget(box)
        assert "Une copie de ce fichier, faite plus tôt" in box.informativeText()
        assert box.defaultButton() is _button(box, "Ouvrir la copie déjà faite")
        assert _button(box, "Faire une nouvelle copie")
        choice = _click(qtbot, box, "Ouvrir la copie déjà faite")
        again = recover(refusal, choice, backup_reason="open")
    finally:
        demo_db_path.chmod(0o600)
    assert again is not None and again.path == first_copy
    try:
        with again.read() as session:
            assert (
                session.scalar(select(func.count()).where(CheckIn.participant_id == person.id)) == 1
            )
    finally:
        again.dispose()


def test_the_restore_dialog_lists_the_copies_kept_apart(qtbot: QtBot, demo_db: Database) -> None:
    assert demo_db.path is not None
    demo_db.backup("periodic")
    backups.keep_copy(demo_db.path, "before-restore")
    dialog = RestoreDialog(AppContext(demo_db))
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("avant une restauration" in text for text in texts)
    assert any("automatique" in text for text in texts)


@pytest.fixture
def desk(qtbot: QtBot, demo_db: Database) -> Iterator[DeskScreen]:
    QSettings("facilitator", "facilitator").remove("desk")
    context = AppContext(demo_db)
    context.set_workshop(context.read(lambda s: find_workshop(s, MIGRATION).id))
    screen = DeskScreen(context)
    screen.sounds.enabled = False
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    assert screen.controller.wait_idle()
    yield screen
    screen.controller.wait_idle()
    screen.controller.shutdown()


def test_the_desk_says_when_the_event_file_stops_taking_writes(
    qtbot: QtBot, desk: DeskScreen, demo_db: Database
) -> None:
    """The USB stick was locked mid-morning: red, in French, where the file is, what to do."""
    assert demo_db.path is not None
    context = desk.controller.context
    workshop_id = context.workshop_id
    assert workshop_id is not None
    person = context.read(lambda s: list_participants(s, workshop_id))[0]
    badge = person.badge
    demo_db.dispose()

    @event.listens_for(demo_db.engine, "connect")
    def locked(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")  # as a read-only file would

    demo_db.path.chmod(0o444)
    try:
        target = QApplication.focusWidget()
        assert target is desk.scan
        type_text(qtbot, target, badge)
        qtbot.keyClick(target, Qt.Key.Key_Return)
    finally:
        demo_db.path.chmod(0o600)
        event.remove(demo_db.engine, "connect", locked)
        demo_db.dispose()
    assert desk.panel.state == REJECTED
    detail = desk.panel.detail.text()
    assert "ne peut pas être modifié" in detail and str(demo_db.path) in detail
    assert "Copiez-le" in detail and "sqlite3.OperationalError" not in detail
    assert QApplication.focusWidget() is desk.scan, "the scan field keeps the focus"
    recorded = select(func.count()).where(CheckIn.participant_id == person.id)
    assert context.read(lambda s: s.scalar(recorded)) == 0


def test_the_restore_dialog_greys_out_unusable_files_and_takes_another(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    assert demo_db.path is not None
    good = demo_db.backup("periodic")
    assert good is not None
    empty = demo_db.backup("periodic")
    assert empty is not None
    empty.write_bytes(b"")
    context = AppContext(demo_db)
    dialog = RestoreDialog(context)
    qtbot.addWidget(dialog)
    first = dialog.list.item(0)
    assert "vide ou endommagée, inutilisable" in first.text()
    assert not first.flags() & Qt.ItemFlag.ItemIsEnabled
    assert dialog.selected_backup() == good, "the newest usable one is chosen"

    chosen = tmp_path / "copie-cle.sqlite3"
    backups.backup_file(demo_db.path, chosen)
    monkeypatch.setattr(RestoreDialog, "choose_file", staticmethod(lambda _parent: chosen))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert any("before-restore" in p.name for p in backups.list_kept(demo_db.path))
    context.db.dispose()
