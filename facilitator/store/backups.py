"""Consistent copies of an SQLite event database (online backup API) and their rotation.

Rolling backups go to `<name>-backups/`, the newest KEEP_BACKUPS kept; the copy of an event taken
before a restore replaced it goes to `<name>-backups/kept/` and is never deleted by the rotation.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from facilitator.store.integrity import companions, read_only_connection

KEEP_BACKUPS = 20
KEPT_FOLDER = "kept"
_REASON = re.compile(r"[^a-z0-9-]+")


def backups_folder(database: Path) -> Path:
    """Where the backups of one database file go: a folder beside it."""
    return database.parent / f"{database.stem}-backups"


def kept_folder(database: Path) -> Path:
    """Where copies that the rotation never deletes go (an event as it was before a restore)."""
    return backups_folder(database) / KEPT_FOLDER


def list_backups(database: Path) -> list[Path]:
    """The rolling backups of a database, oldest first."""
    return _backups_in(backups_folder(database), database)


def list_kept(database: Path) -> list[Path]:
    """The copies kept apart from the rotation, oldest first."""
    return _backups_in(kept_folder(database), database)


def all_backups(database: Path) -> list[Path]:
    """Rolling backups and kept copies together, oldest first (by the time in their names)."""
    return sorted(
        list_backups(database) + list_kept(database),
        key=lambda path: (path.name[len(database.stem) :], str(path)),
    )


def _backups_in(folder: Path, database: Path) -> list[Path]:
    try:
        if not folder.is_dir():
            return []
        return sorted(folder.glob(f"{database.stem}-*.sqlite3"))
    except OSError:  # an unreadable folder holds no backup we could use
        return []


def backup_name(database: Path, reason: str) -> str:
    """`<name>-<date>-<time>-<microseconds>-<reason>.sqlite3`: sorts by time, says why."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    label = _REASON.sub("-", reason.lower()).strip("-") or "backup"
    return f"{database.stem}-{stamp}-{label}.sqlite3"


def copy_database(source: sqlite3.Connection, destination: Path) -> None:
    """Write a consistent copy of an open SQLite connection to `destination` (atomically)."""
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    if partial.exists():
        partial.unlink()
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    finally:
        for leftover in [partial, *companions(partial)]:
            leftover.unlink(missing_ok=True)


def backup_engine(engine: Engine, destination: Path) -> None:
    """A consistent copy of the database behind an engine."""
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        assert isinstance(dbapi, sqlite3.Connection)
        copy_database(dbapi, destination)
    finally:
        raw.close()


def rotate_backup(engine: Engine, database: Path, reason: str) -> Path:
    """Take a backup named after its time and reason, keeping the newest KEEP_BACKUPS."""
    destination = backups_folder(database) / backup_name(database, reason)
    backup_engine(engine, destination)
    for old in list_backups(database)[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return destination


def backup_file(database: Path, destination: Path) -> None:
    """A consistent copy of a database file that may be in use by another process."""
    with read_only_connection(database) as source:
        copy_database(source, destination)


def keep_copy(database: Path, reason: str) -> Path:
    """Copy an event file into the kept folder before it is replaced; returns the copy.

    A file too damaged for SQLite to copy is copied byte for byte, with its write-ahead log.
    """
    destination = kept_folder(database) / backup_name(database, reason)
    try:
        backup_file(database, destination)
    except sqlite3.DatabaseError:
        destination = destination.with_name(destination.stem + "-damaged.sqlite3")
        for source, target in zip(
            [database, *companions(database)[:1]],
            [destination, *companions(destination)[:1]],
            strict=True,
        ):
            if source.exists():
                _copy_bytes(source, target)
    return destination


def _copy_bytes(source: Path, destination: Path) -> None:
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(destination, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as data:
        while chunk := data.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def restore_file(backup: Path, database: Path) -> None:
    """Put a backup in place of the database.

    Page by page through SQLite when the current file can take it, so that connections other
    processes hold stay consistent; a file SQLite cannot write into any more (its first page is
    damaged) is replaced whole, its stale log removed first so that it is never replayed.
    """
    with read_only_connection(backup) as source:
        target = sqlite3.connect(database, timeout=15)
        try:
            source.backup(target)
            return
        except sqlite3.DatabaseError:
            pass
        finally:
            target.close()
        partial = database.with_name(f".{database.name}.restoring")
        partial.unlink(missing_ok=True)
        copy_database(source, partial)
    for companion in companions(database):
        companion.unlink(missing_ok=True)
    os.replace(partial, database)
