"""Nothing is lost whatever file the user points at: restores, read-only files, hidden damage.

Each test here failed before issue 19: a restore from an empty file wiped the event, a read-only
file crashed the writers, a broken index or a damaged date got past the opening check.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from facilitator.store import backups, integrity
from facilitator.store.database import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseRefused,
    open_database,
    restore_event_file,
)
from facilitator.store.event_file import write_failure, write_problem
from facilitator.store.models import Participant, Workshop
from facilitator.store.participants import list_participants
from facilitator.store.workshops import WorkshopDetails, create_workshop
from tests.store.damage import break_an_index, damage_a_check_in_time, flip_bit


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _companions(path: Path) -> list[str]:
    return sorted(p.name for p in integrity.companions(path) if p.exists())


def _counts(path: Path) -> tuple[int, int]:
    db = open_database(path, create=False, write=False)
    try:
        with db.read() as session:
            return (
                session.scalar(select(func.count()).select_from(Workshop)) or 0,
                session.scalar(select(func.count()).select_from(Participant)) or 0,
            )
    finally:
        db.dispose()


def _add_workshop(path: Path, title: str) -> None:
    import datetime as dt

    db = open_database(path, create=False)
    try:
        with db.write() as session:
            create_workshop(
                session, WorkshopDetails(title, dt.date(2026, 1, 5), dt.date(2026, 1, 5))
            )
    finally:
        db.dispose()


def _periodic_backup(path: Path) -> Path:
    db = open_database(path, create=False)
    try:
        taken = db.backup("periodic")
    finally:
        db.dispose()
    assert taken is not None
    return taken


@pytest.fixture
def read_only_file(demo_db_path: Path) -> Iterator[Path]:
    demo_db_path.chmod(0o444)
    yield demo_db_path
    demo_db_path.chmod(0o600)


# ------------------------------------------------------------------------------ restore


def test_restore_drill_loses_nothing(demo_db_path: Path, tmp_path: Path) -> None:
    """Backup, change, restore from a good copy, then from an empty, a damaged, a newer one."""
    good = tmp_path / "copie.sqlite3"
    backups.backup_file(demo_db_path, good)
    before = _counts(demo_db_path)
    _add_workshop(demo_db_path, "Atelier ajouté après la copie")
    assert _counts(demo_db_path) == (before[0] + 1, before[1])

    safety = restore_event_file(demo_db_path, good)
    assert _counts(demo_db_path) == before
    assert _counts(safety) == (before[0] + 1, before[1]), "the replaced event is kept"

    empty = tmp_path / "vide.sqlite3"
    empty.touch()
    damaged = tmp_path / "abimee.sqlite3"
    backups.backup_file(demo_db_path, damaged)
    break_an_index(damaged)
    newer = tmp_path / "future.sqlite3"
    backups.backup_file(demo_db_path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'f999_from_the_future'")
    conn.commit()
    conn.close()
    other = tmp_path / "autre.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    not_sqlite = tmp_path / "liste.sqlite3"
    not_sqlite.write_text("Nom;Prénom\n", encoding="utf-8")

    state = _digest(demo_db_path)
    kept = backups.list_kept(demo_db_path)
    for source, words in (
        (empty, r"le fichier est vide \(0 octet\)"),
        (damaged, "il est endommagé .la ligne 1 manque dans l’index ix_participants_name_key"),
        (newer, "écrit par une version plus récente"),
        (other, "fichier SQLite d’une autre application"),
        (not_sqlite, "pas un fichier d’événement Facilitator"),
        (tmp_path / "absente.sqlite3", "aucun fichier à cet emplacement"),
        (tmp_path, "c’est un dossier"),
    ):
        with pytest.raises(DatabaseRefused, match=words) as refused:
            restore_event_file(demo_db_path, source)
        assert "ne peut pas être remis en place" in str(refused.value)
        assert "L’événement actuel n’a pas été modifié" in str(refused.value)
        assert _digest(demo_db_path) == state, source.name
        assert backups.list_kept(demo_db_path) == kept, "a refused restore takes no copy"
    assert _counts(demo_db_path) == before
    assert empty.stat().st_size == 0


def test_the_copy_taken_before_a_restore_outlives_the_rotation(
    demo_db_path: Path, tmp_path: Path
) -> None:
    good = tmp_path / "copie.sqlite3"
    backups.backup_file(demo_db_path, good)
    safety = restore_event_file(demo_db_path, good)
    db = open_database(demo_db_path)
    try:
        for _ in range(backups.KEEP_BACKUPS + 5):
            db.backup("periodic")
    finally:
        db.dispose()
    assert safety.exists() and safety.parent == backups.kept_folder(demo_db_path)
    assert safety in backups.all_backups(demo_db_path)
    assert len(backups.list_backups(demo_db_path)) == backups.KEEP_BACKUPS


def test_a_damaged_event_can_be_restored_and_is_kept_aside(
    demo_db_path: Path, tmp_path: Path
) -> None:
    good = tmp_path / "copie.sqlite3"
    backups.backup_file(demo_db_path, good)
    break_an_index(demo_db_path)
    with pytest.raises(DatabaseDamaged):
        open_database(demo_db_path)
    safety = restore_event_file(demo_db_path, good)
    # Kept page for page, damage included: whatever it held can still be read out of it.
    kept = sqlite3.connect(safety)
    assert kept.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    assert kept.execute("SELECT count(*) FROM participants").fetchone()[0] == _counts(good)[1]
    kept.close()
    open_database(demo_db_path).dispose()


def test_a_file_whose_first_page_is_ruined_is_replaced_whole(
    demo_db_path: Path, tmp_path: Path
) -> None:
    good = tmp_path / "copie.sqlite3"
    backups.backup_file(demo_db_path, good)
    data = bytearray(demo_db_path.read_bytes())
    data[16:100] = bytes(84)  # page size, format numbers, counters: SQLite cannot use it
    demo_db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseRefused):
        open_database(demo_db_path)
    safety = restore_event_file(demo_db_path, good)
    assert "damaged" in safety.name and safety.read_bytes() == bytes(data)
    assert _counts(demo_db_path) == _counts(good)


def test_restoring_needs_an_event_file_to_replace(demo_db_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nouveau.sqlite3"
    with pytest.raises(DatabaseRefused, match="Aucun fichier d’événement"):
        restore_event_file(missing, demo_db_path)
    assert not missing.exists()
    with pytest.raises(DatabaseRefused, match="le fichier de l’événement lui-même"):
        restore_event_file(demo_db_path, demo_db_path)


# ------------------------------------------------------------------------------ read-only


def test_a_read_only_file_is_refused_for_writing_and_left_alone(read_only_file: Path) -> None:
    before = _digest(read_only_file)
    with pytest.raises(DatabaseReadOnly) as refused:
        open_database(read_only_file)
    message = str(refused.value)
    assert str(read_only_file) in message
    assert "ne peut pas être modifié" in message and "lecture seule" in message
    assert "Copiez-le" in message
    assert "endommagé" not in message
    assert _digest(read_only_file) == before
    assert _companions(read_only_file) == []


def test_a_read_only_file_can_still_be_read(read_only_file: Path) -> None:
    db = open_database(read_only_file, create=False, write=False)
    try:
        assert db.read_only and db.backup("periodic") is None
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Workshop)) == 2
    finally:
        db.dispose()
    assert _companions(read_only_file) == []
    assert not backups.backups_folder(read_only_file).exists()


def test_a_read_only_folder_is_named_as_such(demo_db_path: Path) -> None:
    folder = demo_db_path.parent
    folder.chmod(0o555)
    try:
        problem = write_problem(demo_db_path)
        assert problem is not None and str(folder) in problem
        with pytest.raises(DatabaseReadOnly, match="n’accepte pas de nouveaux fichiers"):
            open_database(demo_db_path)
        db = open_database(demo_db_path, create=False, write=False)
        try:
            with db.read() as session:
                assert session.scalar(select(func.count()).select_from(Workshop)) == 2
        finally:
            db.dispose()
        with pytest.raises(DatabaseReadOnly):
            open_database(folder / "nouveau.sqlite3")
    finally:
        folder.chmod(0o700)
    assert _companions(demo_db_path) == []


def test_a_write_refused_mid_session_is_explained(demo_db_path: Path) -> None:
    demo_db_path.chmod(0o444)
    try:
        text = write_failure(demo_db_path, sqlite3.OperationalError("attempt to write a readonly"))
    finally:
        demo_db_path.chmod(0o600)
    assert text is not None and "ne peut pas être modifié" in text and str(demo_db_path) in text
    pulled = write_failure(demo_db_path, sqlite3.OperationalError("disk I/O error"))
    assert pulled is not None and "clé USB" in pulled
    full = write_failure(demo_db_path, sqlite3.OperationalError("database or disk is full"))
    assert full is not None and "plein" in full
    assert write_failure(demo_db_path, ValueError("another cause")) is None


# ------------------------------------------------------------------------------ hidden damage


def test_a_broken_index_is_caught_on_opening(demo_db_path: Path) -> None:
    good = _periodic_backup(demo_db_path)
    break_an_index(demo_db_path)
    conn = sqlite3.connect(demo_db_path)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)], "the quick check misses it"
    conn.close()
    before = _digest(demo_db_path)
    with pytest.raises(DatabaseDamaged) as refused:
        open_database(demo_db_path)
    assert refused.value.good_backup == good
    message = str(refused.value)
    assert "la ligne 1 manque dans l’index ix_participants_name_key" in message
    assert "missing" not in message, "SQLite's English is put in French"
    assert f"facilitator --db {demo_db_path} restore {good}" in message
    assert _digest(demo_db_path) == before
    assert _companions(demo_db_path) == []


def test_a_damaged_stored_date_is_caught_on_opening(demo_db_path: Path) -> None:
    damage_a_check_in_time(demo_db_path)
    with pytest.raises(
        DatabaseDamaged, match="valeur illisible dans checkins, ligne 1, checked_in_at"
    ):
        open_database(demo_db_path, write=False)
    assert _companions(demo_db_path) == []


def test_no_intact_backup_is_said_too(demo_db_path: Path) -> None:
    _periodic_backup(demo_db_path)
    for backup in backups.list_backups(demo_db_path):
        break_an_index(backup)
    break_an_index(demo_db_path)
    with pytest.raises(DatabaseDamaged, match="Aucune sauvegarde intacte") as refused:
        open_database(demo_db_path)
    assert refused.value.good_backup is None


def test_the_full_check_runs_on_a_large_file_after_an_unclean_close(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(integrity, "FULL_CHECK_MAX_BYTES", 0)
    break_an_index(demo_db_path)
    open_database(demo_db_path, write=False).dispose()  # large and closed cleanly: quick check
    # A process that dies leaves its write-ahead log behind.
    wal = demo_db_path.with_name(demo_db_path.name + "-wal")
    wal.write_bytes(b"")
    try:
        with pytest.raises(DatabaseDamaged):
            open_database(demo_db_path, write=False)
    finally:
        wal.unlink()


def test_no_read_path_crashes_on_a_bad_stored_value(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the opening check (a large file), damaged values read as blanks, not tracebacks."""
    monkeypatch.setattr(integrity, "FULL_CHECK_MAX_BYTES", 0)
    damage_a_check_in_time(demo_db_path)
    conn = sqlite3.connect(demo_db_path)
    name = conn.execute("SELECT last_name FROM participants ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    flip_bit(demo_db_path, "participants", name.encode(), bit=0x80)  # no longer UTF-8
    db = open_database(demo_db_path, write=False)
    try:
        with db.read() as session:
            workshop_ids = list(session.scalars(select(Workshop.id)))
            rows = [row for w in workshop_ids for row in list_participants(session, w)]
    finally:
        db.dispose()
    assert any("\ufffd" in row.last_name for row in rows)
    assert all(row.checked_in_at is None or row.checked_in_at.year >= 1970 for row in rows)


# ------------------------------------------------------------------------------ creating


def test_an_empty_file_is_refused_and_stays_empty(tmp_path: Path) -> None:
    empty = tmp_path / "vide.sqlite3"
    empty.touch()
    for create in (False, True):
        with pytest.raises(DatabaseRefused, match="vide"):
            open_database(empty, create=create)
    assert empty.stat().st_size == 0
    assert _companions(empty) == []


def test_a_missing_file_is_created_only_when_asked(tmp_path: Path) -> None:
    tmp_path /= "dossier"
    tmp_path.mkdir()
    missing = tmp_path / "faute-de-frappe.sqlite3"
    with pytest.raises(DatabaseRefused, match="Aucun fichier d’événement"):
        open_database(missing, create=False)
    assert list(tmp_path.iterdir()) == []
    open_database(missing).dispose()
    assert stat.S_IMODE(missing.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [missing.name], "no temporary file left"


def test_a_creation_cut_short_leaves_no_event_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilitator.store.database as database

    def power_cut(engine: object, url: str) -> None:
        raise OSError("simulated power cut")

    monkeypatch.setattr(database, "upgrade", power_cut)
    tmp_path /= "dossier"
    tmp_path.mkdir()
    target = tmp_path / "atelier.sqlite3"
    with pytest.raises(OSError, match="power cut"):
        open_database(target)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_given_as_the_event_file_is_refused(tmp_path: Path) -> None:
    tmp_path /= "dossier"
    tmp_path.mkdir()
    with pytest.raises(DatabaseRefused, match="est un dossier"):
        open_database(tmp_path)
    assert os.listdir(tmp_path) == []


def test_a_copy_that_fails_midway_leaves_nothing_behind(tmp_path: Path) -> None:
    ruined = tmp_path / "abime.sqlite3"
    ruined.write_bytes(b"SQLite format 3\x00" + bytes(200) + b"\xff" * 4000)
    destination = tmp_path / "copies" / "copie.sqlite3"
    with pytest.raises(sqlite3.DatabaseError):
        backups.backup_file(ruined, destination)
    assert list(destination.parent.iterdir()) == []


# ------------------------------------------------------------------ found by a review of the above


def _holder(path: Path) -> sqlite3.Connection:
    """Another process's connection to the event (a desk): WAL, its log never checkpointed."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("SELECT count(*) FROM workshops").fetchone()
    return conn


def test_a_backup_with_another_page_size_is_restored_without_losing_a_holders_writes(
    demo_db_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copie.sqlite3"
    backups.backup_file(demo_db_path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    conn.close()
    assert backups.page_size(copy) == 8192 and backups.page_size(demo_db_path) == 4096
    holder = _holder(demo_db_path)
    try:
        restore_event_file(demo_db_path, copy)
        holder.execute("UPDATE workshops SET title = 'Écrit après la restauration' WHERE id = 1")
    finally:
        holder.close()
    fresh = sqlite3.connect(demo_db_path)
    title = fresh.execute("SELECT title FROM workshops WHERE id = 1").fetchone()[0]
    fresh.close()
    assert title == "Écrit après la restauration"


def test_a_linked_event_file_is_copied_with_its_log_before_a_restore(
    demo_db_path: Path, tmp_path: Path
) -> None:
    old = tmp_path / "ancienne.sqlite3"
    backups.backup_file(demo_db_path, old)
    link = tmp_path / "lien.sqlite3"
    link.symlink_to(demo_db_path)
    holder = _holder(demo_db_path)
    try:
        holder.execute("UPDATE workshops SET title = 'Seulement dans le journal' WHERE id = 1")
        safety = restore_event_file(link, old)
    finally:
        holder.close()
    kept = sqlite3.connect(safety)
    title = kept.execute("SELECT title FROM workshops WHERE id = 1").fetchone()[0]
    kept.close()
    assert title == "Seulement dans le journal"


def test_a_refusal_from_the_lock_free_look_is_confirmed_before_calling_a_file_damaged(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A desk's checkpoint can change pages under the first look: it must not mean « damaged »."""
    from facilitator.store import event_file

    real = event_file._look
    looks: list[bool] = []

    def torn_first(path: Path, full: bool | None, *, immutable: bool) -> object:
        looks.append(immutable)
        if immutable:
            return "", [integrity.Damage(integrity.SQLITE, text="database disk image is malformed")]
        return real(path, full, immutable=immutable)

    monkeypatch.setattr(event_file, "_look", torn_first)
    open_database(demo_db_path, write=False).dispose()
    assert looks == [True, False]
    assert _companions(demo_db_path) == []


def test_uris_reach_windows_drives_and_shares() -> None:
    assert integrity.file_uri(r"C:\Users\Awa\atelier 1.sqlite3", windows=True, mode="ro") == (
        "file:///C:/Users/Awa/atelier%201.sqlite3?mode=ro"
    )
    assert integrity.file_uri(r"\\serveur\partage\atelier.sqlite3", windows=True) == (
        "file:////serveur/partage/atelier.sqlite3"
    )
    assert integrity.file_uri("/tmp/a#b.sqlite3", windows=False) == "file:///tmp/a%23b.sqlite3"


def test_a_restore_never_replaces_a_document_named_by_mistake(
    demo_db_path: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Compte rendu de la réunion de préparation", encoding="utf-8")
    with pytest.raises(DatabaseRefused, match="n’est pas un fichier d’événement"):
        restore_event_file(notes, demo_db_path)
    assert notes.read_text(encoding="utf-8").startswith("Compte rendu")
    with pytest.raises(DatabaseRefused, match="est un dossier"):
        restore_event_file(tmp_path, demo_db_path)


def test_a_failed_safety_copy_stops_the_restore(
    demo_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "copie.sqlite3"
    backups.backup_file(demo_db_path, good)
    _add_workshop(demo_db_path, "À garder")
    state = _digest(demo_db_path)

    def busy(_database: Path, _destination: Path) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(backups, "backup_file", busy)
    with pytest.raises(sqlite3.OperationalError):
        restore_event_file(demo_db_path, good)
    assert _digest(demo_db_path) == state
    assert backups.list_kept(demo_db_path) == []


def test_the_latest_intact_backup_is_a_rolling_one(demo_db_path: Path, tmp_path: Path) -> None:
    from facilitator.store.event_file import latest_good_backup

    rolling = _periodic_backup(demo_db_path)
    kept = backups.keep_copy(demo_db_path, "before-restore")
    assert kept.name > rolling.name.replace("periodic", "")  # newer
    assert latest_good_backup(demo_db_path) == rolling


def test_backups_folders_are_private(demo_db_path: Path) -> None:
    kept = backups.keep_copy(demo_db_path, "before-restore")
    for folder in (kept.parent, kept.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
