"""Consistent copies of an SQLite event database (online backup API) and their rotation.

Rolling backups go to `<name>-backups/`, the newest KEEP_BACKUPS kept; the copy of an event taken
before a restore replaced it goes to `<name>-backups/kept/` and is never deleted by the rotation.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from facilitator.store.integrity import companions, is_damage, read_only_connection

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


def private_folder(folder: Path) -> None:
    """Make `folder` (and a missing parent) readable by its owner only: backups name people."""
    if not folder.parent.is_dir():
        private_folder(folder.parent)
    folder.mkdir(mode=0o700, exist_ok=True)


def sync_folder(folder: Path) -> None:
    """Make a new name in `folder` durable (POSIX; Windows does so with the file)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: sqlite3.Connection, destination: Path) -> None:
    """Write a consistent copy of an open SQLite connection to `destination` (atomically)."""
    private_folder(destination.parent)
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
        sync_folder(destination.parent)
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

    A file too damaged for SQLite to copy is copied byte for byte, with its write-ahead log; any
    other failure (busy, a full disk) stops here, before the event is replaced.
    """
    destination = kept_folder(database) / backup_name(database, reason)
    try:
        backup_file(database, destination)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
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
    private_folder(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as out, source.open("rb") as data:
            while chunk := data.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, destination)
        sync_folder(destination.parent)
    finally:
        partial.unlink(missing_ok=True)


class FileInUse(Exception):
    """The event file cannot be replaced whole: another process may have it open."""


def restore_file(backup: Path, database: Path) -> None:
    """Put a backup in place of the database.

    Page by page through SQLite, so that connections other processes hold stay consistent (the
    backup is first brought to the event file's page size, which SQLite cannot change in a file
    in WAL mode). Only a file SQLite cannot write into any more (its first page is damaged) is
    replaced whole, and only when no log lies beside it: another process may be using that log.
    """
    with _at_page_size(backup, page_size(database)) as source:
        target = sqlite3.connect(database, timeout=15)
        try:
            source.backup(target)
            return
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
        finally:
            target.close()
        wal, shm, _journal = companions(database)
        if wal.exists() or shm.exists():
            raise FileInUse(str(database))
        partial = database.with_name(f".{database.name}.restoring")
        partial.unlink(missing_ok=True)
        copy_database(source, partial)
    try:
        os.chmod(partial, stat.S_IMODE(database.stat().st_mode))
        os.replace(partial, database)
        sync_folder(database.parent)
    finally:
        partial.unlink(missing_ok=True)


def page_size(database: Path) -> int | None:
    """The page size written in a database file's header, None when it cannot be read."""
    try:
        with database.open("rb") as handle:
            header = handle.read(18)
    except OSError:
        return None
    if len(header) < 18:
        return None
    size = int.from_bytes(header[16:18], "big")
    size = 65536 if size == 1 else size
    return size if 512 <= size <= 65536 and size & (size - 1) == 0 else None


@contextmanager
def _at_page_size(backup: Path, size: int | None) -> Iterator[sqlite3.Connection]:
    """A connection reading `backup`, or a temporary copy of it at page size `size`."""
    if size is None or page_size(backup) in (None, size):
        with read_only_connection(backup) as source:
            yield source
        return
    converted = backup.with_name(f".{backup.name}.{secrets.token_hex(4)}.converting")
    temporary = Path(tempfile.gettempdir()) / converted.name
    try:
        with read_only_connection(backup) as source:
            copy_database(source, temporary)
        conn = sqlite3.connect(temporary)
        try:
            conn.execute(f"PRAGMA page_size = {int(size)}")
            conn.execute("VACUUM")
        finally:
            conn.close()
        with read_only_connection(temporary, immutable=True) as source:
            yield source
    finally:
        temporary.unlink(missing_ok=True)
