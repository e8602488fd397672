"""Consistent copies of an SQLite event database (online backup API) and their rotation."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

KEEP_BACKUPS = 20
_REASON = re.compile(r"[^a-z0-9-]+")


def backups_folder(database: Path) -> Path:
    """Where the backups of one database file go: a folder beside it."""
    return database.parent / f"{database.stem}-backups"


def list_backups(database: Path) -> list[Path]:
    """The backups of a database, oldest first."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*.sqlite3"))


def copy_database(source: sqlite3.Connection, destination: Path) -> None:
    """Write a consistent copy of an open SQLite connection to `destination` (atomically)."""
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    if partial.exists():
        partial.unlink()
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, destination)


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
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    label = _REASON.sub("-", reason.lower()).strip("-") or "backup"
    destination = backups_folder(database) / f"{database.stem}-{stamp}-{label}.sqlite3"
    backup_engine(engine, destination)
    for old in list_backups(database)[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return destination


def backup_file(database: Path, destination: Path) -> None:
    """A consistent copy of a database file that may be in use by another process."""
    source = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        copy_database(source, destination)
    finally:
        source.close()


def restore_file(backup: Path, database: Path) -> None:
    """Put a backup in place of the database, page by page, so open readers stay consistent."""
    source = sqlite3.connect(f"{backup.absolute().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(database, timeout=15)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
