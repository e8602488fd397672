"""Opening, creating, refusing and migrating event databases."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from facilitator.store import backups
from facilitator.store.database import (
    DatabaseRefused,
    data_folder,
    default_database_path,
    head_revision,
    open_database,
)
from facilitator.store.models import Base


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_and_durable(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with db.write() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    finally:
        db.dispose()
    for companion in tmp_path.glob("new.sqlite3-*"):
        assert stat.S_IMODE(companion.stat().st_mode) & 0o077 == 0, companion


def test_models_and_migrations_agree(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    finally:
        db.dispose()


def test_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from facilitator.store.database import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_writes_take_the_lock_at_begin(db: object, db_path: Path) -> None:
    # A second writer must wait at BEGIN, not fail later with « database is locked ».
    from facilitator.store.database import Database

    assert isinstance(db, Database)
    with db.write() as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(db_path, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("Liste des participants\nAwa;Ndiaye\n", encoding="utf-8")
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="SQLite"):
        open_database(path)
    assert _digest(path) == before
    assert not backups.list_backups(path)


def test_a_damaged_file_is_refused_untouched(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 2, min(len(data), 4096 * 12), 7):
        data[offset] = (data[offset] + 91) % 256
    db_path.write_bytes(bytes(data))
    before = _digest(db_path)
    with pytest.raises(DatabaseRefused):
        open_database(db_path)
    assert _digest(db_path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = 'f999_from_the_future'")
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseRefused, match="version plus récente"):
        open_database(db_path)
    assert _digest(db_path) == before


def test_an_sqlite_file_of_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseRefused, match="pas une base Facilitator"):
        open_database(path)


def test_migrating_an_older_database_backs_it_up_first(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file is at the current revision; pretend this version knows a newer one.
    import facilitator.store.database as database

    current = head_revision()
    monkeypatch.setattr(database, "head_revision", lambda: "9999_next")
    upgraded: list[str] = []
    monkeypatch.setattr(database, "_upgrade", lambda engine, url: upgraded.append(url))
    open_database(db_path).dispose()
    taken = backups.list_backups(db_path)
    assert upgraded, "the migration did not run"
    assert len(taken) == 1 and "before-migration" in taken[0].name
    copy = sqlite3.connect(taken[0])
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == current
    copy.close()


def test_opening_with_a_reason_takes_a_backup_and_keeps_twenty(db_path: Path) -> None:
    for _ in range(23):
        open_database(db_path, backup_reason="open").dispose()
    taken = backups.list_backups(db_path)
    assert len(taken) == backups.KEEP_BACKUPS
    assert stat.S_IMODE(taken[-1].stat().st_mode) == 0o600
    copy = sqlite3.connect(taken[-1])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_default_location_follows_the_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_database_path() == data_folder() / "facilitator.sqlite3"
    monkeypatch.setenv("FACILITATOR_DB", "/tmp/elsewhere.sqlite3")
    assert default_database_path() == Path("/tmp/elsewhere.sqlite3")


def test_data_folder_matches_qt_app_data_location(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QStandardPaths

    qapp.setApplicationName("facilitator")
    qapp.setOrganizationName("")
    qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert Path(qt) == data_folder()


def test_checkpoint_empties_the_log_without_losing_anything(db: object) -> None:
    from facilitator.store.database import Database

    assert isinstance(db, Database) and db.path is not None
    wal = db.path.with_name(db.path.name + "-wal")
    with db.write() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
        session.execute(text("INSERT INTO probe VALUES (1), (2), (3)"))
    assert wal.stat().st_size > 0
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 8000
    db.checkpoint()
    copy = sqlite3.connect(f"{db.path.as_uri()}?mode=ro&immutable=1", uri=True)
    # immutable=1 ignores the log: the rows are in the main file itself after the checkpoint.
    assert copy.execute("SELECT count(*) FROM probe").fetchone()[0] == 3
    copy.close()
